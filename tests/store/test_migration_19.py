"""Migration 19 adds the programme events tables to a version-13 database; the result equals a fresh one."""

from __future__ import annotations

from datetime import datetime

import pytest

from mentordesk.store import migrations
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import EventInvitee, Participant, Programme, ProgrammeEvent
from tests.store.test_store import empty_target, schema_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.both_backends


def test_migration_19_adds_events_and_equals_a_fresh_database(empty_target):  # noqa: F811
    old, fresh = empty_target("old"), empty_target("fresh")
    db = open_database(old)
    person = Participant.create(first_name="Zoë")
    Programme.create(name="P")
    for model in (EventInvitee, ProgrammeEvent):  # the file as a version-13 MentorDesk left it
        db.execute_sql(f'DROP TABLE "{model._meta.table_name}"')
    db.execute_sql("UPDATE setting SET value = '13' WHERE key = 'schema.version'")
    close_database()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION >= 19
    assert {"programme_event", "event_invitee"} <= set(db.get_tables())
    event = ProgrammeEvent.create(
        programme=Programme.get(), title="Training", starts_at=datetime(2026, 9, 1, 18)
    )
    EventInvitee.create(event=event, participant=person, mark="attended")
    assert EventInvitee.get().version == 1
    ProgrammeEvent.update(title="Training (moved)").execute()  # the version trigger came with the migration
    assert ProgrammeEvent.get().version == 2
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)
