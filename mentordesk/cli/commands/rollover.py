"""``rollover``: start next year's programme from this year's, with the people and pairs who continue."""

from __future__ import annotations

from argparse import Namespace
from datetime import date

from mentordesk.cli.common import CommandError, open_db, run, say


def register(subparsers) -> None:
    roll = subparsers.add_parser(
        "rollover", help="start a new year's programme from an old one: settings, templates, who continues"
    )
    roll.add_argument("--from", dest="source", required=True, metavar="PROGRAMME", help="this year's programme")
    roll.add_argument("--name", required=True, help="the new programme's name")
    roll.add_argument("--starts", type=date.fromisoformat, metavar="YYYY-MM-DD", help="its first day")
    roll.add_argument("--ends", type=date.fromisoformat, metavar="YYYY-MM-DD", help="its last day")
    roll.add_argument(
        "--continue-matches", action="store_true", help="propose every active or paused pair again (as drafts)"
    )
    roll.add_argument("--participant", type=int, action="append", metavar="ID", help="someone who continues")
    roll.add_argument("--no-checks", action="store_true", help="do not carry over screening checks")
    roll.set_defaults(func=cmd_rollover)


@run
def cmd_rollover(args: Namespace) -> int:
    from mentordesk.services import programmes, rollover

    open_db(args)
    try:
        source = programmes.find_programme(args.source).id
        matches, _people = rollover.continuing_choices(source)
        plan = rollover.RollOverPlan(
            args.name,
            args.starts,
            args.ends,
            tuple(args.participant or ()),
            tuple(m.id for m in matches) if args.continue_matches else (),
            carry_checks=not args.no_checks,
        )
        result = rollover.roll_over(source, plan)
    except programmes.ProgrammeError as exc:
        raise CommandError(str(exc)) from None
    say(f"{args.name}: {result.summary}")
    if result.shifted_days:
        say(f"Term breaks moved by {result.shifted_days} days ({result.shifted_days // 7} weeks).")
    for pair, why in result.not_proposed:
        say(f"  not proposed: {pair}: {why}")
    return 0
