"""`kyoso diagnose`: the connection check on the console (the same session as the window)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kyoso_desktop.cli.output import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    add_out_argument,
    write_json,
)
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _

if TYPE_CHECKING:
    from kyoso_desktop.core.netdiag.model import Diagnosis
    from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials

EXIT_WARNING = EXIT_REJECTED
MARKS = {"ok": "[OK]", "skipped": "[--]"}


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    diagnose = commands.add_parser(
        "diagnose", parents=[common],
        help=_("check the connection from this PC to Slack (proxy, DNS, TLS, WebSocket)"),
        description=_("Check the route from this PC to the platform's Slack hosts. Exit status: "
                      "0 ok, 1 warnings, 3 failed, 2 usage error."))
    diagnose.add_argument("--json", action="store_true", help=_("print one JSON object"))
    add_out_argument(diagnose)
    diagnose.add_argument("--profile", metavar="FILE",
                          help=_("hosts to check (TOML or JSON; see docs/cli.md)"))
    route = diagnose.add_mutually_exclusive_group()
    route.add_argument("--proxy", metavar="URL",
                       help=_("use this proxy, e.g. http://user:pass@proxy:8080"))
    route.add_argument("--no-proxy", action="store_true", help=_("connect directly"))
    diagnose.add_argument("--proxy-user", metavar="NAME",
                          help=_("account for a proxy that asks for a sign-in (DOMAIN\\name); "
                                 "the password comes from the keyring or is asked. Without it, "
                                 "on Windows the app signs in as the logged-on user"))
    diagnose.add_argument("--remember-proxy-password", action="store_true",
                          help=_("keep the password asked for --proxy-user in the keyring"))
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
    diagnose.add_argument("--report", metavar="FILE",
                          help=_("also write the request sheet for the IT department to FILE "
                                 "(.pdf, .html or .json)"))
    diagnose.add_argument("--decode", metavar="CODE",
                          help=_("print what a support code says, and check nothing"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.decode:
        return _decode(parser, args.decode, args.json)
    from datetime import date

    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.common.settings import load_settings
    from kyoso_desktop.core.invitation.timeline import newest_situation
    from kyoso_desktop.core.netdiag import session
    from kyoso_desktop.core.netdiag.supportcode import Situation
    from kyoso_desktop.core.registration.records import ApplicationStore

    settings, _problem = load_settings()
    credentials = _proxy_credentials(parser, args) if args.proxy_user else None
    request = session.Request(profile_file=args.profile, proxy=args.proxy,
                              no_proxy=args.no_proxy, pac=args.pac, ca_file=args.ca_file,
                              resolve=args.resolve, timeout=args.timeout,
                              dns_server=args.dns_server, proxy_credentials=credentials)
    try:
        plan = session.prepare(request, settings)
    except session.SessionError as exc:
        parser.error(str(exc))
    if args.report:
        _check_report_target(parser, Path(args.report))
    records, _problem = ApplicationStore().records()
    state, days = newest_situation(records, date.today(), default_policy())
    situation = Situation(invitation_state=state, business_days_waited=days)
    diagnosis = session.run(plan, lang=i18n.get_language(), situation=situation,
                            requester=session.requester_of(records))
    if args.json:
        write_json(diagnosis.to_dict())
    else:
        _print(diagnosis)
    if args.report and not _write_report(diagnosis, Path(args.report)):
        return EXIT_USAGE
    return {"ok": EXIT_OK, "warning": EXIT_WARNING}.get(diagnosis.verdict, EXIT_FAILED)


def _proxy_credentials(parser: argparse.ArgumentParser,
                       args: argparse.Namespace) -> ProxyCredentials:
    """--proxy-user's account with its password: from the keyring, else asked (never echoed;
    kept in the keyring only with --remember-proxy-password)."""
    from kyoso_desktop.core.common import passwords
    from kyoso_desktop.core.netdiag.proxy_auth import ProxyCredentials

    user = args.proxy_user.strip()
    password = passwords.get_password(user, passwords.PROXY_SERVICE)
    if password is None:
        if not sys.stdin or not sys.stdin.isatty():
            parser.error(_("--proxy-user {user}: no password in the keyring and no terminal "
                           "to ask on; run in a terminal, or save it once with "
                           "--remember-proxy-password").format(user=user))
        import getpass

        password = getpass.getpass(_("Password of {user} for the proxy: ").format(user=user))
        if args.remember_proxy_password and not passwords.set_password(
                user, password, passwords.PROXY_SERVICE):
            print(_("There is no keyring here: the password was not kept."), file=sys.stderr)
    return ProxyCredentials(user, password)


REPORT_SUFFIXES = (".pdf", ".html", ".json")


def _check_report_target(parser: argparse.ArgumentParser, target: Path) -> None:
    """Refuse a report file that cannot be written, before any probe runs."""
    import importlib.util

    suffix = target.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        parser.error(_("--report {file}: the name must end in .pdf, .html or .json").format(
            file=target))
    if suffix == ".pdf" and not getattr(sys, "frozen", False) and \
            importlib.util.find_spec("PySide6") is None:
        parser.error(_("--report {file}: a PDF needs Qt for Python (PySide6), which is not "
                       "installed here; write .html or .json instead").format(file=target))
    if not target.parent.is_dir():
        parser.error(_("--report {file}: the folder does not exist").format(file=target))


def _write_report(diagnosis: Diagnosis, target: Path) -> bool:
    """The IT request sheet in the format of the file's suffix; False (told) on failure."""
    from kyoso_desktop.core.common.oserrors import error_text
    from kyoso_desktop.core.netdiag.report import report_html, report_json

    lang = i18n.get_language()
    try:
        if target.suffix.lower() == ".json":
            target.write_text(report_json(diagnosis), encoding="utf-8")
        elif target.suffix.lower() == ".html":
            target.write_text(report_html(diagnosis, lang), encoding="utf-8")
        else:
            _print_pdf(report_html(diagnosis, lang), target)
    except (OSError, RuntimeError) as exc:
        print(_("The request sheet could not be written to {file}: {error}").format(
            file=target, error=error_text(exc, lang) if isinstance(exc, OSError) else exc),
            file=sys.stderr)
        return False
    print(_("Request sheet for the IT department: {file}").format(file=target),
          file=sys.stderr)
    return True


