"""The IT request sheet (情報政策担当課への依頼書): what Slack needs and what this PC observed.

HTML here (Qt prints it to PDF in the app), JSON for tools.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from dataclasses import asdict
from html import escape

from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.netdiag.findings import text
from kyoso_desktop.core.netdiag.model import Diagnosis
from kyoso_desktop.core.netdiag.texts import (
    describe,
    kind_text,
    route_text,
    status_text,
    verdict_word,
)

TEXTS = {
    "title": N_("Request to the IT department: access to the co-creation platform (Slack)"),
    "intro": N_("To take part in the Digital Agency's co-creation platform, this PC must reach "
                "Slack. Please allow the following, and see what this PC observed below."),
    "needs": N_("What Slack needs"),
    "intro_lgwan": N_("To take part in the Digital Agency's co-creation platform, this person "
                      "needs Slack. This PC is on the LGWAN side and cannot reach it directly, so "
                      "please arrange one of these:"),
    "way_internet": N_("Slack on an internet-side PC, or through the screen-transfer system."),
    "way_route": N_("The organisation's route from LGWAN to the cloud (for example the α' "
                    "model's local breakout with a destination allowlist) for the destinations "
                    "below."),
    "needs_lgwan": N_("Destinations for a route to the cloud"),
    "requester": N_("Requested by"),
    "name": N_("Name"),
    "organization": N_("Organisation"),
    "department": N_("Department"),
    "email": N_("Email address"),
    "phone": N_("Phone (extension)"),
    "domains": N_("HTTPS (TCP 443) to these domains:"),
    "websocket": N_("WebSocket (HTTP Upgrade on port 443) to:"),
    "tls": N_("No TLS inspection for these hosts (it breaks WebSockets); TLS 1.2 or newer."),
    "observed": N_("What this PC observed"),
    "verdict": N_("Result"),
    "support": N_("Support code"),
    "proxy": N_("Proxy"),
    "findings": N_("Findings and what to change"),
    "checks": N_("All checks"),
    "host": N_("Host"),
    "step": N_("Step"),
    "status": N_("Status"),
    "detail": N_("Detail"),
    "none": N_("No problem found."),
    "made": N_("Made with Kyoso Desktop on {date} ({system})."),
}


def report_json(diagnosis: Diagnosis) -> str:
    """The diagnosis plus the requirements, as JSON."""
    return json.dumps({**diagnosis.to_dict(), "started_at": diagnosis.started_at,
                       "lgwan_side": diagnosis.lgwan_side,
                       "requester": asdict(diagnosis.requester) if diagnosis.requester else None,
                       "profile": diagnosis.profile, "observed": diagnosis.observed,
                       "requirements": {"domains": list(diagnosis.required_domains), "port": 443,
                                        "websocket_hosts": list(diagnosis.websocket_hosts),
                                        "tls": "1.2+, no inspection of the Slack hosts"}},
                      ensure_ascii=False, indent=2)


def _code_items(names: tuple[str, ...]) -> str:
    return "".join(f"<li><code>{escape(name)}</code></li>" for name in names)


def _intro(diagnosis: Diagnosis, t: Callable[..., str]) -> str:
    """What is asked: allow the hosts, or (LGWAN side) one of the ways that are possible."""
    if not diagnosis.lgwan_side:
        return f"<p>{t('intro')}</p>"
    return (f"<p>{t('intro_lgwan')}</p><ol><li>{t('way_internet')}</li>"
            f"<li>{t('way_route')}</li></ol>")


def _requester(diagnosis: Diagnosis, t: Callable[..., str]) -> str:
    """Who asks, from the application record; the phone line is left to fill in by hand."""
    who = diagnosis.requester
    rows = [(t("name"), who.name if who else ""), (t("organization"), who.organization if who
                                                   else ""),
            (t("department"), who.department if who else ""),
            (t("email"), who.email if who else ""), (t("phone"), "")]
    cells = "".join(f"<tr><th>{label}</th><td>{escape(value) or '&nbsp;' * 20}</td></tr>"
                    for label, value in rows)
    return f"<h2>{t('requester')}</h2><table>{cells}</table>"


def report_html(diagnosis: Diagnosis, lang: str) -> str:
    gettext = translator(lang)

    def t(key: str, **values: str) -> str:
        return escape(gettext(TEXTS[key]).format(**values))

    routes = sorted({route_text(proxy, source, lang) for proxy, source in diagnosis.routes()})
    findings = "".join(
        f"<li><b>{escape(f.title)}</b><br>{escape(text(f.code, 'it', lang, hosts=', '.join(f.hosts) or '-', detail=f.detail or '-'))}</li>"  # noqa: E501
        for f in diagnosis.findings) or f"<li>{t('none')}</li>"
    rows = "".join(
        f"<tr><td>{escape(c.host)}</td><td>{escape(kind_text(c.kind, lang))}</td>"
        f"<td>{escape(status_text(c.status, lang))}</td><td>{escape(describe(c, lang))}</td></tr>"
        for c in diagnosis.checks)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{t('title')}</title>
<style>body{{font-family:sans-serif;margin:2em}} table{{border-collapse:collapse}}
td,th{{border:1px solid #888;padding:3px 6px;text-align:left;font-size:90%}}</style></head>
<body><h1>{t('title')}</h1>{_intro(diagnosis, t)}{_requester(diagnosis, t)}
<h2>{t('needs_lgwan' if diagnosis.lgwan_side else 'needs')}</h2>
<p>{t('domains')}</p><ul>{_code_items(diagnosis.required_domains)}</ul>
<p>{t('websocket')}</p><ul>{_code_items(diagnosis.websocket_hosts)}</ul>
<p>{t('tls')}</p>
<h2>{t('observed')}</h2>
<p>{t('verdict')}: <b>{escape(verdict_word(diagnosis.verdict, lang))}</b> &nbsp; {t('support')}:
<b><code>{escape(diagnosis.support_code)}</code></b></p>
<p>{t('proxy')}: {escape(', '.join(routes) or '-')}</p>
<h2>{t('findings')}</h2><ul>{findings}</ul>
<h2>{t('checks')}</h2>
<table><tr><th>{t('host')}</th><th>{t('step')}</th><th>{t('status')}</th><th>{t('detail')}</th>
</tr>{rows}</table>
<p><small>{t('made', date=diagnosis.started_at[:19].replace('T', ' '),
                   system=platform.platform(terse=True))}</small></p>
</body></html>"""
