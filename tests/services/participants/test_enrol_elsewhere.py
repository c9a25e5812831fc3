"""Enrolling people already in MentorDesk in another programme: roles, capacity, valid checks carried over."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.services import participants
from mentordesk.store.models import AuditEvent, Enrolment, Participant, Programme, ScreeningCheck

pytestmark = pytest.mark.both_backends

TODAY = date(2026, 9, 1)


@pytest.fixture
def last_year(db):
    old = Programme.create(name="Mentoring 2025-26")
    new = Programme.create(name="Mentoring 2026-27")
    mentor = Participant.create(first_name="Ana", last_name="Silva")
    mentee = Participant.create(first_name="Zoë", last_name="Ó'Brien", date_of_birth=date(2012, 3, 4))
    Enrolment.create(participant=mentor, programme=old, role="mentor", status="exited", capacity=3)
    Enrolment.create(participant=mentee, programme=old, role="mentee", status="exited")
    ScreeningCheck.create(participant=mentor, programme=old, kind="background_check", outcome="passed",
                          completed_on=date(2025, 9, 1), expires_on=date(2028, 9, 1), reference_number="D1")  # fmt: skip
    ScreeningCheck.create(participant=mentor, programme=old, kind="training", outcome="passed",
                          completed_on=date(2024, 9, 1), expires_on=date(2026, 8, 31))  # fmt: skip
    ScreeningCheck.create(participant=mentor, programme=old, kind="references", outcome="failed")
    ScreeningCheck.create(participant=mentor, programme=None, kind="interview", outcome="passed")
    return old, new, mentor, mentee


def test_people_keep_their_role_and_capacity_and_valid_checks(last_year):
    old, new, mentor, mentee = last_year
    outcome = participants.enrol_in_programme(
        [mentor.id, mentee.id], new.id, from_programme_id=old.id, today=TODAY
    )
    assert outcome.enrolled == 2 and outcome.checks_carried == 1 and outcome.already == []
    assert outcome.summary == "2 enrolled, 1 screening check carried over."
    enrolment = Enrolment.get((Enrolment.participant == mentor) & (Enrolment.programme == new))
    assert (enrolment.role, enrolment.capacity, enrolment.status) == ("mentor", 3, "applied")
    assert Enrolment.get((Enrolment.participant == mentee) & (Enrolment.programme == new)).role == "mentee"
    carried = list(ScreeningCheck.select().where(ScreeningCheck.programme == new))
    assert [(c.kind, c.reference_number, c.expires_on) for c in carried] == [
        ("background_check", "D1", date(2028, 9, 1))
    ]  # the expired training and the failed references stay behind; the person-wide interview needs no copy
    assert ScreeningCheck.select().where(ScreeningCheck.programme == old).count() == 3
    assert AuditEvent.select().where(AuditEvent.action == "enrol_many").count() == 1


def test_someone_already_there_is_named_and_left_alone(last_year):
    old, new, mentor, mentee = last_year
    Enrolment.create(participant=mentee, programme=new, role="mentee", status="ready")
    outcome = participants.enrol_in_programme([mentor.id, mentee.id], new.id, from_programme_id=old.id, role="peer",
                                              carry_checks=False, today=TODAY)  # fmt: skip
    assert outcome.enrolled == 1 and outcome.already == ["Zoë Ó'Brien"] and outcome.checks_carried == 0
    assert Enrolment.get((Enrolment.participant == mentee) & (Enrolment.programme == new)).status == "ready"
    assert Enrolment.get((Enrolment.participant == mentor) & (Enrolment.programme == new)).role == "peer"


def test_bad_requests_change_nothing(last_year):
    old, new, mentor, _mentee = last_year
    before = Enrolment.select().count(), ScreeningCheck.select().count()
    stranger = Participant.create(first_name="New", last_name="Person")
    cases = [
        (dict(participant_ids=[mentor.id], to_programme_id=999), "No programme with id 999"),
        (dict(participant_ids=[mentor.id], to_programme_id=old.id, from_programme_id=old.id), "Choose another"),
        (dict(participant_ids=[mentor.id], to_programme_id=new.id, role="boss"), "'boss' is not a role"),
        (dict(participant_ids=[mentor.id, 424242], to_programme_id=new.id), "No participant with id 424242"),
        # Mentor first, then someone with no role to keep: all or nothing, so the mentor is not enrolled either.
        (dict(participant_ids=[mentor.id, stranger.id], to_programme_id=new.id, from_programme_id=old.id),
         "Choose a role for New Person"),
    ]  # fmt: skip
    for kwargs, message in cases:
        with pytest.raises(participants.ParticipantError, match=message):
            participants.enrol_in_programme(**kwargs, today=TODAY)
    assert (Enrolment.select().count(), ScreeningCheck.select().count()) == before
