"""`kyoso status`: the applications made from this PC, and changes of their state."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any

from kyoso_desktop.cli.output import EXIT_OK, add_out_argument, tell_history_problem, write_json
from kyoso_desktop.core.common import i18n
from kyoso_desktop.core.common.i18n import _


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from kyoso_desktop.core.invitation.timeline import EVENTS

    status = commands.add_parser(
        "status", parents=[common], help=_("list the applications made from this PC"),
        description=_("List the applications recorded on this PC, oldest first."))
    status.add_argument("--json", action="store_true",
                        help=_("print one JSON array, an object per application"))
    add_out_argument(status)
    status.add_argument("action", nargs="?", choices=tuple(EVENTS),
                        help=_("change an application's state (by its id)"))
    status.add_argument("id", nargs="?", metavar="ID", help=_("the application's id"))
    status.add_argument("--date", metavar="YYYY-MM-DD",
                        help=_("the date of the change (default: today)"))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from kyoso_desktop.core.common.dates import FIRST_PLAUSIBLE, day_of, format_day, plausible
    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.invitation import timeline
    from kyoso_desktop.core.registration.records import ApplicationStore

    store = ApplicationStore()
    records, problem = store.records()
    tell_history_problem(problem)
    try:
        day = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        parser.error(_("--date {value}: use the form YYYY-MM-DD").format(value=args.date))
    if not plausible(day, date.today()):
        parser.error(_("--date {value}: give a date from {first} to a year from today").format(
            value=args.date, first=FIRST_PLAUSIBLE.isoformat()))
    if args.action:
        if not args.id:
            parser.error(_("{action} needs the application's id (see kyoso status)").format(
                action=args.action))
        record = store.find(args.id)
        if record is None:
            parser.error(_("no application with the id {id}").format(id=args.id))
        try:
            record = store.update(timeline.EVENTS[args.action](record, day))
        except timeline.TransitionError:
            parser.error(_("{action} is not possible for an application that is “{state}”").format(
                action=args.action, state=_(timeline.STATE_TEXTS[record.state])))
        records = [record]
    lang = i18n.get_language()
    policy = default_policy()
    today = date.today()
    rows: list[dict[str, Any]] = []
    for record in records:
        line = timeline.timeline(record, today, policy, lang, lambda d: format_day(d, lang))
        rows.append({**record.to_dict(), "state": line.state, "expected_by": line.expected_by,
                     "business_days_waited": line.business_days_waited,
                     "next_step": asdict(line.next_step)})
    if args.json:
        write_json(rows)
        return EXIT_OK
    if not records:
        print(_("No application has been recorded on this PC yet."))
        return EXIT_OK
    for row in rows:
        sent = day_of(row["applied_at"])
        applied = format_day(sent, lang) if sent else "-"
        print(f"{row['id']}  {row['email']}  {row['name']}  "
              f"{row['organization_name'] or row['organization_code'] or ''}")
        print("    " + _("State: {state} (sent {applied})").format(
            state=_(timeline.STATE_TEXTS[row["state"]]), applied=applied))
        print("    " + _("Next: {step}").format(step=row["next_step"]["message"]))
    return EXIT_OK
