"""`kyoso helpdesk CODE`: what a support code says, and what to say to the caller."""

from __future__ import annotations

import argparse
import sys

from kyoso_desktop.cli.output import EXIT_OK, EXIT_USAGE, add_out_argument, write_json
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    helpdesk = commands.add_parser(
        "helpdesk", parents=[common],
        help=_("read a caller's support code: the situation, and what to say"),
        description=_("For helpdesk operators: decode the support code the caller reads out "
                      "and print the version, the application's state, the connection's "
                      "findings and a short script of what to tell the caller, including "
                      "whom to contact. Exit status: 0; 2 when the code cannot be read."))
    helpdesk.add_argument("code", metavar="CODE", help=_("the support code, e.g. "
                                                         "2400MC0-C20488T"))
    helpdesk.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_out_argument(helpdesk)


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.helpdesk.decode import explain
    from kyoso_desktop.core.helpdesk.scripts import connection_situations, script_for
    from kyoso_desktop.core.netdiag.supportcode import SupportCodeError

    lang = i18n.get_language()
    try:
        explanation = explain(args.code)
    except SupportCodeError as exc:
        print(_("Not a valid support code: {reason}").format(reason=exc), file=sys.stderr)
        return EXIT_USAGE
    policy = default_policy()
    script = script_for(explanation, lang, policy.secretariat_email,
                        policy.invitation_delay_business_days)
    decoded = explanation.decoded
    if args.json:
        email = None if decoded.email_verdict is None else {
            "verdict": decoded.email_verdict, "category": decoded.email_category}
        write_json({"code": explanation.code, "version": decoded.version,
                    "place": decoded.place, "email": email,
                    "invitation": {"state": decoded.invitation_state,
                                   "business_days_waited": decoded.business_days_waited},
                    "connection": {"checked": decoded.connection_checked,
                                   "situations": connection_situations(explanation),
                                   "proxy_used": decoded.proxy_used,
                                   "lgwan_side": decoded.lgwan_side},
                    "script": script.lines, "escalate": script.escalate})
        return EXIT_OK
    for line in explanation.situation_lines(lang):
        print(line)
    print(_("What to say:"))
    for number, line in enumerate(script.lines, 1):
        print(f"  {number}. {line}")
    return EXIT_OK

