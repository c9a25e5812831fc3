"""One set of hard rules, honoured alike by every consumer: the matcher, manual pairing, review swaps,
publishing and speed rotations. A mentor whose places are all taken is refused by each of them with
the same Rule code and the same words (core/pairing/hard_rules.py decides; nobody matches text)."""

from __future__ import annotations

import re

import pytest

from mentordesk.core.pairing import Rule
from mentordesk.services import pairing
from mentordesk.services.pairing import manual, publishing, review, run, speed
from mentordesk.store.models import Enrolment, Exclusion, Match, MatchMember
from tests.pairing_fixtures import TODAY, drafts, make_programme, mentee, mentor, two_by_two

FULL = "no place left (1 of 1 taken)"


def give_live_match(programme, mentor_person, name: str = "Cal") -> None:
    """The mentor takes a live match with another mentee: their one place is gone."""
    other = mentee(programme, name, status="matched")
    match = Match.create(programme=programme, status="active", started_on=TODAY)
    MatchMember.create(match=match, participant=mentor_person, role="mentor")
    MatchMember.create(match=match, participant=other, role="mentee")


@pytest.fixture
def full_mentor(db):
    """Ana's and Ben's drafts are with Xia and Yan; then Xia's only place goes to a live match."""
    programme, a, b, x, y = two_by_two(db)
    assert drafts(programme.id) == {a.id: x.id, b.id: y.id}
    give_live_match(programme, x)
    return programme, a, b, x, y


def draft_of(programme, mentee_id: int) -> int:
    return next(r.match_id for r in review.list_drafts(programme.id) if r.mentee_id == mentee_id)


def test_the_matcher_leaves_a_full_mentor_out(full_mentor):
    programme, a, b, x, y = full_mentor
    result = run.run_matcher(programme.id)
    assert x.id not in {p.mentor_id for p in result.pairs}
    assert x.id not in drafts(programme.id).values()


def test_manual_pairing_refuses_a_full_mentor_with_the_rule_code(full_mentor):
    programme, a, b, x, y = full_mentor
    xia = next(c for c in manual.rank_candidates(programme.id, b.id) if c.participant_id == x.id)
    assert (xia.eligible, xia.rules, xia.reasons, xia.places_left) == (False, {Rule.NO_PLACE}, [FULL], 0)
    with pytest.raises(pairing.PairingError, match=re.escape(FULL)):
        manual.pair_manually(programme.id, b.id, x.id)
    assert drafts(programme.id)[b.id] == y.id


def test_a_review_swap_onto_a_full_mentor_is_refused_alike(full_mentor):
    programme, a, b, x, y = full_mentor
    with pytest.raises(pairing.PairingError, match=re.escape(f"Ben Mentee with Xia Mentor: {FULL}")):
        review.swap_partners((draft_of(programme, a.id), a.id), (draft_of(programme, b.id), b.id))
    assert drafts(programme.id) == {a.id: x.id, b.id: y.id}


def test_publish_keeps_a_draft_with_a_full_mentor_back_alike(full_mentor):
    programme, a, b, x, y = full_mentor
    ana = draft_of(programme, a.id)
    result = publishing.publish(programme.id)
    assert result.published == 1
    assert result.skipped == [(ana, f"Ana Mentee with Xia Mentor: {FULL}")]
    assert Match.get_by_id(ana).status == "draft"


def test_publish_counts_the_places_earlier_drafts_in_the_same_publish_take(db):
    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    b = mentee(programme, "Ben", interests=["chess"])
    x = mentor(programme, "Xia", interests=["chess"], capacity=2)
    run.run_matcher(programme.id)
    assert drafts(programme.id) == {a.id: x.id, b.id: x.id}
    Enrolment.update(capacity=1).where(Enrolment.participant == x).execute()  # Xia can give less time now
    result = publishing.publish(programme.id)
    assert result.published == 1 and len(result.skipped) == 1
    assert result.skipped[0][1].endswith(
        "no place left (0 of 1 taken; 1 held by other drafts: unpin or reject one first)"
    )


def test_manual_pairing_counts_places_held_by_reviewed_drafts(db):
    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    b = mentee(programme, "Ben", interests=["art"])
    x = mentor(programme, "Xia", interests=["chess"])
    manual.pair_manually(programme.id, a.id, x.id)  # a pinned draft holds Xia's one place
    xia = next(c for c in manual.rank_candidates(programme.id, b.id) if c.participant_id == x.id)
    assert xia.rules == {Rule.NO_PLACE} and xia.places_left == 0
    assert xia.reasons == ["no place left (0 of 1 taken; 1 held by other drafts: unpin or reject one first)"]
    # Ana's own place is hers: her current partner is not refused to her.
    mine = next(c for c in manual.rank_candidates(programme.id, a.id) if c.participant_id == x.id)
    assert mine.eligible and mine.current


def test_speed_rotations_seat_no_full_mentor_and_no_not_with_pair(db):
    programme = make_programme("Speed night", kind="speed")
    mentees = [mentee(programme, f"Zoë{i}", interests=["chess"]) for i in range(4)]
    full, free, other = (mentor(programme, n, interests=["chess"]) for n in ("Kim", "Lou", "Max"))
    give_live_match(programme, full)
    Exclusion.create(participant=mentees[0], other=free)
    table = speed.build_timetable(programme.id, 2)
    tables = {mentor_id for mentor_id, _ in table.mentors}
    assert full.id not in tables and tables == {free.id, other.id}
    met = {(m, cell[0]) for r in table.rounds for m, cell in r.items()}
    assert (free.id, mentees[0].id) not in met and (other.id, mentees[0].id) in met
