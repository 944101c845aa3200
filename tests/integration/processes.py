"""Helpers for the real servers the tests start (dovecot, squid)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def reachable_by_others(folder: Path) -> None:
    """Let a server that drops root privileges reach its folder under a private temp dir."""
    for parent in folder.parents:
        if str(parent) in ("/", "/tmp"):
            break
        os.chmod(parent, os.stat(parent).st_mode | 0o005)


def wait_for_port(process: subprocess.Popen, port: int, log: Callable[[], str], name: str,
                  seconds: float = 20) -> None:
    """Until the server accepts connections on 127.0.0.1:port; its log if it dies or hangs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped: {log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError(f"{name} did not start: {log()}")
