"""`kyoso check-email --csv` on a 100,000-row roster: time and peak memory, against the same
command on a 1,000-row roster run side by side (the ratio shows how it scales).

    python benchmarks/bench_csv.py [ROWS]     (default 100000)
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def roster(path: Path, rows: int) -> Path:
    lines = ["番号,氏名,メールアドレス"] + [
        f"{n},職員{n},s{n}@{'city.hakodate.lg.jp' if n % 3 else 'gmail.com'}"
        for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path) -> tuple[float, int]:
    """Seconds and the child's peak resident memory (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kyoso_desktop", "check-email", "--offline", "--json",
                    "--csv", str(path)], stdout=subprocess.DEVNULL, check=False, timeout=1800)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        small = roster(Path(folder) / "small.csv", 1_000)
        large = roster(Path(folder) / "large.csv", rows)
        small_time, small_peak = run(small)
        large_time, large_peak = run(large)
    print(f"1,000 rows: {small_time:.2f} s, peak {small_peak} MB")
    print(f"{rows:,} rows: {large_time:.2f} s, peak {large_peak} MB "
          f"(time ratio {large_time / small_time:.1f}x for {rows / 1000:.0f}x the rows)")


if __name__ == "__main__":
    main()
