"""The store: schema creation, migrations, constraints, cascades and the audit trail."""

from __future__ import annotations

import sqlite3
from datetime import date

import peewee
import pytest

from mentordesk.store import audit, migrations, schema_v1
from mentordesk.store.db import DatabaseError, DatabaseTooNew, close_database, open_database
from mentordesk.store.models import (
    ALL_MODELS,
    AuditEvent,
    Enrolment,
    Match,
    MatchMember,
    Participant,
    ParticipantTag,
    Programme,
    Tag,
)

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def schema_of(target) -> dict:
    """Columns, indexes and foreign keys of every table of a file or server database, comparable."""
    if str(target).startswith("postgresql://"):
        return server_schema_of(target)
    con = sqlite3.connect(target)
    try:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        shape = {}
        for table in tables:
            columns = sorted(
                (r[1], r[2].upper(), r[3], r[5]) for r in con.execute(f'PRAGMA table_info("{table}")')
            )
            indexes = sorted(
                (r[2], tuple(c[2] for c in con.execute(f'PRAGMA index_info("{r[1]}")')))
                for r in con.execute(f'PRAGMA index_list("{table}")')
            )
            fks = sorted((r[2], r[3], r[4], r[6]) for r in con.execute(f'PRAGMA foreign_key_list("{table}")'))
            shape[table] = {"columns": columns, "indexes": indexes, "fks": fks}
        return shape
    finally:
        con.close()


def server_schema_of(url: str) -> dict:
    """The same from PostgreSQL's catalogue (through peewee's introspection)."""
    db = open_database(url, migrate=False)
    try:
        return {
            table: {
                "columns": sorted((c.name, c.data_type, c.null, c.primary_key) for c in db.get_columns(table)),
                "indexes": sorted((i.name, tuple(i.columns), i.unique) for i in db.get_indexes(table)),
                "fks": sorted(
                    (f.column, f.dest_table, f.dest_column, f.on_delete) for f in db.get_foreign_keys(table)
                ),
            }
            for table in db.get_tables()
        }
    finally:
        close_database()


def build_v1(target) -> None:
    """A version-1 database (a file or an empty server database) holding one enrolled person."""
    db = open_database(target, migrate=False)
    with db.bind_ctx(schema_v1.V1_MODELS):
        db.create_tables(schema_v1.V1_MODELS)
        programme = schema_v1.Programme.create(name="Old programme", created_at=date(2025, 9, 1))
        person = schema_v1.Participant.create(
            first_name="Zoë", created_at=date(2025, 9, 1), updated_at=date(2025, 9, 1)
        )
        schema_v1.Enrolment.create(
            participant=person, programme=programme, role="mentee", enrolled_on=date(2025, 9, 2)
        )
    close_database()


@pytest.fixture
def empty_target(backend, tmp_path, request):
    """A factory of empty databases of the test's backend: file paths, or server URLs (dropped after)."""
    made = []

    def make(name: str) -> str:
        if backend == "sqlite":
            return str(tmp_path / f"{name}.db")
        server = request.getfixturevalue("pg_server")
        made.append(server.new_database(with_schema=False))
        return server.url(made[-1])

    yield make
    close_database()
    for name in made:
        request.getfixturevalue("pg_server").drop_database(name)


def test_fresh_database_has_every_table_and_latest_version(empty_target):
    db = open_database(empty_target("fresh"))
    assert set(db.get_tables()) == {m._meta.table_name for m in ALL_MODELS}
    assert migrations.read_version(db) == migrations.LATEST_VERSION
    close_database()


def test_migrated_v1_equals_fresh_and_keeps_rows(empty_target):
    old, fresh = empty_target("old"), empty_target("fresh")
    build_v1(old)
    open_database(old)
    assert Participant.get().first_name == "Zoë"
    assert Enrolment.get().status == "applied"
    assert Participant.get().preferred_name == ""  # a column migration 2 added, with its default
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)


def test_migration_makes_a_backup_first(tmp_path, isolated_home):
    old = tmp_path / "old.db"
    build_v1(old)
    open_database(old)
    close_database()
    backups = list((isolated_home / "data" / "backups").glob("old-*before-migration-v1.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT first_name FROM participant").fetchone() == ("Zoë",)
    assert "goal" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()


def test_newer_database_is_refused_and_not_touched(tmp_path):
    path = tmp_path / "future.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("UPDATE setting SET value = '99' WHERE key = 'schema.version'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer MentorDesk"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not a MentorDesk one"):
        open_database(path)


