"""Speed-mentoring night: re-planning the remaining rounds for those present, and wishes to meet again."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings, strategies as st

from mentordesk.core.pairing.speed import (
    MUTUAL_WISH_POINTS,
    ONE_WAY_WISH_POINTS,
    plan_rounds,
    wish_bonuses,
)


def check_rules(plan, met, present_mentees, present_mentors) -> list[tuple[int, int]]:
    pairs = []
    for meetings in plan.rounds:
        mentees = [e for e, _ in meetings]
        mentors = [m for _, m in meetings]
        assert len(mentees) == len(set(mentees)), "a mentee booked twice in one round"
        assert len(mentors) == len(set(mentors)), "a mentor booked twice in one round"
        pairs += meetings
    assert len(pairs) == len(set(pairs)), "a pair meets twice"
    assert not set(pairs) & set(met), "a pair that already met meets again"
    assert all(e in present_mentees and m in present_mentors for e, m in pairs), "an absent person is booked"
    return pairs


def best_counts(eligible: np.ndarray, rounds: int, met: set[tuple[int, int]]) -> tuple[int, ...]:
    """By brute force: the fairest (leximin) meeting counts any valid plan can give, sorted ascending."""
    n, m = eligible.shape
    edges = [(e, j) for e in range(n) for j in range(m) if eligible[e, j] and (e, j) not in met]
    best: tuple[int, ...] = tuple([0] * n)
    for size in range(len(edges) + 1):
        for chosen in itertools.combinations(edges, size):
            mentee_load = np.bincount([e for e, _ in chosen], minlength=n)
            mentor_load = np.bincount([j for _, j in chosen], minlength=m)
            if mentee_load.max(initial=0) > rounds or mentor_load.max(initial=0) > rounds:
                continue
            counts = tuple(sorted(int(c) for c in mentee_load))
            if (sum(counts), counts) > (sum(best), best):
                best = counts
    return best


def test_a_no_show_mentor_is_replaced_by_meetings_with_those_present():
    scores = np.full((4, 3), 50.0)
    eligible = np.ones((4, 3), dtype=bool)
    # Round 1 was held with every mentor; mentor 2 then went home.
    held = {(0, 0), (1, 1), (2, 2)}
    plan = plan_rounds(scores, eligible, 2, present_mentees={0, 1, 2, 3}, present_mentors={0, 1}, met=held)
    pairs = check_rules(plan, held, {0, 1, 2, 3}, {0, 1})
    assert len(pairs) == 4  # two mentors x two rounds: every seat is used
    # Mentee 3 had no meeting in round 1: the fair share gives every mentee one of the four seats.
    assert sorted(plan.meetings.get(e, 0) for e in range(4)) == [1, 1, 1, 1]


def test_no_show_mentees_get_no_meetings_and_free_seats_go_to_those_present():
    scores = np.arange(12, dtype=float).reshape(4, 3)
    eligible = np.ones((4, 3), dtype=bool)
    plan = plan_rounds(scores, eligible, 3, present_mentees={0, 2}, present_mentors={0, 1, 2})
    pairs = check_rules(plan, set(), {0, 2}, {0, 1, 2})
    assert plan.meetings == {0: 3, 2: 3}  # everyone present meets every mentor
    assert len(pairs) == 6


def test_fairness_before_total_score():
    # Two mentors, three mentees, two rounds: four seats. Maximising the score alone would give the
    # two high scorers both mentors; the plan shares the seats 2-1-1 instead.
    scores = np.array([[90.0, 90.0], [90.0, 90.0], [10.0, 10.0]])
    plan = plan_rounds(scores, np.ones((3, 2), dtype=bool), 2)
    check_rules(plan, set(), {0, 1, 2}, {0, 1})
    assert sorted(plan.meetings.values()) == [1, 1, 2]
    assert 2 in plan.meetings


def test_better_scores_win_when_the_counts_tie():
    scores = np.array([[10.0, 90.0]])
    plan = plan_rounds(scores, np.ones((1, 2), dtype=bool), 1)
    assert plan.rounds == (((0, 1),),)


def test_ineligible_pairs_never_meet_and_zero_rounds_plan_nothing():
    eligible = np.array([[True, False], [False, False]])
    plan = plan_rounds(np.zeros((2, 2)), eligible, 3)
    assert [p for r in plan.rounds for p in r] == [(0, 0)]
    assert plan_rounds(np.zeros((2, 2)), eligible, 0).rounds == ()


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4),
    st.integers(1, 3),
    st.integers(1, 3),
    st.data(),
)
def test_rules_hold_and_counts_are_the_fairest_possible(n, m, rounds, data):
    eligible = np.array(
        data.draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n))
    )
    scores = np.array(
        data.draw(st.lists(st.lists(st.integers(0, 100), min_size=m, max_size=m), min_size=n, max_size=n)),
        dtype=float,
    )
    met = {
        (e, j)
        for e in range(n)
        for j in range(m)
        if data.draw(st.booleans(), label=f"met {e},{j}") and eligible[e, j]
    }
    present_mentees = set(data.draw(st.sets(st.integers(0, n - 1))))
    present_mentors = set(data.draw(st.sets(st.integers(0, m - 1))))
    plan = plan_rounds(
        scores, eligible, rounds, present_mentees=present_mentees, present_mentors=present_mentors, met=met
    )
    check_rules(plan, met, present_mentees, present_mentors)
    assert len(plan.rounds) == rounds
    mask = eligible.copy()
    mask[[e for e in range(n) if e not in present_mentees], :] = False
    mask[:, [j for j in range(m) if j not in present_mentors]] = False
    got = tuple(sorted(plan.meetings.get(e, 0) for e in range(n)))
    assert got == best_counts(mask, rounds, met)


def test_mutual_wishes_score_highest_whichever_side_asked_once():
    mentees, mentors = [1, 2, 3], [10, 20]
    wishes = {(1, 10), (10, 1), (2, 10), (20, 3), (1, 2), (99, 10)}
    bonus = wish_bonuses(wishes, mentees, mentors)
    assert bonus[(1, 10)].points == MUTUAL_WISH_POINTS
    assert "both" in bonus[(1, 10)].text
    assert bonus[(2, 10)].points == ONE_WAY_WISH_POINTS and "mentee asked" in bonus[(2, 10)].text
    assert bonus[(3, 20)].points == ONE_WAY_WISH_POINTS and "mentor asked" in bonus[(3, 20)].text
    assert MUTUAL_WISH_POINTS > ONE_WAY_WISH_POINTS
    assert set(bonus) == {(1, 10), (2, 10), (3, 20)}  # mentee-to-mentee and unknown people ignored
