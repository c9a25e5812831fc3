"""What every command needs: the database opened from ``--db``, and messages to the terminal."""

from __future__ import annotations

import logging
import sys
from argparse import Namespace
from pathlib import Path

from mentordesk import config
from mentordesk.store import db as store_db, server as store_server


class CommandError(Exception):
    """A message for the user; the command exits with ``code`` and nothing was written."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


SERVER_PASSWORD_ENV = "MENTORDESK_DB_PASSWORD"


def server_url(args: Namespace) -> str | None:
    """The ``--db`` value when it names a shared PostgreSQL server, else None."""
    return str(args.db) if args.db and store_server.is_server_url(str(args.db)) else None


def db_path(args: Namespace) -> Path:
    """The database file; a command that needs a file refuses a server URL in one line."""
    if server_url(args):
        raise CommandError(
            f"'{args.command}' works on a local database file only. A shared server is backed up with "
            "'backup' (pg_dump) and restored by its administrator with pg_restore (docs/shared-server.md).",
            1,
        )
    return Path(args.db) if args.db else config.default_db_path()


def db_label(args: Namespace) -> str:
    """What to call the database in a message: its path, or the server database without secrets."""
    url = server_url(args)
    if url is None:
        return str(db_path(args))
    address = store_server.parse_url(url)
    return f"{address.dbname} on {address.host if not address.host.startswith('/') else 'a local socket'}"


def chosen_programme_id(args: Namespace) -> int:
    """The programme named by ``--programme`` (name or id), or the only one the database holds."""
    from mentordesk.services import programmes

    if args.programme:
        try:
            return programmes.find_programme(args.programme).id
        except programmes.ProgrammeError as exc:
            raise CommandError(str(exc)) from None
    rows = programmes.list_programmes()
    if len(rows) == 1:
        return rows[0].id
    if not rows:
        raise CommandError("There is no programme yet: create one in the app, or run: mentordesk demo")
    names = ", ".join(repr(r.name) for r in rows)
    raise CommandError(f"Choose a programme with --programme (one of {names}).")


PASSPHRASE_ENV = "MENTORDESK_PASSPHRASE"


def passphrase_for(path: Path, *, creating: bool = False) -> str | None:
    """The passphrase of an encrypted database: keyring, then $MENTORDESK_PASSPHRASE, then a prompt on a TTY.

    For a database about to be created, only the environment variable counts (it asks for
    encryption); the keyring and the prompt are for files that already exist.
    """
    import getpass
    import os

    from mentordesk.services import protection

    env = os.environ.get(PASSPHRASE_ENV)
    if creating:
        return env or None
    if not store_db.is_encrypted_file(path):
        return None
    remembered = protection.get_passphrase(path)
    if remembered:
        return remembered
    if env:
        return env
    if sys.stdin.isatty():
        return getpass.getpass(f"Passphrase for {path.name}: ")
    state = protection.status()
    why = (
        "it is not remembered in the keyring" if state.available else f"there is no keyring ({state.reason})"
    )
    raise CommandError(
        f"{path} is encrypted and {why}. Set {PASSPHRASE_ENV}, or run the command in a terminal to be asked.",
        1,
    )


def server_password(url: str) -> str | None:
    """$MENTORDESK_DB_PASSWORD, else the keyring's password for this server account, else None."""
    import os

    from mentordesk.services import protection

    env = os.environ.get(SERVER_PASSWORD_ENV)
    if env:
        return env
    try:
        account = store_server.parse_url(url).account
    except store_server.ServerError:
        return None  # open_database reports the bad URL
    return protection.get_server_password(account)


def open_server_db(url: str):
    import os

    if os.environ.get(PASSPHRASE_ENV):
        raise CommandError(
            f"{PASSPHRASE_ENV} encrypts a local file; a server database is protected by the server "
            "(TLS and its own disk encryption): unset it.",
            1,
        )
    try:
        return store_db.open_database(url, server_password(url))
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc), 1) from exc


