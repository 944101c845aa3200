"""One window per user: a second start brings the first window forward and ends.

The first instance holds a file lock in the user's data folder for its lifetime (released by the
OS when the process ends, even after a crash) and, once its window is painted, watches that
folder. A second instance that cannot take the lock leaves a request file there and waits for
the first to take it. Files only: no socket, no port, nothing a firewall or the bundle's missing
QtNetwork could stop.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from kyoso_desktop.core.common.store import data_dir

LOCK_FILE = "window.lock"
REQUEST_FILE = "window.show-request"


def claim() -> Any | None:
    """The held lock when this is the only window, else None (another one runs)."""
    from filelock import FileLock, Timeout

    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / LOCK_FILE, timeout=0)
        lock.acquire()
    except Timeout:
        return None
    except OSError:  # the folder cannot be written: no single-instance guard, start anyway
        return object()
    return lock


def bring_forward(wait_seconds: float = 3.0) -> bool:
    """Ask the running window to come forward; False when it does not take the request."""
    request = data_dir() / REQUEST_FILE
    try:
        request.write_bytes(b"show\n")
    except OSError:
        return False
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if not request.exists():
            return True
        time.sleep(0.05)
    request.unlink(missing_ok=True)
    return False


def _take_request(request: Path) -> bool:
    """True once per request (the first to remove the file takes it)."""
    try:
        request.unlink()
    except OSError:  # not there (any other change in the folder), or not removable
        return False
    return True


def serve(window: Any) -> Any:
    """Watch for later starts and bring `window` forward for each (after the first paint)."""
    from PySide6.QtCore import QFileSystemWatcher, Qt

    folder = data_dir()
    request = folder / REQUEST_FILE
    _take_request(request)  # left by a start that gave up
    watcher = QFileSystemWatcher([str(folder)], window)

    def forward() -> None:
        if not _take_request(request):
            return
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    watcher.directoryChanged.connect(lambda _path: forward())
    return watcher
