"""One window per user: a second start brings the first window forward and ends (two real
processes), and a crashed first window does not lock the user out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals in the test")


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "KYOSO_DATA_DIR": str(tmp_path / "data"),
            "KYOSO_CONFIG_DIR": str(tmp_path / "config"), "KYOSO_LOG_DIR": str(tmp_path / "log"),
            "KYOSO_MANAGED_CONFIG": str(tmp_path / "managed.toml"), "QT_QPA_PLATFORM": "offscreen"}


def _start(env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kyoso_desktop", "--offline", *extra], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_until_painted(first: subprocess.Popen[bytes], log_folder: Path) -> None:
    """The log folder is made after the first paint, right when the window starts listening."""
    deadline = time.monotonic() + 60
    while not log_folder.exists():
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline, "the first window never painted"
        time.sleep(0.2)
    time.sleep(1.0)


def test_second_start_hands_over_to_the_running_window_and_a_crash_frees_it(tmp_path):
    env = _env(tmp_path)
    first = _start(env)
    try:
        _wait_until_painted(first, tmp_path / "log")
        # without --quit-after-show a second window would stay open: ending in time means it
        # handed over to the first one
        second = _start(env)
        try:
            _out, err = second.communicate(timeout=45)
        except subprocess.TimeoutExpired:
            second.kill()
            second.communicate()
            pytest.fail("the second start opened its own window")
        assert second.returncode == 0, err
        assert first.poll() is None, "the first window must stay open"
    finally:
        first.send_signal(signal.SIGKILL)  # a crash: the OS drops the lock
        first.communicate(timeout=30)
    after_crash = subprocess.run(
        [sys.executable, "-m", "kyoso_desktop", "--offline", "--quit-after-show"], env=env,
        capture_output=True, timeout=60)
    assert after_crash.returncode == 0, after_crash.stderr
    log_file = tmp_path / "log" / "kyoso.log"
    assert not log_file.exists() or "another window" not in log_file.read_text(encoding="utf-8")


def test_a_request_restores_a_minimised_window_once(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from kyoso_desktop.ui import single_instance

    lock = single_instance.claim()
    assert lock is not None and single_instance.claim() is None  # held: a second start yields
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    single_instance.serve(window)
    window.setWindowState(Qt.WindowState.WindowMinimized)
    request = single_instance.data_dir() / single_instance.REQUEST_FILE
    request.write_bytes(b"show\n")
    qtbot.waitUntil(lambda: not request.exists(), timeout=10_000)
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    lock.release()
    assert single_instance.claim() is not None