def test_junk_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"\x00\x01not a database at all" * 100)
    with pytest.raises(DatabaseError, match="encrypted|not a MentorDesk"):
        open_database(path)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_pragmas_wal_and_foreign_keys(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_enrolment_is_unique_per_programme(db, programme):
    person = Participant.create(first_name="Ana")
    Enrolment.create(participant=person, programme=programme, role="mentee")
    with pytest.raises(peewee.IntegrityError):
        Enrolment.create(participant=person, programme=programme, role="mentor")


def test_deleting_a_person_cascades_to_their_own_records(db, programme):
    person = Participant.create(first_name="Ana")
    Enrolment.create(participant=person, programme=programme, role="mentee")
    ParticipantTag.create(participant=person, tag=Tag.create(name="chess", kind="interest"))
    person.delete_instance()
    assert Enrolment.select().count() == 0
    assert ParticipantTag.select().count() == 0
    assert Tag.select().count() == 1  # the tag itself is shared vocabulary


def test_database_refuses_to_orphan_a_match_member(db, programme):
    person = Participant.create(first_name="Ana")
    match = Match.create(programme=programme)
    MatchMember.create(match=match, participant=person, role="mentee")
    with pytest.raises(peewee.IntegrityError):
        Participant.delete().where(Participant.id == person.id).execute()
    assert MatchMember.select().count() == 1


def test_service_explains_why_a_matched_person_cannot_be_deleted(db, programme):
    from mentordesk.services.participants.people import ParticipantInUse, delete_participant

    person = Participant.create(first_name="Łukasz", last_name="Nowak")
    match = Match.create(programme=programme, status="active")
    MatchMember.create(match=match, participant=person, role="mentor")
    with pytest.raises(ParticipantInUse, match=r"Łukasz Nowak is a member of match #\d+ \(active\)"):
        delete_participant(person.id)
    assert Participant.select().count() == 1
    other = Participant.create(first_name="Free")
    delete_participant(other.id)
    assert Participant.select().count() == 1


def test_closing_a_match_deletes_members_with_it(db, programme):
    person = Participant.create(first_name="Ana")
    match = Match.create(programme=programme)
    MatchMember.create(match=match, participant=person, role="mentee")
    match.delete_instance()
    assert MatchMember.select().count() == 0
    assert Participant.select().count() == 1


def test_audit_records_field_names_but_never_personal_values(db, programme):
    person = Participant.create(first_name="Siobhán", email="s@example.org")
    person.email = "new@example.org"
    person.save()
    events = list(AuditEvent.select().where(AuditEvent.entity == "participant").order_by(AuditEvent.id))
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].fields == ["email"]
    dump = " ".join(str(e.changes) + e.summary for e in events)
    assert "example.org" not in dump and "Siobhán" not in dump


def test_status_history_is_derived_from_the_audit_trail(db, programme):
    person = Participant.create(first_name="Ana")
    enrolment = Enrolment.create(participant=person, programme=programme, role="mentee")
    for status in ("screening", "ready", "matched"):
        enrolment.status = status
        enrolment.save()
    steps = [(old, new) for _, old, new in audit.history("enrolment", enrolment.id)]
    assert steps == [
        (None, "applied"),
        ("applied", "screening"),
        ("screening", "ready"),
        ("ready", "matched"),
    ]


def test_unchanged_save_leaves_no_audit_event(db, programme):
    person = Participant.create(first_name="Ana")
    count = AuditEvent.select().count()
    Participant.get_by_id(person.id).save()
    assert AuditEvent.select().count() == count


def test_programme_dates_must_be_in_order(db):
    from mentordesk.services.programmes import ProgrammeError, create_programme

    with pytest.raises(ProgrammeError, match="ends before it starts"):
        create_programme("Bad", starts_on=date(2026, 9, 1), ends_on=date(2026, 1, 1))
    assert Programme.select().count() == 0


def test_file_stamped_latest_but_missing_a_newer_column_catches_up(tmp_path):
    path = tmp_path / "dev.db"
    open_database(path)
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE goal DROP COLUMN review_notes")  # as made before the column existed
    con.commit()
    con.close()
    open_database(path)
    close_database()
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    assert schema_of(path) == schema_of(fresh)


def test_full_integrity_check_runs_once_a_day(tmp_path, monkeypatch):
    from mentordesk.store import db as store_db

    seen = []
    real = store_db.integrity_problems
    monkeypatch.setattr(
        store_db,
        "integrity_problems",
        lambda d, limit=20, quick=False: seen.append(quick) or real(d, limit, quick),
    )
    path = tmp_path / "daily.db"
    for _ in range(3):
        open_database(path)
        close_database()
    assert seen == [False, True, True]


def test_migration_3_adds_calendar_revisions_and_equals_a_fresh_file(tmp_path):
    """A version-2 file (made before meetings kept SEQUENCE) migrates to the fresh schema, rows kept at 0."""
    path, fresh = tmp_path / "v2.db", tmp_path / "fresh.db"
    open_database(path)
    from mentordesk.store.models import Meeting

    programme = Programme.create(name="P")
    match = Match.create(programme=programme)
    Meeting.create(match=match, starts_at=date(2027, 1, 12))
    close_database()
    con = sqlite3.connect(path)
    for table in ("meeting", "meeting_series"):
        con.execute(f"ALTER TABLE {table} DROP COLUMN sequence")
        con.execute(f"ALTER TABLE {table} DROP COLUMN modified_at")
    con.execute("UPDATE setting SET value = '2' WHERE key = 'schema.version'")
    con.commit()
    con.close()
    db = open_database(path)
    assert migrations.read_version(db) == migrations.LATEST_VERSION >= 3
    assert Meeting.get().sequence == 0
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(path) == schema_of(fresh)


