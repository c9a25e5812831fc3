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
from typing import Any

from peewee import Database, SqliteDatabase

from mentordesk.store import changes, settings, versions
from mentordesk.store.backup import make_backup
from mentordesk.store.errors import DatabaseError, DatabaseTooNew
from mentordesk.store.models import (
    ALL_MODELS,
    AuditEvent,
    AwayPeriod,
    Concern,
    ConcernAction,
    ConcernAttachment,
    CustomField,
    CustomValue,
    Enrolment,
    Goal,
    GoalTemplate,
    Match,
    MatchMember,
    Meeting,
    MeetingSeries,
    Milestone,
    ScreeningCheck,
    Signature,
)
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
    """Add the named columns of ``model`` that the file lacks (step 2 may already have added them).

    A table the file does not have yet is left alone: a later step creates it whole, with these
    columns (steps written on separate branches meet here: step 7 versions tables of step 11)."""
    from playhouse.migrate import SchemaMigrator, migrate

    table = model._meta.table_name
    if not db.table_exists(table):
        return
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


def _concerns_register(db: Database) -> None:
    """5: the safeguarding concerns register (concerns, their actions and attachments)."""
    db.create_tables([Concern, ConcernAction, ConcernAttachment], safe=True)


def _match_record(db: Database) -> None:
    """6: the complete match record: the first meeting's agreement flag, per-signatory agreement
    signatures, coded closure reasons (free-text ones read into codes, unknown ones "other" with the
    text kept), the closure meeting, the contact plan, each exit conversation's date, and who drives."""
    from mentordesk.core.pairing import reason_code_for_text

    _add_missing_columns(
        db,
        Match,
        (
            "first_meeting_covered_agreement",
            "closure_code",
            "closure_meeting_held",
            "closure_meeting_on",
            "contact_after",
            "guardian_exit_on",
        ),
    )
    _add_missing_columns(db, MatchMember, ("exit_conversation_on",))
    _add_missing_columns(db, Enrolment, ("drives",))
    Signature.create_table(safe=True)
    closed = Match.select(Match.id, Match.closure_reason).where(
        (Match.status == "closed") & (Match.closure_code == "")
    )
    by_code: dict[str, list[int]] = {}
    rows: Any = closed.tuples()  # (id, reason) pairs; peewee's stubs type them as the model
    for match_id, reason in rows:
        by_code.setdefault(reason_code_for_text(reason or ""), []).append(match_id)
    for code, ids in by_code.items():
        # A bulk update: the audit trail is for people's changes, not the schema's.
        Match.update(closure_code=code).where(Match.id.in_(ids)).execute()


def _record_versions(db: Database) -> None:
    """7: every editable record carries a version (existing rows start at 1) for optimistic saves.
    Its triggers (the version moved on by bulk updates; on PostgreSQL, NOTIFY to listening clients)
    are put in place by ``migrate_from`` after the last step, as for a fresh schema."""
    for model in ALL_MODELS:
        if is_versioned(model):
            _add_missing_columns(db, model, (VERSION,))


def _concern_versions(db: Database) -> None:
    """22: a safeguarding concern carries a version, so two coordinators editing one are never
    silently overwritten (triggers as for step 7, put in place by ``migrate_from``)."""
    _add_missing_columns(db, Concern, (VERSION,))


# Text that can outgrow 255 characters: VARCHAR(255) on PostgreSQL refused it (SQLite never cared).
LONG_TEXTS = (
    (MeetingSeries, ("place", "link")),
    (Meeting, ("place", "link", "cancelled_by", "activity")),
    (GoalTemplate, ("title",)),
    (Goal, ("title",)),
    (Milestone, ("title",)),
    (AwayPeriod, ("reason",)),
    (ScreeningCheck, ("check_type",)),
)


