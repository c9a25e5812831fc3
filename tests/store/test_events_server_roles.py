"""On a shared server a coordinator sees and keeps only their programmes' events and registers."""

from __future__ import annotations

from datetime import datetime

import peewee
import pytest

from mentordesk.store.models import EventInvitee, Participant, Programme, ProgrammeEvent
from tests.store.test_server_roles import _as, _person, school  # noqa: F401 (a fixture)


def test_a_coordinator_sees_only_their_programmes_events(school):  # noqa: F811
    server, dbname, db, north, south = school
    nia, sam = (Participant.get(Participant.first_name == n) for n in ("Nia", "Sam"))
    for programme, person in ((north, nia), (south, sam)):
        event = ProgrammeEvent.create(
            programme=programme, title="Training", starts_at=datetime(2026, 9, 1, 18)
        )
        EventInvitee.create(event=event, participant=person, mark="attended")
    coordinator = _person(server, dbname, db, "coordinator", [north])
    _as(server, dbname, coordinator)
    assert [e.programme_id for e in ProgrammeEvent.select()] == [north]
    assert [i.participant_id for i in EventInvitee.select()] == [nia.id]
    assert ProgrammeEvent.update(title="x").where(ProgrammeEvent.programme == south).execute() == 0
    with pytest.raises(peewee.ProgrammingError, match="row-level security"):
        ProgrammeEvent.create(programme=south, title="Party", starts_at=datetime(2026, 9, 2, 18))
    own = ProgrammeEvent.create(programme=north, title="Party", starts_at=datetime(2026, 9, 2, 18))
    EventInvitee.create(event=own, participant=nia)
    assert Programme.select().count() == 1
