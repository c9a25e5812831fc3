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
