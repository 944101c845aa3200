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

ESCALATIONS = ("none", "secretariat", "it")  # least to most


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


def script_for(explanation: Explanation, lang: str, secretariat: str) -> Script:
    """The invitation's line, then one per connection situation, then whom to contact."""
    data = script_data()
    entries = [data["invitation"][explanation.decoded.invitation_state]]
    entries += [data["connection"][s] for s in connection_situations(explanation)]
    lines = [line.format(secretariat=secretariat) for entry in entries for line in entry[lang]]
    escalate = [e for e in ESCALATIONS[1:] if any(entry["escalate"] == e for entry in entries)]
    for whom in escalate or ["none"]:
        lines.append(data["escalation"][whom][lang].format(secretariat=secretariat))
    return Script(lines, escalate)
