"""The one database proxy every model binds to, and how a database file (or server URL) is opened.

``open_database`` is the single entry point: it picks plain SQLite or SQLCipher,
applies the pragmas, checks the schema version and migrates (with a backup
first). Peewee keeps one connection per thread, so a worker thread that uses
the models gets its own connection to the same file.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import date
from pathlib import Path

from peewee import Database, OperationalError, SqliteDatabase

from mentordesk import config
from mentordesk.store import checksum, cipher, faults, migrations, server
from mentordesk.store.base import database
from mentordesk.store.errors import (  # the open path's errors and file test, offered from here too
    CHOOSE_ANOTHER as CHOOSE_ANOTHER,
    LEFT_AS_IT_WAS as LEFT_AS_IT_WAS,
    DatabaseDamaged as DatabaseDamaged,
    DatabaseError as DatabaseError,
    DatabaseTooNew as DatabaseTooNew,
    NotADatabase as NotADatabase,
    WrongPassphrase as WrongPassphrase,
    is_encrypted_file as is_encrypted_file,
    is_plain_file as is_plain_file,
    not_a_database as not_a_database,
)
from mentordesk.store.models import ALL_MODELS
from mentordesk.store.models._fields import JSONField

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


FULL_CHECK_KEY = "integrity.last_full_check"


# What SQLite says when a file's bytes are not what it wrote: damage, not a bug to report.
DAMAGE_MARKERS = ("malformed", "not a database", "could not decode", "disk image", "corrupt")


def is_damage(exc: BaseException) -> bool:
    """True when ``exc`` says the file's contents are damaged (unreadable pages, text, values)."""
    text = str(exc).lower()
    return isinstance(exc, UnicodeDecodeError) or any(marker in text for marker in DAMAGE_MARKERS)


def unreadable_rows(db: Database, limit: int = 20) -> list[str]:
    """Rows whose values cannot be read back as their fields' types (text that is not UTF-8, a date
    that is not a date, broken JSON, text in a number column): what ``integrity_check`` cannot see.

    Checked in SQL where SQLite can judge (``date()``, ``json_valid()``, ``typeof()``), and by
    reading every text cell once for UTF-8. No value is quoted, so the messages can be logged.
    """

    present = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems: list[str] = []
    for model in ALL_MODELS:
        if model._meta.table_name in present:
            problems.extend(_unreadable_in(db, model, limit - len(problems)))
            if len(problems) >= limit:
                break
    return problems[:limit]


def _column_rules(model) -> tuple[list[str], list[tuple[str, str]]]:
    """The model's text columns, and (column, SQL condition that is true for a bad value) pairs."""
    from peewee import (
        BlobField,
        BooleanField,
        DateField,
        DateTimeField,
        FloatField,
        ForeignKeyField,
        IntegerField,
    )


    texts, rules = [], []
    for f in model._meta.sorted_fields:
        c = f'"{f.column_name}"'
        if isinstance(f, JSONField):
            texts.append(f.column_name)
            rules.append((f.column_name, f"json_valid({c}) = 0"))
        elif isinstance(f, DateTimeField):
            texts.append(f.column_name)
            rules.append((f.column_name, f"date(julianday({c})) IS NOT substr({c}, 1, 10)"))
        elif isinstance(f, DateField):
            texts.append(f.column_name)
            # The round trip through a day number turns 31 February into 3 March: not itself.
            rules.append((f.column_name, f"date(julianday({c})) IS NOT {c}"))
        elif isinstance(f, ForeignKeyField | IntegerField | BooleanField):
            rules.append((f.column_name, f"typeof({c}) NOT IN ('integer', 'null')"))
        elif isinstance(f, FloatField):
            rules.append((f.column_name, f"typeof({c}) NOT IN ('integer', 'real', 'null')"))
        elif isinstance(f, BlobField):
            continue  # bytes as stored (a concern's attachment): nothing to decode, nothing to check
        else:
            texts.append(f.column_name)
    return texts, rules


