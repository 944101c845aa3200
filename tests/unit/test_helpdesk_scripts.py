"""Scripted answers for helpdesks: every situation a support code can show has one, in both
languages, with whom to contact; edited as data (resources/helpdesk/scripts.toml)."""

from __future__ import annotations

from kyoso_desktop.core.helpdesk.decode import explain
from kyoso_desktop.core.helpdesk.scripts import ESCALATIONS, script_data, script_for
from kyoso_desktop.core.netdiag.findings import NOTE_FINDING, STATUS_FINDING
from kyoso_desktop.core.netdiag.supportcode import INVITATION_STATES


def test_every_situation_has_a_script_in_both_languages():
    data = script_data()
    situations = {"invitation": set(INVITATION_STATES),
                  "connection": set(STATUS_FINDING.values()) | set(NOTE_FINDING.values()) |
                  {"lgwan_side", "pac_error", "check_failed", "ok", "not_checked"}}
    for part, names in situations.items():
        assert names <= set(data[part]), (part, names - set(data[part]))
        for name in names:
            entry = data[part][name]
            assert entry["ja"] and entry["en"] and entry["escalate"] in ESCALATIONS, name
    for whom in ESCALATIONS:
        assert data["escalation"][whom]["ja"] and data["escalation"][whom]["en"]


def test_a_code_becomes_what_to_say():
    explanation = explain("2400MC0-C20488T")  # applied today; TLS inspected, WebSocket blocked
    script = script_for(explanation, "ja", "co-creation-platform@digital.go.jp")
    assert script.escalate == ["it"]
    assert script.lines[0].startswith("本日申請済み") and "情報政策担当課" in script.lines[-1]
    english = script_for(explanation, "en", "x@example.go.jp")
    assert len(english.lines) == len(script.lines) and "WebSocket" in english.lines[2]


def test_an_overdue_invitation_goes_to_the_secretariat_and_a_waiting_one_to_nobody():
    from kyoso_desktop.core.netdiag.supportcode import with_invitation_state

    overdue = explain(with_invitation_state("2400MC0-C20488T", "overdue"))
    script = script_for(overdue, "ja", "co-creation-platform@digital.go.jp")
    assert script.escalate == ["secretariat", "it"]
    assert any("co-creation-platform@digital.go.jp" in line for line in script.lines)
    waiting = explain(with_invitation_state("2400MC0-C20488T", "waiting"))
    assert "まだ問い合わせる必要はありません" in script_for(waiting, "ja", "-").lines[0]