def open_db(args: Namespace, *, must_exist: bool = True, auto_backup: bool = True, writes: bool = True):
    """Open the database of ``--db``, checked. A command that ``writes`` takes the file's lock and
    refuses while another MentorDesk holds it. One that does not runs alongside and leaves the file
    byte-identical: no daily backup, no bookkeeping, SQLite's ``query_only`` on (only an old file,
    not held by anyone else, is still upgraded)."""
    url = server_url(args)
    if url is not None:
        return open_server_db(url)
    from mentordesk.store import file_lock

    path = db_path(args)
    if must_exist and not path.exists():
        raise CommandError(f"No database at {path}. Create one with: mentordesk --db {path} demo", 1)
    try:  # a text file, a PDF, or (for a command that only reads) an empty file: refused untouched
        store_db.refuse_if_not_a_database(path, read_only=not writes)
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc), 1) from None
    shared = False
    try:
        if writes:
            file_lock.acquire(path)
        else:
            shared = file_lock.holder(path) is not None
    except file_lock.DatabaseInUse as exc:
        raise CommandError(str(exc), 1) from None
    creating = not path.exists() or path.stat().st_size == 0
    passphrase = passphrase_for(path, creating=creating)
    store_db.close_database()  # reopening to write after a read-only start
    try:
        db = store_db.open_database(
            path, passphrase, migrate=not shared, read_only=(not writes or shared) and not creating
        )
    except store_db.DatabaseDamaged as exc:
        raise CommandError(damage_advice(path, exc, passphrase), 1) from exc
    except store_db.DatabaseError as exc:
        raise CommandError(str(exc), 1) from exc
    from mentordesk.services import protection
    from mentordesk.store import crypto

    crypto.clean_leftovers(path)
    if getattr(db, "changed_outside", False):
        fail(changed_outside_warning(path, passphrase))
    if auto_backup and not creating and writes and not shared:
        protection.auto_backup_if_due(path)
    return db


def changed_outside_warning(path: Path, passphrase: str | None) -> str:
    """The file passed its checks but is not as MentorDesk left it: say so, and where the last good copy is."""
    from mentordesk.services import protection

    text = (
        f"warning: {path.name} changed since MentorDesk last closed it, though it passes its checks. "
        "If nobody changed it on purpose, compare it with a backup"
    )
    good = protection.latest_good_backup(path, passphrase)
    text += f" (the latest good one is {good.path})." if good is not None else "."
    return text + " No automatic backup was taken of it today."


def damage_advice(path: Path, exc: store_db.DatabaseDamaged, passphrase: str | None) -> str:
    from mentordesk.services import protection

    lines = [str(exc)] + [f"  {p}" for p in exc.problems[:5]]
    good = protection.latest_good_backup(path, passphrase)
    if good is None:
        lines.append(f"No good backup was found in {config.backup_dir()}.")
    else:
        lines.append(f"The latest good backup is {good.path}. Restore it with:")
        lines.append(f"  mentordesk --db {path} restore {good.path}")
    return "\n".join(lines)


def say(text: str = "") -> None:
    print(text)


def fail(text: str) -> None:
    print(f"mentordesk: {text}", file=sys.stderr)


def run(func):
    """Decorator: turn CommandError into its message and exit code."""

    def wrapper(args: Namespace) -> int:
        from mentordesk.store import faults

        try:
            return int(func(args) or 0)
        except CommandError as exc:
            fail(str(exc))
            return exc.code
        except Exception as exc:  # a full disk, a read-only file, a busy database: one line, no traceback
            message = faults.explain(exc, None if server_url(args) else db_path(args))
            if message is None:
                raise
            logging.getLogger(__name__).warning("command stopped: %s", type(exc).__name__)
            fail(message)
            return 1
        finally:
            store_db.close_database()
            from mentordesk.store import file_lock

            file_lock.release_all()  # one command, one lock: the next command takes its own

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper
