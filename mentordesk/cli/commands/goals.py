"""``goals export``, ``goals due`` and ``goals summary``."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    goals = subparsers.add_parser("goals", help="goals and reflections: export, reviews due, summary")
    commands = goals.add_subparsers(dest="goals_command", metavar="ACTION", required=True)

    export = commands.add_parser(
        "export", help="write a programme's goals (or reflections) to a CSV file for a spreadsheet"
    )
    export.add_argument("--programme", "-p", required=True, help="programme name (or id)")
    export.add_argument("--reflections", action="store_true", help="export the reflections journal instead")
    export.add_argument("--no-bom", action="store_true", help="leave out the byte-order mark Excel needs")
    export.add_argument("file", type=Path, help="the CSV file to write (replaced if it exists)")
    export.set_defaults(func=cmd_export)

    due = commands.add_parser("due", help="goals due for review (overdue first)")
    due.add_argument("--programme", "-p", required=True, help="programme name (or id)")
    due.add_argument(
        "--within",
        type=int,
        default=14,
        metavar="DAYS",
        help="also list reviews due in the next DAYS (default 14)",
    )
    due.set_defaults(func=cmd_due)

    summary = commands.add_parser("summary", help="how many goals are achieved, in progress and dropped")
    summary.add_argument("--programme", "-p", required=True, help="programme name (or id)")
    summary.set_defaults(func=cmd_summary)


@run
def cmd_export(args: Namespace) -> int:
    from mentordesk.services import goals
    from mentordesk.services.goals import GoalError

    open_db(args, writes=False)
    programme_id = chosen_programme_id(args)
    write = goals.export_reflections if args.reflections else goals.export_goals
    try:
        count = write(programme_id, args.file, bom=not args.no_bom)
    except GoalError as exc:
        raise CommandError(str(exc)) from exc
    what = "reflection" if args.reflections else "goal"
    say(f"Wrote {count} {what}{'' if count == 1 else 's'} to {args.file}")
    return 0


@run
def cmd_due(args: Namespace) -> int:
    from mentordesk.core.goals import REVIEW_REASON_TEXT
    from mentordesk.services import goals

    if args.within < 0:
        raise CommandError("--within takes a number of days, 0 or more (e.g. --within 30).")
    open_db(args, writes=False)
    rows = goals.goals_due_for_review(chosen_programme_id(args), within_days=args.within)
    if not rows:
        say(f"No goal reviews due in the next {args.within} days.")
        return 0
    for row in rows:
        when = f"{row.days_overdue} days overdue" if row.days_overdue else f"due {row.due.due_on.isoformat()}"
        say(
            f"{row.due.due_on.isoformat()}  {row.match_label}: {row.title}  ({REVIEW_REASON_TEXT[row.due.reason]}; {when})"
        )
    say(f"{len(rows)} goal review{'' if len(rows) == 1 else 's'} due.")
    return 0


@run
def cmd_summary(args: Namespace) -> int:
    from mentordesk.services import goals

    open_db(args, writes=False)
    data = goals.summary(chosen_programme_id(args))
    c = data.counts
    say(f"Goals: {c.total}")
    say(f"  achieved     {c.achieved:>6}")
    say(f"  in progress  {c.in_progress:>6}")
    say(f"  not started  {c.not_started:>6}")
    say(f"  dropped      {c.dropped:>6}")
    say(f"Reviews due: {data.reviews_due}; overdue milestones: {data.overdue_milestones}")
    return 0
