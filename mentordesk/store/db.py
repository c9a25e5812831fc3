"""The one database proxy every model binds to, and how a database file (or server URL) is opened.

``open_database`` is the single entry point: it picks plain SQLite or SQLCipher,
applies the pragmas, checks the schema version and migrates (with a backup
first). Peewee keeps one connection per thread, so a worker thread that uses
the models gets its own connection to the same file.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from peewee import Database, SqliteDatabase

from mentordesk.store.base import database

log = logging.getLogger(__name__)


# WAL lets the GUI read while a worker writes; foreign keys are off by default in SQLite;
# the busy timeout lets a second connection wait for a writer instead of failing at once.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
    "cache_size": -16 * 1024,
}


class DatabaseError(Exception):
    """A database could not be opened; the message says what to do."""


class WrongPassphrase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseDamaged(DatabaseError):
    """The file failed SQLite's integrity or foreign-key check; it was not written to."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted_file(path: Path | str) -> bool:
    """True when ``path`` holds data but not SQLite's plain header: encrypted (or not a database)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER


FULL_CHECK_KEY = "integrity.last_full_check"


def integrity_problems(db: Database, limit: int = 20, quick: bool = False) -> list[str]:
    """What ``PRAGMA integrity_check`` (or ``quick_check``) and ``PRAGMA foreign_key_check`` report.

    Empty when all is well. Both only read, so a damaged file is never written to by the check.
    """
    pragma = "quick_check" if quick else "integrity_check"
    problems = [str(row[0]) for row in db.execute_sql(f"PRAGMA {pragma}({int(limit)})").fetchall()]
    if problems == ["ok"]:
        problems = []
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall()[:limit]:
        problems.append(f"{table} row {rowid} points at a missing {parent} row")
    return problems


def current_passphrase() -> str | None:
    """The passphrase the open database was unlocked with (None for a plain database)."""
    obj = database.obj
    if obj is None:
        return None
    return obj.connect_params.get("passphrase") or None


def make_database(path: Path | str, passphrase: str | None = None) -> SqliteDatabase:
    """Build (but do not migrate) a peewee database for ``path``; encrypted when a passphrase is given."""
    path = str(path)
    if passphrase:
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        return SqlCipherDatabase(path, passphrase=passphrase, pragmas=SQLITE_PRAGMAS)
    return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS)


def open_database(
    path: Path | str,
    passphrase: str | None = None,
    *,
    migrate: bool = True,
    backup: bool = True,
    check: bool = True,
    defer_check: bool = False,
) -> Database:
    """Open ``path``, check it, bind every model to it, create or migrate the schema.

    Raises ``WrongPassphrase`` when the file is encrypted with another key (or is not a
    database at all), ``DatabaseDamaged`` when the integrity or foreign-key check fails,
    ``DatabaseTooNew`` when a newer MentorDesk wrote it. None of these cases writes to the file:
    the checks run before any migration or backup.

    With ``defer_check`` a file that needs no migration opens read-only (SQLite's
    ``query_only``, on every connection) and unchecked, so the window can paint while
    ``run_pending_check`` reads the file on a worker; ``allow_writes`` lifts the guard once
    the check has passed. A file that needs creating or migrating is checked here, as usual.
    """
    from mentordesk.store import migrations, server

    if server.is_server_url(path):  # a shared PostgreSQL server; the passphrase is its password
        return server.open_server(str(path), passphrase, migrate=migrate)
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a MentorDesk database file.")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    encrypted_file = is_encrypted_file(path)
    plain_file = path.exists() and path.stat().st_size > 0 and not encrypted_file
    if passphrase and plain_file:
        raise DatabaseError(f"{path.name} is not encrypted: open it without a passphrase.")
    db = make_database(path, passphrase)
    try:
        db.connect(reuse_if_open=True)
        # The first real read: SQLCipher reports a wrong key only here (or in the pragmas above).
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlite3 and sqlcipher3 raise unrelated DatabaseError classes
        db.close()
        text = str(exc)
        if ("file is not a database" in text or "encrypted" in text) and not plain_file:
            if passphrase:
                raise WrongPassphrase(
                    "The passphrase does not open this database. Check it (capital letters count) "
                    "and try again."
                ) from exc
            raise WrongPassphrase(
                f"{path.name} is encrypted (or is not a MentorDesk database): enter its passphrase."
            ) from exc
        if "malformed" in text or "not a database" in text:
            raise DatabaseDamaged(
                f"{path.name} is damaged: SQLite cannot read it ({text}). It was not changed.", [text]
            ) from exc
        raise DatabaseError(f"Could not open {path}: {exc}") from exc
    if check and defer_check and migrate and _opens_without_writing(db):
        db.pragma("query_only", 1, permanent=True)  # nothing is written until the check passes
        db.pending_check = _full_check_due(db)  # type: ignore[attr-defined]
        database.initialize(db)
        log.info("database opened (%s, encrypted=%s), check pending", path.name, bool(passphrase))
        return db
    full_check = False
    if check:
        # The full check reads every index against its table (a quarter of a second on a
        # 5,000-person file): it runs on the first open of each day, like the automatic
        # backup; the other opens run quick_check, which still reads every page.
        full_check = _full_check_due(db)
        problems = _open_check(db, full_check)
        if problems:
            db.close()
            raise damaged(path, problems)
    database.initialize(db)
    if migrate:
        try:
            migrations.ensure_schema(db, path, backup=backup)
        except Exception:
            db.close()
            raise
        if full_check:
            _record_full_check(db)
    log.info("database opened (%s, encrypted=%s)", path.name, bool(passphrase))
    return db


def damaged(path: Path, problems: list[str]) -> DatabaseDamaged:
    log.warning("integrity check failed for %s: %d problem(s)", path.name, len(problems))
    return DatabaseDamaged(
        f"{path.name} failed its integrity check ({len(problems)} problem(s)); "
        "MentorDesk has not written to it. Restore the latest good backup.",
        problems,
    )


def _opens_without_writing(db: Database) -> bool:
    from mentordesk.store import migrations

    try:
        return migrations.is_current(db)
    except Exception:  # damaged, foreign or too new: the checked path says which
        return False


def pending_check() -> bool | None:
    """None when the open database needs no check; else whether its pending check is the full one."""
    return getattr(database.obj, "pending_check", None)


def run_pending_check() -> list[str]:
    """The deferred open check, on any thread (a worker's own connection, which only reads)."""
    db = database.obj
    return _open_check(db, full=bool(db.pending_check))


def _open_check(db: Database, full: bool) -> list[str]:
    """The check every open runs, full or quick; a file too damaged to be checked is a problem too."""
    try:
        return integrity_problems(db, quick=not full)
    except Exception as exc:  # a badly damaged file fails the check itself
        return [str(exc)]


def allow_writes() -> None:
    """After ``run_pending_check`` found nothing: lift the read-only guard on this and later connections."""
    db = database.obj
    full = db.pending_check
    db.pragma("query_only", 0, permanent=True)
    db.pending_check = None
    if full:
        _record_full_check(db)


def _record_full_check(db: Database) -> None:
    db.execute_sql(
        "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
        (FULL_CHECK_KEY, json.dumps(date.today().isoformat())),
    )


def _full_check_due(db: Database) -> bool:
    try:
        row = db.execute_sql("SELECT value FROM setting WHERE key = ?", (FULL_CHECK_KEY,)).fetchone()
    except Exception:  # a new or foreign file has no setting table: check it fully
        return True
    return row is None or json.loads(row[0]) != date.today().isoformat()


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
