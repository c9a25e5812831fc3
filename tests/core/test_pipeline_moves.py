"""The pipeline's one answer to "may this person move there, and if not, why?"."""

from __future__ import annotations

import pytest

from mentordesk.core.participants import Clearance, TransitionRefused, check_transition, refusal

CLEARED = Clearance(True)
NOT_CLEARED = Clearance(False, ("no guardian consent",))


def test_a_cleared_applicant_goes_straight_to_ready():
    assert refusal("applied", "ready", CLEARED) == ""
    check_transition("applied", "ready", CLEARED)


def test_ready_without_clearance_says_what_is_missing():
    assert refusal("applied", "ready", NOT_CLEARED).startswith("Not cleared yet: no guardian consent")
    with pytest.raises(TransitionRefused, match="no guardian consent"):
        check_transition("screening", "ready", NOT_CLEARED)


def test_a_move_off_the_pipeline_names_the_next_steps():
    assert refusal("applied", "matched", CLEARED) == (
        "Cannot move from applied to matched: from applied the next steps are screening, on hold, exited."
    )


def test_a_just_applied_person_reads_screening_not_started_even_when_cleared():
    """A minor mentee whose guardian's consent came with the application is cleared on day one (a mentee
    needs no screening step), yet nothing was screened: like an applied mentor, "Screening not started"."""
    from datetime import date

    from mentordesk.core.participants import (
        ClearanceRules,
        ConsentFact,
        PersonFacts,
        evaluate_clearance,
        screening_not_started,
        screening_reading,
    )

    on = date(2026, 12, 7)
    consent = ConsentFact("parental_permission", True, on)
    mentee = evaluate_clearance(
        PersonFacts("mentee", date(2011, 3, 14), consents=(consent,), has_guardian=True), ClearanceRules(), on
    )
    mentor = evaluate_clearance(PersonFacts("mentor", date(1980, 1, 1)), ClearanceRules(), on)
    assert mentee.cleared and not mentor.cleared  # the rule itself is unchanged
    assert screening_not_started("applied") and screening_not_started("applied", ())
    assert not screening_not_started("applied", ("a check expired on 2026-11-01",))  # chased instead
    assert not any(screening_not_started(s) for s in ("screening", "ready", "matched", "on_hold", "exited"))
    assert screening_reading(mentee.cleared, "; ".join(mentee.reasons)).startswith(
        "nothing the programme requires is missing"
    )
    assert screening_reading(mentor.cleared, "; ".join(mentor.reasons)).startswith(
        "still needed: no interview recorded"
    )
