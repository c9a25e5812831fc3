"""``renewals``, ``close`` and ``first-meeting``: the match record and re-screening from the command line."""

from __future__ import annotations

import argparse
from argparse import Namespace
from datetime import date
from pathlib import Path

from mentordesk.cli.common import CommandError, open_db, run, say


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-09-21") from None


def register(subparsers) -> None:
    renewals = subparsers.add_parser(
        "renewals",
        help="screening checks due for renewal (next 60 days, lapsed ones included); --pdf prints the list",
    )
    renewals.add_argument("--programme", required=True, metavar="NAME", help="programme name (or id)")
    renewals.add_argument("--days", type=int, default=60, metavar="N", help="due within N days (default 60)")
    renewals.add_argument("--pdf", type=Path, metavar="FILE", help="also write the list as a PDF file")
    renewals.set_defaults(func=cmd_renewals)

    close = subparsers.add_parser(
        "close",
        help="close a match with its closure record (reason code, closure meeting, contact plan, exit talks)",
    )
    close.add_argument("match", type=int, metavar="MATCH_ID")
    close.add_argument("--reason", required=True, metavar="CODE", help="a reason code of the programme's list")
    close.add_argument("--text", default="", help="the reason in words (needed when the code is other)")
    close.add_argument("--on", type=_date, default=None, help="closure date YYYY-MM-DD (default: today)")
    close.add_argument("--premature", action="store_true", help="the match ended early (default: planned)")
    close.add_argument(
        "--initiated-by",
        default="coordinator",
        choices=("mentor", "mentee", "guardian", "coordinator", "mutual"),
        help="who ended the match (default: coordinator)",
    )
    close.add_argument("--meeting-on", type=_date, metavar="YYYY-MM-DD", help="the closure meeting was held then")
    close.add_argument("--no-meeting", action="store_true", help="no closure meeting was held")
    close.add_argument(
        "--contact", choices=("none", "programme", "agreed"), default="", help="the contact plan after closure"
    )
    close.add_argument(
        "--exit",
        action="append",
        default=[],
        metavar="PERSON_ID=YYYY-MM-DD",
        help="when a member's exit conversation happened (repeatable)",
    )
    close.add_argument("--guardian-exit", type=_date, metavar="YYYY-MM-DD", help="the guardian's exit conversation")
    close.set_defaults(func=cmd_close)

    first = subparsers.add_parser("first-meeting", help="record a match's first meeting")
    first.add_argument("match", type=int, metavar="MATCH_ID")
    first.add_argument("--on", type=_date, required=True, help="the day it happened, YYYY-MM-DD")
    first.add_argument("--staff", default="", help="who from the programme was present")
    first.add_argument(
        "--covered-agreement", action="store_true", help="the introductions went through the agreement"
    )
    first.set_defaults(func=cmd_first_meeting)


@run
def cmd_renewals(args: Namespace) -> int:
    from mentordesk.services import participants, programmes

    if not 0 <= args.days <= 3650:
        raise CommandError(f"--days: {args.days} is out of range; use 0 to 3650.")
    open_db(args, writes=False)
    try:
        programme = programmes.find_programme(args.programme)
    except programmes.ProgrammeError as exc:
        raise CommandError(str(exc)) from exc
    today = date.today()
    rows = participants.renewals(programme.id, today, args.days)
    if not rows:
        say(f"Nothing due within {args.days} days: every check is in date.")
    width = max((len(r.name) for r in rows), default=0)
    for r in rows:
        say(f"  {r.due_on.isoformat()}  {r.name:<{width}}  {r.role:<7} {r.label:<20} {r.when(today)}")
    if args.pdf:
        path, count = participants.write_renewals_pdf(programme.id, args.pdf, today, args.days)
        say(f"Wrote {path} ({count} row(s)).")
    return 0


def _exits(values: list[str]) -> tuple[tuple[int, date], ...]:
    out = []
    for value in values:
        person, _, day = value.partition("=")
        try:
            out.append((int(person), date.fromisoformat(day)))
        except ValueError:
            raise CommandError(
                f"--exit: {value!r} is not PERSON_ID=YYYY-MM-DD (e.g. --exit 12=2026-07-10)."
            ) from None
    return tuple(out)


def _need_match(match_id: int) -> None:
    from mentordesk.store.models import Match

    if Match.get_or_none(Match.id == match_id) is None:
        raise CommandError(
            f"No match with id {match_id}. See the ids with: mentordesk export matches FILE.csv --programme NAME"
        )


@run
def cmd_close(args: Namespace) -> int:
    from mentordesk.services import pairing

    if args.no_meeting and args.meeting_on:
        raise CommandError("--no-meeting and --meeting-on contradict each other: choose one.")
    exits = _exits(args.exit)
    open_db(args)
    _need_match(args.match)
    closure = pairing.Closure(
        closed_on=args.on or date.today(),
        kind="premature" if args.premature else "planned",
        reason=args.text,
        initiated_by=args.initiated_by,
        code=args.reason,
        meeting_held=False if args.no_meeting else (True if args.meeting_on else None),
        meeting_on=args.meeting_on,
        contact_after=args.contact,
        exit_conversations=exits,
        guardian_exit_on=args.guardian_exit,
    )
    try:
        outcomes = pairing.closure_outcomes(args.match, closure.mentor_may_rematch, closure.rematch_mentee)
        done = pairing.close_match(args.match, closure)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    say(f"Match {args.match} closed on {closure.closed_on.isoformat()} ({args.reason}).")
    for outcome in outcomes:
        say(outcome.sentence(done=True))
    if done.cancelled:
        say(f"{done.cancelled} planned meeting(s) after that day cancelled.")
    return 0


@run
def cmd_first_meeting(args: Namespace) -> int:
    from mentordesk.services import pairing

    open_db(args)
    _need_match(args.match)
    try:
        pairing.record_first_meeting(args.match, args.on, args.staff, args.covered_agreement)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from exc
    say(f"First meeting of match {args.match} recorded: {args.on.isoformat()}.")
    return 0