def test_migration_4_keeps_the_resume_date_on_the_match_and_equals_a_fresh_file(tmp_path):
    """A version-3 file (made before a paused match kept its resume date) migrates to the fresh schema."""
    path, fresh = tmp_path / "v3.db", tmp_path / "fresh.db"
    open_database(path)
    programme = Programme.create(name="P")
    Match.create(programme=programme, status="paused")
    close_database()
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE match DROP COLUMN resumes_on")
    con.execute("UPDATE setting SET value = '3' WHERE key = 'schema.version'")
    con.commit()
    con.close()
    db = open_database(path)
    assert migrations.read_version(db) == migrations.LATEST_VERSION >= 4
    assert Match.get().resumes_on is None and Match.get().status == "paused"
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(path) == schema_of(fresh)


def test_bulk_rows_all_arrive_in_order_with_their_defaults(db):
    from mentordesk.store import bulk
    from mentordesk.store.db import database
    from mentordesk.store.models import Match, Programme

    programme = Programme.create(name="Bulk")
    rows = [
        {"programme": programme.id, "status": "draft", "score": float(i), "score_breakdown": [{"i": i}]}
        for i in range(7)
    ]
    with database.atomic():
        assert bulk.insert_rows(Match, rows) == 7
    found = [(m.score, m.score_breakdown, m.pinned, m.rationale) for m in Match.select().order_by(Match.id)]
    assert found == [(float(i), [{"i": i}], False, "") for i in range(7)]


def test_migration_5_adds_the_concerns_register_and_equals_a_fresh_database(empty_target):
    """A version-4 database (before the concerns register) gains its three tables, on both backends."""
    old, fresh = empty_target("v4"), empty_target("fresh")
    db = open_database(old)
    Programme.create(name="P")
    for table in ("concern_attachment", "concern_action", "concern"):
        db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql("UPDATE setting SET value = '4' WHERE key = 'schema.version'")
    close_database()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION >= 5
    assert {"concern", "concern_action", "concern_attachment"} <= set(db.get_tables())
    assert Programme.get().name == "P"
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)


def test_migration_6_completes_the_match_record_reads_old_reasons_into_codes_and_equals_a_fresh_file(tmp_path):
    """A version-4 file (closure reasons in words only, no signatures) migrates to the fresh schema;
    known words become codes, anything else "other" with its text kept."""
    path, fresh = tmp_path / "v4.db", tmp_path / "fresh.db"
    open_database(path)
    programme = Programme.create(name="P")
    moved = Match.create(programme=programme, status="closed", closure_reason="Mentor relocated for work")
    odd = Match.create(programme=programme, status="closed", closure_reason="Ζήτησε να σταματήσει")
    live = Match.create(programme=programme, status="active")
    close_database()
    con = sqlite3.connect(path)
    for table, column in (
        ("match", "first_meeting_covered_agreement"),
        ("match", "closure_code"),
        ("match", "closure_meeting_held"),
        ("match", "closure_meeting_on"),
        ("match", "contact_after"),
        ("match", "guardian_exit_on"),
        ("match_member", "exit_conversation_on"),
        ("enrolment", "drives"),
    ):
        con.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    con.execute("DROP TABLE signature")
    con.execute("UPDATE setting SET value = '4' WHERE key = 'schema.version'")
    con.commit()
    con.close()
    db = open_database(path)
    assert migrations.read_version(db) == migrations.LATEST_VERSION >= 6
    codes = {m.id: (m.closure_code, m.closure_reason) for m in Match.select()}
    assert codes[moved.id] == ("moved_away", "Mentor relocated for work")
    assert codes[odd.id] == ("other", "Ζήτησε να σταματήσει")
    assert codes[live.id] == ("", "")
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(path) == schema_of(fresh)


def test_a_file_written_by_version_4_migrates_through_every_later_step(tmp_path):
    """A demo file as MentorDesk wrote it at schema version 4 (kept in tests/store/data): every step
    since (the concerns register, the match record, versions, the server's columns, surveys) runs on
    it in order, its people and matches stay, and it ends up equal to a fresh file. Steps written on
    separate branches met here: step 7 tried to version the survey tables step 11 creates."""
    import shutil

    from tests import ROOT

    old = tmp_path / "v4.db"
    shutil.copyfile(ROOT / "tests" / "store" / "data" / "schema_v4_demo.db", old)
    con = sqlite3.connect(old)
    assert con.execute("SELECT value FROM setting WHERE key = 'schema.version'").fetchone()[0].strip('"') == "4"
    people = con.execute("SELECT count(*) FROM participant").fetchone()[0]
    matches = con.execute("SELECT count(*) FROM match").fetchone()[0]
    con.close()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION
    assert Participant.select().count() == people > 0
    assert Match.select().count() == matches > 0
    close_database()
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)
