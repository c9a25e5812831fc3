"""What closing a match does to each member's enrolment, said before saving (closure_outcomes) and done
by close_match by the same rule: without a rematch the mentee leaves the programme (Exited)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentordesk.services import pairing
from mentordesk.store.models import Enrolment, Match, MatchMember
from tests.pairing_fixtures import TODAY, status_of, two_by_two

pytestmark = pytest.mark.both_backends


def _close(match_id: int, *, mentor_again: bool, rematch: bool) -> None:
    closure = pairing.Closure(
        TODAY, "premature", "Moved away", "coordinator", mentor_may_rematch=mentor_again, rematch_mentee=rematch
    )
    pairing.close_match(match_id, closure)


@pytest.mark.parametrize(
    ("mentor_again", "rematch", "mentor_after", "mentee_after"),
    [
        (True, False, "ready", "exited"),  # the coordinator's case: the mentee leaves
        (True, True, "ready", "ready"),  # rematch: the mentee waits for a new mentor
        (False, False, "exited", "exited"),
        (False, True, "exited", "ready"),
    ],
)
def test_outcomes_said_before_closing_are_what_closing_does(
    backend, db, mentor_again, rematch, mentor_after, mentee_after
):
    programme, ana, _ben, xia, _yan = two_by_two(db)
    pairing.publish(programme.id, TODAY - timedelta(days=30))
    match_id = MatchMember.get(MatchMember.participant == ana).match_id
    outcomes = pairing.closure_outcomes(match_id, mentor_again, rematch)
    said = {o.participant_id: o.status for o in outcomes}
    assert [o.role for o in outcomes] == ["mentor", "mentee"]  # mentors first
    assert said == {xia.id: mentor_after, ana.id: mentee_after}
    assert status_of(programme, ana) == "matched"  # saying it changed nothing
    _close(match_id, mentor_again=mentor_again, rematch=rematch)
    assert status_of(programme, xia) == mentor_after and status_of(programme, ana) == mentee_after
    left = Enrolment.get(participant=ana)
    if mentee_after == "exited":
        assert left.exit_reason == "match closed" and left.exited_on == TODAY
    else:
        assert left.exited_on is None


def test_a_member_still_in_another_live_match_stays_matched(backend, db):
    programme, ana, _ben, xia, _yan = two_by_two(db)
    pairing.publish(programme.id, TODAY - timedelta(days=30))
    first = MatchMember.get(MatchMember.participant == ana).match_id
    # Xia also mentors in a second live match (a group, say).
    other = Match.create(programme=programme, status="active", started_on=TODAY - timedelta(days=5))
    MatchMember.create(match=other, participant=xia, role="mentor")
    outcomes = {o.participant_id: o for o in pairing.closure_outcomes(first, True, False)}
    assert outcomes[xia.id].still_matched and outcomes[xia.id].status == ""
    _close(first, mentor_again=True, rematch=False)
    assert status_of(programme, xia) == "matched" and status_of(programme, ana) == "exited"
