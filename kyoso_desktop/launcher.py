"""`kyoso`: the window when no subcommand is given, else the command line.

The only module that knows both the Qt window (`kyoso_desktop.ui`) and the CLI, which never
imports Qt; without PySide6 installed every subcommand still works.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kyoso_desktop.window_args import wants_window


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `kyoso` and `python -m kyoso_desktop`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--isolated"]:  # a child process for untrusted work (core.common.isolation)
        from kyoso_desktop.core.common.isolation import serve

        status = serve(args[1:])
    elif wants_window(args):
        status = _window([a for a in args if a != "gui"])
    else:
        from kyoso_desktop.cli import main as cli_main

        status = cli_main(args)
    if argv is None:
        sys.exit(status)
    return status


def _window(args: list[str]) -> int:
    try:
        from kyoso_desktop.ui.app import main as gui_main
    except ImportError as exc:  # a CLI-only installation (no PySide6)
        from kyoso_desktop.core.common import i18n
        from kyoso_desktop.core.common.settings import choose_language

        i18n.set_language(choose_language(i18n.requested_language(args)))
        print(i18n._("The window cannot open: Qt for Python (PySide6) is not installed "
                     "({error}). The commands work without it: see kyoso --help.").format(
            error=exc.name or exc), file=sys.stderr)
        return 2
    return gui_main(args)
