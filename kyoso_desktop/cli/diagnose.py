"""`kyoso diagnose`: the connection check on the console (the same session as the window)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kyoso_desktop.cli.output import EXIT_FAILED, EXIT_OK, EXIT_REJECTED, write_json
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _

if TYPE_CHECKING:
    from kyoso_desktop.core.netdiag.model import Diagnosis

EXIT_WARNING = EXIT_REJECTED
MARKS = {"ok": "[OK]", "skipped": "[--]"}


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    diagnose = commands.add_parser(
        "diagnose", parents=[common],
        help=_("check the connection from this PC to Slack (proxy, DNS, TLS, WebSocket)"),
        description=_("Check the route from this PC to the platform's Slack hosts. Exit status: "
                      "0 ok, 1 warnings, 3 failed, 2 usage error."))
    diagnose.add_argument("--json", action="store_true", help=_("print one JSON object"))
    diagnose.add_argument("--profile", metavar="FILE",
                          help=_("hosts to check (TOML or JSON; see docs/cli.md)"))
    route = diagnose.add_mutually_exclusive_group()
    route.add_argument("--proxy", metavar="URL",
                       help=_("use this proxy, e.g. http://user:pass@proxy:8080"))
    route.add_argument("--no-proxy", action="store_true", help=_("connect directly"))
    diagnose.add_argument("--pac", metavar="URL|FILE",
                          help=_("proxy auto-configuration script to use"))
    diagnose.add_argument("--ca-file", metavar="PEM",
                          help=_("an extra CA certificate to trust, besides the OS's"))
    diagnose.add_argument("--resolve", action="append", default=[], metavar="HOST:PORT:ADDR",
                          help=_("connect to ADDR for HOST:PORT (SNI and Host stay HOST)"))
    diagnose.add_argument("--timeout", type=float, metavar="SECONDS",
                          help=_("time limit per host (default: the profile's)"))
    diagnose.add_argument("--dns-server", metavar="ADDR[:PORT]",
                          help=_("DNS server to use instead of the OS resolver"))
    diagnose.add_argument("--decode", metavar="CODE",
                          help=_("print what a support code says, and check nothing"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.decode:
        return _decode(parser, args.decode, args.json)
    from datetime import date

    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.common.settings import load_settings
    from kyoso_desktop.core.invitation.timeline import newest_state
    from kyoso_desktop.core.netdiag import session
    from kyoso_desktop.core.registration.records import ApplicationStore

    settings, _problem = load_settings()
    request = session.Request(profile_file=args.profile, proxy=args.proxy,
                              no_proxy=args.no_proxy, pac=args.pac, ca_file=args.ca_file,
                              resolve=args.resolve, timeout=args.timeout,
                              dns_server=args.dns_server)
    try:
        plan = session.prepare(request, settings)
    except session.SessionError as exc:
        parser.error(str(exc))
    records, _problem = ApplicationStore().records()
    state = newest_state(records, date.today(), default_policy())
    diagnosis = session.run(plan, lang=i18n.get_language(), invitation_state=state)
    if args.json:
        write_json(diagnosis.to_dict())
    else:
        _print(diagnosis)
    return {"ok": EXIT_OK, "warning": EXIT_WARNING}.get(diagnosis.verdict, EXIT_FAILED)


def _print(diagnosis: Diagnosis) -> None:
    from kyoso_desktop.core.netdiag.model import VERDICT_TEXTS

    print(_(VERDICT_TEXTS[diagnosis.verdict]))
    print(_("Support code: {code}").format(code=diagnosis.support_code))
    print()
    for check in diagnosis.checks:
        mark = MARKS.get(check.status, "[!!]")
        where = f"{check.host}:{check.port}" if check.host else ""
        print(f"{mark} {check.kind:<9} {where:<32} {check.status:<20} {check.detail}")
    for finding in diagnosis.findings:
        print()
        print(f"* {finding.title}")
        print(f"  {finding.remedy}")


def _decode(parser: argparse.ArgumentParser, code: str, as_json: bool) -> int:
    from kyoso_desktop.core.helpdesk.decode import explain
    from kyoso_desktop.core.netdiag.supportcode import SupportCodeError

    try:
        explanation = explain(code)
    except SupportCodeError as exc:
        parser.error(_("{code} is not a valid support code: {reason}").format(
            code=code, reason=exc))
    lang = i18n.get_language()
    if as_json:
        write_json(explanation.to_dict(lang))
        return EXIT_OK
    decoded = explanation.decoded
    for kind, (status, count) in decoded.kinds.items():
        print(f"{kind:<9} {status:<20} " + _("{count} host(s) not ok").format(count=count))
    print(_("Proxy used: {answer}").format(answer=_("yes") if decoded.proxy_used else _("no")))
    print(_("Invitation: {state}").format(state=explanation.invitation_text(lang)))
    for finding in explanation.spoken_findings(lang):
        print(f"* {finding.title}")
        print(f"  {finding.remedy}")
    return EXIT_OK