def _shared_server_ready(db: Database) -> None:
    """8: the audit log records the database user; long text columns become TEXT on both backends.

    On PostgreSQL the column type changes in place; SQLite rebuilds the table (so that a migrated
    file has the same declared types as a fresh one), with foreign keys held by ``migrate_from``.
    """
    from playhouse.migrate import SchemaMigrator, migrate

    _add_missing_columns(db, AuditEvent, ("db_user",))
    migrator = SchemaMigrator.from_database(db)
    for model, names in LONG_TEXTS:
        table = model._meta.table_name
        types = {c.name: c.data_type.lower() for c in db.get_columns(table)}
        for name in names:
            if types.get(name, "text") != "text":
                migrate(_retype(migrator, table, name, model._meta.fields[name]))


def _retype(migrator, table: str, column: str, field):
    """ALTER ``column`` to ``field``'s type (peewee 4.5's SQLite rebuild names the column twice)."""
    from playhouse.migrate import SqliteMigrator

    if not isinstance(migrator, SqliteMigrator):
        return migrator.alter_column_type(table, column, field)
    ctx = migrator.make_context()
    definition = ctx.sql(field.ddl(ctx)).query()[0]
    return migrator._update_column(table, column, lambda _name, _old: definition)


def _survey_tables(db: Database) -> None:
    """11: survey templates, their schedules and the responses (new tables, nothing else changes)."""
    from mentordesk.store.models import SurveyResponse, SurveySchedule, SurveyTemplate

    for model in (SurveyTemplate, SurveySchedule, SurveyResponse):
        model.create_table(safe=True)


def _custom_fields(db: Database) -> None:
    """13: custom fields per programme and role (application-form questions) and each person's answers."""
    CustomField.create_table(safe=True)
    CustomValue.create_table(safe=True)


def _programme_events(db: Database) -> None:
    """19: programme events (training sessions, group sessions, celebrations) and their registers."""
    from mentordesk.store.models import EventInvitee, ProgrammeEvent

    for model in (ProgrammeEvent, EventInvitee):
        model.create_table(safe=True)


def _speed_nights(db: Database) -> None:
    """17: speed-mentoring events: the night, its seats (check-in), its rounds and wishes to meet again."""
    from mentordesk.store.models import SpeedEvent, SpeedMeeting, SpeedSeat, SpeedWish

    db.create_tables([SpeedEvent, SpeedSeat, SpeedMeeting, SpeedWish], safe=True)


def _network_focus_areas(db: Database) -> None:
    """15: network mentoring: a mentor's member row carries the focus areas they cover for the mentee."""
    _add_missing_columns(db, MatchMember, ("focus_areas",))


def _shadow_boards(db: Database) -> None:
    """18: shadow boards: their sponsors, sessions with attendance, and recommendations (new tables only)."""
    from mentordesk.store.models import (
        BoardRecommendation,
        BoardSession,
        BoardSessionAttendance,
        BoardSponsor,
    )

    for model in (BoardSponsor, BoardSession, BoardSessionAttendance, BoardRecommendation):
        model.create_table(safe=True)


# version reached -> the step that reaches it from the version before; every step adds only what
# the file lacks, so re-running one is harmless.
MIGRATIONS: dict[int, Callable[[Database], None]] = {
    2: _additive_sync,
    3: _calendar_revisions,
    4: _resume_dates,
    5: _concerns_register,
    6: _match_record,
    7: _record_versions,
    8: _shared_server_ready,
    11: _survey_tables,
    13: _custom_fields,
    15: _network_focus_areas,
    17: _speed_nights,
    18: _shadow_boards,
    19: _programme_events,
    22: _concern_versions,
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
# PostgreSQL: the same from the catalogue, for the schema the connection uses. pg_attribute, not
# information_schema: the latter hides the tables a role has no grant on (a coordinator and the
# safeguarding-only tables), which would look like missing columns and start a migration.
_SERVER_COLUMNS = (
    "SELECT c.relname, a.attname FROM pg_catalog.pg_attribute a "
    "JOIN pg_catalog.pg_class c ON c.oid = a.attrelid "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
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
        # The steps in order (numbers are reserved per branch, so the dict may have gaps until merged).
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
