"""Whole-cohort assignment: optimal by two independent checks, hard rules never broken, honest when short."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mentordesk.core.pairing.solver import (
    CAPACITY,
    FORBID,
    NO_ELIGIBLE,
    AssignmentOptions,
    greedy,
    solve,
    statistics,
    values_for,
)


def random_instance(rng: np.random.Generator, n: int, m: int, density: float = 0.8, clustered: bool = False):
    if clustered:
        # Mentees and mentors fall into interest clusters: high scores within, low across, many ties.
        row_cluster = rng.integers(0, 3, n)
        col_cluster = rng.integers(0, 3, m)
        scores = np.where(row_cluster[:, None] == col_cluster[None, :], 80.0, 30.0) + rng.integers(
            0, 3, (n, m)
        )
    else:
        scores = np.round(rng.uniform(0, 100, (n, m)), 1)
    eligible = rng.random((n, m)) < density
    capacities = rng.integers(0, 3, m)
    return scores.astype(np.float32), eligible, capacities


def brute_force(values: np.ndarray, eligible: np.ndarray, capacities, pins=()) -> tuple[int, float]:
    """(most mentees matched, best total value among those) by trying every assignment."""
    n, m = values.shape
    best = (-1, -math.inf)
    pinned = dict(pins)
    for choice in itertools.product(range(-1, m), repeat=n):
        if any(choice[r] != c for r, c in pinned.items()):
            continue
        load = np.zeros(m, dtype=int)
        ok = True
        for r, c in enumerate(choice):
            if c >= 0:
                if not eligible[r, c]:
                    ok = False
                    break
                load[c] += 1
        if not ok or (load > np.asarray(capacities)).any():
            continue
        count = sum(1 for c in choice if c >= 0)
        total = sum(float(values[r, c]) for r, c in enumerate(choice) if c >= 0)
        if (count, total) > (best[0], best[1] + 1e-9):
            best = (count, total)
    return best


def linear_programme(values: np.ndarray, eligible: np.ndarray, capacities) -> tuple[int, float]:
    """The same optimum from the LP relaxation (integral for this transportation structure)."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    rows, cols = np.nonzero(eligible)
    k = len(rows)
    n, m = values.shape
    v = values[rows, cols].astype(np.float64)
    bonus = (np.ptp(v) + np.abs(v).max() + 1) * (n + 1)
    a = coo_matrix(
        (np.ones(2 * k), (np.concatenate([rows, n + cols]), np.concatenate([np.arange(k)] * 2))),
        shape=(n + m, k),
    )
    b = np.concatenate([np.ones(n), np.asarray(capacities, dtype=float)])
    result = linprog(-(v + bonus), A_ub=a.tocsr(), b_ub=b, bounds=(0, 1), method="highs")
    assert result.status == 0
    x = result.x
    assert np.allclose(x, np.round(x), atol=1e-6)  # integral, as the theory says
    return int(round(x.sum())), float(v @ x)


def check_rules(result, scores, eligible, capacities, pins=()):
    rows = [r for r, _ in result.pairs]
    assert len(rows) == len(set(rows)), "a mentee matched twice"
    load = np.bincount([c for _, c in result.pairs], minlength=scores.shape[1])
    assert (load <= np.asarray(capacities)).all(), "a mentor over capacity"
    for r, c in result.pairs:
        assert eligible[r, c], "an ineligible pair was made"
    matched = set(rows)
    assert matched.isdisjoint(result.unmatched)
    assert matched | set(result.unmatched) == set(range(scores.shape[0]))
    for pin in pins:
        if pin not in result.dropped_pins:
            assert pin in result.pairs


@pytest.mark.parametrize("clustered", [False, True])
@pytest.mark.parametrize("seed", range(12))
def test_small_instances_match_brute_force(seed, clustered):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(2, 7)), int(rng.integers(1, 4))
    scores, eligible, capacities = random_instance(rng, n, m, clustered=clustered)
    options = AssignmentOptions(min_score=50, penalty=2) if seed % 3 == 0 else AssignmentOptions()
    pins = [(0, int(np.argmax(eligible[0])))] if seed % 4 == 0 and eligible[0].any() else []
    result = solve(scores, eligible, capacities, pins, options)
    check_rules(result, scores, eligible, capacities, pins)
    values = values_for(scores, options)
    kept_pins = [p for p in pins if p not in result.dropped_pins]
    expected = brute_force(values, eligible, capacities, kept_pins)
    got = (len(result.pairs), sum(float(values[r, c]) for r, c in result.pairs))
    assert got[0] == expected[0]
    assert got[1] == pytest.approx(expected[1], abs=1e-3)


