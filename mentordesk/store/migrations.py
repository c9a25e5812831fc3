"""Schema versions: create a fresh schema, or bring an older file up to date.

The version lives in the ``setting`` table under ``schema.version`` (portable to
PostgreSQL, unlike SQLite's ``user_version``). A file written by a newer
MentorDesk is refused before anything is written to it. Before any migration a
backup copy is made next to the other backups.

Migration 2 adds, table by table, whatever the current models have and a
version-1 file lacks: new tables, new columns (each with its default) and new
indexes. Before the first public release every schema change is additive and
rides on it; after the release each change gets its own numbered migration.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import Database, SqliteDatabase

from mentordesk.store import changes, settings, versions
from mentordesk.store.backup import make_backup
from mentordesk.store.errors import DatabaseError, DatabaseTooNew
from mentordesk.store.models import ALL_MODELS, CustomField, CustomValue, Match, Meeting, MeetingSeries
from mentordesk.store.settings import VERSION_KEY
from mentordesk.store.versions import VERSION, is_versioned

log = logging.getLogger(__name__)



def _additive_sync(db: Database) -> None:
    from playhouse.migrate import SchemaMigrator, migrate


    migrator = SchemaMigrator.from_database(db)
    existing_tables = set(db.get_tables())
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in existing_tables:
            model.create_table(safe=True)
            continue
        columns = {c.name for c in db.get_columns(table)}
        operations = []
        for field in model._meta.sorted_fields:
            if field.column_name in columns:
                continue
            if not field.null and field.default is None:
                raise RuntimeError(f"cannot add {table}.{field.column_name}: it needs a default")
            operations.append(migrator.add_column(table, field.column_name, field))
        if operations:
            migrate(*operations)
        # Indexes: peewee names them deterministically, so a "safe" create (IF NOT EXISTS, for the
        # table and each index) adds only the missing ones.
        model.create_table(safe=True)


def _add_missing_columns(db: Database, model, names: tuple[str, ...]) -> None:
    """Add the named columns of ``model`` that the file lacks (step 2 may already have added them)."""
    from playhouse.migrate import SchemaMigrator, migrate

    table = model._meta.table_name
    have = {c.name for c in db.get_columns(table)}
    migrator = SchemaMigrator.from_database(db)
    fields = model._meta.fields
    operations = [migrator.add_column(table, name, fields[name]) for name in names if name not in have]
    if operations:
        migrate(*operations)


def _calendar_revisions(db: Database) -> None:
    """3: meetings and series keep iCalendar's SEQUENCE and LAST-MODIFIED (every existing row starts at 0)."""
    for model in (MeetingSeries, Meeting):
        _add_missing_columns(db, model, ("sequence", "modified_at"))


def _resume_dates(db: Database) -> None:
    """4: a paused match keeps the day it is expected to resume (until now only in the audit log)."""
    _add_missing_columns(db, Match, ("resumes_on",))


def _record_versions(db: Database) -> None:
    """7: every editable record carries a version (existing rows start at 1) for optimistic saves.
    Its triggers (the version moved on by bulk updates; on PostgreSQL, NOTIFY to listening clients)
    are put in place by ``migrate_from`` after the last step, as for a fresh schema."""
    for model in ALL_MODELS:
        if is_versioned(model):
            _add_missing_columns(db, model, (VERSION,))


def _custom_fields(db: Database) -> None:
    """13: custom fields per programme and role (application-form questions) and each person's answers."""
    CustomField.create_table(safe=True)
    CustomValue.create_table(safe=True)


# version reached -> the step that reaches it from the version before; every step adds only what
# the file lacks, so re-running one is harmless.
MIGRATIONS: dict[int, Callable[[Database], None]] = {
    2: _additive_sync,
    3: _calendar_revisions,
    4: _resume_dates,
    7: _record_versions,
    13: _custom_fields,
}
LATEST_VERSION = max(MIGRATIONS)


def read_version(db: Database) -> int | None:
    """The file's schema version; None for an empty file (nothing created yet)."""
    tables = set(db.get_tables())
    if not tables:
        return None
    if "setting" not in tables:

        kind = "file is an SQLite" if isinstance(db, SqliteDatabase) else "server database is a"
        raise DatabaseError(f"This {kind} database, but not a MentorDesk one.")
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {db.param}", (VERSION_KEY,)).fetchone()
    if row is None:
        return 1
    return int(str(row[0]).strip('"'))


