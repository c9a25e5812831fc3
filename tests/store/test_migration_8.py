"""Migration 8: the audit log's database user, and long text that PostgreSQL's VARCHAR(255) refused."""

from __future__ import annotations

from datetime import datetime

import peewee
import pytest

from mentordesk.store import audit, migrations
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import AuditEvent, Match, Meeting, Programme
from tests.store.test_store import (
    empty_target as empty_target,  # noqa: F401 (a fixture)
    schema_of,
)

pytestmark = pytest.mark.both_backends

LONG_LINK = "https://meet.example.org/j/" + "a1b2" * 100  # 427 characters, as video links with tokens get


def _make_version_4(target: str) -> None:
    """A database as MentorDesk with schema 4 left it: no db_user, VARCHAR(255) for the long texts."""
    from playhouse.migrate import SchemaMigrator, migrate

    db = open_database(target)
    Match.create(programme=Programme.create(name="P"))
    audit.record("create", "programme", 1)
    migrator = SchemaMigrator.from_database(db)
    operations = [migrator.drop_column("audit_event", "db_user")]
    for model, names in migrations.LONG_TEXTS:
        for name in names:
            old = peewee.CharField(default="") if name != "title" else peewee.CharField()
            old.bind(model, name, set_attribute=False)
            operations.append(migrations._retype(migrator, model._meta.table_name, name, old))
    migrate(*operations)
    db.execute_sql(f"UPDATE setting SET value = '4' WHERE key = {db.param}", ("schema.version",))
    close_database()


def test_a_version_4_database_migrates_to_the_fresh_schema_and_takes_long_links(empty_target, backend):
    old, fresh = empty_target("old"), empty_target("fresh")
    _make_version_4(old)
    if backend == "postgresql":  # the fault being fixed: the server refused a long link
        open_database(old, migrate=False)
        with pytest.raises(peewee.DataError, match="too long"):
            Meeting.create(match=Match.get(), starts_at=datetime(2027, 1, 5, 16), link=LONG_LINK)
        close_database()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION
    meeting = Meeting.create(match=Match.get(), starts_at=datetime(2027, 1, 5, 16), link=LONG_LINK)
    assert Meeting.get_by_id(meeting.id).link == LONG_LINK
    assert AuditEvent.get().db_user == ""  # recorded before the column existed: unknown, not invented
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)


def test_the_audit_log_records_the_database_user(db, backend):
    Programme.create(name="Recorded")
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    expected = "postgres" if backend == "postgresql" else "local"  # the test server's superuser
    assert event.db_user == expected
    assert event.actor == audit.current_actor()
