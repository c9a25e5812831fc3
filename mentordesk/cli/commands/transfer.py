"""``move-to`` (a local file to an empty shared server) and ``copy-to`` (a server database to a new local file)."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

from mentordesk.cli.common import (
    PASSPHRASE_ENV,
    CommandError,
    db_path,
    open_db,
    run,
    say,
    server_password,
    server_url,
)


def register(subparsers) -> None:
    move = subparsers.add_parser(
        "move-to",
        help="copy this local database to an EMPTY shared server database, verified table by table",
        description="Copy every table of the local database (--db FILE) into an empty PostgreSQL database, "
        "then compare row counts and checksums of every table. The local file is not changed. "
        "The server's password comes from MENTORDESK_DB_PASSWORD or the keyring.",
    )
    move.add_argument("url", metavar="postgresql://USER@HOST[:PORT]/DBNAME", help="the empty server database")
    move.set_defaults(func=cmd_move_to)

    copy = subparsers.add_parser(
        "copy-to",
        help="copy this shared server database to a NEW local file (encrypted), verified table by table",
        description="Copy every table the server lets you read (--db postgresql://...) into a new local "
        f"file, encrypted with a passphrase ({PASSPHRASE_ENV}, or asked twice on a terminal) unless "
        "--unencrypted. The passphrase is remembered in the keyring when there is one.",
    )
    copy.add_argument("file", type=Path, metavar="FILE", help="the new database file (must not exist yet)")
    copy.add_argument("--unencrypted", action="store_true", help="write a plain SQLite file instead")
    copy.set_defaults(func=cmd_copy_to)


def _progress(table: str, done: int, total: int) -> None:
    if done == total:
        print(f"  {table:<20} {total:>9,} rows", file=sys.stderr)


def _report(checks) -> None:
    rows = sum(c.rows for c in checks)
    say(f"Verified: {len(checks)} tables, {rows:,} rows; row counts and checksums match.")


@run
def cmd_move_to(args: Namespace) -> int:
    from mentordesk.store import db as store_db, server as store_server, transfer

    if server_url(args) is not None:
        raise CommandError("move-to copies a local file: give it with --db FILE (this --db is a server).")
    if not store_server.is_server_url(args.url):
        raise CommandError(f"{args.url} is not a server database: give postgresql://USER@HOST[:PORT]/DBNAME")
    path = db_path(args)
    if not path.exists():
        raise CommandError(f"No database at {path}.")
    try:
        target = store_db.open_database(args.url, server_password(args.url))
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc)) from exc
    try:
        busy = transfer.holds_data(target)
        if busy is not None:
            raise CommandError(
                f"The server database already holds data (table {busy}): move-to copies only into an empty "
                "database, so nothing there is overwritten. Ask for a new, empty database."
            )
        source = open_db(args, writes=False)
        print(f"Copying {path.name} to {store_server.parse_url(args.url).label}…", file=sys.stderr)
        try:
            checks = transfer.copy_all(source, target, _progress)
        except transfer.TransferError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        target.close()
    _report(checks)
    say(
        f"{path} was not changed. Everyone can now open the server with: mentordesk --db {args.url} "
        "(give people roles with: mentordesk server grant)."
    )
    return 0


def _new_passphrase(path: Path, unencrypted: bool) -> str | None:
    import getpass

    from mentordesk.services import protection

    if unencrypted:
        return None
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise CommandError(
            f"{path.name} will be encrypted: set {PASSPHRASE_ENV} (or run in a terminal to be asked), "
            "or add --unencrypted."
        )
    first = getpass.getpass(f"New passphrase for {path.name}: ")
    again = getpass.getpass("The same passphrase again: ")
    try:
        protection.check_new_passphrase(first, again)
    except protection.PassphraseRejected as exc:
        raise CommandError(f"{exc} Nothing was written.") from None
    return first


@run
def cmd_copy_to(args: Namespace) -> int:
    from mentordesk.services import protection
    from mentordesk.store import db as store_db, transfer

    url = server_url(args)
    if url is None:
        raise CommandError("copy-to copies a shared server: give it with --db postgresql://USER@HOST/DBNAME.")
    path = args.file.expanduser()
    if path.exists() and path.stat().st_size > 0:
        raise CommandError(f"{path} already exists: copy-to writes a new file only. Choose another name.")
    passphrase = _new_passphrase(path, args.unencrypted)
    if os.environ.get(PASSPHRASE_ENV):  # it is the new file's; the server would refuse it
        os.environ.pop(PASSPHRASE_ENV)
    try:
        target = store_db.open_database(path, passphrase)
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc)) from exc
    try:
        source = open_db(args, writes=False)
        print(f"Copying {source.database} to {path}…", file=sys.stderr)
        try:
            checks = transfer.copy_all(source, target, _progress)
        except transfer.TransferError as exc:
            raise CommandError(str(exc)) from exc
    except BaseException:
        target.close()
        path.unlink(missing_ok=True)  # a partial copy is no copy
        raise
    target.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    target.close()
    _report(checks)
    if passphrase:
        try:
            protection.store_passphrase(path, passphrase)
            say(f"{path} is encrypted; its passphrase is remembered in the keyring.")
        except protection.KeyringUnavailable:
            say(f"{path} is encrypted; keep its passphrase safe (there is no keyring to remember it).")
    else:
        say(f"{path} is NOT encrypted: anyone who can read the file can read the data.")
    return 0
