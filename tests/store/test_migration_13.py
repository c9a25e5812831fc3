"""Migration 13 adds the custom-field tables to a version-7 database; the result equals a fresh one."""

from __future__ import annotations

import pytest

from mentordesk.store import migrations
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import CustomField, CustomValue, Participant, Programme
from tests.store.test_store import empty_target, schema_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.both_backends


def test_migration_13_adds_custom_fields_and_equals_a_fresh_database(empty_target):  # noqa: F811
    old, fresh = empty_target("old"), empty_target("fresh")
    db = open_database(old)
    person = Participant.create(first_name="Zoë")
    Programme.create(name="P")
    for model in (CustomValue, CustomField):  # the file as a version-7 MentorDesk left it
        db.execute_sql(f'DROP TABLE "{model._meta.table_name}"')
    db.execute_sql("UPDATE setting SET value = '7' WHERE key = 'schema.version'")
    assert CustomField._meta.table_name not in db.get_tables()
    close_database()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION
    assert {CustomField._meta.table_name, CustomValue._meta.table_name} <= set(db.get_tables())
    field = CustomField.create(programme=Programme.get(), label="Club")
    CustomValue.create(participant=person.id, field=field, value=["Chess"])
    assert CustomValue.get().value == ["Chess"]
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)
