"""`kyoso SUBCOMMAND`: parse, dispatch to the subcommand's module, turn failures into exit codes.

Never shows a traceback: an unexpected error is logged and the user told where. Never imports
Qt: the window is opened by the launcher (`kyoso_desktop.launcher`), not here.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from kyoso_desktop import __version__
from kyoso_desktop.cli import (
    about,
    check_email,
    check_invitation,
    diagnose,
    forget,
    helpdesk,
    manual,
    status,
)
from kyoso_desktop.cli.output import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    configure_streams,
)
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import N_, _

log = logging.getLogger(__name__)

# argparse's own texts, so that they are extracted into our catalogs and shown translated.
ARGPARSE_TEXTS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"), N_("expected at least one argument"),
)
# subcommand → its module (each has `register(commands, common)` and `run(parser, args)`)
SUBCOMMANDS: dict[str, ModuleType] = {
    "check-email": check_email, "status": status, "diagnose": diagnose,
    "check-invitation": check_invitation, "about": about, "forget": forget,
    "helpdesk": helpdesk, "manual": manual,
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, in the current language."""
    i18n.translate_argparse()
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=_("language of messages: ja (default) or en"))
    parser = argparse.ArgumentParser(
        prog="kyoso", parents=[common],
        description=_("Kyoso Desktop: join the Digital Agency's co-creation platform (共創PF). "
                      "Without a subcommand the window opens."),
    )
    parser.add_argument("--version", action="version", version=f"kyoso {__version__}",
                        help=_("show program's version number and exit"))
    commands = parser.add_subparsers(dest="command", title=_("subcommands"), metavar="COMMAND")
    commands.add_parser("gui", parents=[common], help=_("open the window (default)"),
                        description=_("Open the Kyoso Desktop window."))
    # the order of the help text: the email check first, as before
    for name in ("check-email", "status", "diagnose", "check-invitation", "helpdesk", "manual",
                 "about", "forget"):
        SUBCOMMANDS[name].register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; returns the exit status (and exits with it when argv is None)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    status_code = guarded(lambda: _run(args_list))
    if argv is None:
        sys.exit(status_code)
    return status_code


def guarded(work: Callable[[], int]) -> int:
    """The exit status of `work`; interruptions, closed pipes and bugs become exit codes."""
    try:
        return work()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into e.g. `head`: not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the interpreter closes it)
        return EXIT_OK
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except Exception as exc:  # never show a traceback: log it and say where it is
        from kyoso_desktop.core.common.logs import log_exception

        print(_("An unexpected error occurred. Details were written to: {path}").format(
            path=log_exception(exc) or "-"), file=sys.stderr)
        return EXIT_INTERNAL


def _run(argv: list[str]) -> int:
    from kyoso_desktop.core.common.logs import setup_logging
    from kyoso_desktop.core.common.settings import choose_language, managed_problems

    setup_logging()
    i18n.set_language(choose_language(i18n.requested_language(argv)))
    for problem in managed_problems():
        print(_("The IT department's settings file could not be used: {problem}").format(
            problem=problem), file=sys.stderr)
    configure_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    module = SUBCOMMANDS.get(args.command or "")
    if module is None:  # no subcommand, or `gui`: the window is the launcher's business
        parser.print_help()
        return EXIT_USAGE
    log.debug("kyoso %s", args.command)
    out = None if getattr(args, "csv", None) else getattr(args, "out", None)
    if not out or out == "-":
        return int(module.run(parser, args))
    try:  # UTF-8 without a BOM, whatever the console's code page
        target = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        from kyoso_desktop.core.common.oserrors import error_text

        print(_("{file} could not be written: {error}").format(
            file=out, error=error_text(exc, i18n.get_language())), file=sys.stderr)
        return EXIT_USAGE
    with target, contextlib.redirect_stdout(target):
        return int(module.run(parser, args))
