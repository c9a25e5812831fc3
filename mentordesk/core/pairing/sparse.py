"""The whole-cohort assignment for trust-sized cohorts: each mentee's best candidates, proved optimal.

A cohort of 10,000 mentees and 2,500 mentors with four places each is a 10,000 x 10,000
dense problem: 800 MB of costs and hours of ``linear_sum_assignment``. Nearly all of those
cells are pairs no optimal assignment would ever make. So:

1. **Prune.** Keep each mentee's ``k`` best eligible mentors (by the value the solver
   maximises, ``solver.values_for``), reading the score matrix a block of rows at a time.
2. **Solve the sparse problem exactly.** Each mentor becomes one column per free place and
   each mentee gets one more column of its own, "unmatched", costing ``BIG``: more than any
   rearrangement of scores can gain, so as many mentees as possible are matched first and
   the total is maximised among those (the same objective as the dense solver's forbidden
   cells). ``scipy.sparse.csgraph.min_weight_full_bipartite_matching`` (LAPJVsp) solves
   it; the unmatched columns make a full matching always exist.
3. **Prove it optimal for the whole matrix, or widen.** The problem is a min-cost flow
   (mentee -> mentor -> sink, mentee -> sink for "unmatched"). An optimal flow of the pruned
   graph leaves no negative cycle in its residual graph, so node potentials ``pi`` exist
   with every residual arc's reduced cost ``c + pi[tail] - pi[head] >= 0``; they are the
   shortest distances from a virtual root, found by Bellman-Ford relaxation (vectorised
   over the arcs). A pruned pair (i, j) is an arc i -> j of cost ``-value``: if
   ``value[i, j] <= pi[i] - pi[j]`` for *every* eligible pair the same potentials
   certify the flow optimal for the full problem (linear-programming duality: they are a
   feasible dual of the unpruned problem with the same objective). Pairs that break the
   inequality are exactly those that could improve the total; the worst offenders of each
   such row join its candidates and step 2 runs again. Every round adds candidates, so it
   ends, with the optimum of the full problem, whatever ``k`` it started from.

The same potentials give the dual objective: an upper bound on the total of any assignment
that matches as many mentees. ``SparseReport.bound`` is that bound, so the gap to it is
reported at full size, where the dense solve cannot run for comparison (0 up to rounding
once the certificate holds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

ROW_BLOCK = 1024  # rows of the score matrix read at a time: 1,024 x 2,500 float64 is 20 MB
START_K = 16  # fewest candidates per mentee in the first round (see ``first_k``)
WIDEN = 16  # candidates added to a row whose certificate fails, per round
MAX_ROUNDS = 50


@dataclass(frozen=True)
class SparseReport:
    """How the sparse solve went: sizes, rounds and the certified upper bound on the total value."""

    rounds: int
    candidates: int  # mentee -> mentor pairs the last round considered
    edges: int  # arcs of the capacity-expanded graph in the last round
    total: float  # the total value (the solver's objective) of the assignment found
    bound: float  # upper bound on the total value of any assignment matching as many mentees
    naive_bound: float  # the best values of as many mentees as were matched, capacity ignored (looser)
    certified: bool  # every eligible pair passed the reduced-cost test

    @property
    def gap(self) -> float:
        """How far below the bound the total may be, as a share of the bound (0 when certified)."""
        return max(0.0, (self.bound - self.total) / abs(self.bound)) if self.bound else 0.0


ValueFn = Callable[[np.ndarray], np.ndarray]  # scores -> values (float64), element by element


def first_k(mentees: int, mentors: int) -> int:
    """Candidates per mentee in the first round: more where more mentees compete for each mentor.

    Each further round re-solves the whole sparse problem, so a first guess a little too wide
    (a larger graph, solved once) costs less than one too narrow (two or three solves). Ten
    candidates per mentee competing for a mentor made one round enough on the benchmark cohorts.
    """
    return max(START_K, 10 * math.ceil(mentees / max(1, mentors)))


def _tolerances(big: float, scale: float, nodes: int) -> tuple[float, float]:
    """(rounding allowed per relaxation, slack below which a pair counts as no improvement).

    Distances reach about ``big`` plus a path's worth of values; a few units in the last place of
    that is rounding. A pair must beat the certificate by more than float32 resolution of the
    scores (1e-7 of their scale) to count: the scores are float32, finer differences are noise.
    """
    relax = 8.0 * float(np.spacing(big + nodes * max(1.0, scale)))
    return relax, max(100.0 * relax, 1e-7 * max(1.0, scale))


def solve_sparse(
    scores: np.ndarray,
    value: ValueFn,
    eligible: np.ndarray,
    rows: np.ndarray,
    capacities: np.ndarray,
    *,
    k: int | None = None,
) -> tuple[list[tuple[int, int]], SparseReport]:
    """Optimal pairs (row, column) for ``rows`` over the mentors' places ``capacities``.

    ``value`` turns scores into what is maximised, element by element, and never ranks a lower
    score above a higher one (``solver.values_for``: the score less the poor-match penalty), so
    a row's best candidates are its best scores. The matrix is read a block of rows at a time:
    no whole float64 copy of it is ever made. ``eligible``: the allowed pairs.
    """
    capacities = np.asarray(capacities, dtype=np.int64)
    rows = np.asarray(rows, dtype=np.int64)
    cols = np.nonzero(capacities > 0)[0]
    empty = SparseReport(0, 0, 0, 0.0, 0.0, 0.0, True)
    if not len(rows) or not len(cols):
        return [], empty
    n, m = len(rows), len(cols)
    caps = capacities[cols]
    k = max(1, int(k if k is not None else first_k(n, m)))
    every_col = m == scores.shape[1]

    def block_of(start: int) -> tuple[np.ndarray, np.ndarray]:
        """Rows ``start``.. of the pruned problem: scores (-inf where not allowed) and the mask."""
        block = rows[start : start + ROW_BLOCK]
        ok = eligible[block] if every_col else eligible[block][:, cols]
        part = scores[block] if every_col else scores[block][:, cols]
        return np.where(ok, part, np.float32(-np.inf)), ok

    # -- 1. prune: each row's k best eligible columns, and what the bounds need ----------------------
    cand_rows: list[np.ndarray] = []
    cand_cols: list[np.ndarray] = []
    row_best = np.full(n, -np.inf, dtype=np.float32)
    low, high = np.inf, -np.inf
    take = min(k, m)
    for start in range(0, n, ROW_BLOCK):
        masked, ok = block_of(start)
        size = len(masked)
        row_best[start : start + size] = masked.max(axis=1)
        if ok.any():
            high = max(high, float(masked.max()))
            low = min(low, float(np.where(ok, masked, np.float32(np.inf)).min()))
        top = (
            np.argpartition(-masked, take - 1, axis=1)[:, :take]
            if take < m
            else np.tile(np.arange(m), (size, 1))
        )
        local = np.repeat(np.arange(size), take)
        picked = top.ravel()
        keep = ok[local, picked]
        cand_rows.append(local[keep] + start)
        cand_cols.append(picked[keep])
    edge_rows = np.concatenate(cand_rows)
    edge_cols = np.concatenate(cand_cols)
    if not len(edge_rows):
        return [], empty
    edge_values = value(scores[rows[edge_rows], cols[edge_cols]])
    ends = value(np.array([low, high], dtype=np.float32))
    scale = max(1.0, float(np.abs(ends).max()))
    # "Unmatched" must cost more than any rearrangement of values can gain (cf. solver._solve_free).
    big = 2.0 * (scale + 1.0) * (n + 1)
    tol, slack_tol = _tolerances(big, scale, n + m)

    rounds = 0
    certified = False
    while True:
        rounds += 1
        match = _assign(edge_rows, edge_cols, edge_values, caps, n, scale, big)
        du, dv, d_sink = _potentials(edge_rows, edge_cols, edge_values, match, caps, n, m, big, tol)
        extra_rows, extra_cols = _violations(block_of, value, n, du, dv, slack_tol)
        if not len(extra_rows):
            certified = True
            break
        if rounds >= MAX_ROUNDS:
            break
        # Only pairs not yet candidates (a candidate's slack above the tolerance is rounding).
        known = np.unique(edge_rows * m + edge_cols)
        codes = extra_rows * m + extra_cols
        fresh = ~np.isin(codes, known, assume_unique=False)
        if not fresh.any():  # only rounding noise is left: the flow is optimal to within the tolerance
            certified = True
            break
        new_rows, new_cols = extra_rows[fresh], extra_cols[fresh]
        edge_rows = np.concatenate([edge_rows, new_rows])
        edge_cols = np.concatenate([edge_cols, new_cols])
        edge_values = np.concatenate([edge_values, value(scores[rows[new_rows], cols[new_cols]])])

    matched = match >= 0
    total = float(_matched_values(edge_rows, edge_cols, edge_values, match).sum())
    # The dual of the pruned-and-verified problem: a_i = pi_T - pi_i (each mentee), b_j = max(0, pi_T - pi_j)
    # (each mentor's place price). Its objective bounds the cost of every solution from below.
    a = d_sink - du
    b = np.maximum(0.0, d_sink - dv)
    dual = float(a.sum() - (caps * b).sum())
    unmatched = int(n - matched.sum())
    bound = -dual + big * unmatched
    # Any assignment matching this many mentees totals at most the best values of that many mentees.
    count = int(matched.sum())
    bests = np.sort(value(row_best[np.isfinite(row_best)]))
    naive = float(bests[len(bests) - count :].sum()) if count else 0.0
    pairs = [(int(rows[i]), int(cols[match[i]])) for i in np.nonzero(matched)[0]]
    report = SparseReport(
        rounds=rounds,
        candidates=len(edge_rows),
        edges=int(caps[edge_cols].sum()) + n,
        total=total,
        bound=max(bound, total) if certified else bound,  # equal up to rounding once certified
        naive_bound=max(naive, total),
        certified=certified,
    )
    return pairs, report


def _assign(
    edge_rows: np.ndarray,
    edge_cols: np.ndarray,
    edge_values: np.ndarray,
    caps: np.ndarray,
    n: int,
    scale: float,
    big: float,
) -> np.ndarray:
    """Each row's column (-1: unmatched) in the optimal assignment over the candidate pairs."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    # Places: mentor j owns columns first[j] .. first[j] + caps[j] - 1.
    first = np.concatenate([[0], np.cumsum(caps)[:-1]])
    places = int(caps.sum())
    repeat = caps[edge_cols]
    arc_rows = np.repeat(edge_rows, repeat)
    offsets = np.arange(len(arc_rows)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    arc_cols = first[np.repeat(edge_cols, repeat)] + offsets
    # Costs shifted to stay positive (a stored zero would still be an arc, but keep clear of it);
    # the shift adds the same amount to every matched row, which ``big`` outweighs.
    shift = scale + 1.0
    arc_costs = shift - np.repeat(edge_values, repeat)
    costs = np.concatenate([arc_costs, np.full(n, shift + big)])
    graph = csr_matrix(
        (
            costs,
            (np.concatenate([arc_rows, np.arange(n)]), np.concatenate([arc_cols, places + np.arange(n)])),
        ),
        shape=(n, places + n),
    )
    row_index, col_index = min_weight_full_bipartite_matching(graph)
    owner = np.searchsorted(first, np.arange(places), side="right") - 1
    match = np.full(n, -1, dtype=np.int64)
    real = col_index < places
    match[row_index[real]] = owner[col_index[real]]
    return match


def _matched_values(
    edge_rows: np.ndarray, edge_cols: np.ndarray, edge_values: np.ndarray, match: np.ndarray
) -> np.ndarray:
    on = match[edge_rows] == edge_cols
    # A candidate pair may be listed twice (never by this module, but be safe): count each row once.
    _, first = np.unique(edge_rows[on], return_index=True)
    return edge_values[on][first]


def _potentials(
    edge_rows: np.ndarray,
    edge_cols: np.ndarray,
    edge_values: np.ndarray,
    match: np.ndarray,
    caps: np.ndarray,
    n: int,
    m: int,
    big: float,
    tol: float,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Shortest distances from a virtual root in the residual graph of the optimal flow (Bellman-Ford).

    Arcs: mentee i -> mentor j (cost -value; uncapacitated, the mentee's supply of one is the limit),
    mentor j -> mentee i when i is matched to j (cost +value), mentee -> sink (cost ``big``),
    sink -> mentee when unmatched (cost -``big``), mentor -> sink while it has a free place, and
    sink -> mentor when it has a mentee. An improvement smaller than ``tol`` is rounding, not a
    shorter path: it is ignored, so the loop ends even on float ties.
    """
    du = np.zeros(n)
    dv = np.zeros(m)
    d_sink = 0.0
    matched = match >= 0
    m_rows = np.nonzero(matched)[0]
    m_cols = match[m_rows]
    on = match[edge_rows] == edge_cols
    m_value = np.zeros(n)
    m_value[edge_rows[on]] = edge_values[on]
    load = np.bincount(m_cols, minlength=m)
    room = load < caps
    used = load > 0
    unmatched = ~matched
    for _ in range(4 * (n + m) + 8):
        changed = False
        # mentee -> mentor
        reach = du[edge_rows] - edge_values
        best = np.full(m, np.inf)
        np.minimum.at(best, edge_cols, reach)
        # sink -> mentor (mentors holding a mentee)
        if used.any():
            best[used] = np.minimum(best[used], d_sink)
        better = best < dv - tol
        if better.any():
            dv[better] = best[better]
            changed = True
        # mentor -> mentee (back along a match), sink -> unmatched mentee
        cand = np.full(n, np.inf)
        cand[m_rows] = dv[m_cols] + m_value[m_rows]
        cand[unmatched] = d_sink - big
        better = cand < du - tol
        if better.any():
            du[better] = cand[better]
            changed = True
        # mentee -> sink, mentor with room -> sink
        to_sink = min(float((du + big).min()), float(dv[room].min()) if room.any() else math.inf)
        if to_sink < d_sink - tol:
            d_sink = to_sink
            changed = True
        if not changed:
            break
    return du, dv, d_sink


def _violations(
    block_of: Callable[[int], tuple[np.ndarray, np.ndarray]],
    value: ValueFn,
    n: int,
    du: np.ndarray,
    dv: np.ndarray,
    tol: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Eligible pairs whose reduced cost is negative (value > pi_i - pi_j); the ``WIDEN`` worst per row."""
    found_rows: list[np.ndarray] = []
    found_cols: list[np.ndarray] = []
    for start in range(0, n, ROW_BLOCK):
        masked, ok = block_of(start)
        size = len(masked)
        slack = value(masked)
        slack[~ok] = -np.inf  # whatever the value function made of -inf
        slack += dv[None, :]
        slack -= du[start : start + size, None]
        bad = np.nonzero(slack.max(axis=1) > tol)[0]
        if not len(bad):
            continue
        worst = slack[bad]
        width = min(WIDEN, worst.shape[1])
        top = (
            np.argpartition(-worst, width - 1, axis=1)[:, :width]
            if width < worst.shape[1]
            else (np.tile(np.arange(worst.shape[1]), (len(bad), 1)))
        )
        local = np.repeat(bad, width)
        picked = top.ravel()
        keep = worst[np.repeat(np.arange(len(bad)), width), picked] > tol
        found_rows.append(local[keep] + start)
        found_cols.append(picked[keep])
    if not found_rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(found_rows), np.concatenate(found_cols)