def _print_pdf(html: str, target: Path) -> None:
    """Qt prints the PDF in a separate process: this command line never loads Qt itself."""
    import subprocess
    import tempfile

    from kyoso_desktop.core.common.isolation import qt_helper_command

    command = qt_helper_command("--print-pdf", "kyoso_desktop.ui.print_pdf")
    if command is None:
        raise RuntimeError("PySide6")  # refused earlier by _check_report_target
    with tempfile.TemporaryDirectory(prefix="kyoso-report-") as folder:
        source = Path(folder) / "report.html"
        source.write_text(html, encoding="utf-8")
        done = subprocess.run([*command, str(source), str(target)], capture_output=True,
                              timeout=120)
    if done.returncode != 0 or not target.is_file():
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip()[-300:] or "PDF")


def _print(diagnosis: Diagnosis) -> None:
    from kyoso_desktop.core.netdiag.model import VERDICT_TEXTS
    from kyoso_desktop.core.netdiag.texts import describe, kind_text, status_text

    lang = i18n.get_language()
    print(_(VERDICT_TEXTS[diagnosis.verdict]))
    print(_("Support code: {code}").format(code=diagnosis.support_code))
    print()
    for check in diagnosis.checks:
        mark = MARKS.get(check.status, "[!!]")
        where = f"{check.host}:{check.port}" if check.host else ""
        print(f"{mark} {kind_text(check.kind, lang)} {where}: {status_text(check.status, lang)}"
              f" — {describe(check, lang)}")
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
    from kyoso_desktop.core.netdiag.texts import kind_text, status_text

    decoded = explanation.decoded
    for line in explanation.situation_lines(lang)[1:4]:  # place, email, invitation
        print(line)
    for kind, (status, count) in decoded.kinds.items():
        print(f"{kind_text(kind, lang)}: {status_text(status, lang)} · "
              + _("{count} host(s) not ok").format(count=count))
    print(_("Proxy used: {answer}").format(answer=_("yes") if decoded.proxy_used else _("no")))
    for finding in explanation.spoken_findings(lang):
        print(f"* {finding.title}")
        print(f"  {finding.remedy}")
    return EXIT_OK
