"""`kyoso check-invitation`: are these saved mails the genuine Slack invitation?"""

from __future__ import annotations

import argparse

from kyoso_desktop.cli.output import (
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_UNREADABLE,
    add_out_argument,
    write_json,
)
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    invitation = commands.add_parser(
        "check-invitation", parents=[common],
        help=_("check whether saved mails (.eml, .msg) are the genuine Slack invitation"),
        description=_("Check saved mails offline: genuine, likely_genuine, sanitized, "
                      "suspicious, not_invitation or unreadable. Exit status: 0 all genuine, "
                      "likely genuine or sanitized; 1 any suspicious; 4 any unreadable; 2 usage "
                      "error."))
    invitation.add_argument("files", nargs="+", metavar="FILE", help=_("saved mail files"))
    invitation.add_argument("--json", action="store_true",
                            help=_("print one JSON array, an object per file"))
    add_out_argument(invitation)
    invitation.add_argument("--trusted-authserv", action="append", default=[], metavar="ID",
                            help=_("authserv-id of your own mail server, whose "
                                   "Authentication-Results can be trusted (repeatable)"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.common.settings import load_settings
    from kyoso_desktop.core.invitation.linkaid import text_chunks
    from kyoso_desktop.core.invitation.mailcheck import VERDICT_TEXTS, check_file

    settings, _problem = load_settings()
    trusted = frozenset(a.lower() for a in [*args.trusted_authserv, *settings.trusted_authserv])
    results = [check_file(path, trusted_authserv=trusted, lang=i18n.get_language())
               for path in args.files]
    if args.json:
        write_json([r.to_dict() for r in results])
    else:
        for result in results:
            print(f"{result.file}: {_(VERDICT_TEXTS[result.verdict])}")
            for reason in result.reasons:
                print(f"    - {reason.message}")
            if result.join_url:
                print("    " + _("Join link: {url}").format(url=result.join_url))
                print("    " + _("In groups of four, for typing:"))
                for line in text_chunks(result.join_url,
                                        lang=i18n.get_language()).splitlines():
                    print(f"      {line}")
    verdicts = {r.verdict for r in results}
    if "unreadable" in verdicts:
        return EXIT_UNREADABLE
    return EXIT_REJECTED if "suspicious" in verdicts else EXIT_OK
