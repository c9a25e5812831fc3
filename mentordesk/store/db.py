"""The one database proxy every model binds to, and how a database file is opened.

``open_database`` is the single entry point: it picks plain SQLite or SQLCipher,
applies the pragmas, checks the schema version and migrates (with a backup
first). Peewee keeps one connection per thread, so a worker thread that uses
the models gets its own connection to the same file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from peewee import DatabaseProxy, Model, SqliteDatabase

log = logging.getLogger(__name__)

database = DatabaseProxy()

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


class BaseModel(Model):
    """Every model binds to the proxy; saving or deleting an ``audited`` model leaves an audit event."""

    class Meta:
        database = database
        legacy_table_names = False

    def save(self, force_insert: bool = False, only=None) -> int:  # type: ignore[override]
        from mentordesk.store import audit

        return audit.audited_save(self, super().save, force_insert, only)

    def delete_instance(self, recursive: bool = False, delete_nullable: bool = False) -> int:
        from mentordesk.store import audit

        parent = super().delete_instance
        return audit.audited_delete(
            self, lambda: parent(recursive=recursive, delete_nullable=delete_nullable)
        )


def make_database(path: Path | str, passphrase: str | None = None) -> SqliteDatabase:
    """Build (but do not migrate) a peewee database for ``path``; encrypted when a passphrase is given."""
    path = str(path)
    if passphrase:
        from playhouse.sqlcipher_ext import SqlCipherDatabase

        return SqlCipherDatabase(path, passphrase=passphrase, pragmas=SQLITE_PRAGMAS)
    return SqliteDatabase(path, pragmas=SQLITE_PRAGMAS)


def open_database(
    path: Path | str, passphrase: str | None = None, *, migrate: bool = True, backup: bool = True
) -> SqliteDatabase:
    """Open ``path``, bind every model to it, create or migrate the schema.

    Raises ``WrongPassphrase`` when the file is encrypted with another key (or is not a
    database at all), ``DatabaseTooNew`` when a newer MentorDesk wrote it. Neither case
    writes to the file.
    """
    from mentordesk.store import migrations

    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a MentorDesk database file.")
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = make_database(path, passphrase)
    try:
        db.connect(reuse_if_open=True)
        # The first real read: SQLCipher reports a wrong key only here.
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:  # sqlite3 and sqlcipher3 raise unrelated DatabaseError classes
        db.close()
        if "file is not a database" in str(exc) or "encrypted" in str(exc):
            if passphrase:
                raise WrongPassphrase(
                    "The passphrase does not open this database. Check it and try again."
                ) from exc
            raise WrongPassphrase(
                f"{path.name} is encrypted (or is not a MentorDesk database): enter its passphrase."
            ) from exc
        raise DatabaseError(f"Could not open {path}: {exc}") from exc
    database.initialize(db)
    if migrate:
        try:
            migrations.ensure_schema(db, path, backup=backup)
        except Exception:
            db.close()
            raise
    log.info("database opened (%s, encrypted=%s)", path.name, bool(passphrase))
    return db


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()
