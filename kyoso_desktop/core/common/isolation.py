"""Run CPU-bound work on untrusted input (a PAC script) in a child process with a deadline and
a memory cap: the interpreter lock makes a thread no protection, a process is.

The parent sends a JSON payload on standard input and reads a JSON answer from standard output.
The child is this app itself: `python -m kyoso_desktop --isolated TASK`, or the frozen `kyoso`
executable next to the running one.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from kyoso_desktop.core.common.errors import KyosoError

# task → "module:function" taking and returning JSON-able dicts (imported in the child only)
TASKS = {"pac": "kyoso_desktop.core.netdiag.proxy:evaluate_pac_task",
         "mailcheck": "kyoso_desktop.core.invitation.mailcheck:check_file_task"}
MEMORY_LIMIT_MB = 512


class IsolationError(KyosoError):
    """The child did not answer in time (code "timeout") or failed ("failed")."""


def command(task: str) -> list[str]:
    """How to start a child for `task`."""
    if getattr(sys, "frozen", False):
        name = "kyoso.exe" if sys.platform == "win32" else "kyoso"
        return [str(Path(sys.executable).with_name(name)), "--isolated", task]
    return [sys.executable, "-m", "kyoso_desktop", "--isolated", task]


def qt_helper_command(flag: str, module: str) -> list[str] | None:
    """How to run a Qt helper (printing a PDF, rendering the manual) in its own process: the
    frozen window program with `flag`, or `python -m module`; None without Qt for Python."""
    import importlib.util

    if getattr(sys, "frozen", False):
        name = "kyoso-desktop.exe" if sys.platform == "win32" else "kyoso-desktop"
        return [str(Path(sys.executable).with_name(name)), flag]
    if importlib.util.find_spec("PySide6") is None:
        return None
    return [sys.executable, "-m", module]


def _limit_memory() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    limit = MEMORY_LIMIT_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(task: str, payload: dict[str, Any], timeout: float) -> dict[str, Any]:
    """The child's answer; IsolationError when it overruns `timeout` or fails."""
    options: dict[str, Any] = {}
    if sys.platform == "win32":
        options["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        options["preexec_fn"] = _limit_memory
    try:
        done = subprocess.run(command(task), input=json.dumps(payload).encode("utf-8"),
                              capture_output=True, timeout=timeout, check=False, **options)
    except subprocess.TimeoutExpired as exc:  # the child is killed by run()
        raise IsolationError(f"no answer within {timeout:g} s", "timeout") from exc
    except OSError as exc:
        raise IsolationError(f"cannot start ({exc})", "failed") from exc
    try:
        answer = json.loads(done.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise IsolationError(f"failed (exit {done.returncode})", "failed") from exc
    if done.returncode != 0 or not isinstance(answer, dict):
        raise IsolationError(f"failed (exit {done.returncode})", "failed")
    return answer


def serve(argv: list[str]) -> int:
    """The child's side: `--isolated TASK`, payload on standard input, answer on output."""
    if len(argv) != 1 or argv[0] not in TASKS:
        return 2
    module, _, function = TASKS[argv[0]].partition(":")
    work = getattr(importlib.import_module(module), function)
    payload = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    sys.stdout.buffer.write(json.dumps(work(payload)).encode("utf-8"))
    sys.stdout.flush()
    return 0
