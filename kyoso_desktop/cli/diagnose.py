"""`kyoso diagnose`: the connection check on the console (same core as the GUI)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import N_, _

EXIT_OK, EXIT_WARNING, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
MARKS = {"ok": "[OK]", "skipped": "[--]"}
VERDICT_TEXTS = {"ok": N_("Slack can be reached from this PC."),
                 "warning": N_("Slack can be reached, but with problems."),
                 "failed": N_("Slack cannot be reached properly from this PC.")}


def parse_resolve(items: list[str]) -> dict[tuple[str, int], str]:
    """HOST:PORT:ADDR (ADDR may be [IPv6])."""
    mapping = {}
    for item in items:
        host, _sep, rest = item.partition(":")
        port, _sep, address = rest.partition(":")
        if not (host and port.isdigit() and address):
            raise ValueError(item)
        mapping[(host.lower(), int(port))] = address.strip("[]")
    return mapping


def run_diagnose(parser: argparse.ArgumentParser, args: argparse.Namespace,
                 write_json: Callable[[object], None]) -> int:
    if args.decode:
        return _decode(parser, args.decode, args.json, write_json)
    from kyoso_desktop.core.netdiag.probes import Options
    from kyoso_desktop.core.netdiag.profile import (
        ProfileError,
        default_profile,
        known_workspaces,
        load_profile,
        with_workspace_hosts,
    )
    from kyoso_desktop.core.netdiag.proxy import discover
    from kyoso_desktop.core.netdiag.runner import run
    from kyoso_desktop.core.common.settings import load_settings

    settings, _problem = load_settings()
    if settings.offline:
        parser.error(_("offline mode is on: the connection check makes network calls, so it "
                       "does not run. Turn offline mode off in the settings first."))
    try:
        chosen = args.profile or settings.diagnostics_profile
        profile = load_profile(chosen) if chosen else \
            with_workspace_hosts(default_profile(), known_workspaces())
    except ProfileError as exc:
        parser.error(_("the profile cannot be used: {error}").format(error=exc))
    try:
        resolve = parse_resolve(args.resolve)
    except ValueError as exc:
        parser.error(_("--resolve {value}: use HOST:PORT:ADDR").format(value=exc))
    if args.timeout is not None and not 0.1 <= args.timeout <= 120:
        parser.error(_("--timeout must be between 0.1 and 120 seconds"))
    # the OS's PAC (Windows settings) and WPAD are looked up unless a proxy or PAC is given
    proxies = discover(override=args.proxy or (None if args.no_proxy else settings.proxy),
                       disabled=args.no_proxy, pac_url=args.pac, offline_discovery=False)
    options = Options(timeout=args.timeout or profile.timeout, resolve=resolve,
                      ca_file=args.ca_file, expected_issuers=profile.expected_issuers,
                      dns_server=args.dns_server)
    diagnosis = run(profile, proxies, options, lang=i18n.get_language())
    from kyoso_desktop.core.netdiag.supportcode import with_newest_application_state

    diagnosis.support_code = with_newest_application_state(diagnosis.support_code)
    if args.json:
        write_json(diagnosis.to_dict())
    else:
        _print(diagnosis)
    return {"ok": EXIT_OK, "warning": EXIT_WARNING}.get(diagnosis.verdict, EXIT_FAILED)


def _print(diagnosis) -> None:
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


def _decode(parser, code: str, as_json: bool, write_json) -> int:
    from kyoso_desktop.core.netdiag.findings import STATUS_FINDING, text
    from kyoso_desktop.core.netdiag.supportcode import SupportCodeError, decode

    try:
        decoded = decode(code)
    except SupportCodeError as exc:
        parser.error(_("{code} is not a valid support code: {reason}").format(
            code=code, reason=exc))
    lang = i18n.get_language()
    findings = []
    if decoded.lgwan_side:
        findings.append("lgwan_side")
    for status, _count in decoded.kinds.values():
        finding = STATUS_FINDING.get(status)
        if finding and finding not in findings:
            findings.append(finding)
    if as_json:
        write_json({"version": decoded.version,
                    "checks": {k: {"status": s, "hosts_not_ok": n}
                               for k, (s, n) in decoded.kinds.items()},
                    "proxy_used": decoded.proxy_used, "lgwan_side": decoded.lgwan_side,
                    "invitation_state": decoded.invitation_state,
                    "findings": [{"code": f, "title": text(f, "title", lang),
                                  "remedy": text(f, "remedy", lang)} for f in findings]})
        return EXIT_OK
    for kind, (status, count) in decoded.kinds.items():
        print(f"{kind:<9} {status:<20} " + _("{count} host(s) not ok").format(count=count))
    print(_("Proxy used: {answer}").format(answer=_("yes") if decoded.proxy_used else _("no")))
    from kyoso_desktop.core.invitation.timeline import STATE_TEXTS

    state = decoded.invitation_state
    print(_("Invitation: {state}").format(
        state=_(STATE_TEXTS[state]) if state in STATE_TEXTS else _("no application")))
    hosts = _("the Slack hosts (the code does not carry host names)")
    for finding in findings:
        print(f"* {text(finding, 'title', lang)}")
        print(f"  {text(finding, 'remedy', lang, hosts=hosts)}")
    return EXIT_OK
