"""``enrol``: enrol people already in one programme in another (a new school year, a second scheme)."""

from __future__ import annotations

from argparse import Namespace

from mentordesk.cli.common import CommandError, open_db, run, say


def register(subparsers) -> None:
    enrol = subparsers.add_parser(
        "enrol",
        help="enrol people of one programme in another, keeping their record (and valid checks)",
    )
    enrol.add_argument("--from", dest="source", required=True, metavar="PROGRAMME", help="where they are now")
    enrol.add_argument("--to", dest="target", required=True, metavar="PROGRAMME", help="where to enrol them")
    enrol.add_argument(
        "--status",
        action="append",
        metavar="STATUS",
        help="only people with this status in --from (repeatable; e.g. --status ready --status matched)",
    )
    enrol.add_argument("--participant", type=int, action="append", metavar="ID", help="only these people")
    enrol.add_argument("--role", choices=("mentor", "mentee", "peer"), help="one role for all (default: keep)")
    enrol.add_argument("--no-checks", action="store_true", help="do not carry over screening checks")
    enrol.add_argument("--dry-run", action="store_true", help="say who would be enrolled, change nothing")
    enrol.set_defaults(func=cmd_enrol)
    alumni = subparsers.add_parser(
        "alumni", help="people who left any programme, with when and why, until retention erases them"
    )
    alumni.add_argument("search", nargs="?", default="", help="a name, e-mail or programme to narrow the list")
    alumni.set_defaults(func=cmd_alumni)


def _programme(name: str) -> int:
    from mentordesk.services import programmes

    try:
        return programmes.find_programme(name).id
    except programmes.ProgrammeError as exc:
        raise CommandError(str(exc)) from None


@run
def cmd_enrol(args: Namespace) -> int:
    from mentordesk.services import participants

    open_db(args, writes=not args.dry_run)
    source, target = _programme(args.source), _programme(args.target)
    rows = participants.roster(source)
    if args.status:
        rows = [r for r in rows if r.status in set(args.status)]
    if args.participant:
        known = {r.participant_id for r in rows}
        unknown = [pid for pid in args.participant if pid not in known]
        if unknown:
            raise CommandError(f"Participant {unknown[0]} is not in {args.source!r} (with that status).")
        rows = [r for r in rows if r.participant_id in set(args.participant)]
    if not rows:
        raise CommandError(f"Nobody in {args.source!r} matches: nothing to enrol.")
    if args.dry_run:
        say(f"Would enrol {len(rows)} people in {args.target!r} (nothing was changed).")
        return 0
    try:
        outcome = participants.enrol_in_programme(
            [r.participant_id for r in rows],
            target,
            from_programme_id=source,
            role=args.role,
            carry_checks=not args.no_checks,
        )
    except participants.ParticipantError as exc:
        raise CommandError(str(exc)) from None
    say(f"{args.target}: {outcome.summary}")
    return 0


@run
def cmd_alumni(args: Namespace) -> int:
    from mentordesk.services import participants

    open_db(args, writes=False)
    rows = participants.alumni(args.search)
    if not rows:
        say("No alumni" + (f" matching {args.search!r}." if args.search else ": nobody has left a programme yet."))
        return 0
    for row in rows:
        left = row.exited_on.isoformat() if row.exited_on else "date not recorded"
        line = f"{row.name}: {row.role} in {row.programme}, left {left}"
        if row.exit_reason:
            line += f" ({row.exit_reason})"
        line += f"; {row.matches} match{'es' if row.matches != 1 else ''}"
        if row.now_in:
            line += "; now in " + ", ".join(row.now_in)
        say(line)
    say(f"{len(rows)} in all.")
    return 0
