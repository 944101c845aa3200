"""States, transitions (exhaustively), business days and the timeline."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kyoso_desktop.core.common.policy import default_policy
from kyoso_desktop.core.invitation import timeline as tl
from kyoso_desktop.core.registration.records import ApplicationRecord, InvitationRecord

POLICY = default_policy()
BASE = ApplicationRecord("a1", "2026-11-20T09:00:00", "2026-11-20", "taro@city.hakodate.lg.jp",
                         "012025", "函館 太郎", "applied")
STORED = ("draft", "applied", "invitation_received", "joined", "withdrawn")
EVENTS = {
    "mark_applied": lambda r: tl.mark_applied(r, date(2026, 11, 21)),
    "receive_invitation": lambda r: tl.receive_invitation(r, date(2026, 11, 24), None),
    "mark_joined": lambda r: tl.mark_joined(r, date(2026, 11, 25)),
    "withdraw": lambda r: tl.withdraw(r, date(2026, 11, 25)),
}
ALLOWED = {
    ("draft", "mark_applied"): "applied", ("applied", "mark_applied"): "applied",
    ("applied", "receive_invitation"): "invitation_received",
    ("invitation_received", "receive_invitation"): "invitation_received",
    ("applied", "mark_joined"): "joined", ("invitation_received", "mark_joined"): "joined",
    ("draft", "withdraw"): "withdrawn", ("applied", "withdraw"): "withdrawn",
    ("invitation_received", "withdraw"): "withdrawn",
}


@pytest.mark.parametrize("state", STORED)
@pytest.mark.parametrize("event", list(EVENTS))
def test_every_transition(state, event):
    record = replace(BASE, state=state)
    expected = ALLOWED.get((state, event))
    if expected is None:
        with pytest.raises(tl.TransitionError):
            EVENTS[event](record)
    else:
        assert EVENTS[event](record).state == expected


@pytest.mark.parametrize(("day", "business"), [
    (date(2026, 11, 30), True), (date(2026, 11, 28), False), (date(2026, 11, 29), False),
    (date(2026, 11, 23), False),   # 勤労感謝の日
    (date(2026, 12, 28), True), (date(2026, 12, 29), False), (date(2027, 1, 3), False),
    (date(2027, 1, 4), True), (date(2027, 1, 11), False),  # 成人の日
    (date(2026, 5, 6), False),     # 振替休日
])
def test_business_days(day, business):
    assert tl.is_business_day(day) is business


def test_business_day_arithmetic_over_the_new_year():
    assert tl.add_business_days(date(2026, 12, 25), 3) == date(2027, 1, 5)
    assert tl.business_days_between(date(2026, 12, 25), date(2027, 1, 5)) == 3
    assert tl.business_days_between(date(2026, 12, 25), date(2026, 12, 25)) == 0


@pytest.mark.parametrize(("today", "state", "waited"), [
    (date(2026, 11, 20), "applied", 0),
    (date(2026, 11, 24), "waiting", 1),   # 11/21-23: weekend and holiday
    (date(2026, 11, 26), "waiting", 3),
    (date(2026, 11, 27), "overdue", 4),
])
def test_waiting_and_overdue(today, state, waited):
    line = tl.timeline(BASE, today, POLICY, "en")
    assert (line.state, line.business_days_waited, line.expected_by) == (
        state, waited, "2026-11-26")
    assert line.next_step.code == ("check_and_ask" if state == "overdue" else "wait")
    assert "2026-11-26" in line.next_step.message


def test_invitation_expires_after_the_validity():
    received = tl.receive_invitation(BASE, date(2026, 11, 24),
                                     InvitationRecord("invite.eml", "genuine"))
    assert tl.current_state(received, date(2026, 12, 24), POLICY) == "invitation_received"
    assert tl.current_state(received, date(2026, 12, 25), POLICY) == "expired"
    assert tl.timeline(received, date(2026, 12, 25), POLICY, "ja").next_step.code == \
        "ask_resend"


def test_next_step_in_japanese():
    line = tl.timeline(BASE, date(2026, 11, 27), POLICY, "ja")
    assert line.state_text == "招待メールの期限超過" and "事務局" in line.next_step.message