def _write_version(db: Database, version: int) -> None:
    settings.put(VERSION_KEY, version)


def create_schema(db: Database) -> None:
    with db.bind_ctx(ALL_MODELS), db.atomic():
        db.create_tables(ALL_MODELS)
        versions.install_triggers(db, ALL_MODELS)
        if not isinstance(db, SqliteDatabase):
            changes.install_triggers(db)
        _write_version(db, LATEST_VERSION)


def ensure_schema(db: Database, path: Path | None = None, *, backup: bool = True) -> int:
    """Create or migrate; returns the version the file had (None counts as the latest)."""
    version = read_version(db)
    if version is None:
        create_schema(db)
        return LATEST_VERSION
    if version > LATEST_VERSION:
        raise DatabaseTooNew(
            f"This database was written by a newer MentorDesk (schema {version}; this version "
            f"understands up to {LATEST_VERSION}). Update MentorDesk to open it; the file was not changed."
        )
    # Before the first release step 2 is additive: a file already stamped with the latest version
    # but made before a column was added still lacks it, so the steps from 2 on are re-run.
    if version == LATEST_VERSION and lacks_columns(db):
        version = 1
    if version < LATEST_VERSION:
        if backup and path is not None:

            copy = make_backup(db, path, reason=f"before-migration-v{version}")
            log.info("backup before migration written to %s", copy.name)
        migrate_from(db, version)
    return version


def is_current(db: Database) -> bool:
    """True when the file is at the latest version with every table and column: opening it writes nothing."""
    return read_version(db) == LATEST_VERSION and not lacks_columns(db)


def lacks_columns(db: Database) -> bool:
    """True when a table or column of the current models is missing from the file."""
    have = _columns_by_table(db)
    for model in ALL_MODELS:
        columns = have.get(model._meta.table_name)
        if columns is None or any(f.column_name not in columns for f in model._meta.sorted_fields):
            return True
    return False


# One query instead of one per table (this runs at every start-up): (table, column) pairs.
_SQLITE_COLUMNS = (
    "SELECT m.name, c.name FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c WHERE m.type = 'table'"
)
# PostgreSQL: the same from the catalogue, for the schema the connection uses.
_SERVER_COLUMNS = (
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"
)


def _columns_by_table(db: Database) -> dict[str, set[str]]:
    sql = _SQLITE_COLUMNS if isinstance(db, SqliteDatabase) else _SERVER_COLUMNS
    out: dict[str, set[str]] = {}
    for table, column in db.execute_sql(sql).fetchall():
        out.setdefault(table, set()).add(column)
    return out


@contextmanager
def _foreign_keys_held(db: Database) -> Iterator[Callable[[], list]]:
    """Run the steps with references safe; yields the check that lists dangling references.

    SQLite rebuilds a table to add a NOT NULL column; with foreign keys on, dropping the old
    table would cascade-delete every row that points at it. So there: keys off (only possible
    outside a transaction), each step checked with ``foreign_key_check``, keys back on.
    PostgreSQL alters a table in place and its DDL is transactional, so its keys stay enforced
    throughout: a step that broke one fails and rolls back whole, and nothing is left to check.
    """
    if not isinstance(db, SqliteDatabase):
        yield lambda: []
        return
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield lambda: db.execute_sql("PRAGMA foreign_key_check").fetchall()
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def migrate_from(db: Database, version: int) -> None:
    with _foreign_keys_held(db) as dangling_references, db.bind_ctx(ALL_MODELS):
        # Steps are numbered by the branch that wrote them: a number may be missing, never repeated.
        for target in sorted(step for step in MIGRATIONS if step > version):
            with db.atomic():
                MIGRATIONS[target](db)
                dangling = dangling_references()
                if dangling:
                    raise RuntimeError(f"migration {target} left broken references: {dangling[:5]}")
                _write_version(db, target)
            log.info("database migrated to schema %d", target)
        # SQLite rebuilds a table to change a column, and the rebuilt table has lost its triggers; a step
        # may also add a table: put every version and change-notification trigger (back) in place.
        with db.atomic():
            versions.install_triggers(db, ALL_MODELS)
            if not isinstance(db, SqliteDatabase):
                changes.install_triggers(db)