def _unreadable_in(db: Database, model, limit: int) -> list[str]:
    table = model._meta.table_name
    columns = {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')}  # an old file lacks some
    key = model._meta.primary_key.column_name
    texts, rules = _column_rules(model)
    texts = [c for c in texts if c in columns]
    problems: list[str] = []
    for column, bad in rules:
        if column not in columns:
            continue
        query = f'SELECT "{key}" FROM "{table}" WHERE "{column}" IS NOT NULL AND {bad} LIMIT {int(limit)}'
        for (row_id,) in db.execute_sql(query).fetchall():
            problems.append(f"{table} row {row_id}: {column} is not a valid value")
    if texts:
        select = ", ".join(f'"{c}"' for c in texts)
        try:
            for _ in db.execute_sql(f'SELECT {select} FROM "{table}"'):
                pass  # the driver decodes every text cell: a byte that is not UTF-8 raises here
        except Exception:
            for (row_id,) in db.execute_sql(f'SELECT "{key}" FROM "{table}"').fetchall():
                try:
                    db.execute_sql(f'SELECT {select} FROM "{table}" WHERE "{key}" = ?', (row_id,)).fetchall()
                except Exception as exc:
                    problems.append(f"{table} row {row_id} cannot be read ({_why(exc)})")
                    if len(problems) >= limit:
                        break
    return problems[:limit]


def _why(exc: BaseException) -> str:
    text = str(exc)
    if "decode" in text.lower() or isinstance(exc, UnicodeDecodeError):
        return "its text is not valid UTF-8"
    if isinstance(exc, ValueError):
        return "a stored value is broken"
    return text.split(" with text ")[0]  # sqlite3 quotes the bad text after " with text "


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


class _RollbackOnce:
    """SQLite rolls a transaction back by itself when the disk fills (and after a few other errors);
    peewee's own rollback then fails with "no transaction is active", and that error would replace
    the one that says what happened. Nothing is left to roll back, so it is not an error."""

    def rollback(self) -> None:
        try:
            super().rollback()  # type: ignore[misc]
        except OperationalError as exc:
            if "no transaction is active" not in str(exc):
                raise


class PlainDatabase(_RollbackOnce, SqliteDatabase):
    pass


def make_database(path: Path | str, passphrase: str | None = None) -> SqliteDatabase:
    """Build (but do not migrate) a peewee database for ``path``; encrypted when a passphrase is given."""
    path = str(path)
    if passphrase:
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        class CipherDatabase(_RollbackOnce, SqlCipherDatabase):
            def _connect(self):  # peewee's, but through cipher.connect: the key tried with SQLCipher quiet
                params = dict(self.connect_params)
                conn = cipher.connect(self.database, params.pop("passphrase", None), **params)
                try:
                    self._add_conn_hooks(conn)
                except BaseException:
                    conn.close()
                    raise
                return conn

        return CipherDatabase(path, passphrase=passphrase, pragmas=SQLITE_PRAGMAS)
    return PlainDatabase(path, pragmas=SQLITE_PRAGMAS)


def open_database(
    path: Path | str,
    passphrase: str | None = None,
    *,
    migrate: bool = True,
    backup: bool = True,
    check: bool = True,
    defer_check: bool = False,
    read_only: bool = False,
) -> Database:
    """Open ``path``, check it, bind every model to it, create or migrate the schema.

    Raises ``NotADatabase`` (before anything is created, locked or chmodded) when the file holds
    data but is neither a MentorDesk database nor one that could be encrypted (a text file, a PDF,
    a zip, another program's SQLite file; see ``errors.is_encrypted_file``), and with ``read_only``
    when it is empty; ``WrongPassphrase`` when the file is encrypted with another key,
    ``DatabaseDamaged`` when the integrity or foreign-key check fails,
    ``DatabaseTooNew`` when a newer MentorDesk wrote it. None of these cases writes to the file:
    the checks run before any migration or backup.

    With ``defer_check`` a file that needs no migration opens read-only (SQLite's
    ``query_only``, on every connection) and unchecked, so the window can paint while
    ``run_pending_check`` reads the file on a worker; ``allow_writes`` lifts the guard once
    the check has passed. A file that needs creating or migrating is checked here, as usual.

    With ``read_only`` (the CLI's read-only commands) a file that needs no migration is checked
    and opened with ``query_only``; nothing is recorded, so the file stays byte-identical.

    The checksum recorded at the last clean close (``store/checksum.py``) is compared first: a
    file changed since then gets the full check (every row read back) and, if it passes, is
    flagged ``changed_outside`` for the caller to report.
    """

    if server.is_server_url(path):  # a shared PostgreSQL server; the passphrase is its password
        return server.open_server(str(path), passphrase, migrate=migrate)
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a MentorDesk database file.")
    refuse_if_not_a_database(path, read_only=read_only)
    if path.parent and not path.parent.exists():
        config.ensure_dir(path.parent)
    close_record = checksum.recorded(path) if path.exists() else None
    # A deferred check compares the checksum on its worker (hashing the file is 20 ms on 20 MB).
    may_defer = check and defer_check and migrate
    since_close = None if may_defer else _since_close(path, close_record)
    has_data = path.exists() and path.stat().st_size > 0
    _create_private(path)
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
                f"{path.name} is encrypted: enter its passphrase."
            ) from exc
        if is_damage(exc):
            raise DatabaseDamaged(
                f"{path.name} is damaged: SQLite cannot read it ({_why(exc)}). It was not changed.",
                [_why(exc)],
            ) from exc

        raise DatabaseError(faults.explain(exc, path) or f"Could not open {path}: {exc}") from exc
    if may_defer and _opens_without_writing(db):
        db.pragma("query_only", 1, permanent=True)  # nothing is written until the check passes
        # The daily full check, or (decided on the worker) the full one with every row read back.
        db.pending_check = _full_check_due(db)  # type: ignore[attr-defined]
        db.read_rows = False  # type: ignore[attr-defined]
        db.changed_outside = False  # type: ignore[attr-defined]
        db.close_record = (close_record, has_data)  # type: ignore[attr-defined]
        database.initialize(db)
        _start_writing(db, path)
        _narrow_mode(path)
        log.info("database opened (%s, encrypted=%s), check pending", path.name, bool(passphrase))
        return db
    if since_close is None:  # deferring was asked, but the file needs migrating: checked here after all
        since_close = _since_close(path, close_record)
    db.changed_outside = since_close is checksum.SinceClose.CHANGED  # type: ignore[attr-defined]
    # A file not known to be as MentorDesk left it is read in full before it is trusted.
    must_read_all = since_close is not checksum.SinceClose.SAME and has_data
    read_only = read_only and _opens_without_writing(db)
    full_check = False
    if check:
        # The full check reads every index against its table (a quarter of a second on a
        # 5,000-person file): it runs on the first open of each day, like the automatic
        # backup, and (with every value read back) whenever the file is not known to be as
        # MentorDesk closed it; the other opens run quick_check, which still reads every page.
        full_check = _full_check_due(db) or must_read_all
        problems = _open_check(db, full_check, read_rows=must_read_all)
        if problems:
            db.close()
            raise damaged(path, problems)
    database.initialize(db)
    if read_only:
        db.pragma("query_only", 1, permanent=True)
        _narrow_mode(path)
        log.info("database opened read-only (%s, encrypted=%s)", path.name, bool(passphrase))
        return db
    _start_writing(db, path)
    if migrate:
        try:
            migrations.ensure_schema(db, path, backup=backup)
            if full_check:
                _record_full_check(db)
        except DatabaseError:
            db.close()
            raise
        except Exception as exc:
            db.close()
            # A damaged header can make SQLite open the file read-only: that is damage, not a bug.
            if is_damage(exc) or since_close is checksum.SinceClose.CHANGED:
                raise damaged(path, [_why(exc)]) from exc
            raise
    _narrow_mode(path)
    log.info("database opened (%s, encrypted=%s)", path.name, bool(passphrase))
    return db


