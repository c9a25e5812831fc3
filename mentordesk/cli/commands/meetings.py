"""``meetings overdue`` and ``meetings list``: the Meetings area from the command line.

(The .ics export is ``export meetings --ics FILE``, registered with the other exports.)
"""

from __future__ import annotations

from argparse import Namespace
from datetime import date, datetime, time, timedelta

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    meetings = subparsers.add_parser("meetings", help="overdue matches and the meeting calendar")
    actions = meetings.add_subparsers(dest="meetings_command", metavar="ACTION", required=True)
    overdue = actions.add_parser(
        "overdue", help="matches overdue for a meeting, a check-in, an outcome or a follow-up"
    )
    overdue.add_argument("--programme", "-p", help="programme name or id (needed when there are several)")
    overdue.set_defaults(func=cmd_overdue)
    listing = actions.add_parser("list", help="meetings from a date, for a number of days")
    listing.add_argument("--programme", "-p", help="programme name or id (needed when there are several)")
    listing.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (default: today)")
    listing.add_argument("--days", type=int, default=14, help="how many days (default: 14)")
    listing.set_defaults(func=cmd_list)


@run
def cmd_overdue(args: Namespace) -> int:
    from mentordesk.services import meetings as meetings_service

    open_db(args, writes=False)
    items = meetings_service.overdue_items(chosen_programme_id(args))
    if not items:
        say("Nothing overdue.")
        return 0
    width = max(len(i.who) for i in items)
    say(f"{'days':>5}  {'who':<{width}}  problem")
    for item in items:
        flag = " [safety]" if item.safety else ""
        say(
            f"{item.days_overdue:>5}  {item.who:<{width}}  {item.problem} (due {item.due_on.isoformat()}){flag}"
        )
    say(f"{len(items)} overdue.")
    return 0


@run
def cmd_list(args: Namespace) -> int:
    from mentordesk.services import meetings as meetings_service

    open_db(args, writes=False)
    try:
        first = date.fromisoformat(args.start) if args.start else date.today()
    except ValueError as exc:
        raise CommandError(
            f"--from {args.start!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-01-12."
        ) from exc
    if not 1 <= args.days <= 3660:
        raise CommandError("--days must be between 1 and 3660.")
    start = datetime.combine(first, time.min)
    rows = meetings_service.calendar_rows(chosen_programme_id(args), start, start + timedelta(days=args.days))
    for row in rows:
        where = row.place or row.link
        say(
            f"{row.starts_at:%a %Y-%m-%d %H:%M}-{row.ends_at:%H:%M}  {row.status:<9}  {row.who}  {where}".rstrip()
        )
    say(f"{len(rows)} meetings from {first.isoformat()} for {args.days} days.")
    return 0
