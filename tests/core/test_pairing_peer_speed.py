"""Peer pairing (blossom matching) and the speed-mentoring rotation."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from mentordesk.core.pairing.blossom import max_weight_matching
from mentordesk.core.pairing.peer import solve_peer
from mentordesk.core.pairing.solver import AssignmentOptions, solve
from mentordesk.core.pairing.speed import colour_rounds, plan_timetable


def brute_matching(w: list[list[int]]) -> int:
    n = len(w)
    best = 0

    def walk(i: int, used: int, total: int) -> None:
        nonlocal best
        if i == n:
            best = max(best, total)
            return
        if used >> i & 1:
            walk(i + 1, used, total)
            return
        walk(i + 1, used | 1 << i, total)
        for j in range(i + 1, n):
            if not used >> j & 1 and w[i][j] > 0:
                walk(i + 1, used | 1 << i | 1 << j, total + w[i][j])

    walk(0, 0, 0)
    return best


@st.composite
def graphs(draw):
    n = draw(st.integers(0, 9))
    w = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            w[i][j] = w[j][i] = draw(st.sampled_from([0, 0, 1, 2, 7, 50, 99, 500]))
    return w


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_blossom_matching_is_optimal_on_small_graphs(w):
    mate = max_weight_matching(w)
    for i, j in enumerate(mate):
        if j >= 0:
            assert mate[j] == i and j != i and w[i][j] > 0
    assert sum(w[i][j] for i, j in enumerate(mate) if j > i) == brute_matching(w)


def test_blossom_agrees_with_the_bipartite_solver_on_bipartite_graphs():
    rng = np.random.default_rng(2)
    left, right = 30, 30
    block = rng.integers(1, 100, (left, right))
    n = left + right
    w = [[0] * n for _ in range(n)]
    for i in range(left):
        for j in range(right):
            w[i][left + j] = w[left + j][i] = int(block[i, j])
    mate = max_weight_matching(w)
    total = sum(w[i][j] for i, j in enumerate(mate) if j > i)
    from scipy.optimize import linear_sum_assignment

    r, c = linear_sum_assignment(-block)
    assert total == int(block[r, c].sum())


def test_blossom_rejects_bad_input():
    with pytest.raises(ValueError, match="symmetric"):
        max_weight_matching([[0, 1], [2, 0]])
    assert max_weight_matching([]) == [] and max_weight_matching([[0]]) == [-1]


def test_peer_pairs_are_symmetric_never_self_and_respect_the_rules():
    rng = np.random.default_rng(4)
    n = 11
    s = rng.uniform(20, 90, (n, n))
    scores = ((s + s.T) / 2).astype(np.float32)
    eligible = rng.random((n, n)) < 0.7
    eligible = eligible & eligible.T
    np.fill_diagonal(eligible, True)  # the solver must still never pair someone with themselves
    result = solve_peer(scores, eligible, pinned=[(3, 5)] if eligible[3, 5] else [])
    people = [p for pair in result.pairs for p in pair]
    assert len(people) == len(set(people))
    for i, j in result.pairs:
        assert i < j and eligible[i, j]
    assert len(result.pairs) == 5  # 11 people: five pairs, one left over
    (alone,) = set(range(n)) - set(people)
    assert result.unmatched[alone]
    assert result.stats.matched == 10 and result.stats.considered == 11


def test_peer_pool_odd_number_names_the_reason_and_exact_optimum():
    scores = np.array([[0, 80, 10], [80, 0, 70], [10, 70, 0]], dtype=np.float32)
    result = solve_peer(scores, np.ones((3, 3), dtype=bool))
    assert result.pairs == ((0, 1),)
    assert result.unmatched == {2: "an odd number of people: one stays unpaired"}
    # Cardinality first: with four people, two pairs even if one pair alone scores more.
    scores = np.array([[0, 99, 1, 1], [99, 0, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0]], dtype=np.float32)
    eligible = np.ones((4, 4), dtype=bool)
    eligible[2, 3] = eligible[3, 2] = False
    result = solve_peer(scores, eligible)
    assert len(result.pairs) == 2


def test_peer_matches_brute_force_with_penalties():
    rng = random.Random(8)
    for _ in range(25):
        n = rng.randint(2, 8)
        s = np.array([[rng.randint(0, 100) for _ in range(n)] for _ in range(n)], dtype=np.float32)
        scores = (s + s.T) / 2
        eligible = np.array([[rng.random() < 0.8 for _ in range(n)] for _ in range(n)])
        eligible = eligible & eligible.T
        options = AssignmentOptions(min_score=45, penalty=2)
        result = solve_peer(scores, eligible, options=options)
        values = np.rint((scores - 2 * np.maximum(0, 45 - scores)) * 10).astype(int)
        ok = eligible.copy()
        np.fill_diagonal(ok, False)
        big = 10**6
        w = np.where(ok, values - values.min() + 1 + big, 0).tolist()
        best = brute_matching(w)
        got = sum(w[i][j] for i, j in result.pairs)
        assert got == best


def test_speed_timetable_meets_k_mentors_no_repeats_no_double_booking():
    rng = np.random.default_rng(1)
    n, m, k = 17, 6, 4
    scores = rng.uniform(0, 100, (n, m)).astype(np.float32)
    eligible = np.ones((n, m), dtype=bool)
    plan = plan_timetable(scores, eligible, k)
    assert plan.round_count == max(k, math.ceil(n * k / m))
    seen = set()
    for meetings in plan.rounds:
        mentees = [e for e, _ in meetings]
        mentors = [c for _, c in meetings]
        assert len(mentees) == len(set(mentees)), "a mentee double-booked in a round"
        assert len(mentors) == len(set(mentors)), "a mentor double-booked in a round"
        for pair in meetings:
            assert pair not in seen, "a pair met twice"
            seen.add(pair)
    per_mentee = np.bincount([e for e, _ in seen], minlength=n)
    assert (per_mentee == k).all() and not plan.short


def test_speed_timetable_respects_eligibility_and_says_who_is_short():
    scores = np.full((4, 3), 50, dtype=np.float32)
    eligible = np.ones((4, 3), dtype=bool)
    eligible[0, 1:] = False  # mentee 0 may only meet mentor 0
    plan = plan_timetable(scores, eligible, 2)
    for _, e, m in plan.meetings():
        assert eligible[e, m]
    assert plan.short == {0: "only 1 eligible mentor(s)"}
    assert plan_timetable(np.zeros((2, 0)), np.zeros((2, 0), dtype=bool), 2).short == {
        0: "no eligible mentor",
        1: "no eligible mentor",
    }
    with pytest.raises(ValueError):
        plan_timetable(scores, eligible, 0)


def test_edge_colouring_flips_paths_correctly():
    # A 3-regular bipartite graph needs exactly 3 rounds; colouring in a bad order forces path flips.
    meetings = [(0, 0), (1, 1), (0, 1), (2, 2), (1, 2), (2, 0), (0, 2), (1, 0), (2, 1)]
    rounds = colour_rounds(meetings, 3, 3)
    assert sorted(p for r in rounds for p in r) == sorted(meetings)
    for r in rounds:
        assert len({e for e, _ in r}) == len(r) and len({m for _, m in r}) == len(r)


def test_speed_scores_favour_better_pairs_when_there_is_a_choice():
    scores = np.array([[90, 10, 80], [85, 15, 70]], dtype=np.float32)
    plan = plan_timetable(scores, np.ones((2, 3), dtype=bool), 2)
    met = {(e, m) for _, e, m in plan.meetings()}
    assert met == {(0, 0), (0, 2), (1, 0), (1, 2)}
    # The capacity-aware solver agrees with the optimal assignment for k = 1.
    one = plan_timetable(scores, np.ones((2, 3), dtype=bool), 1)
    best = solve(scores, np.ones((2, 3), dtype=bool), [1, 1, 1])
    assert sum(scores[e, m] for _, e, m in one.meetings()) == pytest.approx(best.stats.total)
