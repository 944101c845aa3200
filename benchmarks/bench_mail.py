"""Saved-mail check on hostile mails against a real invitation, side by side in one run.

    python benchmarks/bench_mail.py

Prints, per case, the time and the peak memory of checking it in a fresh process, and the time
as a ratio to the genuine invitation (the baseline, run alternately with each case).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import mailcorpus as corpus  # noqa: E402
from tests.unit.test_hostile_mail import CASES, CHECK, make  # noqa: E402


def measure(path: Path) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", CHECK, str(path)], capture_output=True,
                         text=True, timeout=120, check=True).stdout.split()
    return float(out[1]), int(out[2])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "invitation.eml"
        baseline.write_bytes(corpus.invitation())
        print(f"{'case':34} {'seconds':>8} {'ratio':>7} {'peak MB':>8}")
        for case in CASES:
            path = Path(folder) / f"{case}.eml"
            path.write_bytes(make(case))
            times, bases, peaks = [], [], []
            for _ in range(3):
                seconds, peak = measure(path)
                base, _base_peak = measure(baseline)
                times.append(seconds), bases.append(base), peaks.append(peak)
            ratio = statistics.median(times) / max(statistics.median(bases), 1e-3)
            print(f"{case:34} {statistics.median(times):8.2f} {ratio:6.1f}x {max(peaks):8d}")


if __name__ == "__main__":
    main()
