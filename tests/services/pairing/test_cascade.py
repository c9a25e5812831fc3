"""Cascade programmes: promoting mentees who completed a cycle, the tiers, and the former-mentor rule."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentordesk.services import pairing, participants
from mentordesk.services.pairing import lifecycle, publishing
from mentordesk.store import audit
from mentordesk.store.models import Enrolment, Match, MatchMember, ScreeningCheck
from tests.pairing_fixtures import ADULT, TODAY, clear, make_programme, mentee, mentor, status_of

pytestmark = pytest.mark.both_backends


def _close(match_id: int, kind: str) -> None:
    reason = "End of the cycle" if kind == "planned" else "Moved away"
    lifecycle.close_match(match_id, lifecycle.Closure(TODAY, kind, reason, "coordinator"))


@pytest.fixture
def round_one(db):
    """Xia (a first mentor) mentored Ana to the end of her cycle; Ben's match ended early; Cai is new."""
    programme = make_programme("Cascade 2026", kind="cascade")
    xia = mentor(programme, "Xia", capacity=2, interests=["chess"])
    ana = mentee(programme, "Ana", dob=ADULT, interests=["chess"])
    ben = mentee(programme, "Ben", dob=ADULT, interests=["chess"])
    cai = mentee(programme, "Cai", dob=ADULT, interests=["chess"])
    ana_match = pairing.pair_manually(programme.id, ana.id, xia.id)
    ben_match = pairing.pair_manually(programme.id, ben.id, xia.id)
    publishing.publish(programme.id, TODAY - timedelta(days=200))
    _close(ana_match, "planned")
    _close(ben_match, "premature")
    return programme, xia, ana, ben, cai, ana_match


def test_only_someone_who_completed_a_cycle_is_promoted(round_one):
    programme, xia, ana, ben, cai, ana_match = round_one
    outcome = pairing.promote_to_mentor(programme.id, [ana.id, ben.id, cai.id, xia.id], capacity=2, today=TODAY)
    assert outcome.promoted == ["Ana Mentee"]
    assert dict(outcome.refused) == {
        "Ben Mentee": "has not completed a cycle: promote them once their match is closed as planned",
        "Cai Mentee": "has not completed a cycle: promote them once their match is closed as planned",
        "Xia Mentor": "already a mentor",
    }
    assert outcome.summary == "1 promoted to mentor, 6 mentor checks to do; 3 not promoted."
    enrolment = Enrolment.get((Enrolment.participant == ana) & (Enrolment.programme == programme))
    assert (enrolment.role, enrolment.status, enrolment.capacity) == ("mentor", "screening", 2)
    # The mentor screening has started: every check a mentor needs is outstanding, so she is not cleared.
    pending = sorted(c.kind for c in ScreeningCheck.select().where(ScreeningCheck.participant == ana))
    assert pending == ["background_check", "code_of_conduct", "interview", "reference", "reference", "training"]
    assert participants.clearance_map(programme.id)[ana.id].cleared is False
    # Her record and history stay: the closed match with her as mentee, and the role change audited.
    assert MatchMember.get((MatchMember.match == ana_match) & (MatchMember.participant == ana)).role == "mentee"
    assert Match.get_by_id(ana_match).status == "closed"
    roles = [(old, new) for _, old, new in audit.history("enrolment", enrolment.id, "role")]
    assert roles[-1] == ("mentee", "mentor")
    # The others are exactly as they were.
    assert Enrolment.get((Enrolment.participant == ben) & (Enrolment.programme == programme)).role == "mentee"
    assert ScreeningCheck.select().where(ScreeningCheck.participant == ben).count() == 0
    again = pairing.promote_to_mentor(programme.id, [ana.id], today=TODAY)
    assert again.promoted == [] and again.refused == [("Ana Mentee", "already a mentor")]


def test_checks_already_held_carry_and_only_the_rest_start(round_one):
    programme, _xia, ana, *_ = round_one
    ScreeningCheck.create(participant=ana, programme=programme, kind="interview", outcome="passed",
                          completed_on=TODAY)  # fmt: skip
    ScreeningCheck.create(participant=ana, programme=programme, kind="background_check", outcome="passed",
                          completed_on=TODAY - timedelta(days=900), expires_on=TODAY - timedelta(days=1))  # fmt: skip
    outcome = pairing.promote_to_mentor(programme.id, [ana.id], today=TODAY)
    assert outcome.checks_started == 5  # no new interview; the expired background check starts again
    pending = sorted(c.kind for c in ScreeningCheck.select().where(ScreeningCheck.outcome == "pending"))
    assert pending == ["background_check", "code_of_conduct", "reference", "reference", "training"]


