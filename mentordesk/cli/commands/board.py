"""``board show``, ``board summary`` (the PDF), ``board outcome`` and ``board recommend``: a shadow board
from the command line."""

from __future__ import annotations

from argparse import ArgumentTypeError, Namespace
from datetime import date
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-03-01") from None


def register(subparsers) -> None:
    board = subparsers.add_parser("board", help="a shadow board: its sessions, recommendations and outcomes")
    commands = board.add_subparsers(dest="board_command", metavar="ACTION", required=True)

    show = commands.add_parser(
        "show", help="members, sponsors, sessions and recommendations (with their ids)"
    )
    show.add_argument("--programme", "-p", help="the shadow board's programme (name or id)")
    show.set_defaults(func=cmd_show)

    summary = commands.add_parser("summary", help="write the board's summary PDF")
    summary.add_argument("--programme", "-p", help="the shadow board's programme (name or id)")
    summary.add_argument("file", type=Path, help="the PDF to write (replaced if it exists)")
    summary.set_defaults(func=cmd_summary)

    outcome = commands.add_parser("outcome", help="record what became of a recommendation")
    outcome.add_argument("recommendation", type=int, help="the recommendation's id (see: board show)")
    outcome.add_argument("outcome", choices=["accepted", "declined", "in_progress", "awaiting"])
    outcome.add_argument("--on", type=_date, help="the day it was decided (YYYY-MM-DD; default today)")
    outcome.add_argument("--note", default="", help="what the leadership said, and why")
    outcome.set_defaults(func=cmd_outcome)

    recommend = commands.add_parser("recommend", help="add a recommendation the board made")
    recommend.add_argument("--programme", "-p", help="the shadow board's programme (name or id)")
    recommend.add_argument("title", help="what the board recommends, in one line")
    recommend.add_argument("--made-on", type=_date, help="YYYY-MM-DD (default: today)")
    recommend.add_argument("--session", type=int, help="the id of the session it was made at")
    recommend.add_argument("--sponsor", type=int, help="the id of the sponsor it is made to")
    recommend.add_argument("--detail", default="", help="the reasons and the evidence")
    recommend.set_defaults(func=cmd_recommend)


def _board_id(args: Namespace) -> int:
    from mentordesk.services import board

    programme_id = chosen_programme_id(args)
    try:
        board.board_programme(programme_id)
    except board.BoardInputError as exc:
        raise CommandError(str(exc)) from None
    return programme_id


@run
def cmd_show(args: Namespace) -> int:
    from mentordesk.services import board

    open_db(args, writes=False)
    b = board.board_overview(_board_id(args))
    counts = b.outcome_counts()
    say(
        f"{b.programme}: {len(b.members)} member(s), {len(b.sponsors)} sponsor(s), {len(b.sessions)} session(s)."
    )
    say("Members:")
    for m in b.members:
        say(f"  {m.name} ({m.role}, {m.status}; at {m.present} of {m.marked} session(s))")
    say("Sponsors:")
    for sponsor in b.sponsors:
        say(f"  #{sponsor.id} {sponsor.name}" + (f", {sponsor.role}" if sponsor.role else ""))
    say("Sessions:")
    for session in sorted(b.sessions, key=lambda x: x.held_on):
        topics = "; ".join(session.topics)
        say(f"  #{session.id} {session.caption}" + (f" — {topics}" if topics and session.title else ""))
    say(
        f"Recommendations ({counts['accepted']} accepted, {counts['declined']} declined, "
        f"{counts['in_progress']} in progress, {counts['awaiting']} awaiting):"
    )
    for r in sorted(b.recommendations, key=lambda x: (x.made_on, x.id)):
        decided = f" on {r.decided_on.isoformat()}" if r.decided_on else ""
        say(f"  #{r.id} {r.made_on.isoformat()} {r.title} [{r.outcome_label}{decided}]")
    return 0


@run
def cmd_summary(args: Namespace) -> int:
    from mentordesk.services import board

    open_db(args, writes=False)
    programme_id = _board_id(args)
    try:
        path = board.write_board_summary(programme_id, args.file)
    except OSError as exc:
        raise CommandError(
            f"Cannot write {args.file}: {exc.strerror or exc}. Choose another folder."
        ) from None
    say(f"Wrote {path}")
    return 0


@run
def cmd_outcome(args: Namespace) -> int:
    from mentordesk.services import board

    open_db(args)
    on = args.on or (date.today() if args.outcome != "awaiting" else None)
    try:
        board.record_outcome(args.recommendation, board.OutcomeInput(args.outcome, on, args.note))
    except board.BoardInputError as exc:
        raise CommandError(f"{exc} Nothing was changed.") from None
    row = board.recommendation(args.recommendation)
    assert row is not None
    say(
        f"#{row.id} {row.title}: {row.outcome_label}"
        + (f" on {row.decided_on.isoformat()}" if row.decided_on else "")
    )
    return 0


@run
def cmd_recommend(args: Namespace) -> int:
    from mentordesk.services import board

    open_db(args)
    programme_id = _board_id(args)
    data = board.RecommendationInput(
        args.made_on or date.today(), args.title, args.detail, args.session, args.sponsor
    )
    try:
        rec_id = board.add_recommendation(programme_id, data)
    except board.BoardInputError as exc:
        raise CommandError(f"{exc} Nothing was added.") from None
    say(
        f"Added recommendation #{rec_id}; record its outcome with: mentordesk board outcome {rec_id} accepted"
    )
    return 0
