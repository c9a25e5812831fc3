"""Migration 18 adds the shadow-board tables to an older database; the result equals a fresh one."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.store import migrations
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import (
    BoardRecommendation,
    BoardSession,
    BoardSessionAttendance,
    BoardSponsor,
    Participant,
    Programme,
)
from tests.store.test_store import empty_target, schema_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.both_backends

BOARD = (BoardRecommendation, BoardSessionAttendance, BoardSession, BoardSponsor)


def test_migration_18_adds_the_board_tables_and_equals_a_fresh_database(empty_target):  # noqa: F811
    old, fresh = empty_target("old"), empty_target("fresh")
    db = open_database(old)
    person = Participant.create(first_name="Ελένη")
    Programme.create(name="Board", kind="shadow_board")
    for model in BOARD:  # the file as a version-13 MentorDesk left it
        db.execute_sql(f'DROP TABLE "{model._meta.table_name}"')
    db.execute_sql("UPDATE setting SET value = '13' WHERE key = 'schema.version'")
    close_database()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION >= 18
    assert {m._meta.table_name for m in BOARD} <= set(db.get_tables())
    sponsor = BoardSponsor.create(programme=Programme.get(), name="Алексей Sokolov", role="Head")
    session = BoardSession.create(programme=Programme.get(), held_on=date(2027, 1, 12), topics="Budget")
    BoardSessionAttendance.create(session=session, participant=person.id)
    BoardRecommendation.create(
        programme=Programme.get(),
        session=session,
        sponsor=sponsor,
        made_on=date(2027, 1, 12),
        title="Cut fees",
    )
    assert BoardRecommendation.get().version == 1 and BoardRecommendation.get().outcome == "awaiting"
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)
