"""``promote`` and ``tiers``: cascade programmes, where mentees who completed a cycle mentor the next cohort."""

from __future__ import annotations

from argparse import Namespace

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    promote = subparsers.add_parser(
        "promote",
        help="make mentees who completed a cycle mentors of the next cohort (cascade programmes)",
    )
    promote.add_argument("--programme", help="the cascade programme (name or id)")
    who = promote.add_mutually_exclusive_group(required=True)
    who.add_argument("--participant", type=int, action="append", metavar="ID", help="promote this person")
    who.add_argument("--all-completed", action="store_true", help="everyone who completed a cycle")
    promote.add_argument("--capacity", type=int, default=1, help="how many mentees each new mentor takes")
    promote.add_argument("--dry-run", action="store_true", help="say who would be promoted, change nothing")
    promote.set_defaults(func=cmd_promote)
    tiers = subparsers.add_parser("tiers", help="a cascade programme's tiers and who mentors whom")
    tiers.add_argument("--programme", help="the programme (name or id)")
    tiers.set_defaults(func=cmd_tiers)


@run
def cmd_promote(args: Namespace) -> int:
    from mentordesk.services import pairing

    open_db(args, writes=not args.dry_run)
    programme_id = chosen_programme_id(args)
    ids = pairing.promotable(programme_id) if args.all_completed else list(args.participant)
    if not ids:
        raise CommandError("Nobody has completed a cycle and is waiting to be promoted: nothing to do.")
    if args.dry_run:
        say(f"Would promote up to {len(ids)} people (nothing was changed).")
        return 0
    try:
        outcome = pairing.promote_to_mentor(programme_id, ids, capacity=args.capacity)
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from None
    say(outcome.summary)
    for name, why in outcome.refused:
        say(f"  not promoted: {name}: {why}")
    return 0 if outcome.promoted else 1


@run
def cmd_tiers(args: Namespace) -> int:
    from mentordesk.services import pairing

    open_db(args, writes=False)
    tiers = pairing.programme_tiers(chosen_programme_id(args))
    if not tiers:
        say("No tiers yet: nobody has mentored anyone in this programme.")
        return 0
    for tier in tiers:
        say(f"Tier {tier.number}: {tier.mentors} mentoring, {tier.mentees} mentees")
        for person in tier.people:
            line = f"  {person.name} ({person.role}"
            line += ", promoted)" if person.promoted else ")"
            if person.mentored_by:
                line += " mentored by " + ", ".join(person.mentored_by)
            if person.mentoring:
                line += "; mentors " + ", ".join(person.mentoring)
            say(line)
    return 0
