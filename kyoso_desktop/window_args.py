"""The window's command line, without Qt: which command lines open the window, and the window's
own options (everything else, e.g. `-platform offscreen`, goes to Qt). Shared by the `kyoso`
launcher and `kyoso-desktop`."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _

GUI_FLAGS = ("--offline", "--quit-after-show", "--guide-numbers", "--phone-mode")
GUI_VALUES: dict[str, tuple[str, ...] | None] = {"--lang": i18n.LANGUAGES, "--screenshot": None}


def wants_window(argv: Sequence[str]) -> bool:
    """No subcommand (or `gui`), and no --help/--version: Qt options like -platform X pass."""
    if {"-h", "--help", "--version"} & set(argv):
        return False
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg in GUI_VALUES or (arg.startswith("-") and not arg.startswith("--")):
            skip_next = True  # its value follows (Qt's options are single-dash: -platform X)
        elif not arg.startswith("-"):
            return arg == "gui"
    return True


def parse_gui_args(argv: Sequence[str]) -> tuple[SimpleNamespace, list[str]]:
    """Our options; everything else (e.g. -platform offscreen) goes to Qt."""
    return parse_simple_gui_args(argv) or parse_gui_args_fully(argv)


def parse_simple_gui_args(argv: Sequence[str]) -> tuple[SimpleNamespace, list[str]] | None:
    """The usual command lines without argparse (a start-up cost); None: let argparse do it."""
    values: dict[str, Any] = {"lang": None, "offline": False, "quit_after_show": False,
                              "screenshot": None, "guide_numbers": False, "phone_mode": False}
    qt_args: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in GUI_FLAGS:
            values[arg[2:].replace("-", "_")] = True
        elif arg in GUI_VALUES and args and not args[0].startswith("-"):
            allowed, value = GUI_VALUES[arg], args.pop(0)
            if allowed is not None and value not in allowed:
                return None  # argparse explains the error
            values[arg[2:]] = value
        elif arg.startswith("-") and not arg.startswith("--") and arg != "-h":
            qt_args.append(arg)  # Qt's own options are single-dash, e.g. -platform offscreen
            if args and not args[0].startswith("-"):
                qt_args.append(args.pop(0))
        else:
            return None  # --help, an unknown option, a stray word
    return SimpleNamespace(**values), qt_args


def parse_gui_args_fully(argv: Sequence[str]) -> tuple[SimpleNamespace, list[str]]:
    """argparse, for --help and errors (explained in the user's language)."""
    import argparse

    i18n.translate_argparse()
    parser = argparse.ArgumentParser(prog="kyoso-desktop", add_help=True,
                                     description=_("Open the Kyoso Desktop window."))
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=_("language of messages: ja (default) or en"))
    parser.add_argument("--offline", action="store_true",
                        help=_("no network access in this session"))
    parser.add_argument("--quit-after-show", action="store_true",
                        help=_("exit 0 once the main window has been shown and painted"))
    parser.add_argument("--screenshot", metavar="PNG",
                        help=_("save a picture of the window once shown, then exit"))
    parser.add_argument("--guide-numbers", action="store_true",
                        help=_("show the guide numbers (案内番号) on every control"))
    parser.add_argument("--phone-mode", action="store_true",
                        help=_("phone mode (電話案内モード): larger place and support code, guide "
                               "numbers on"))
    known, rest = parser.parse_known_args(list(argv))
    return SimpleNamespace(**vars(known)), rest