def _since_close(path: Path, close_record: dict | None) -> checksum.SinceClose:
    return checksum.verify(path, close_record) if path.exists() else checksum.SinceClose.UNKNOWN


def refuse_if_not_a_database(path: Path, *, read_only: bool = False) -> None:
    """Raise ``NotADatabase`` for a file that holds data but is no database (a text file, a PDF...),
    and, when only reading, ``DatabaseError`` for a missing file and ``NotADatabase`` for an empty one:
    before anything is created, locked or narrowed, so the file stays exactly as it was."""
    why = not_a_database(path)
    if why is not None:
        log.info("refused a file that is not a database")
        raise NotADatabase(why)
    _refuse_foreign_sqlite(path)
    if not read_only:
        return
    if not path.exists():
        raise DatabaseError(f"No database at {path}. Nothing was created.")
    if path.stat().st_size == 0 and not _has_wal(path):
        raise NotADatabase(
            f"{path.name} is empty: it is not a MentorDesk database (yet), and was left as it was. "
            f"Choose the .db file MentorDesk made; to start a new database in it, open it in the app "
            f"(or run: mentordesk --db {path} demo)."
        )


def _refuse_foreign_sqlite(path: Path) -> None:
    """Raise ``NotADatabase`` for a plain SQLite file of another program (tables, none of them ours).

    Read without the open's pragmas (``immutable``: no lock, no -shm, not a byte written), so the
    file is refused as it was; opening it as ours would first have switched it to WAL mode. A file
    with a -wal (open elsewhere, or not checkpointed) is left to the open, which reads it whole."""
    import sqlite3

    if not is_plain_file(path) or path.with_name(path.name + "-wal").exists():
        return
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return
    try:
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:  # damaged: the open's checks say how
        return
    finally:
        con.close()
    if tables and "setting" not in tables:
        log.info("refused an SQLite file of another program")
        raise NotADatabase(f"{path.name} is an SQLite database, but not a MentorDesk one.{LEFT_AS_IT_WAS}{CHOOSE_ANOTHER}")


