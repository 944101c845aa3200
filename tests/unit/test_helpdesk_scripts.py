"""Scripted answers for helpdesks: every situation a support code can show has one, in both
languages, with whom to contact; edited as data (resources/helpdesk/scripts.toml)."""

from __future__ import annotations

from kyoso_desktop.core.helpdesk.decode import explain
from kyoso_desktop.core.helpdesk.scripts import ESCALATIONS, script_data, script_for
from kyoso_desktop.core.netdiag.findings import NOTE_FINDING, STATUS_FINDING
from kyoso_desktop.core.netdiag.supportcode import (
    EMAIL_CATEGORIES,
    INVITATION_STATES,
    PLACES,
    Situation,
    encode,
    with_situation,
)


def test_every_situation_has_a_script_in_both_languages():
    data = script_data()
    situations = {"invitation": set(INVITATION_STATES) | {"none_in_registration"},
                  "place": set(PLACES) - {"none"},
                  "email": set(EMAIL_CATEGORIES),
                  "connection": set(STATUS_FINDING.values()) | set(NOTE_FINDING.values()) |
                  {"lgwan_side", "pac_error", "check_failed", "ok", "not_checked"}}
    for part, names in situations.items():
        assert names <= set(data[part]), (part, names - set(data[part]))
        for name in names:
            entry = data[part][name]
            assert entry["ja"] and entry["en"] and entry["escalate"] in ESCALATIONS, name
    for whom in ESCALATIONS:
        assert data["escalation"][whom]["ja"] and data["escalation"][whom]["en"]
    assert "{days}" in data["waited"]["ja"] and "{days}" in data["waited"]["en"]


def test_every_email_category_of_the_engine_is_carried_by_the_code():
    """A category the engine gives must have its own place in the code (and so a script)."""
    import inspect
    import re

    from kyoso_desktop.core.eligibility import engine

    source = inspect.getsource(engine)
    categories = set(re.findall(r'_reject\("([a-z_]+)"', source))
    categories |= set(re.findall(r'DomainAssessment\(\s*[a-z"]+, "([a-z_]+)"', source))
    assert len(categories) >= 15 and categories <= set(EMAIL_CATEGORIES)


def test_a_code_becomes_what_to_say():
    explanation = explain("2400MC0-C20488T")  # applied today; TLS inspected, WebSocket blocked
    script = script_for(explanation, "ja", "co-creation-platform@digital.go.jp")
    assert script.escalate == ["it"]
    assert script.lines[0].startswith("本日申請済み") and "情報政策担当課" in script.lines[-1]
    english = script_for(explanation, "en", "x@example.go.jp")
    assert len(english.lines) == len(script.lines) and "WebSocket" in english.lines[2]


def test_an_overdue_invitation_goes_to_the_secretariat_and_a_waiting_one_to_nobody():
    def with_invitation_state(code, state):
        return with_situation(code, Situation(invitation_state=state))

    overdue = explain(with_invitation_state("2400MC0-C20488T", "overdue"))
    script = script_for(overdue, "ja", "co-creation-platform@digital.go.jp")
    assert script.escalate == ["secretariat", "it"]
    assert any("co-creation-platform@digital.go.jp" in line for line in script.lines)
    waiting = explain(with_invitation_state("2400MC0-C20488T", "waiting"))
    assert "まだ問い合わせる必要はありません" in script_for(waiting, "ja", "-").lines[0]


def test_the_script_starts_where_the_caller_is_and_counts_the_days():
    code = encode(None, Situation("step_email", "rejected", "free_mail", "overdue", 6))
    script = script_for(explain(code), "ja", "co-creation-platform@digital.go.jp", 3)
    assert "ステップ4" in script.lines[0] and "案内番号11" in script.lines[0]
    assert "フリーメール" in script.lines[1]
    assert any("6開庁日" in line for line in script.lines)
    assert script.escalate == ["secretariat"]
    english = script_for(explain(code), "en", "x@example.go.jp", 3)
    assert english.lines[0].startswith("The caller is at step 4")
    assert len(english.lines) == len(script.lines)


def test_a_caller_in_registration_without_an_application_is_told_to_go_on():
    code = encode(None, Situation("step_email", "accepted", "lg_jp"))
    lines = script_for(explain(code), "ja", "-").lines
    assert "ステップ1から始めて" not in "".join(lines)
    assert any("このまま「登録」のステップを進め" in line for line in lines)


def test_the_situation_reads_in_words():
    code = encode(None, Situation("step_email", "accepted", "lg_jp", "waiting", 2))
    lines = explain(code).situation_lines("ja")
    assert "登録 › ステップ 4/6: メールアドレス" in lines[1]
    assert "登録できます" in lines[2] or "申請できます" in lines[2]
    assert any("2" in line and "開庁日" in line for line in lines)
    assert lines[-1].endswith("まだ確認していません") or "未確認" in lines[-1] or \
        "確認していません" in lines[-1]
