"""Participants, the pipeline, guardians and consent, screening checks and what needs attention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.core.participants.pipeline import allowed_targets
from mentordesk.core.participants.profile_text import Slot, TagSpec
from mentordesk.services.participants import enrolments, guardians, people, screening
from mentordesk.services.participants.listing import roster
from mentordesk.services.participants.people import (
    AwayDates,
    EnrolmentDetails,
    ExclusionInfo,
    ParticipantError,
    PersonDetails,
    Profile,
)
from mentordesk.store.models import AuditEvent, Enrolment, Participant, ParticipantTag, Programme

TODAY = date.today()

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def teen(programme, status="applied") -> int:
    profile = Profile(
        PersonDetails("Bo", "Chen", date_of_birth=TODAY.replace(year=TODAY.year - 14)),
        EnrolmentDetails("mentee", status=status),
    )
    return people.save_profile(None, programme.id, profile)


def enrolment_of(pid: int) -> Enrolment:
    return Enrolment.get(Enrolment.participant == pid)


def test_validation_names_each_field():
    errors = people.validate_person(
        PersonDetails(" ", email="ann@", phone="12ab", date_of_birth=TODAY + timedelta(days=1))
    )
    assert set(errors) == {"first_name", "email", "phone", "date_of_birth"}
    assert errors["email"].startswith("'ann@' is not an e-mail address")
    assert "in the future" in errors["date_of_birth"]
    assert people.validate_person(PersonDetails("Ann", email="ann@example.org")) == {}


def test_full_profile_is_saved_and_loaded(programme):
    other = people.create_participant(
        PersonDetails("Cy", "Dee"), programme.id, EnrolmentDetails("mentee")
    )
    profile = Profile(
        PersonDetails("  Ann ", "Lee", email="ann@example.org", phone="07700 900123", notes="Line 1\nLine 2"),
        EnrolmentDetails(
            "mentor", capacity=3, preferences="Prefers Year 10", referral_source="Staff bulletin"
        ),
        tags=[TagSpec("skill", "coding", "offers"), TagSpec("language", "Welsh", "both")],
        slots=[Slot(1, 960, 1050), Slot(3, 930, 1020)],
        away=[AwayDates(TODAY, TODAY + timedelta(days=7), "Holiday")],
        exclusions=[ExclusionInfo(other, reason="Neighbours")],
    )
    pid = people.save_profile(None, programme.id, profile)
    loaded = people.load_profile(pid, programme.id)
    assert loaded.person.first_name == "Ann" and loaded.person.notes == "Line 1\nLine 2"
    assert (loaded.enrolment.role, loaded.enrolment.capacity, loaded.enrolment.status) == (
        "mentor",
        3,
        "applied",
    )
    assert loaded.tags == sorted(profile.tags, key=lambda t: (t.kind, t.name))
    assert loaded.slots == profile.slots and loaded.away == profile.away
    assert loaded.exclusions == [ExclusionInfo(other, "Cy Dee", "Neighbours")]
    # The rule holds both ways: the other person sees it too.
    assert people.exclusions_of(other)[0].other_id == pid


def test_invalid_profile_writes_nothing(programme):
    before = Participant.select().count()
    bad = Profile(
        PersonDetails("Ann"), EnrolmentDetails("mentor"), slots=[Slot(0, 960, 1050), Slot(0, 1000, 1100)]
    )
    with pytest.raises(ParticipantError, match="overlaps"):
        people.save_profile(None, programme.id, bad)
    with pytest.raises(ParticipantError, match="end date is before"):
        people.save_profile(
            None,
            programme.id,
            Profile(PersonDetails("Ann"), away=[AwayDates(TODAY, TODAY - timedelta(days=1))]),
        )
    assert Participant.select().count() == before


def test_pipeline_moves_and_history(programme):
    pid = people.create_participant(
        PersonDetails("Ann", date_of_birth=date(1990, 1, 1)), programme.id, EnrolmentDetails("mentee")
    )
    enrolment = enrolment_of(pid)
    enrolments.change_status(enrolment.id, "screening")
    enrolments.change_status(enrolment.id, "ready")
    with pytest.raises(
        ParticipantError, match="from ready the next steps are screening, matched, on hold, exited"
    ):
        enrolments.change_status(enrolment.id, "applied")
    enrolments.change_status(enrolment.id, "exited", reason="Moved away")
    enrolment = enrolment_of(pid)
    assert (enrolment.status, enrolment.exited_on, enrolment.exit_reason) == ("exited", TODAY, "Moved away")
    history = enrolments.status_history(enrolment.id)
    assert [(h.old, h.new) for h in history] == [
        (None, "applied"),
        ("applied", "screening"),
        ("screening", "ready"),
        ("ready", "exited"),
    ]
    assert allowed_targets("exited") == ["applied"]


def test_minor_cannot_become_ready_without_guardian_and_consent(programme):
    pid = teen(programme, status="screening")
    enrolment = enrolment_of(pid)
    with pytest.raises(ParticipantError, match="no guardian recorded; no guardian consent"):
        enrolments.change_status(enrolment.id, "ready")
    guardian_id = guardians.add_guardian(
        pid, guardians.GuardianInput("Mo Chen", "Parent", phone="07700 900123")
    )
    with pytest.raises(ParticipantError, match="no guardian consent"):
        enrolments.change_status(enrolment.id, "ready")
    consent = guardians.add_consent(
        pid,
        guardians.ConsentInput(
            "parental_permission", True, TODAY - timedelta(days=1), guardian_id=guardian_id
        ),
    )
    enrolments.change_status(enrolment.id, "ready")
    assert enrolment_of(pid).status == "ready"
    guardians.withdraw_consent(consent)
    assert not guardians.list_consents(pid)[0].valid_on(TODAY)
    with pytest.raises(ParticipantError, match="cannot be 'ready'|Not cleared"):
        enrolments.change_status(enrolment.id, "screening")
        enrolments.change_status(enrolment.id, "ready")


def test_a_new_minor_cannot_start_as_ready(programme):
    with pytest.raises(ParticipantError, match="no guardian"):
        teen(programme, status="ready")
    assert Participant.select().count() == 0  # the whole profile rolled back


def test_bulk_status_change_reports_refusals(programme):
    adult = people.create_participant(
        PersonDetails("Ann", date_of_birth=date(1990, 1, 1)),
        programme.id,
        EnrolmentDetails("mentee", "screening"),
    )
    minor = teen(programme, status="screening")
    outcome = enrolments.bulk_change_status([enrolment_of(adult).id, enrolment_of(minor).id], "ready")
    assert outcome.changed == 1
    assert outcome.refused[0][0] == "Bo Chen" and "no guardian consent" in outcome.refused[0][1]
    assert enrolment_of(adult).status == "ready" and enrolment_of(minor).status == "screening"


def test_bulk_tag(programme):
    ids = [
        people.create_participant(PersonDetails(n), programme.id, EnrolmentDetails("mentee"))
        for n in ("Ann", "Bo")
    ]
    assert enrolments.bulk_add_tag(ids, TagSpec("interest", "Robotics", "both")) == 2
    assert enrolments.bulk_add_tag(ids, TagSpec("interest", "robotics", "both")) == 0  # same tag, any case
    assert ParticipantTag.select().count() == 2
    assert AuditEvent.select().where(AuditEvent.action == "bulk_tag").count() == 2


def test_guardian_and_consent_validation(programme):
    pid = teen(programme)
    with pytest.raises(ParticipantError, match="name is required"):
        guardians.add_guardian(pid, guardians.GuardianInput(" ", phone="07700 900123"))
    with pytest.raises(ParticipantError, match="Give a phone number or an e-mail"):
        guardians.add_guardian(pid, guardians.GuardianInput("Mo"))
    with pytest.raises(ParticipantError, match="date the consent was given"):
        guardians.add_consent(pid, guardians.ConsentInput("parental_permission", True, None))
    gid = guardians.add_guardian(pid, guardians.GuardianInput("Mo", email="mo@example.org"))
    guardians.update_guardian(gid, guardians.GuardianInput("Mo Chen", "Mother", email="mo@example.org"))
    assert guardians.list_guardians(pid)[0].relationship == "Mother"
    guardians.delete_guardian(gid)
    assert guardians.list_guardians(pid) == []


def test_screening_checks_crud_and_checklist(programme):
    pid = people.create_participant(
        PersonDetails("Ann", date_of_birth=date(1980, 1, 1)), programme.id, EnrolmentDetails("mentor")
    )
    with pytest.raises(ParticipantError, match="which check it was"):
        screening.add_check(
            pid, programme.id, screening.CheckInput("background_check", "passed", completed_on=TODAY)
        )
    with pytest.raises(ParticipantError, match="expires before it was completed"):
        screening.add_check(
            pid,
            programme.id,
            screening.CheckInput("background_check", "passed", "DBS", completed_on=TODAY, expires_on=TODAY),
        )
    done = TODAY - timedelta(days=10)
    steps = [
        screening.CheckInput("application", "passed", completed_on=done),
        screening.CheckInput("interview", "passed", completed_on=done, person_name="Alex"),
        screening.CheckInput("reference", "passed", completed_on=done, person_name="Ref One"),
        screening.CheckInput("reference", "passed", completed_on=done, person_name="Ref Two"),
        screening.CheckInput(
            "background_check", "passed", "Enhanced DBS", "001", done, TODAY + timedelta(days=20)
        ),
        screening.CheckInput("training", "passed", completed_on=done, hours=1.0, topics="Safeguarding"),
        screening.CheckInput("code_of_conduct", "passed", completed_on=done),
    ]
    ids = [screening.add_check(pid, programme.id, s) for s in steps]
    checklist = screening.checklist(pid, programme.id)
    assert not checklist.clearance.cleared and checklist.clearance.reasons == ("training 1 of 2 hours",)
    assert [i.done for i in checklist.items] == [True, True, True, True, False, True]
    training = steps[5]
    training.hours = 2.5
    screening.update_check(ids[5], training)
    checklist = screening.checklist(pid, programme.id)
    assert checklist.clearance.cleared and all(i.done for i in checklist.items)
    assert checklist.items[3].renew_by == TODAY + timedelta(days=20)
    screening.delete_check(ids[0])
    assert len(screening.list_checks(pid, programme.id)) == 6


def test_attention_items_reach_the_dashboard(demo_db):
    from mentordesk.services.dashboard import overview

    programme = Programme.get()
    items = screening.attention_items(programme.id)
    assert all(i.area == "participants" for i in items)
    problems = " | ".join(i.problem for i in items)
    assert "a check expires in" in problems  # the expiring DBS
    assert "a check expired on" in problems
    assert "no guardian consent" in problems
    assert "training not done" in problems
    expired = next(i for i in items if "expired on" in i.problem)
    assert expired.days_overdue > 0
    dashboard_items = overview(programme.id).attention
    assert {(i.subject, i.problem) for i in items} <= {(i.subject, i.problem) for i in dashboard_items}


def test_roster_rows_for_the_table(demo_db):
    programme = Programme.get()
    rows = roster(programme.id)
    assert len(rows) == 40
    assert [r.last_name for r in rows][:2] == ["Adeyemi", "Álvarez"]  # accents sort with their letter
    matched = [r for r in rows if r.status == "matched"]
    assert matched and all(r.open_matches == 1 for r in matched)
    mentor = next(r for r in rows if r.role == "mentor" and r.cleared)
    assert "(offers)" in mentor.tags and mentor.clearance.startswith(("Cleared", "background check expires"))
    assert any(r.attention for r in rows) and any(not r.attention for r in rows)


def test_delete_refused_for_a_match_member_with_the_reason(demo_db):
    from mentordesk.store.models import MatchMember

    member = MatchMember.select().first().participant
    with pytest.raises(people.ParticipantInUse, match="is a member of match"):
        people.delete_participant(member.id)
    loner = Participant.create(first_name="Solo")
    people.delete_participant(loner.id)
    assert Participant.get_or_none(Participant.id == loner.id) is None


def test_roster_order_and_search_ignore_case_and_accents(programme):
    """Names are folded in Python (core.participants.fold), so both backends sort and find alike."""
    from mentordesk.core.participants import fold

    for first, last in [("Zoë", "Ó'Brien"), ("ana", "Ávila"), ("Bo", "obrien"), ("Cy", "brown"), ("Di", "Zane")]:
        person = Participant.create(first_name=first, last_name=last)
        Enrolment.create(participant=person, programme=programme, role="mentee")
    rows = roster(programme.id)
    assert [r.last_name for r in rows] == ["Ávila", "brown", "Ó'Brien", "obrien", "Zane"]
    found = [r.name for r in rows if fold("ZOE o'brien") in fold(f"{r.first_name} {r.last_name}")]
    assert found == ["Zoë Ó'Brien"]
