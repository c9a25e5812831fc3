"""``events list``, ``events register``, ``events sign-in`` and ``events ics``."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, fail, open_db, run, say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "events", help="training sessions, group sessions and celebrations: registers and sign-in sheets"
    )
    commands = parser.add_subparsers(dest="events_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="the programme's events with their registers' counts")
    listing.add_argument("--programme", "-p", help="programme name (or id)")
    listing.set_defaults(func=cmd_list)

    marks = commands.add_parser(
        "register",
        help="record attendance from a CSV file (columns: name or email, and mark: attended, apologies, absent)",
    )
    marks.add_argument("--programme", "-p", help="programme name (or id)")
    marks.add_argument("event", help="the event's title (or id)")
    marks.add_argument("--csv", type=Path, required=True, help="the register as a CSV file")
    marks.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
    marks.set_defaults(func=cmd_register)

    sheet = commands.add_parser("sign-in", help="write the event's sign-in sheet as a PDF")
    sheet.add_argument("--programme", "-p", help="programme name (or id)")
    sheet.add_argument("event", help="the event's title (or id)")
    sheet.add_argument("--out", "-o", type=Path, required=True, help="the PDF to write")
    sheet.set_defaults(func=cmd_sign_in)

    ics = commands.add_parser("ics", help="write the programme's events to an .ics calendar file")
    ics.add_argument("--programme", "-p", help="programme name (or id)")
    ics.add_argument("--out", "-o", type=Path, required=True, help="the .ics file to write")
    ics.set_defaults(func=cmd_ics)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _event(args: Namespace):
    from mentordesk.services import events

    try:
        return events.find_event(chosen_programme_id(args), args.event)
    except events.EventError as exc:
        raise CommandError(str(exc)) from None


@run
def cmd_list(args: Namespace) -> int:
    from mentordesk.services import events

    open_db(args, writes=False)
    rows = events.list_events(chosen_programme_id(args))
    if not rows:
        say("No events yet: plan one on the Events page (Ctrl+9).")
        return 0
    for row in rows:
        marks = f"{row.attended} attended, {row.apologies} apologies, {row.absent} absent"
        say(
            f"{row.id:>4}  {row.starts_at:%Y-%m-%d %H:%M}  {row.title} ({row.kind_label.lower()}"
            f"{', ' + row.place if row.place else ''}): {_plural(row.invited, 'invitee')}; {marks}"
        )
    return 0


@run
def cmd_register(args: Namespace) -> int:
    from mentordesk.services import events

    open_db(args, writes=not args.dry_run)
    event = _event(args)
    try:
        result = events.import_register(event.id, args.csv, dry_run=args.dry_run)
    except events.EventError as exc:
        raise CommandError(str(exc)) from None
    if not result.ok:
        for problem in result.problems:
            fail(problem)
        raise CommandError(f"Nothing recorded: {_plural(len(result.problems), 'problem')} to fix first.")
    if args.dry_run:
        say(f"Would record {_plural(result.marked, 'mark')} for {event.title!r}.")
        return 0
    extra = f", {_plural(result.added, 'walk-in')} added" if result.added else ""
    checks = f"; {_plural(result.checks, 'training check')} recorded in screening" if result.checks else ""
    say(f"Recorded {_plural(result.marked, 'mark')} for {event.title!r}{extra}{checks}.")
    return 0


@run
def cmd_sign_in(args: Namespace) -> int:
    from mentordesk.services import events

    open_db(args, writes=False)
    event = _event(args)
    try:
        path, count = events.write_sign_in_sheet(event.id, args.out)
    except OSError as exc:
        raise CommandError(f"Cannot write {args.out}: {exc.strerror or exc}") from None
    say(f"Wrote the sign-in sheet for {event.title!r} ({_plural(count, 'name')}) to {path}")
    return 0


@run
def cmd_ics(args: Namespace) -> int:
    from mentordesk.services import events

    open_db(args, writes=False)
    try:
        path, count = events.export_events_ics(chosen_programme_id(args), args.out)
    except OSError as exc:
        raise CommandError(f"Cannot write {args.out}: {exc.strerror or exc}") from None
    say(f"Wrote {_plural(count, 'event')} to {path}")
    return 0
