"""`kyoso manual`: the manual (操作マニュアル) made from the app's own screens, as PDF or HTML.

The screens are rendered by Qt in a separate process (this command line never loads Qt), with a
throw-away data folder and no network.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kyoso_desktop.cli.output import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    manual = commands.add_parser(
        "manual", parents=[common], help=_("write the manual (PDF or HTML) made from the app"),
        description=_("Render every screen and dialog of the app with sample data and the "
                      "guide numbers, and write the manual: cover, contents, a section per "
                      "screen (what to do, what each numbered control is, common problems), "
                      "the helpdesk chapter and the guide. --lang chooses its language. "
                      "Exit status: 0; 2 for a file that cannot be written; 70 when the "
                      "screens cannot be rendered."))
    manual.add_argument("--format", choices=("pdf", "html"), default=None,
                        help=_("pdf or html (default: from the file name, else pdf)"))
    manual.add_argument("--out", dest="manual_file", metavar="FILE", required=True,
                        help=_("the file to write, e.g. manual.pdf"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.common.oserrors import error_text
    from kyoso_desktop.core.helpdesk.manual import ManualError, make_manual

    target = Path(args.manual_file)
    fmt = args.format or ("html" if target.suffix.lower() in (".html", ".htm") else "pdf")
    if not target.parent.is_dir():
        print(_("{file}: the folder does not exist").format(file=target), file=sys.stderr)
        return EXIT_USAGE
    print(_("Rendering the screens and writing the manual…"), file=sys.stderr)
    try:
        make_manual(i18n.get_language(), fmt, target)
    except ManualError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE if exc.code == "no_qt" else EXIT_INTERNAL
    except OSError as exc:
        print(_("{file} could not be written: {error}").format(
            file=target, error=error_text(exc, i18n.get_language())), file=sys.stderr)
        return EXIT_USAGE
    print(_("Manual written: {file}").format(file=target))
    return EXIT_OK