def _has_wal(path: Path) -> bool:
    """An empty file whose -wal holds data is a database not yet checkpointed, not an empty file."""
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _create_private(path: Path) -> None:
    """A new database file is created 0600 (SQLite gives -wal and -shm the same mode)."""
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:  # a read-only folder: SQLite says what it can do
        log.warning("could not create %s: %s", path.name, exc.strerror)


def _narrow_mode(path: Path) -> None:
    """A database found readable by others is narrowed to 0600, with its -wal and -shm, once it has
    opened (a file MentorDesk refuses keeps its mode)."""
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if each.exists() and each.stat().st_mode & 0o077:
                each.chmod(0o600)
        except OSError as exc:  # someone else's file: it opened, so it is readable as it is
            log.warning("could not make %s private: %s", each.name, exc.strerror)


def _start_writing(db: Database, path: Path) -> None:
    """This session may write: the checksum of the last close stops being true (a crash leaves none)."""
    checksum.forget(path)
    db.record_checksum_at_close = True  # type: ignore[attr-defined]


def damaged(path: Path, problems: list[str]) -> DatabaseDamaged:
    log.warning("integrity check failed for %s: %d problem(s)", path.name, len(problems))
    return DatabaseDamaged(
        f"{path.name} failed its integrity check ({len(problems)} problem(s)); "
        "MentorDesk has not written to it. Restore the latest good backup.",
        problems,
    )


def _opens_without_writing(db: Database) -> bool:
    try:
        return migrations.is_current(db)
    except Exception:  # damaged, foreign or too new: the checked path says which
        return False


def pending_check() -> bool | None:
    """None when the open database needs no check; else whether its pending check is the full one."""
    return getattr(database.obj, "pending_check", None)


def run_pending_check() -> list[str]:
    """The deferred open check, on any thread (a worker's own connection, which only reads).

    First the file is compared with the checksum of its last clean close: one changed since (or
    without a record) gets the full check with every row read back, and is flagged
    ``changed_outside`` when it was changed, as an open that checks at once does.
    """
    db = database.obj
    close_record = getattr(db, "close_record", None)
    if close_record is not None:
        record, has_data = close_record
        since_close = _since_close(Path(db.database), record)
        db.changed_outside = since_close is checksum.SinceClose.CHANGED
        if since_close is not checksum.SinceClose.SAME and has_data:
            db.pending_check = db.read_rows = True
        db.close_record = None
    return _open_check(db, full=bool(db.pending_check), read_rows=getattr(db, "read_rows", False))


def _open_check(db: Database, full: bool, read_rows: bool = False) -> list[str]:
    """The check every open runs, full or quick; a file too damaged to be checked is a problem too.

    A file not known to be as MentorDesk closed it (``read_rows``) also has every value read
    back: text that is not UTF-8 or a date that is not a date is damage too, though SQLite's own
    checks pass it. (On a 5,000-person file this costs about as much as the full integrity check.)
    """
    try:
        problems = integrity_problems(db, quick=not full)
        if read_rows and not problems:
            problems = unreadable_rows(db)
        return problems
    except Exception as exc:  # a badly damaged file fails the check itself
        return [_why(exc)]


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
    """Close this thread's connection; after a writing session, record the file's checksum."""
    obj = database.obj
    if obj is not None and not obj.is_closed():
        recording = getattr(obj, "record_checksum_at_close", False) and obj.database not in ("", ":memory:")
        if recording:
            try:  # idle connections of finished workers would otherwise keep pages in the -wal
                obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            except Exception as exc:  # a checksum is a bonus: the close itself must happen
                log.info("no checkpoint at close: %s", type(exc).__name__)
        obj.close()
        if recording and checksum.record(Path(obj.database)):
            obj.record_checksum_at_close = False
