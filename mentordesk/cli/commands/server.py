"""``server init``, ``server grant`` and ``server access``: roles on a shared PostgreSQL server."""

from __future__ import annotations

from argparse import Namespace

from mentordesk.cli.common import CommandError, open_db, run, say, server_url


def register(subparsers) -> None:
    server = subparsers.add_parser(
        "server",
        help="roles and access on a shared PostgreSQL server (run as its administrator)",
        description="Set up who may do what on a shared server: mentordesk --db postgresql://ADMIN@HOST/DB "
        "server init prints the SQL (add --apply to run it); server grant gives a person a role and "
        "programmes. See docs/shared-server.md.",
    )
    commands = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = commands.add_parser("init", help="print (or --apply) the SQL that creates roles, grants and policies")
    init.add_argument("--apply", action="store_true", help="run it on the server instead of printing it")
    init.set_defaults(func=cmd_init)

    grant = commands.add_parser("grant", help="give a database user a MentorDesk role and programmes")
    grant.add_argument("user", help="the person's database user (created, without a password, if missing)")
    grant.add_argument(
        "--role", required=True, choices=("viewer", "coordinator", "safeguarding", "admin"),
        help="viewer reads; coordinator writes; safeguarding also the concerns register; admin everything",
    )
    which = grant.add_mutually_exclusive_group(required=True)
    which.add_argument("--programme", "-p", action="append", metavar="NAME", help="a programme (repeatable)")
    which.add_argument("--all-programmes", action="store_true", help="every programme, present and future")
    grant.set_defaults(func=cmd_grant)

    access = commands.add_parser("access", help="list who has which role and programmes")
    access.set_defaults(func=cmd_access)


def _server_db(args: Namespace):
    if server_url(args) is None:
        raise CommandError(
            "'server' works on a shared server: give --db postgresql://ADMIN@HOST[:PORT]/DBNAME "
            "(a local file has one user and needs no roles)."
        )
    return open_db(args)


@run
def cmd_init(args: Namespace) -> int:
    from mentordesk.store import server_roles

    db = _server_db(args)
    if not args.apply:
        say(server_roles.init_sql(db.database, server_roles.present_tables(db)).rstrip())
        return 0
    server_roles.apply_init(db)
    say(
        f"Roles, grants and row-level security are set up on {db.database}. Give people access with: "
        "mentordesk --db URL server grant USER --role coordinator --programme NAME"
    )
    return 0


@run
def cmd_grant(args: Namespace) -> int:
    from mentordesk.services import programmes
    from mentordesk.store import server_roles

    db = _server_db(args)
    ids: list[int | None] = [None]
    if not args.all_programmes:
        try:
            ids = [programmes.find_programme(name).id for name in args.programme]
        except programmes.ProgrammeError as exc:
            raise CommandError(str(exc)) from None
    try:
        created = server_roles.grant(db, args.user, args.role, ids)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    what = "every programme" if args.all_programmes else ", ".join(args.programme)
    say(f"{args.user} is now a MentorDesk {args.role} for {what}.")
    if created:
        say(
            f"The database user {args.user} was created without a password: set one in psql with "
            f"\\password {args.user} (or ask for certificate or Kerberos login)."
        )
    return 0


@run
def cmd_access(args: Namespace) -> int:
    from mentordesk.store import server_roles

    db = _server_db(args)
    rows = server_roles.access_rows(db)
    if not rows:
        say("Nobody has been given access yet: mentordesk --db URL server grant USER --role ROLE --programme NAME")
    for user, role, programme in rows:
        say(f"{user:<24} {role:<13} {programme}")
    return 0