def test_other_kinds_and_bad_requests_are_refused_and_change_nothing(round_one):
    programme, _xia, ana, *_ = round_one
    other = make_programme("One to one", kind="one_to_one")
    before = Enrolment.select().where(Enrolment.role == "mentor").count(), ScreeningCheck.select().count()
    with pytest.raises(pairing.PairingError, match="not a cascade programme"):
        pairing.promote_to_mentor(other.id, [ana.id])
    with pytest.raises(pairing.PairingError, match="between 1 and 20"):
        pairing.promote_to_mentor(programme.id, [ana.id], capacity=0)
    with pytest.raises(pairing.PairingError, match="No programme with id 9999"):
        pairing.promote_to_mentor(9999, [ana.id])
    with pytest.raises(pairing.PairingError, match="Choose the mentees"):
        pairing.promote_to_mentor(programme.id, [])
    assert (Enrolment.select().where(Enrolment.role == "mentor").count(), ScreeningCheck.select().count()) == before
    assert pairing.promotable(programme.id) == [ana.id]


def test_still_in_a_live_match_is_refused(round_one):
    programme, xia, ana, *_ = round_one
    # Ana completed one cycle and started a second one as a mentee: she is not promoted mid-way.
    Enrolment.update(status="ready").where(Enrolment.participant.in_([xia.id, ana.id])).execute()
    pairing.pair_manually(programme.id, ana.id, xia.id)
    publishing.publish(programme.id, TODAY - timedelta(days=10))
    outcome = pairing.promote_to_mentor(programme.id, [ana.id], today=TODAY)
    assert outcome.refused == [("Ana Mentee", "still a mentee in an active or paused match: close it first")]
    assert Enrolment.get((Enrolment.participant == ana) & (Enrolment.programme == programme)).role == "mentee"


def test_tiers_and_who_mentors_whom(round_one):
    programme, xia, ana, ben, cai, _ = round_one
    pairing.promote_to_mentor(programme.id, [ana.id], today=TODAY)
    clear(ana, programme)
    participants.change_status(Enrolment.get(participant=ana, programme=programme).id, "ready")
    Enrolment.update(status="ready").where(Enrolment.participant == cai.id).execute()
    pairing.pair_manually(programme.id, cai.id, ana.id)
    publishing.publish(programme.id, TODAY)
    tiers = pairing.programme_tiers(programme.id)
    assert [(t.number, [p.name for p in t.people]) for t in tiers] == [
        (1, ["Xia Mentor"]),
        (2, ["Ana Mentee", "Ben Mentee"]),  # Ana mentors now: mentors first
        (3, ["Cai Mentee"]),
    ]
    ana_row = tiers[1].people[0]
    assert ana_row.promoted and ana_row.role == "mentor" and ana_row.completed_cycle
    assert ana_row.mentored_by == ("Xia Mentor",) and ana_row.mentoring == ("Cai Mentee",)
    assert (tiers[1].mentors, tiers[1].mentees) == (1, 1)
    assert tiers[0].people[0].mentoring == ("Ana Mentee", "Ben Mentee")
    assert pairing.promotable(programme.id) == []  # Ben ended early; Cai is mid-cycle


def test_a_promoted_mentor_never_mentors_their_former_mentor(round_one):
    programme, xia, ana, *_ = round_one
    pairing.promote_to_mentor(programme.id, [ana.id], today=TODAY)
    clear(ana, programme)
    participants.change_status(Enrolment.get(participant=ana, programme=programme).id, "ready")
    # Xia comes back to the programme as a mentee (say, to learn something new); Zed is another mentor.
    Enrolment.update(role="mentee", status="ready").where(
        (Enrolment.participant == xia) & (Enrolment.programme == programme)
    ).execute()
    zed = mentor(programme, "Zed", interests=["knitting"])
    ranked = {c.participant_id: c for c in pairing.rank_candidates(programme.id, xia.id)}
    assert not ranked[ana.id].eligible and ranked[zed.id].eligible
    assert any("former mentor" in reason for reason in ranked[ana.id].reasons)
    with pytest.raises(pairing.PairingError, match="former mentor"):
        pairing.pair_manually(programme.id, xia.id, ana.id)
    result = pairing.run_matcher(programme.id, TODAY)
    made = {(p.mentee_id, p.mentor_id) for p in result.pairs}
    assert (xia.id, zed.id) in made and (xia.id, ana.id) not in made  # Ana shares chess, yet not her
    assert status_of(programme, ana) == "ready"
