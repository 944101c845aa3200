"""Start-up: `kyoso-desktop --quit-after-show` against a bare PySide6 window, alternated.

    python benchmarks/bench_startup.py [ROUNDS]    (default 10; goal: median ratio ≤ 1.2)

Both run from compiled bytecode, as an installed app does: the package is compiled first and
PYTHONDONTWRITEBYTECODE (set on some machines) is dropped, so that neither side pays for
compiling sources on every start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class W(QMainWindow):
    done = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not self.done:
            self.done = True
            QTimer.singleShot(0, app.quit)
app = QApplication(sys.argv)
w = W(); w.resize(960, 640); w.show()
sys.exit(app.exec())
"""


def app_command() -> list[str]:
    """The installed `kyoso-desktop` entry point, else the same module run directly."""
    script = Path(sys.executable).with_name("kyoso-desktop")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from kyoso_desktop.ui.app import main; "
            "sys.exit(main())"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=60)
    return time.perf_counter() - started


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    import compileall

    import kyoso_desktop

    compileall.compile_dir(str(Path(kyoso_desktop.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "KYOSO_CONFIG_DIR": home, "KYOSO_DATA_DIR": home, "KYOSO_LOG_DIR": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        app_cmd = [*app_command(), "--quit-after-show", "--offline"]
        bare_cmd = [sys.executable, "-c", BARE]
        timed(app_cmd, env), timed(bare_cmd, env)  # warm the file cache
        ratios, apps, bares = [], [], []
        for _ in range(rounds):
            a, b = timed(app_cmd, env), timed(bare_cmd, env)
            apps.append(a), bares.append(b), ratios.append(a / b)
    print(f"median app {statistics.median(apps):.3f} s, bare QMainWindow "
          f"{statistics.median(bares):.3f} s")
    print(f"median ratio app/bare: {statistics.median(ratios):.2f}x (goal <= 1.2x)")


if __name__ == "__main__":
    main()
