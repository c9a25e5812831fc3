"""Migration 15 gives a match member its network focus areas; the migrated file equals a fresh one."""

from __future__ import annotations

import pytest

from mentordesk.store import migrations
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Match, MatchMember, Participant, Programme
from tests.store.test_store import empty_target, schema_of  # noqa: F401 (a fixture)

pytestmark = pytest.mark.both_backends


def test_migration_15_adds_focus_areas_and_equals_a_fresh_database(empty_target):  # noqa: F811
    old, fresh = empty_target("old"), empty_target("fresh")
    db = open_database(old)
    mentor = Participant.create(first_name="Αλέξανδρος")
    match = Match.create(programme=Programme.create(name="P", kind="network"))
    MatchMember.create(match=match, participant=mentor, role="mentor")
    db.execute_sql('ALTER TABLE "match_member" DROP COLUMN "focus_areas"')  # as a version-13 file left it
    db.execute_sql("UPDATE setting SET value = '13' WHERE key = 'schema.version'")
    assert "focus_areas" not in {c.name for c in db.get_columns("match_member")}
    close_database()
    db = open_database(old)
    assert migrations.read_version(db) == migrations.LATEST_VERSION  # step 15 and every later one ran
    member = MatchMember.get()
    assert member.focus_areas == []  # an existing member covers no particular area
    member.focus_areas = ["Careers", "Учёба"]
    member.save()
    assert MatchMember.get().focus_areas == ["Careers", "Учёба"]
    close_database()
    open_database(fresh)
    close_database()
    assert schema_of(old) == schema_of(fresh)
