"""Connection check with every endpoint black-holed: the total run against the sum of the
individual probe times, in one run (goal: total ≤ one probe timeout + 1 s).

    python benchmarks/bench_diagnose.py [TIMEOUT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kyoso_desktop.core.netdiag.probes import Options
from kyoso_desktop.core.netdiag.profile import Endpoint, Profile, default_profile
from kyoso_desktop.core.netdiag.proxy import discover
from kyoso_desktop.core.netdiag.runner import run
from tests.integration.slack_servers import BlackHole


def main() -> None:
    timeout = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    with BlackHole() as hole:
        hosts = default_profile().hosts
        profile = Profile("black hole", tuple(Endpoint(h, hole.port) for h in hosts), (),
                          timeout)
        options = Options(timeout=timeout, resolve={(h, hole.port): "127.0.0.1"
                                                    for h in hosts})
        started = time.monotonic()
        diagnosis = run(profile, discover(disabled=True), options, lang="en")
        total = time.monotonic() - started
    probe_sum = sum(c.elapsed_ms for c in diagnosis.checks) / 1000
    print(f"{len(hosts)} endpoints black-holed, probe timeout {timeout:.1f} s")
    print(f"total {total:.2f} s; sum of the probe times {probe_sum:.2f} s; "
          f"ratio {total / probe_sum:.2f}")
    print(f"total - timeout = {total - timeout:+.2f} s (goal <= +1.00 s)")


if __name__ == "__main__":
    main()
