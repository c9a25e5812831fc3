"""Peer programmes: pairs within one pool, symmetric, nobody with themselves, total score maximised.

Solved exactly with the blossom algorithm (core/pairing/blossom.py) on integer weights
(tenths of a point): each eligible pair weighs ``base + value`` with a ``base``
larger than any total of values, so the matching first pairs as many people as
the hard rules allow and then maximises the score, as the mentor assignment does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mentordesk.core.pairing.blossom import max_weight_matching
from mentordesk.core.pairing.solver import Assignment, AssignmentOptions, statistics, values_for


def solve_peer(
    scores: np.ndarray,
    eligible: np.ndarray,
    pinned: Sequence[tuple[int, int]] = (),
    options: AssignmentOptions | None = None,
) -> Assignment:
    """Pairs (i, j) with i < j. ``scores`` and ``eligible`` must be symmetric square matrices."""
    options = options or AssignmentOptions()
    n = scores.shape[0]
    if scores.shape != (n, n) or eligible.shape != (n, n):
        raise ValueError("peer scores must be a square matrix over one pool")
    allowed = eligible.astype(bool) & eligible.astype(bool).T
    np.fill_diagonal(allowed, False)
    below_minimum = None
    solve_allowed = allowed
    if options.min_score is not None and options.poor_matches == "forbid":
        below_minimum = allowed & (scores < options.min_score)
        solve_allowed = allowed & ~below_minimum
    kept: list[tuple[int, int]] = []
    dropped: dict[tuple[int, int], str] = {}
    taken: set[int] = set()
    for a, b in pinned:
        i, j = min(a, b), max(a, b)
        if (i, j) in kept:
            continue  # the same pin twice
        if i == j:
            dropped[(a, b)] = "cannot be paired with themselves"
        elif i in taken or j in taken:
            dropped[(a, b)] = "already pinned to someone else"
        elif not allowed[i, j]:
            dropped[(a, b)] = "the pair now breaks a hard rule"
        else:
            kept.append((i, j))
            taken |= {i, j}
    free = [i for i in range(n) if i not in taken]
    values = np.rint(values_for(scores, options) * 10).astype(np.int64)
    pairs = list(kept)
    if len(free) >= 2:
        sub_allowed = solve_allowed[np.ix_(free, free)]
        sub_values = values[np.ix_(free, free)]
        if sub_allowed.any():
            low = int(sub_values[sub_allowed].min())
            shifted = np.where(sub_allowed, sub_values - low + 1, 0)
            base = int(shifted.max()) * (len(free) // 2 + 1) + 1
            weights = np.where(sub_allowed, shifted + base, 0)
            mate = max_weight_matching(weights.tolist())
            pairs += [(free[i], free[m]) for i, m in enumerate(mate) if m > i]
    pairs.sort()
    paired = {i for pair in pairs for i in pair}
    unmatched: dict[int, str] = {}
    unpaired = [i for i in free if i not in paired]
    for i in unpaired:
        if not solve_allowed[i].any():
            unmatched[i] = (
                "only partners below the minimum score"
                if below_minimum is not None and below_minimum[i].any()
                else "no eligible partner"
            )
        elif not any(solve_allowed[i, j] for j in unpaired if j != i):
            unmatched[i] = (
                "an odd number of people: one stays unpaired"
                if len(unpaired) == 1 and len(free) % 2 == 1
                else "every eligible partner was paired with someone else"
            )
        else:
            unmatched[i] = "every eligible partner was paired with someone else"
    both_ways = pairs + [(j, i) for i, j in pairs]
    stats = statistics(both_ways, scores, allowed, n, options.min_score)
    return Assignment(
        pairs=tuple(pairs),
        scores=tuple(float(scores[i, j]) for i, j in pairs),
        unmatched=unmatched,
        stats=stats,
        dropped_pins=dropped,
        method="blossom",
    )
