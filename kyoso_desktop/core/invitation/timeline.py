"""Where an application stands: states, explicit transitions, business days (開庁日), next step.

Stored states are what happened (`draft`, `applied`, `invitation_received`, `joined`,
`withdrawn`); `waiting`, `overdue` and `expired` follow from the date and are computed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from kyoso_desktop.core.common.dates import day_of
from kyoso_desktop.core.common.errors import KyosoError
from kyoso_desktop.core.common.i18n import N_, translator
from kyoso_desktop.core.common.notes import Note

if TYPE_CHECKING:
    from kyoso_desktop.core.common.policy import Policy
    from kyoso_desktop.core.registration.records import ApplicationRecord, InvitationRecord

STATES = ("draft", "applied", "waiting", "overdue", "invitation_received", "joined", "expired",
          "withdrawn")
STATE_TEXTS = {
    "draft": N_("not sent yet"),
    "applied": N_("applied today"),
    "waiting": N_("waiting for the invitation"),
    "overdue": N_("invitation overdue"),
    "invitation_received": N_("invitation received"),
    "joined": N_("joined"),
    "expired": N_("invitation expired"),
    "withdrawn": N_("withdrawn"),
}
NEXT_STEP_TEXTS = {
    "finish_application": N_("Finish the application in “Registration” and send the form."),
    "wait": N_("Wait for the invitation from Slack until {expected_by}. Meanwhile, ask that mail "
               "from {domain} is let through spam and sanitising (無害化) filters."),
    "check_and_ask": N_("The invitation should have arrived by {expected_by}. Look in the junk "
                        "folder and ask your mail administrator whether the gateway held it; "
                        "if it is not there, send the inquiry to the secretariat."),
    "join": N_("Open the join link in the invitation by {expires_on}, from a PC that can reach "
               "Slack."),
    "done": N_("Nothing more to do: you have joined the platform."),
    "ask_resend": N_("The invitation was not used in time. Ask the secretariat to send a new one."),
    "withdrawn": N_("This application was withdrawn; nothing more to do."),
}


class TransitionError(KyosoError, ValueError):
    """A change of state that is not allowed (e.g. joining before applying)."""


# -- business days -------------------------------------------------------------------------------
@cache
def _holidays(year: int) -> frozenset[date]:
    """National holidays (国民の祝日, 振替休日, 国民の休日) of a year, from jpholiday."""
    import jpholiday

    return frozenset(day for day, _name in jpholiday.year_holidays(year))


def is_business_day(day: date) -> bool:
    """開庁日: not Saturday/Sunday, not a national holiday, not 12/29–1/3 (年末年始)."""
    if day.weekday() >= 5 or day in _holidays(day.year):
        return False
    return not ((day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3))


def add_business_days(start: date, count: int) -> date:
    """The `count`-th business day after `start` (start itself not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end` (0 when end ≤ start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_business_day(day)
    return count


# -- transitions and actions (one table for the CLI and the window) ------------------------------
# action → the stored states it is allowed in. Transitions change the state; the other actions
# are what the application's card offers.
ACTIONS: dict[str, tuple[str, ...]] = {
    "mark_applied": ("draft", "applied"),
    "receive_invitation": ("applied", "invitation_received"),
    "mark_joined": ("applied", "invitation_received"),
    "withdraw": ("draft", "applied", "invitation_received"),
    "inquiry": ("draft", "applied", "invitation_received"),
    "search_mailbox": ("applied",),  # look in the mailbox while the invitation is awaited
    "record_invitation": ("applied",),  # offer to record a checked mail while awaited
}


def allowed_actions(record: ApplicationRecord) -> frozenset[str]:
    """What can be done with the application in its stored state."""
    return frozenset(action for action, states in ACTIONS.items() if record.state in states)


def _require(record: ApplicationRecord, action: str) -> None:
    if record.state not in ACTIONS[action]:
        raise TransitionError(f"cannot {action.replace('_', ' ')} an application in state "
                              f"{record.state}", "transition_not_allowed")


def mark_applied(record: ApplicationRecord, day: date) -> ApplicationRecord:
    """The form was sent on `day` (also corrects the date of an earlier `applied`)."""
    _require(record, "mark_applied")
    return replace(record, state="applied", applied_at=day.isoformat())


def receive_invitation(record: ApplicationRecord, day: date,
                       invitation: InvitationRecord | None) -> ApplicationRecord:
    """An invitation mail arrived on `day` (`invitation`: the mail check's result, or None)."""
    _require(record, "receive_invitation")
    return replace(record, state="invitation_received", invitation_received_at=day.isoformat(),
                   invitation=invitation)


def mark_joined(record: ApplicationRecord, day: date) -> ApplicationRecord:
    """The applicant joined the workspace (possible without the mail having been seen here)."""
    _require(record, "mark_joined")
    return replace(record, state="joined", joined_at=day.isoformat())


def withdraw(record: ApplicationRecord, day: date) -> ApplicationRecord:
    """The applicant gave up this application (e.g. a typo in the address)."""
    _require(record, "withdraw")
    return replace(record, state="withdrawn", withdrawn_at=day.isoformat())


# the state changes a user can ask for by name (`kyoso status mark-joined ID`)
EVENTS: dict[str, Callable[[ApplicationRecord, date], ApplicationRecord]] = {
    "mark-applied": mark_applied, "mark-joined": mark_joined, "withdraw": withdraw,
}


def current_state(record: ApplicationRecord, today: date, policy: Policy) -> str:
    """The stored state, refined by the date: waiting / overdue / expired."""
    if record.state == "applied" and record.applied_at:
        applied = day_of(record.applied_at)
        if applied is None:
            return record.state
        waited = business_days_between(applied, today)
        if waited == 0:
            return "applied"
        return "overdue" if waited > policy.invitation_delay_business_days else "waiting"
    if record.state == "invitation_received" and record.invitation_received_at:
        received = day_of(record.invitation_received_at)
        if received is None:
            return record.state
        if today > received + timedelta(days=policy.invitation_validity_days):
            return "expired"
    return record.state


# -- timeline ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Timeline:
    """Dates and words for one application, ready for the GUI and `kyoso status`."""

    state: str
    state_text: str
    applied_at: str | None
    expected_by: str | None
    business_days_waited: int | None
    today: str
    next_step: Note  # code: finish_application, wait, check_and_ask, join, done, …


def timeline(record: ApplicationRecord, today: date, policy: Policy, lang: str,
             format_day: Callable[[date], str] | None = None) -> Timeline:
    """The application's state, expected-by date and what to do now, in the user's language."""
    gettext = translator(lang)
    show = format_day or (lambda d: d.isoformat())
    state = current_state(record, today, policy)
    applied = day_of(record.applied_at)
    expected = add_business_days(applied, policy.invitation_delay_business_days) \
        if applied else None
    waited = business_days_between(applied, today) if applied else None
    step = {"draft": "finish_application", "applied": "wait", "waiting": "wait",
            "overdue": "check_and_ask", "invitation_received": "join", "joined": "done",
            "expired": "ask_resend", "withdrawn": "withdrawn"}[state]
    expires = None
    if record.invitation_received_at:
        expires = (day_of(record.invitation_received_at) or today) + timedelta(
            days=policy.invitation_validity_days)
    message = gettext(NEXT_STEP_TEXTS[step]).format(
        expected_by=show(expected) if expected else "-",
        expires_on=show(expires) if expires else "-", domain=policy.invitation_sender_domain)
    return Timeline(
        state=state,
        state_text=gettext(STATE_TEXTS[state]),
        applied_at=record.applied_at,
        expected_by=expected.isoformat() if expected else None,
        business_days_waited=waited,
        today=today.isoformat(),
        next_step=Note(step, message),
    )


def newest_situation(records: list[ApplicationRecord], today: date,
                     policy: Policy) -> tuple[str, int | None]:
    """The newest application's state ("none" without any) and the business days it has waited
    since it was applied for (None before that), for the support code."""
    if not records:
        return "none", None
    newest = records[-1]
    applied = day_of(newest.applied_at)
    return current_state(newest, today, policy), \
        business_days_between(applied, today) if applied else None


def inquiry_due(record: ApplicationRecord, today: date, policy: Policy) -> bool:
    """Whether writing to the secretariat is due: the invitation is overdue or expired."""
    return current_state(record, today, policy) in ("overdue", "expired")
