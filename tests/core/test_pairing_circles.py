"""Co-facilitated circles: forming mentor teams and the mentees x teams problem (core/pairing/circles.py)."""

from __future__ import annotations

import numpy as np
import pytest

from mentordesk.core.pairing import (
    Profile,
    combined_breakdown,
    form_teams,
    solve,
    team_problem,
    together_minutes,
)
from mentordesk.core.pairing.circles import affinity, affinity_matrix
from mentordesk.core.pairing.solver import AssignmentOptions

MON_4PM = (1, 16 * 60, 17 * 60)
TUE_4PM = (2, 16 * 60, 17 * 60)


def people(*slots) -> list[Profile]:
    return [Profile(id=i + 1, name=f"M{i + 1}", slots=tuple(s)) for i, s in enumerate(slots)]


def anyone(mentors: int, mentees: int = 3) -> np.ndarray:
    return np.ones((mentees, mentors), dtype=bool)


def test_together_minutes_counts_overlap_on_the_same_day_only():
    a = Profile(1, slots=((1, 600, 720), (2, 600, 660)))
    b = Profile(2, slots=((1, 660, 780), (3, 600, 660)))
    assert together_minutes(a, b) == 60


def test_the_affinity_matrix_equals_the_pairwise_affinity():
    rng = np.random.default_rng(9)
    profiles = [
        Profile(
            id=i,
            slots=tuple(
                (int(rng.integers(0, 7)), s, s + int(rng.integers(1, 9)) * 10)
                for s in (int(rng.integers(50, 120)) * 10 + 5 * (i % 2),)
            ),
            languages=frozenset(["English", "Polish"][: int(rng.integers(0, 3))]),
        )
        for i in range(12)
    ]
    matrix = affinity_matrix(profiles)
    for i, a in enumerate(profiles):
        for j, b in enumerate(profiles):
            if i != j:
                assert matrix[i, j] == pytest.approx(affinity(a, b)), (i, j)


def test_teams_join_mentors_free_at_the_same_time():
    mentors = people([MON_4PM], [TUE_4PM], [MON_4PM], [TUE_4PM])
    teams = form_teams(mentors, range(4), 2, 12, dict.fromkeys(range(4), 6), 6, anyone(4))
    assert sorted(sorted(t) for t in teams) == [[0, 2], [1, 3]]


def test_only_as_many_teams_as_the_waiting_mentees_need():
    mentors = people(*[[MON_4PM]] * 8)
    places = dict.fromkeys(range(8), 6)
    # 7 mentees at a target size of 6 need two circles: four of eight mentors are used.
    teams = form_teams(mentors, range(8), 2, 7, places, 6, anyone(8))
    assert len(teams) == 2 and all(len(t) == 2 for t in teams)
    # Mentors with one place each make circles of one: more circles are needed for the same mentees.
    small = form_teams(mentors, range(8), 2, 3, dict.fromkeys(range(8), 1), 6, anyone(8))
    assert len(small) == 3


def test_the_most_useful_mentors_lead_and_a_not_with_rule_keeps_two_apart():
    mentors = people(*[[MON_4PM]] * 3)
    # Mentor 1 may take the most mentees, so it leads; it may not work with mentor 2.
    eligible = np.array([[True, True, True], [False, True, True], [False, True, False]])
    teams = form_teams(mentors, range(3), 2, 6, dict.fromkeys(range(3), 6), 6, eligible, {frozenset((1, 2))})
    assert teams == [(1, 0)]


def test_co_facilitators_must_share_a_mentee_they_may_both_take():
    mentors = people(*[[MON_4PM]] * 3)
    # Mentor 0 may take only mentee 0 (say, an adult); mentor 1 only minors; mentor 2 everyone.
    eligible = np.array([[True, False, True], [False, True, True], [False, True, True]])
    teams = form_teams(mentors, range(3), 2, 6, dict.fromkeys(range(3), 6), 6, eligible)
    assert [sorted(t) for t in teams] == [[1, 2]]  # 0 and 1 could share no mentee


def test_a_lead_nobody_may_join_forms_no_team():
    mentors = people([MON_4PM], [MON_4PM])
    assert form_teams(mentors, range(2), 2, 6, {0: 6, 1: 6}, 6, anyone(2), {frozenset((0, 1))}) == []
    with pytest.raises(ValueError):
        form_teams(mentors, range(2), 0, 6, {0: 6, 1: 6}, 6, anyone(2))


def test_team_problem_needs_every_mentor_and_averages_scores():
    scores = np.array([[80.0, 60.0, 50.0], [70.0, 90.0, 10.0]])
    eligible = np.array([[True, True, True], [True, False, True]])  # mentee 1 may not have mentor 1
    problem = team_problem([(0, 1), (2,)], scores, eligible, {0: 6, 1: 3, 2: 6}, 4)
    assert problem.scores[0].tolist() == [70.0, 50.0]
    assert problem.eligible.tolist() == [[True, True], [False, True]]
    assert problem.capacities == (3, 4)  # the smallest of its mentors' places, at most the group size


def test_solving_teams_keeps_every_pair_rule_and_the_size():
    # Six mentees, two teams of two mentors, group size 3; mentee 5 may not be with mentor 0.
    rng = np.random.default_rng(4)
    scores = rng.uniform(30, 90, size=(6, 4))
    eligible = np.ones((6, 4), dtype=bool)
    eligible[5, 0] = False
    problem = team_problem([(0, 1), (2, 3)], scores, eligible, dict.fromkeys(range(4), 6), 3)
    result = solve(problem.scores, problem.eligible, list(problem.capacities), (), AssignmentOptions())
    assert len(result.pairs) == 6
    circle_of = dict(result.pairs)
    assert circle_of[5] == 1
    assert sorted(np.bincount([t for _, t in result.pairs]).tolist()) == [3, 3]


def test_combined_breakdown_averages_and_keeps_each_reason_without_names():
    first = [{"criterion": "languages", "points": 10.0, "reason": "both speak Polish"}]
    second = [{"criterion": "languages", "points": -10.0, "reason": "no language in common"}]
    (item,) = combined_breakdown([first, second])
    assert item["points"] == 0.0
    assert item["reason"] == "co-facilitator 1: both speak Polish; co-facilitator 2: no language in common"
    (same,) = combined_breakdown([first, first])
    assert same["reason"] == "both speak Polish (with every co-facilitator)"
    assert combined_breakdown([first]) == first
