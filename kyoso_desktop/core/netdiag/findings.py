"""From checks to findings: what is wrong, for whom, and what to do (knowledge base as data)."""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from kyoso_desktop.core.common.paths import resource
from kyoso_desktop.core.netdiag.model import Check, EndpointResult, Finding, Status
from kyoso_desktop.core.netdiag.proxy import ProxyConfig
from kyoso_desktop.core.netdiag.texts import describe

# the finding (knowledge-base entry) each status leads to; a status without one is "other"
STATUS_FINDING: dict[str, str] = {
    Status.DNS_FAILED: "dns_failed", Status.TCP_REFUSED: "tcp_blocked",
    Status.TCP_TIMEOUT: "tcp_blocked", Status.PROXY_UNREACHABLE: "proxy_unreachable",
    Status.PROXY_AUTH_REQUIRED: "proxy_auth_required", Status.PROXY_BLOCKED: "proxy_blocked",
    Status.TLS_UNTRUSTED: "tls_untrusted", Status.TLS_INTERCEPTED: "tls_intercepted",
    Status.TLS_FAILED: "tls_failed", Status.HTTP_ERROR: "http_error",
    Status.WEBSOCKET_BLOCKED: "websocket_blocked", Status.CLOCK_SKEW: "clock_skew",
}


# a finding more precise than the status's, told by the check's note (the status set is the
# support code's wire format and is full: the note tells a proxy's 407 cases apart)
NOTE_FINDING: dict[str, str] = {
    "proxy_auth_windows": "proxy_auth_windows", "proxy_logon_rejected": "proxy_logon_rejected",
    "proxy_logon_failed": "proxy_logon_rejected",
    "proxy_password_rejected": "proxy_password_rejected",
}


def finding_code(status: str, note: str = "") -> str | None:
    """The finding a status leads to: None for passing statuses, "check_failed" when unknown."""
    if note in NOTE_FINDING and status not in (Status.OK, Status.SKIPPED):
        return NOTE_FINDING[note]
    if status in STATUS_FINDING:
        return STATUS_FINDING[status]
    return None if status in (Status.OK, Status.SKIPPED) else "check_failed"



@cache
def knowledge_base() -> dict[str, Any]:
    with open(resource("netdiag", "findings.toml"), "rb") as fh:
        return tomllib.load(fh)


def text(code: str, part: str, lang: str, **values: str) -> str:
    """Title, remedy or IT note of a finding code, in a language, with values filled in."""
    entry = knowledge_base()[code][part]
    template = entry.get(lang) or entry["en"]
    return template.format(**{"hosts": "-", "detail": "-", **values})


def derive_findings(checks: list[Check], results: list[EndpointResult], proxies: ProxyConfig,
                    lang: str) -> list[Finding]:
    findings: list[Finding] = []
    by_code: dict[str, list[Check]] = {}
    for check in checks:
        code = finding_code(check.status, check.note)
        if code:
            by_code.setdefault(code, []).append(check)
    direct = [r for r in results if not r.proxy]
    nothing_reached = direct and len(direct) == len(results) and all(
        any(c.kind in ("dns", "tcp") and c.status in (Status.DNS_FAILED, Status.TCP_REFUSED,
                                                      Status.TCP_TIMEOUT) for c in r.checks)
        for r in results)
    if nothing_reached:
        # one consistent answer: Slack is not used directly from this PC, so no advice to
        # open names or ports here (the IT sheet asks for the LGWAN route instead)
        findings.append(_finding("lgwan_side", [c for r in results for c in r.checks], lang))
    else:
        for code, found in by_code.items():
            findings.append(_finding(code, found, lang))
    if proxies.pac_error:
        findings.append(Finding("pac_error", text("pac_error", "title", lang),
                                text("pac_error", "remedy", lang, detail=proxies.pac_error),
                                detail=proxies.pac_error))
    return findings


def _finding(code: str, checks: list[Check], lang: str) -> Finding:
    hosts = tuple(dict.fromkeys(c.host for c in checks if c.host))
    # what the checks saw, in the user's words (the English `detail` stays in the JSON)
    detail = "; ".join(dict.fromkeys(describe(c, lang) for c in checks
                                     if c.detail and c.status not in ("ok", "skipped")))[:300]
    values = {"hosts": ", ".join(hosts) or "-", "detail": detail or "-"}
    return Finding(code, text(code, "title", lang), text(code, "remedy", lang, **values),
                   hosts, detail)
