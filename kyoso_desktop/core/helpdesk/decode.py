"""What a support code says, for the helpdesk: per step the worst result, the proxy, the
application's state, and the findings (what is wrong and what to do) in the user's language.

Used by `kyoso diagnose --decode` and the helpdesk field of the help area alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.invitation.timeline import STATE_TEXTS
from kyoso_desktop.core.netdiag.findings import finding_code, text
from kyoso_desktop.core.netdiag.model import Finding
from kyoso_desktop.core.netdiag.supportcode import Decoded, decode

NO_HOSTS = N_("the Slack hosts (the code does not carry host names)")
NO_APPLICATION = N_("no application")


@dataclass(frozen=True)
class Explanation:
    """A decoded support code and the finding codes it implies, most telling first."""

    code: str
    decoded: Decoded
    finding_codes: tuple[str, ...]

    def findings(self, lang: str, *, hosts: str | None = None) -> list[Finding]:
        """The findings with title and remedy; `hosts` fills the remedy's host list."""
        values = {"hosts": hosts} if hosts else {}
        return [Finding(c, text(c, "title", lang), text(c, "remedy", lang, **values))
                for c in self.finding_codes]

    def spoken_findings(self, lang: str) -> list[Finding]:
        """The findings for people: the code carries no host names, so the remedy says so."""
        return self.findings(lang, hosts=translator(lang)(NO_HOSTS))

    def invitation_text(self, lang: str) -> str:
        state = self.decoded.invitation_state
        gettext = translator(lang)
        return gettext(STATE_TEXTS[state]) if state in STATE_TEXTS else gettext(NO_APPLICATION)

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The JSON contract of `kyoso diagnose --decode --json`."""
        d = self.decoded
        return {"version": d.version,
                "checks": {k: {"status": s, "hosts_not_ok": n} for k, (s, n) in d.kinds.items()},
                "proxy_used": d.proxy_used, "lgwan_side": d.lgwan_side,
                "invitation_state": d.invitation_state,
                "findings": [{"code": f.code, "title": f.title, "remedy": f.remedy}
                             for f in self.findings(lang)]}


def explain(code: str) -> Explanation:
    """Decode a code read over the phone; raises SupportCodeError (message in the user's
    language) when it is mistyped or not a code."""
    decoded = decode(code)
    codes = ["lgwan_side"] if decoded.lgwan_side else []
    for status, _count in decoded.kinds.values():
        finding = finding_code(status)
        if finding and finding not in codes:
            codes.append(finding)
    return Explanation(code.strip().upper(), decoded, tuple(codes))
