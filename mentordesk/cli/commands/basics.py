"""``demo`` and ``info``."""

from __future__ import annotations

from argparse import Namespace

from mentordesk.cli.common import CommandError, db_label, db_path, open_db, run, say, server_url


def register(subparsers) -> None:
    demo = subparsers.add_parser("demo", help="create a database filled with a realistic demo programme")
    demo.add_argument("--force", action="store_true", help="add the demo even if the database has data")
    demo.set_defaults(func=cmd_demo)
    info = subparsers.add_parser("info", help="schema version and how many rows each table holds")
    info.set_defaults(func=cmd_info)


@run
def cmd_demo(args: Namespace) -> int:
    from mentordesk.services import demo

    path = db_label(args)
    open_db(args, must_exist=False)
    if demo.has_data() and not args.force:
        raise CommandError(f"{path} already holds data; add --force to add the demo programme anyway.")
    summary = demo.seed_demo()
    say(f"Demo programme written to {path}: " + ", ".join(f"{n} {k}" for k, n in summary.items()))
    return 0


@run
def cmd_info(args: Namespace) -> int:
    from mentordesk.services import protection

    db = open_db(args, writes=False)
    info = protection.describe()
    say(f"Database: {db_label(args)}")
    if server_url(args) is not None:
        from mentordesk.store import server_roles

        user = db.execute_sql("SELECT current_user").fetchone()[0]
        role = server_roles.role_of(db)
        say(f"Connected as: {user}" + (f" (MentorDesk role: {role})" if role else " (no MentorDesk role: the owner?)"))
    say(f"Schema version: {info.schema_version}")
    width = max(len(name) for name in info.counts)
    for name, count in info.counts.items():
        say(f"  {name:<{width}}  {count:>8,}" if count is not None else f"  {name:<{width}}  {'no access':>8}")
    if server_url(args) is None:
        warning = protection.location_warning(db_path(args))
        if warning:
            say("")
            say(f"Warning: {warning}")
    return 0
