"""What a support code says, for the helpdesk: per step the worst result, the proxy, the
application's state, and the findings (what is wrong and what to do) in the user's language.

Used by `kyoso diagnose --decode` and the helpdesk field of the help area alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.eligibility.texts import VERDICT_TEXTS
from kyoso_desktop.core.invitation.timeline import STATE_TEXTS
from kyoso_desktop.core.netdiag.findings import finding_code, text
from kyoso_desktop.core.netdiag.model import Finding
from kyoso_desktop.core.netdiag.supportcode import Decoded, decode
from kyoso_desktop.core.registration.flow import STEP_TITLES, STEPS

NO_HOSTS = N_("the Slack hosts (the code does not carry host names)")
NO_APPLICATION = N_("no application")
# the places' spoken names: the same words as the window's side menu and step title
REGISTRATION = N_("Registration")
AREA_TEXTS = {"area_status": N_("Invitation status"), "area_connection": N_("Connection check"),
              "area_help": N_("Help")}
STEP_TEXT = N_("Step {number} of {total}: {title}")
OUTSIDE = N_("outside the window (command line)")
NOT_CARRIED = N_("not in this code (an older version)")
NOT_CHECKED = N_("not checked yet")
LINES = {"code": N_("Support code {code} (version {version})"), "place": N_("Place: {place}"),
         "email": N_("Email address: {verdict}"), "invitation": N_("Invitation: {state}"),
         "days": N_("Business days since the application: {days}"),
         "unchecked": N_("Connection: not checked yet"),
         "ok": N_("Connection: no problem found"), "problems": N_("Connection:")}


def place_text(place: str | None, lang: str) -> str:
    """The place as the window names it: "Registration › Step 4 of 6: Email address"."""
    gettext = translator(lang)
    if place is None:
        return gettext(NOT_CARRIED)
    if place in AREA_TEXTS:
        return gettext(AREA_TEXTS[place])
    step = place.removeprefix("step_")
    if step in STEPS:
        title = gettext(STEP_TEXT).format(number=STEPS.index(step) + 1, total=len(STEPS),
                                          title=gettext(STEP_TITLES[step]))
        return f"{gettext(REGISTRATION)} › {title}"
    return gettext(OUTSIDE)


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

    def place_text(self, lang: str) -> str:
        return place_text(self.decoded.place, lang)

    def email_text(self, lang: str) -> str:
        """The email verdict in words ("Can be registered"), or why there is none."""
        verdict, gettext = self.decoded.email_verdict, translator(lang)
        if verdict is None:
            return gettext(NOT_CARRIED)
        return gettext(VERDICT_TEXTS[verdict]) if verdict in VERDICT_TEXTS \
            else gettext(NOT_CHECKED)

    def situation_lines(self, lang: str) -> list[str]:
        """The decoded situation in words, a fact a line (the console and the help area)."""
        decoded, gettext = self.decoded, translator(lang)
        lines = [gettext(LINES["code"]).format(code=self.code, version=decoded.version),
                 gettext(LINES["place"]).format(place=self.place_text(lang)),
                 gettext(LINES["email"]).format(verdict=self.email_text(lang)),
                 gettext(LINES["invitation"]).format(state=self.invitation_text(lang))]
        if decoded.business_days_waited is not None:
            lines.append(gettext(LINES["days"]).format(days=decoded.business_days_waited))
        if not decoded.connection_checked:
            return [*lines, gettext(LINES["unchecked"])]
        if not self.finding_codes:
            return [*lines, gettext(LINES["ok"])]
        return [*lines, gettext(LINES["problems"]),
                *(f"  • {finding.title}" for finding in self.spoken_findings(lang))]

    def to_dict(self, lang: str) -> dict[str, Any]:
        """The JSON contract of `kyoso diagnose --decode --json`."""
        d = self.decoded
        return {"version": d.version,
                "checks": {k: {"status": s, "hosts_not_ok": n} for k, (s, n) in d.kinds.items()},
                "proxy_used": d.proxy_used, "lgwan_side": d.lgwan_side,
                "invitation_state": d.invitation_state,
                "business_days_waited": d.business_days_waited,
                "place": d.place, "email_verdict": d.email_verdict,
                "email_category": d.email_category,
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
