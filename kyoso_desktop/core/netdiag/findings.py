"""From checks to findings: what is wrong, for whom, and what to do (knowledge base as data)."""

from __future__ import annotations

import tomllib
from functools import cache

from kyoso_desktop.core.netdiag.probes import Check, EndpointResult
from kyoso_desktop.core.netdiag.proxy import ProxyConfig
from kyoso_desktop.core.common.paths import resource

STATUS_FINDING = {
    "dns_failed": "dns_failed", "tcp_refused": "tcp_blocked", "tcp_timeout": "tcp_blocked",
    "proxy_unreachable": "proxy_unreachable", "proxy_auth_required": "proxy_auth_required",
    "proxy_blocked": "proxy_blocked", "tls_untrusted": "tls_untrusted",
    "tls_intercepted": "tls_intercepted", "tls_failed": "tls_failed",
    "http_error": "http_error", "websocket_blocked": "websocket_blocked",
    "clock_skew": "clock_skew",
}


@cache
def knowledge_base() -> dict:
    with open(resource("netdiag", "findings.toml"), "rb") as fh:
        return tomllib.load(fh)


def text(code: str, part: str, lang: str, **values: str) -> str:
    """Title, remedy or IT note of a finding code, in a language, with values filled in."""
    entry = knowledge_base()[code][part]
    template = entry.get(lang) or entry["en"]
    return template.format(**{"hosts": "-", "detail": "-", **values})


def derive_findings(checks: list[Check], results: list[EndpointResult], proxies: ProxyConfig,
                    lang: str):
    from kyoso_desktop.core.netdiag.runner import Finding

    findings: list[Finding] = []
    by_code: dict[str, list[Check]] = {}
    for check in checks:
        code = STATUS_FINDING.get(check.status)
        if code:
            by_code.setdefault(code, []).append(check)
    direct = [r for r in results if not r.proxy]
    nothing_reached = direct and len(direct) == len(results) and all(
        any(c.kind in ("dns", "tcp") and c.status in ("dns_failed", "tcp_refused",
                                                      "tcp_timeout") for c in r.checks)
        for r in results)
    if nothing_reached:
        findings.append(_finding("lgwan_side", [], lang))
    for code, found in by_code.items():
        findings.append(_finding(code, found, lang))
    if proxies.pac_error:
        findings.append(Finding("pac_error", text("pac_error", "title", lang),
                                text("pac_error", "remedy", lang, detail=proxies.pac_error),
                                detail=proxies.pac_error))
    return findings


def _finding(code: str, checks: list[Check], lang: str):
    from kyoso_desktop.core.netdiag.runner import Finding

    hosts = tuple(dict.fromkeys(c.host for c in checks if c.host))
    detail = "; ".join(dict.fromkeys(c.detail for c in checks if c.detail))[:300]
    values = {"hosts": ", ".join(hosts) or "-", "detail": detail or "-"}
    return Finding(code, text(code, "title", lang), text(code, "remedy", lang, **values),
                   hosts, detail)
