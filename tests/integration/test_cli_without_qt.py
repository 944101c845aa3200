"""No `kyoso` subcommand loads Qt: each one runs in a fresh interpreter, which then lists the
Qt modules it holds (there must be none). CI also runs the CLI tests where PySide6 is absent."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from tests import mailcorpus as corpus

pytestmark = pytest.mark.network

PROBE = ("import sys; from kyoso_desktop.launcher import main; status = main(sys.argv[1:]); "
         "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
         "('PySide6', 'shiboken6') or m.startswith('kyoso_desktop.ui')); "
         "sys.stderr.write('QT-MODULES:' + ','.join(qt)); sys.exit(status)")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def qt_modules_after(*args: str) -> tuple[int, list[str]]:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, timeout=90)
    tail = run.stderr.decode("utf-8", "replace").rsplit("QT-MODULES:", 1)
    assert len(tail) == 2, run.stderr.decode("utf-8", "replace")
    return run.returncode, [m for m in tail[1].split(",") if m]


def test_every_subcommand_runs_without_qt(tmp_path):
    mail = tmp_path / "invite.eml"
    mail.write_bytes(corpus.invitation())
    profile = tmp_path / "profile.toml"
    port = closed_port()
    profile.write_text(f'[[endpoints]]\nhost = "app.slack.com"\nport = {port}\n')
    code = json.loads(subprocess.run(
        [sys.executable, "-m", "kyoso_desktop", "diagnose", "--json", "--profile", str(profile),
         "--resolve", f"app.slack.com:{port}:127.0.0.1", "--timeout", "2", "--no-proxy"],
        capture_output=True, timeout=90).stdout)["summary"]["support_code"]
    commands = [
        ["--help"], ["--version"],
        ["check-email", "--offline", "taro@city.hakodate.lg.jp"],
        ["check-email", "--offline", "--json", "x@gmail.com"],
        ["status"], ["status", "--json"],
        ["check-invitation", str(mail)],
        ["diagnose", "--decode", code],
        ["diagnose", "--profile", str(profile), "--resolve", f"app.slack.com:{port}:127.0.0.1",
         "--timeout", "2", "--no-proxy"],
        ["about"], ["about", "--json"],
    ]
    for command in commands:
        status, qt = qt_modules_after(*command)
        assert qt == [], (command, qt)
        assert status in (0, 1, 3), (command, status)


def test_the_probe_does_see_qt():
    """Guard against a probe that can never fail: the window's module does load Qt."""
    pytest.importorskip("PySide6")
    run = subprocess.run([sys.executable, "-c", "import sys, kyoso_desktop.ui.workers; "
                          "print(any(m.startswith('PySide6') for m in sys.modules))"],
                         capture_output=True, text=True, timeout=90)
    assert run.stdout.strip() == "True"
