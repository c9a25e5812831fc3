"""``speed``: a speed-mentoring night from the command line: the event, check-in, rounds, wishes, prints."""

from __future__ import annotations

from argparse import Namespace
from datetime import date

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "speed",
        help="speed-mentoring nights: event, check-in, rounds, wishes to meet again, badges and table cards",
        description=(
            "Run a speed-mentoring night: create the event (everyone ready is invited and the rounds are "
            "planned), tick people in, mark no-shows and re-plan the rounds still to come, record whom each "
            "person would like to meet again, print name badges and table cards, and make a pair a match."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def common(sub, event: bool = True) -> None:
        sub.add_argument("--programme", metavar="NAME", help="programme name or id (default: the only one)")
        if event:
            sub.add_argument("--event", type=int, metavar="ID", help="event id (default: the latest)")

    new = actions.add_parser("event", help="create an event, invite everyone ready and plan the rounds")
    common(new, event=False)
    new.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day of the event")
    new.add_argument("--venue", default="", help="where it is held")
    new.add_argument("--rounds", type=int, default=6, help="number of rounds (default 6)")
    new.add_argument("--minutes", type=int, default=8, help="length of a round in minutes (default 8)")
    new.add_argument("--start", default="", metavar="HH:MM", help="time of the first round")
    new.add_argument("--title", default="", help="a name for the event")
    new.set_defaults(func=cmd_event)

    listing = actions.add_parser("events", help="list the programme's events")
    common(listing, event=False)
    listing.set_defaults(func=cmd_events)

    checkin = actions.add_parser(
        "checkin", help="tick people in by name; --close marks everyone else absent and re-plans"
    )
    common(checkin)
    checkin.add_argument("names", nargs="*", metavar="NAME", help="people who arrived (as their badge reads)")
    checkin.add_argument("--absent", action="store_true", help="mark the NAMEs absent instead")
    checkin.add_argument("--close", action="store_true", help="mark everyone not ticked in as a no-show")
    checkin.add_argument(
        "--held",
        type=int,
        metavar="N",
        help="rounds already held (kept); the rest are re-planned for those present",
    )
    checkin.set_defaults(func=cmd_checkin)

    rounds = actions.add_parser("rounds", help="print who meets whom at which table in each round")
    common(rounds)
    rounds.set_defaults(func=cmd_rounds)

    wishes = actions.add_parser(
        "wishes", help="import wishes to meet again from a CSV (Participant, Meet again)"
    )
    common(wishes)
    wishes.add_argument("--import", dest="path", required=True, metavar="FILE", help="CSV or workbook")
    wishes.set_defaults(func=cmd_wishes)

    for name, what in (("badges", "name badges"), ("cards", "table cards")):
        printing = actions.add_parser(name, help=f"print the {what} as a PDF")
        common(printing)
        printing.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
        printing.set_defaults(func=cmd_print, what=name)

    pair = actions.add_parser("pair", help="make a pair who met at the event an active match")
    common(pair)
    pair.add_argument("--mentee", required=True, metavar="NAME")
    pair.add_argument("--mentor", required=True, metavar="NAME")
    pair.set_defaults(func=cmd_pair)


def _event_id(args: Namespace, programme_id: int) -> int:
    from mentordesk.services import pairing

    events = pairing.list_events(programme_id)
    if not events:
        raise CommandError("This programme has no speed-mentoring event yet: mentordesk speed event --date …")
    if args.event is None:
        return events[0].id
    if args.event not in {e.id for e in events}:
        ids = ", ".join(str(e.id) for e in events)
        raise CommandError(f"--event: {args.event} is not an event of this programme (its events: {ids}).")
    return args.event


def _person(night, text: str, role: str | None = None) -> int:
    key = " ".join(text.casefold().split())
    found = [s for s in night.seats if s.name.casefold() == key and (role is None or s.role == role)]
    if not found:
        found = [s for s in night.seats if key in s.name.casefold() and (role is None or s.role == role)]
    if len(found) == 1:
        return found[0].participant_id
    if not found:
        raise CommandError(f"“{text}” is not invited to this event; names are written as on the badges.")
    names = ", ".join(s.name for s in found[:5])
    raise CommandError(f"“{text}” could be {names}: write the whole name.")


@run
def cmd_event(args: Namespace) -> int:
    from mentordesk.services import pairing

    try:
        held_on = date.fromisoformat(args.date)
    except ValueError:
        raise CommandError(f"--date: {args.date!r} is not a date; write it as YYYY-MM-DD.") from None
    open_db(args)
    programme_id = chosen_programme_id(args)
    try:
        event_id = pairing.create_event(
            programme_id,
            held_on,
            venue=args.venue,
            rounds=args.rounds,
            round_minutes=args.minutes,
            starts_at=args.start,
            title=args.title,
        )
        mentees, mentors = pairing.invite_waiting(event_id)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    say(f"Event {event_id}: {mentees} mentees and {mentors} mentors invited, one table per mentor.")
    return _print_rounds(event_id)


@run
def cmd_events(args: Namespace) -> int:
    from mentordesk.services import pairing

    open_db(args, writes=False)
    for event in pairing.list_events(chosen_programme_id(args)):
        counts = pairing.night(event.id).counts()
        say(
            f"{event.id}  {event.label}  {event.venue or '—'}  {event.rounds} rounds x {event.round_minutes} min"
            f"  present {counts['present']}, absent {counts['no_show']}, not ticked {counts['invited']}"
        )
    return 0


@run
def cmd_checkin(args: Namespace) -> int:
    from mentordesk.services import pairing

    if not args.names and not args.close and args.held is None:
        raise CommandError("Name who arrived, or use --close or --held N.")
    open_db(args)
    programme_id = chosen_programme_id(args)
    event_id = _event_id(args, programme_id)
    night = pairing.night(event_id)
    ids = [_person(night, name) for name in args.names]  # every name is checked before anything is saved
    try:
        for pid in ids:
            pairing.set_attendance(event_id, pid, pairing.NO_SHOW if args.absent else pairing.PRESENT)
        if args.close:
            say(f"{pairing.mark_no_shows(event_id)} marked as no-shows.")
        if args.close or args.held is not None:
            pairing.replan(event_id, args.held)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    counts = pairing.night(event_id).counts()
    say(f"Present {counts['present']}, absent {counts['no_show']}, not ticked in {counts['invited']}.")
    if args.close or args.held is not None:
        return _print_rounds(event_id)
    return 0


def _print_rounds(event_id: int) -> int:
    from mentordesk.services import pairing

    night = pairing.night(event_id)
    for number in range(1, night.event.rounds + 1):
        held = " (held)" if number <= night.event.rounds_held else ""
        say(f"Round {number}{held}")
        for m in night.round(number):
            say(f"  Table {m.table_no}: {m.mentor} — {m.mentee}")
    return 0


@run
def cmd_rounds(args: Namespace) -> int:
    open_db(args, writes=False)
    return _print_rounds(_event_id(args, chosen_programme_id(args)))


@run
def cmd_wishes(args: Namespace) -> int:
    from mentordesk.services import pairing

    open_db(args)
    event_id = _event_id(args, chosen_programme_id(args))
    try:
        result = pairing.import_wishes(event_id, args.path)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    say(f"{result.added} wishes to meet again from {result.people} people.")
    return 0


@run
def cmd_print(args: Namespace) -> int:
    from mentordesk.services import pairing, programmes

    open_db(args, writes=False)
    programme_id = chosen_programme_id(args)
    event_id = _event_id(args, programme_id)
    name = programmes.find_programme(str(programme_id)).name
    try:
        if args.what == "badges":
            count = pairing.badges_pdf(event_id, args.out, name)
        else:
            count = pairing.table_cards_pdf(event_id, args.out, name)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(
            f"Could not write {args.out}: {exc.strerror or exc}. Choose another folder."
        ) from exc
    say(f"{count} {'badges' if args.what == 'badges' else 'table cards'} written to {args.out}")
    return 0


@run
def cmd_pair(args: Namespace) -> int:
    from mentordesk.services import pairing

    open_db(args)
    event_id = _event_id(args, chosen_programme_id(args))
    night = pairing.night(event_id)
    mentee, mentor = _person(night, args.mentee, "mentee"), _person(night, args.mentor, "mentor")
    try:
        match_id = pairing.pair_to_match(event_id, mentee, mentor)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    say(f"Match {match_id} is active.")
    return 0
