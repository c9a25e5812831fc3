"""Clearance derived from checks and consents, with the reason when someone is not cleared."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.core.participants.clearance import (
    CheckFact,
    ClearanceRules,
    ConsentFact,
    PersonFacts,
    evaluate_clearance,
    is_minor,
)

TODAY = date(2026, 11, 26)
RULES = ClearanceRules()

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def mentor_checks(**overrides) -> list[CheckFact]:
    checks = {
        "interview": CheckFact("interview", "passed", TODAY - timedelta(days=40)),
        "ref1": CheckFact("reference", "passed", TODAY - timedelta(days=30)),
        "ref2": CheckFact("reference", "passed", TODAY - timedelta(days=29)),
        "dbs": CheckFact(
            "background_check", "passed", TODAY - timedelta(days=20), TODAY + timedelta(days=900)
        ),
        "training": CheckFact("training", "passed", TODAY - timedelta(days=10), hours=2.0),
        "coc": CheckFact("code_of_conduct", "passed", TODAY - timedelta(days=10)),
    }
    checks.update(overrides)
    return [c for c in checks.values() if c is not None]


def mentor(**overrides) -> PersonFacts:
    return PersonFacts(
        role="mentor", date_of_birth=date(1980, 1, 1), checks=tuple(mentor_checks(**overrides))
    )


def test_fully_screened_mentor_is_cleared():
    result = evaluate_clearance(mentor(), RULES, TODAY)
    assert result.cleared and result.reasons == () and result.summary == "Cleared"
    assert result.expires_on == TODAY + timedelta(days=900)


def test_each_missing_step_is_named():
    result = evaluate_clearance(
        mentor(ref2=None, training=CheckFact("training", "passed", TODAY, hours=1.5)), RULES, TODAY
    )
    assert not result.cleared
    assert "1 of 2 references" in result.reasons
    assert "training 1.5 of 2 hours" in result.reasons


def test_expired_background_check_blocks_with_the_date():
    expired = CheckFact("background_check", "passed", date(2023, 1, 1), date(2026, 1, 1))
    result = evaluate_clearance(mentor(dbs=expired), RULES, TODAY)
    assert result.reasons == ("background check expired on 2026-01-01",)


def test_check_expiring_within_30_days_warns_but_clears():
    soon = CheckFact("background_check", "passed", date(2023, 12, 10), TODAY + timedelta(days=12))
    result = evaluate_clearance(mentor(dbs=soon), RULES, TODAY)
    assert result.cleared
    assert result.warnings == (f"background check expires on {(TODAY + timedelta(days=12)).isoformat()}",)


def test_failed_or_pending_background_check():
    failed = evaluate_clearance(mentor(dbs=CheckFact("background_check", "failed", TODAY)), RULES, TODAY)
    assert failed.reasons == ("background check failed",)
    pending = evaluate_clearance(mentor(dbs=CheckFact("background_check", "pending")), RULES, TODAY)
    assert pending.reasons == ("background check pending",)


def test_programme_can_relax_rules():
    relaxed = ClearanceRules(background_check=False, references=1, training_hours=0, interview=False)
    assert evaluate_clearance(
        mentor(dbs=None, ref2=None, interview=None, training=None), relaxed, TODAY
    ).cleared
    assert ClearanceRules.from_settings(relaxed.to_settings()) == relaxed
    assert ClearanceRules.from_settings({"references": 3, "unknown": 1}).references == 3


def test_minor_mentee_needs_guardian_and_consent():
    teen = PersonFacts(role="mentee", date_of_birth=date(2011, 5, 1))
    assert evaluate_clearance(teen, RULES, TODAY).reasons == ("no guardian recorded", "no guardian consent")
    consent = ConsentFact("parental_permission", True, TODAY - timedelta(days=3))
    ok = PersonFacts(role="mentee", date_of_birth=date(2011, 5, 1), consents=(consent,), has_guardian=True)
    assert evaluate_clearance(ok, RULES, TODAY).cleared
    withdrawn = ConsentFact("parental_permission", True, TODAY - timedelta(days=9), withdrawn_on=TODAY)
    gone = PersonFacts(
        role="mentee", date_of_birth=date(2011, 5, 1), consents=(withdrawn,), has_guardian=True
    )
    assert evaluate_clearance(gone, RULES, TODAY).reasons == ("guardian consent withdrawn",)


def test_adult_mentee_needs_no_guardian_and_unknown_age_is_flagged():
    assert evaluate_clearance(
        PersonFacts(role="mentee", date_of_birth=date(1999, 1, 1)), RULES, TODAY
    ).cleared
    unknown = evaluate_clearance(PersonFacts(role="mentee"), RULES, TODAY)
    assert unknown.reasons == ("age unknown: add a date of birth or an age band",)


def test_minor_by_birthday_and_by_band():
    assert is_minor(date(2008, 11, 27), "", TODAY) is True  # turns 18 tomorrow
    assert is_minor(date(2008, 11, 26), "", TODAY) is False
    assert is_minor(None, "11-13", TODAY) is True
    assert is_minor(None, "18-25", TODAY) is False
    assert is_minor(None, "25+", TODAY) is False
    assert is_minor(None, "", TODAY) is None


def test_service_reads_the_demo_programme(demo_db):
    from mentordesk.services.participants.clearance import clearance_map
    from mentordesk.store.models import Enrolment, Programme

    programme = Programme.get()
    result = clearance_map(programme.id)
    assert len(result) == Enrolment.select().count() == 40
    mentors = [e.participant_id for e in Enrolment.select().where(Enrolment.role == "mentor")]
    states = [result[m] for m in mentors]
    assert sum(c.cleared for c in states) >= 8
    assert any("expired" in r for c in states for r in c.reasons)
    assert any(c.cleared and c.warnings for c in states)  # the "expiring soon" mentor
    assert any("references" in r for c in states for r in c.reasons)
    assert any("training" in r for c in states for r in c.reasons)