@pytest.mark.parametrize("clustered", [False, True])
@pytest.mark.parametrize("seed", range(4))
def test_medium_instances_match_the_linear_programme(seed, clustered):
    rng = np.random.default_rng(100 + seed)
    scores, eligible, capacities = random_instance(rng, 120, 40, density=0.5, clustered=clustered)
    result = solve(scores, eligible, capacities)
    check_rules(result, scores, eligible, capacities)
    count, total = linear_programme(scores.astype(np.float64), eligible, capacities)
    assert len(result.pairs) == count
    assert result.stats.total == pytest.approx(total, abs=1e-3)
    baseline = greedy(scores, eligible, capacities)
    check_rules(baseline, scores, eligible, capacities)
    assert baseline.stats.total <= result.stats.total + 1e-6 or len(baseline.pairs) < count


def test_more_mentees_than_places_reports_who_is_unmatched():
    scores = np.array([[90, 10], [80, 20], [70, 30], [60, 40], [50, 50]], dtype=np.float32)
    eligible = np.ones_like(scores, dtype=bool)
    eligible[4] = False  # nobody may mentor the last one
    result = solve(scores, eligible, [1, 2])
    assert len(result.pairs) == 3
    assert result.unmatched[4] == NO_ELIGIBLE
    others = [why for r, why in result.unmatched.items() if r != 4]
    assert others and all(why.startswith(CAPACITY) and "3 places for 5 mentees" in why for why in others)
    assert result.stats.considered == 5 and result.stats.unmatched == 2


def test_empty_and_degenerate_instances_do_not_fail():
    empty = solve(np.zeros((0, 0), dtype=np.float32), np.zeros((0, 0), dtype=bool), [])
    assert empty.pairs == () and empty.stats.mean is None
    no_mentors = solve(np.zeros((3, 0), dtype=np.float32), np.zeros((3, 0), dtype=bool), [])
    assert set(no_mentors.unmatched.values()) == {NO_ELIGIBLE}
    with pytest.raises(ValueError, match="capacity"):
        solve(np.zeros((1, 1)), np.ones((1, 1), dtype=bool), [-1])


def test_pins_stay_and_broken_pins_are_explained():
    scores = np.array([[10, 90], [90, 10]], dtype=np.float32)
    eligible = np.ones((2, 2), dtype=bool)
    result = solve(scores, eligible, [1, 1], pinned=[(0, 0)])
    assert result.pairs == ((0, 0), (1, 1))  # the pin costs 160 points and still stays
    eligible[0, 0] = False
    result = solve(scores, eligible, [1, 1], pinned=[(0, 0)])
    assert result.dropped_pins == {(0, 0): "the pair now breaks a hard rule"}
    assert (0, 1) in result.pairs


def test_minimum_score_penalty_avoids_very_poor_matches():
    # Optimal by total: (0->A 100, 1->B 5) = 105; with a threshold the 52+50 arrangement wins.
    scores = np.array([[100, 52], [50, 5]], dtype=np.float32)
    eligible = np.ones((2, 2), dtype=bool)
    plain = solve(scores, eligible, [1, 1])
    assert plain.pairs == ((0, 0), (1, 1)) and plain.stats.minimum == 5
    careful = solve(scores, eligible, [1, 1], options=AssignmentOptions(min_score=40, penalty=3))
    assert careful.pairs == ((0, 1), (1, 0)) and careful.stats.minimum == 50
    assert careful.stats.below_minimum == 0


def test_forbid_below_minimum_leaves_unmatched_with_the_reason():
    scores = np.array([[80, 20], [10, 15]], dtype=np.float32)
    eligible = np.ones((2, 2), dtype=bool)
    result = solve(scores, eligible, [1, 1], options=AssignmentOptions(min_score=30, poor_matches=FORBID))
    assert result.pairs == ((0, 0),)
    assert result.unmatched == {1: "only mentors below the minimum score"}


