"""Migration 17 adds the speed-night tables to a version-13 database; the result equals a fresh one."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.store import migrations
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Participant, Programme, SpeedEvent, SpeedMeeting, SpeedSeat, SpeedWish
from tests.store.test_store import empty_target, schema_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.both_backends
TABLES = (SpeedWish, SpeedMeeting, SpeedSeat, SpeedEvent)  # dependents first


def test_migration_17_adds_speed_nights_and_equals_a_fresh_database(empty_target):  # noqa: F811
    old, fresh = empty_target("old"), empty_target("fresh")
    db = open_database(old)
    person = Participant.create(first_name="Ελένη")
    Programme.create(name="Speed", kind="speed")
    for model in TABLES:  # the file as a version-13 MentorDesk left it
        db.execute_sql(f'DROP TABLE "{model._meta.table_name}"')
    db.execute_sql("UPDATE setting SET value = '13' WHERE key = 'schema.version'")
    assert SpeedEvent._meta.table_name not in db.get_tables()
    close_database()
    db = open_database(old)
    assert 17 in migrations.MIGRATIONS and migrations.read_version(db) == migrations.LATEST_VERSION
    assert {m._meta.table_name for m in TABLES} <= set(db.get_tables())
    event = SpeedEvent.create(programme=Programme.get(), held_on=date(2026, 3, 12))
    SpeedSeat.create(event=event, participant=person.id, role="mentee")
    assert SpeedSeat.get().attendance == "invited" and SpeedEvent.get().version == 1
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)
