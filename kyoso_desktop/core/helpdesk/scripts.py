"""What a helpdesk operator says for a support code: a short script per situation, kept as data
(resources/helpdesk/scripts.toml) so that contract helpdesks answer alike and can edit the
wording. Used by `kyoso helpdesk CODE` and the support-code field of the help area."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from kyoso_desktop.core.common.paths import resource
from kyoso_desktop.core.helpdesk.decode import Explanation
from kyoso_desktop.core.netdiag.supportcode import Decoded

ESCALATIONS = ("none", "secretariat", "it")  # least to most
WAITED_STATES = ("waiting", "overdue")  # where the days waited matter (not "applied today")


@cache
def script_data() -> dict[str, Any]:
    with open(resource("helpdesk", "scripts.toml"), "rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Script:
    """The lines to read out, and to whom the caller turns next (secretariat, it; [] none)."""

    lines: list[str]
    escalate: list[str]


def connection_situations(explanation: Explanation) -> list[str]:
    """The connection's situations in the code: its findings, else ok or not checked."""
    if explanation.finding_codes:
        return list(explanation.finding_codes)
    checked = any(status != "skipped" for status, _n in explanation.decoded.kinds.values())
    return ["ok"] if checked else ["not_checked"]


def email_situation(decoded: Decoded) -> str | None:
    """The email line's key: the category, "none" before any check; None when the code does
    not carry it (version 1) or the caller is past the email without one."""
    if decoded.email_verdict is None:
        return None
    if decoded.email_verdict == "none":
        return "none" if decoded.place == "step_email" else None
    return decoded.email_category or "other"


def script_for(explanation: Explanation, lang: str, secretariat: str,
               delay_days: int = 3) -> Script:
    """Where the caller is, the email's verdict, the application (and the days it waited), one
    line per connection situation, then whom to contact."""
    data = script_data()
    decoded = explanation.decoded
    # no line for a code made outside the window (place "none") or by version 1 (None)
    entries = [data["place"][decoded.place]] if decoded.place in data["place"] else []
    email = email_situation(decoded)
    if email:
        entries.append(data["email"].get(email, data["email"]["other"]))
    state = decoded.invitation_state
    if state == "none" and (decoded.place or "").startswith("step_"):
        state = "none_in_registration"  # not "start at step 1": the caller is on the way
    entries.append(data["invitation"][state])
    connection = [data["connection"][s] for s in connection_situations(explanation)]
    lines = [line.format(secretariat=secretariat) for entry in entries for line in entry[lang]]
    if decoded.business_days_waited is not None and decoded.invitation_state in WAITED_STATES:
        lines.append(data["waited"][lang].format(days=decoded.business_days_waited,
                                                 delay=delay_days))
    entries += connection
    lines += [line.format(secretariat=secretariat) for entry in connection
              for line in entry[lang]]
    escalate = [e for e in ESCALATIONS[1:] if any(entry["escalate"] == e for entry in entries)]
    for whom in escalate or ["none"]:
        lines.append(data["escalation"][whom][lang].format(secretariat=secretariat))
    return Script(lines, escalate)