def test_greedy_leaves_someone_with_a_poor_match_where_optimal_does_not():
    scores = np.array([[95, 90], [90, 10]], dtype=np.float32)
    eligible = np.ones((2, 2), dtype=bool)
    g = greedy(scores, eligible, [1, 1])
    o = solve(scores, eligible, [1, 1])
    assert g.stats.minimum == 10 and o.stats.minimum == 90
    assert o.stats.total > g.stats.total
    assert g.method == "greedy" and o.method == "optimal"


def test_statistics_worst_five_percent_and_top_three():
    scores = np.tile(np.arange(100, 0, -5, dtype=np.float32), (20, 1))  # 20 mentors, each row the same
    eligible = np.ones_like(scores, dtype=bool)
    pairs = [(r, r) for r in range(20)]  # row r gets the r-th best
    stats = statistics(pairs, scores, eligible, considered=25)
    assert stats.matched == 20 and stats.unmatched == 5
    assert stats.minimum == 5 and stats.worst5 == 5  # ceil(5 % of 20) = 1 score
    assert stats.top3 == 3 and stats.top3_share == pytest.approx(0.15)
    assert stats.mean == pytest.approx(np.mean(np.arange(100, 0, -5)))


def test_groups_are_balanced_after_solving():
    rng = np.random.default_rng(5)
    scores = rng.uniform(40, 60, (12, 3)).astype(np.float32)
    scores[:, 0] += 30  # everyone prefers mentor 0: unbalanced, it would take a full circle of 8
    eligible = np.ones_like(scores, dtype=bool)
    unbalanced = solve(scores, eligible, [8, 8, 8])
    assert np.bincount([c for _, c in unbalanced.pairs]).max() == 8
    balanced = solve(scores, eligible, [8, 8, 8], options=AssignmentOptions(balance_groups=True))
    sizes = np.bincount([c for _, c in balanced.pairs], minlength=3)
    assert len(balanced.pairs) == 12 and sizes.tolist() == [4, 4, 4]


@st.composite
def instances(draw):
    n = draw(st.integers(0, 14))
    m = draw(st.integers(0, 6))
    scores = np.array(
        draw(st.lists(st.lists(st.integers(0, 100), min_size=m, max_size=m), min_size=n, max_size=n))
        or np.zeros((n, m)),
        dtype=np.float32,
    ).reshape(n, m)
    eligible = np.array(
        draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n))
        or np.zeros((n, m)),
        dtype=bool,
    ).reshape(n, m)
    capacities = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m))
    pins = draw(st.lists(st.tuples(st.integers(0, max(0, n - 1)), st.integers(0, max(0, m - 1))), max_size=3))
    pins = [p for p in pins if n and m]
    options = draw(
        st.sampled_from(
            [
                AssignmentOptions(),
                AssignmentOptions(min_score=50),
                AssignmentOptions(min_score=50, poor_matches=FORBID),
            ]
        )
    )
    return scores, eligible, capacities, pins, options


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_no_hard_rule_is_ever_broken(instance):
    scores, eligible, capacities, pins, options = instance
    for method in (solve, greedy):
        result = method(scores, eligible, capacities, pins, options)
        check_rules(result, scores, eligible, capacities, pins)
        if options.poor_matches == FORBID:
            pinned = {p for p in pins if p not in result.dropped_pins}
            assert all(scores[r, c] >= 50 or (r, c) in pinned for r, c in result.pairs)
        assert all(reason for reason in result.unmatched.values())


def test_a_pin_given_twice_is_kept_once_and_not_reported_dropped():
    from mentordesk.core.pairing.solver import AssignmentOptions, solve

    scores = np.zeros((2, 1), dtype=np.float32)
    eligible = np.array([[False], [True]])
    options = AssignmentOptions(min_score=50, poor_matches="forbid")
    result = solve(scores, eligible, [1], [(1, 0), (1, 0)], options)
    assert list(result.pairs) == [(1, 0)]
    assert result.dropped_pins == {}
