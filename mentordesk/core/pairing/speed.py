"""Speed mentoring: a rotation timetable in which every mentee meets k mentors, one short session per round.

Two steps, both exact:

1. Who meets whom: every mentee up to k *different* eligible mentors, every
   mentor at most one mentee per round, so at most R meetings over R rounds,
   with R = max(k, ceil(mentees * k / mentors)), the fewest rounds that can fit
   everyone. Maximising the number of meetings first and the score second is a
   bipartite b-matching: its linear programme is totally unimodular, so HiGHS
   returns whole numbers (solved as a MILP all the same, which costs nothing).
2. When: the chosen meetings form a bipartite graph of maximum degree <= R,
   which König's theorem says can be coloured with R colours; a colour is a
   round. Colouring edge by edge and flipping an alternating path when the two
   ends have no free colour in common is the textbook construction. Nobody is
   double-booked in a round and no pair meets twice, by construction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Timetable:
    rounds: tuple[tuple[tuple[int, int], ...], ...]  # per round: (mentee index, mentor index)
    meetings_per_mentee: int
    short: dict[int, str] = field(default_factory=dict)  # mentee -> why fewer than k meetings

    @property
    def round_count(self) -> int:
        return len(self.rounds)

    def meetings(self) -> list[tuple[int, int, int]]:
        """(round, mentee, mentor) for every meeting."""
        return [(r, e, m) for r, meetings in enumerate(self.rounds) for e, m in meetings]


def choose_meetings(scores: np.ndarray, eligible: np.ndarray, k: int, rounds: int) -> list[tuple[int, int]]:
    """Up to k distinct mentors per mentee and ``rounds`` meetings per mentor: most meetings, then best scores."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    rows, cols = np.nonzero(eligible)
    if not len(rows):
        return []
    n, m = eligible.shape
    edges = len(rows)
    values = scores[rows, cols].astype(np.float64)
    # One more meeting always beats any gain in score.
    weight = values + (values.max() - min(0.0, values.min()) + 1.0) * (n * k + 1)
    index = np.arange(edges)
    a = coo_matrix(
        (np.ones(2 * edges), (np.concatenate([rows, n + cols]), np.concatenate([index, index]))),
        shape=(n + m, edges),
    )
    upper = np.concatenate([np.full(n, k), np.full(m, rounds)]).astype(np.float64)
    result = milp(
        -weight,
        constraints=LinearConstraint(a.tocsr(), -np.inf, upper),
        integrality=np.ones(edges),
        bounds=Bounds(0, 1),
    )
    if result.x is None:  # pragma: no cover - the problem is always feasible (all zeros)
        raise RuntimeError(f"the meeting plan could not be solved: {result.message}")
    chosen = np.rint(result.x).astype(bool)
    return [(int(r), int(c)) for r, c in zip(rows[chosen], cols[chosen], strict=True)]


def colour_rounds(meetings: list[tuple[int, int]], n: int, rounds: int) -> list[list[tuple[int, int]]]:
    """Give each meeting a round so that nobody is in two meetings in one round (bipartite edge colouring)."""
    # at[node][colour] = the other node; mentees are 0..n-1, mentors n.. (offset).
    at: dict[int, dict[int, int]] = {}

    def free(node: int) -> int:
        used = at.get(node, {})
        return next(c for c in range(rounds) if c not in used)

    for mentee, mentor in meetings:
        u, v = mentee, n + mentor
        a, b = free(u), free(v)
        if a not in at.get(v, {}):
            colour = a
        else:
            # Flip the a/b alternating path that starts at v; afterwards a is free at v and still free at u.
            path = [v]
            colour_next = a
            node = v
            while colour_next in at.get(node, {}):
                node = at[node][colour_next]
                path.append(node)
                colour_next = b if colour_next == a else a
            edges = []
            colour_now = a
            for x, y in zip(path, path[1:], strict=False):
                edges.append((x, y, colour_now))
                colour_now = b if colour_now == a else a
            for x, y, c in edges:
                del at[x][c]
                del at[y][c]
            for x, y, c in edges:
                other = b if c == a else a
                at.setdefault(x, {})[other] = y
                at.setdefault(y, {})[other] = x
            colour = a
        at.setdefault(u, {})[colour] = v
        at.setdefault(v, {})[colour] = u
    out: list[list[tuple[int, int]]] = [[] for _ in range(rounds)]
    for mentee in range(n):
        for colour, mentor_node in at.get(mentee, {}).items():
            out[colour].append((mentee, mentor_node - n))
    for meetings_in_round in out:
        meetings_in_round.sort()
    return out


def plan_timetable(scores: np.ndarray, eligible: np.ndarray, k: int) -> Timetable:
    """The rotation for mentees (rows) and mentors (columns); ``k`` meetings per mentee wanted."""
    if k < 1:
        raise ValueError("each mentee needs at least one meeting")
    n, m = eligible.shape
    eligible = eligible.astype(bool)
    active_mentors = int(eligible.any(axis=0).sum())
    if n == 0 or active_mentors == 0:
        return Timetable((), k, {i: "no eligible mentor" for i in range(n)})
    rounds = max(k, math.ceil(n * k / active_mentors))
    meetings = choose_meetings(scores, eligible, k, rounds)
    schedule = colour_rounds(meetings, n, rounds)
    while schedule and not schedule[-1]:
        schedule.pop()
    counts = np.bincount([e for e, _ in meetings], minlength=n)
    eligible_counts = eligible.sum(axis=1)
    short: dict[int, str] = {}
    for mentee in range(n):
        if counts[mentee] < k:
            if eligible_counts[mentee] < k:
                short[mentee] = f"only {int(eligible_counts[mentee])} eligible mentor(s)"
            else:
                short[mentee] = "the eligible mentors' rounds were full"
    return Timetable(tuple(tuple(r) for r in schedule), k, short)
