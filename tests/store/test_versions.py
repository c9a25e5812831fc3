"""Record versions: a save over a record someone else saved since it was read is refused, field by field."""

from __future__ import annotations

import sqlite3
import threading

import peewee
import pytest

from mentordesk.store.base import database
from mentordesk.store.models import AuditEvent, Match, Participant, Programme
from mentordesk.store.versions import EditSession, RecordChanged
from tests.store.test_store import empty_target  # noqa: F401  (a fixture)

pytestmark = pytest.mark.both_backends


def in_other_connection(work):
    """Run ``work`` on another thread: peewee gives every thread a connection of its own."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # reported on the test's thread
            failure.append(exc)
        finally:
            database.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if failure:
        raise failure[0]


def test_a_record_starts_at_version_1_and_each_save_adds_one(db):
    person = Participant.create(first_name="Zoë")
    assert person.version == 1
    person.email = "zoe@example.org"
    person.save()
    person.phone = "01234 567890"
    person.save()
    assert Participant.get_by_id(person.id).version == 3
    assert "version" not in AuditEvent.select().order_by(AuditEvent.id.desc()).first().fields


def test_a_stale_save_is_refused_with_theirs_and_mine_and_writes_nothing(db):
    person = Participant.create(first_name="Ana")
    mine = Participant.get_by_id(person.id)

    def theirs() -> None:
        other = Participant.get_by_id(person.id)
        other.email = "ana@school.example"
        other.save()

    in_other_connection(theirs)
    mine.phone = "0700 900 123"
    with pytest.raises(RecordChanged) as caught:
        mine.save()
    conflict = caught.value
    assert (conflict.table, conflict.record_id, conflict.my_version, conflict.their_version) == (
        "participant", person.id, 1, 2
    )
    by_name = {c.name: (c.theirs, c.mine) for c in conflict.changes}
    assert by_name == {"email": ("ana@school.example", ""), "phone": ("", "0700 900 123")}
    assert "Someone else saved this participant" in str(conflict)
    from mentordesk.store import faults  # a save outside an editor: the window says it plainly, no traceback

    assert faults.explain(conflict).startswith("Someone else saved this participant at the same moment")
    stored = Participant.get_by_id(person.id)
    assert (stored.email, stored.phone, stored.version) == ("ana@school.example", "", 2)
    assert mine.version == 1  # the instance still says what it was read at


def test_an_edit_session_checks_against_what_the_editor_read_and_merges(db):
    person = Participant.create(first_name="Ana", notes="first")
    session = EditSession()
    with session.active():
        Participant.get_by_id(person.id)  # the editor opens
    assert session.version_of("participant", person.id) == 1

    def theirs() -> None:
        other = Participant.get_by_id(person.id)
        other.email, other.notes = "ana@school.example", "theirs"
        other.save()

    in_other_connection(theirs)

    def my_save() -> None:  # the service loads the record again and writes every field of the form
        with session.active():
            now = Participant.get_by_id(person.id)
            now.email, now.phone, now.notes = "", "0700 900 123", "mine"
            now.save()

    with pytest.raises(RecordChanged) as caught:
        my_save()
    suggested = {c.name: c.suggested for c in caught.value.changes}
    # email: only they changed it; phone: only I did; notes: both did, differently -> mine unless chosen
    assert suggested == {"email": "theirs", "phone": "mine", "notes": "mine"}
    session.resolve(caught.value, {**suggested, "notes": "theirs"})
    my_save()
    stored = Participant.get_by_id(person.id)
    assert (stored.email, stored.phone, stored.notes, stored.version) == (
        "ana@school.example", "0700 900 123", "theirs", 3
    )
    my_save()  # saving again from the same editor builds on its own last save: no conflict
    assert Participant.get_by_id(person.id).version == 4


def test_a_record_deleted_by_someone_else_is_a_conflict_too(db):
    person = Participant.create(first_name="Ana")
    mine = Participant.get_by_id(person.id)
    in_other_connection(lambda: Participant.delete().where(Participant.id == person.id).execute())
    mine.notes = "x"
    with pytest.raises(RecordChanged) as caught:
        mine.save()
    assert caught.value.deleted and "deleted by someone else" in str(caught.value)
    assert not Participant.select().exists()


def test_a_bulk_update_moves_versions_on_so_a_stale_editor_is_told(db):
    programme = Programme.create(name="P")
    match = Match.create(programme=programme)
    stale = Match.get_by_id(match.id)
    Match.update(status="active").where(Match.programme == programme).execute()  # e.g. publishing
    assert Match.get_by_id(match.id).version == 2
    stale.rationale = "good fit"
    with pytest.raises(RecordChanged) as caught:
        stale.save()
    assert {c.name for c in caught.value.changes} == {"status", "rationale"}
    assert Match.get_by_id(match.id).status == "active"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_another_process_writing_the_same_file_is_caught(db, db_url):
    person = Participant.create(first_name="Ana")
    mine = Participant.get_by_id(person.id)
    other = sqlite3.connect(db_url)  # what a second program on the same file does: plain SQL
    other.execute("UPDATE participant SET notes = 'from elsewhere' WHERE id = ?", (person.id,))
    other.commit()
    other.close()
    mine.notes = "mine"
    with pytest.raises(RecordChanged):
        mine.save()
    assert Participant.get_by_id(person.id).notes == "from elsewhere"


def test_migration_7_gives_old_rows_version_1_and_equals_a_fresh_database(empty_target):  # noqa: F811
    """A version-4 database (before versions) migrates: every row at 1, bulk inserts still work, same schema."""
    from mentordesk.store import migrations
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import ALL_MODELS, Enrolment
    from mentordesk.store.versions import is_versioned
    from tests.store.test_store import schema_of

    old, fresh = empty_target("old"), empty_target("fresh")
    db = open_database(old)
    db_is_sqlite = isinstance(db, peewee.SqliteDatabase)
    person = Participant.create(first_name="Zoë")
    programme = Programme.create(name="P")
    for model in ALL_MODELS:
        if is_versioned(model):
            table = model._meta.table_name
            if db_is_sqlite:
                db.execute_sql(f"DROP TRIGGER IF EXISTS mentordesk_version_{table}")
            else:
                db.execute_sql(f'DROP TRIGGER IF EXISTS mentordesk_version ON "{table}"')
            db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN version')
    db.execute_sql("UPDATE setting SET value = '4' WHERE key = 'schema.version'")
    close_database()

    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION
    assert Participant.get_by_id(person.id).version == 1
    # A bulk insert that does not name the column (store/bulk.py does this) gets the default.
    db.execute_sql(
        f"INSERT INTO enrolment (participant_id, programme_id, role, status, capacity, referral_source, "
        f"preferences, enrolled_on, exit_reason) VALUES ({db.param}, {db.param}, 'mentee', 'applied', 1, "
        "'', '', '2026-09-01', '')",
        (person.id, programme.id),
    )
    assert Enrolment.get().version == 1
    Participant.update(notes="bulk").execute()  # the bump trigger came with the migration
    assert Participant.get_by_id(person.id).version == 2
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)


def test_a_conflict_shows_people_by_name_and_statuses_by_label(db):
    from mentordesk.store.models import Goal

    programme = Programme.create(name="P")
    match = Match.create(programme=programme)
    ana, bo = Participant.create(first_name="Ana", last_name="Lima"), Participant.create(first_name="Bo")
    goal = Goal.create(match=match, title="Read more", owner=ana)
    mine = Goal.get_by_id(goal.id)
    Goal.update(owner=bo, status="in_progress").where(Goal.id == goal.id).execute()
    mine.title = "Read a book a month"
    with pytest.raises(RecordChanged) as caught:
        mine.save()
    shown = {c.name: c.shown for c in caught.value.changes}
    assert shown == {"owner": ("Bo", "Ana Lima"), "status": ("In progress", "Not started"), "title": None}
