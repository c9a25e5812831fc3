"""Alumni: people who exited stay findable across programmes, with their history, until retention erases them."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.services import participants, protection
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme

pytestmark = pytest.mark.both_backends


@pytest.fixture
def two_years(db):
    old = Programme.create(name="Mentoring 2024-25", ends_on=date(2025, 7, 18), archived=True)
    new = Programme.create(name="Mentoring 2025-26", ends_on=date(2026, 7, 17))
    zoe = Participant.create(first_name="Zoë", last_name="Ó'Brien", email="zoe@example.org")
    lukasz = Participant.create(first_name="Łukasz", last_name="Kowalski")
    mei = Participant.create(first_name="美", last_name="王")
    Enrolment.create(participant=zoe, programme=old, role="mentor", status="exited", exited_on=date(2025, 7, 18),
                     exit_reason="Year ended")  # fmt: skip
    Enrolment.create(participant=zoe, programme=new, role="mentor", status="ready")
    Enrolment.create(participant=lukasz, programme=old, role="mentee", status="exited", exited_on=date(2025, 3, 1),
                     exit_reason="Moved school")  # fmt: skip
    Enrolment.create(participant=mei, programme=new, role="mentee", status="matched")
    match = Match.create(programme=old, status="closed", started_on=date(2024, 10, 1), closed_on=date(2025, 3, 1))
    MatchMember.create(match=match, participant=zoe, role="mentor")
    MatchMember.create(match=match, participant=lukasz, role="mentee")
    Match.create(programme=old, status="draft")  # a draft is no history
    return old, new, zoe, lukasz, mei


def test_every_programmes_leavers_are_listed_with_their_history(two_years):
    old, _new, zoe, lukasz, _mei = two_years
    rows = participants.alumni()
    assert [(r.name, r.programme, r.role, r.exited_on, r.exit_reason, r.matches, r.now_in) for r in rows] == [
        ("Zoë Ó'Brien", "Mentoring 2024-25", "mentor", date(2025, 7, 18), "Year ended", 1, ("Mentoring 2025-26",)),
        ("Łukasz Kowalski", "Mentoring 2024-25", "mentee", date(2025, 3, 1), "Moved school", 1, ()),
    ]  # the archived programme's leavers too; Mei has not left
    assert [r.name for r in participants.alumni("KOWALSKI")] == ["Łukasz Kowalski"]
    assert [r.name for r in participants.alumni("zoe o'brien")] == ["Zoë Ó'Brien"]  # accents and case ignored
    assert [r.name for r in participants.alumni("zoe@example")] == ["Zoë Ó'Brien"]
    assert len(participants.alumni("2024-25")) == 2 and participants.alumni("nobody") == []


def test_retention_removes_them(two_years):
    _old, _new, _zoe, lukasz, _mei = two_years
    protection.erase(lukasz.id, "retention", compact=False)
    assert [r.name for r in participants.alumni()] == ["Zoë Ó'Brien"]
