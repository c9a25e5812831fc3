"""The sparse path: each mentee's best candidates, widened until the duals prove the dense optimum."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from mentordesk.core.pairing import solver
from mentordesk.core.pairing.solver import FORBID, AssignmentOptions, solve, values_for
from mentordesk.core.pairing.sparse import solve_sparse
from tests.core.test_pairing_solver import random_instance


def _value(part):
    return values_for(part, AssignmentOptions())


def _total(values, pairs) -> float:
    return float(sum(values[r, c] for r, c in pairs))


def test_pruning_that_cuts_the_optimum_is_caught_and_widened():
    # Both mentees' single best candidate is mentor 0: the first round matches one of them; the
    # certificate fails for the pair (0, 1) and the second round finds 9 + 10.
    scores = np.array([[10.0, 9.0], [10.0, 1.0]], dtype=np.float32)
    eligible = np.ones((2, 2), dtype=bool)
    pairs, report = solve_sparse(scores, _value, eligible, np.arange(2), np.array([1, 1]), k=1)
    assert sorted(pairs) == [(0, 1), (1, 0)]
    assert report.rounds >= 2 and report.certified
    assert report.total == pytest.approx(19.0) and report.bound == pytest.approx(19.0)
    assert report.naive_bound == pytest.approx(20.0)  # each mentee's own best: capacity ignored


def test_a_mentee_whose_only_candidates_are_taken_moves_to_a_worse_one_so_more_are_matched():
    # Matching as many mentees as possible comes first, as on the dense path: 1 + 1 beats 50 alone.
    scores = np.array([[50.0, 1.0], [49.0, 0.0]], dtype=np.float32)
    eligible = np.array([[True, True], [True, False]])
    pairs, report = solve_sparse(scores, _value, eligible, np.arange(2), np.array([1, 1]), k=1)
    assert sorted(pairs) == [(0, 1), (1, 0)]
    assert report.certified


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(1, 40),
    m=st.integers(1, 15),
    k=st.integers(1, 4),
    clustered=st.booleans(),
    density=st.floats(0.05, 1.0),
)
def test_sparse_total_equals_the_dense_optimum(seed, n, m, k, clustered, density):
    rng = np.random.default_rng(seed)
    scores, eligible, capacities = random_instance(rng, n, m, density, clustered)
    values = values_for(scores, AssignmentOptions())
    dense = solver._solve_free(values, eligible, np.arange(n), np.array(capacities))
    pairs, report = solve_sparse(scores, _value, eligible, np.arange(n), np.array(capacities), k=k)
    assert len(pairs) == len(dense)
    assert _total(values, pairs) == pytest.approx(_total(values, dense), rel=1e-9, abs=1e-6)
    assert report.certified and report.bound == pytest.approx(report.total, rel=1e-9, abs=1e-5)
    assert report.total <= report.naive_bound + 1e-6  # the capacity-free bound is never below the optimum
    load = np.bincount([c for _, c in pairs], minlength=m)
    assert (load <= capacities).all()
    assert all(eligible[r, c] for r, c in pairs)
    assert len({r for r, _ in pairs}) == len(pairs)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1), pins=st.integers(0, 6), rule=st.sampled_from(["none", "penalise", FORBID])
)
def test_both_paths_of_solve_agree_with_pins_and_minimum_scores(seed, pins, rule):
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(5, 60)), int(rng.integers(2, 20))
    scores, eligible, capacities = random_instance(rng, n, m, 0.7, clustered=bool(seed % 2))
    pinned = [(int(rng.integers(0, n)), int(rng.integers(0, m))) for _ in range(pins)]
    options = AssignmentOptions() if rule == "none" else AssignmentOptions(min_score=50.0, poor_matches=rule)
    dense = solve(scores, eligible, capacities, pinned, options, path=solver.DENSE)
    sparse = solve(scores, eligible, capacities, pinned, options, path=solver.SPARSE)
    values = values_for(scores, options)
    assert sparse.stats.matched == dense.stats.matched
    assert _total(values, sparse.pairs) == pytest.approx(_total(values, dense.pairs), rel=1e-9, abs=1e-6)
    assert sparse.dropped_pins == dense.dropped_pins
    assert len(sparse.unmatched) == len(dense.unmatched)  # who, among ties, may differ
    kept = [p for p in pinned if p not in dense.dropped_pins]
    assert set(kept) <= set(sparse.pairs)  # pins respected on the sparse path too
    load = np.bincount([c for _, c in sparse.pairs], minlength=m)
    assert (load <= capacities).all()
    if rule == FORBID:
        free = [p for p in sparse.pairs if p not in kept]
        assert all(scores[r, c] >= 50.0 for r, c in free)
    assert dense.sparse is None and sparse.sparse is not None and sparse.sparse.certified


def test_balanced_groups_agree_on_both_paths():
    rng = np.random.default_rng(7)
    scores, eligible, _ = random_instance(rng, 30, 6, 0.9)
    capacities = [8] * 6
    options = AssignmentOptions(balance_groups=True)
    dense = solve(scores, eligible, capacities, (), options, path=solver.DENSE)
    sparse = solve(scores, eligible, capacities, (), options, path=solver.SPARSE)
    sizes = sorted(np.bincount([c for _, c in sparse.pairs], minlength=6))
    assert sizes == sorted(np.bincount([c for _, c in dense.pairs], minlength=6))
    assert max(sizes) == 5  # 30 mentees over 6 circles: evened out to 5 each, not 8 8 8 6
    assert sparse.stats.total == pytest.approx(dense.stats.total, rel=1e-9)


def test_solve_takes_the_sparse_path_by_itself_above_the_threshold():
    rng = np.random.default_rng(3)
    n, m = 1100, 1000  # 1,100 mentees x 1,000 places: over SPARSE_CELLS
    scores = rng.uniform(0, 100, (n, m)).astype(np.float32)
    eligible = rng.random((n, m)) < 0.5
    result = solve(scores, eligible, [1] * m)
    assert result.sparse is not None and result.sparse.certified
    assert n * m > solver.SPARSE_CELLS
    small = solve(scores[:100, :100], eligible[:100, :100], [1] * 100)
    assert small.sparse is None
    assert result.stats.matched == 1000
    dense = solve(scores, eligible, [1] * m, path=solver.DENSE)
    assert result.stats.total == pytest.approx(dense.stats.total, rel=1e-9)


def test_known_pairs_are_used_unsolved_when_they_fit_and_ignored_when_they_do_not():
    rng = np.random.default_rng(11)
    scores, eligible, _ = random_instance(rng, 12, 5, 0.8)
    capacities = [3] * 5
    best = solve(scores, eligible, capacities)
    pins = list(best.pairs[:2])
    known = [p for p in best.pairs if p not in pins]
    reused = solve(scores, eligible, capacities, pins, known=known)
    assert reused.pairs == best.pairs and reused.stats == best.stats
    # A poor but valid "known" assignment is taken as given (the caller vouches for optimality)...
    poor = [(r, c) for r, c in known[:1]]
    assert solve(scores, eligible, capacities, pins, known=poor).stats.matched == len(pins) + 1
    # ...but one that breaks a rule or overfills a mentor is not: it solves.
    r, c = known[0]
    broken = eligible.copy()
    broken[r, c] = False
    fixed = solve(scores, broken, capacities, pins, known=known)
    assert (r, c) not in fixed.pairs and fixed.stats.matched >= best.stats.matched - 1
    crowded = [(row, 0) for row in range(12) if (row, 0) not in pins and eligible[row, 0]][:5]
    assert solve(scores, eligible, capacities, pins, known=crowded).stats.total == pytest.approx(
        solve(scores, eligible, capacities, pins).stats.total
    )
