"""Whole-cohort assignment: every mentee to a mentor place, maximising the total score.

One column per mentor *place* (a mentor with capacity 3 is three columns), and
scipy's ``linear_sum_assignment`` solves the rectangular problem exactly.
Ineligible pairs cost ``BIG``, more than any mix of scores could make up, so the
solver first matches as many mentees as the hard rules allow and only then
maximises the score; a mentee it had to put on a forbidden column is reported
unmatched with the reason. Pinned pairs are fixed before solving and use up
their mentor's place. To avoid very poor matches the coordinator sets a minimum
score: below it each missing point costs ``penalty`` extra points (or, with
``poor_matches="forbid"``, such pairs are not made at all).

Above ``SPARSE_CELLS`` (mentees x places) the dense matrix is too big to build and too slow to
solve: ``solve`` then takes each mentee's best candidates and solves the sparse problem, proving
the result optimal for the whole matrix (core/pairing/sparse.py). Below it the dense path runs,
so small cohorts get exactly the pairs they always did.

scipy is imported inside the functions that need it: the GUI must start without it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from mentordesk.core.pairing.sparse import SparseReport, solve_sparse

PENALISE = "penalise"
SPARSE_CELLS = 1_000_000  # mentees x mentor places above which ``solve`` takes the sparse path
ROW_BLOCK = 2048  # rows at a time where a whole-matrix step would need a float64 copy
FORBID = "forbid"

NO_ELIGIBLE = "no eligible mentor"
CAPACITY = "capacity exhausted: every eligible mentor's places went to others"
BELOW_MINIMUM = "only mentors below the minimum score"


@dataclass(frozen=True)
class AssignmentOptions:
    min_score: float | None = None  # the threshold below which a match counts as very poor
    poor_matches: str = PENALISE  # PENALISE: cost `penalty` per point below; FORBID: never made
    penalty: float = 3.0
    balance_groups: bool = False  # group programmes: even out circle sizes after solving


@dataclass(frozen=True)
class MatchStats:
    considered: int  # mentees in the run (pinned included)
    matched: int
    total: float
    mean: float | None
    worst5: float | None  # mean of the worst 5 % of matched scores (at least one match)
    minimum: float | None
    top3: int  # matched to one of their three best-scoring eligible mentors
    below_minimum: int = 0

    @property
    def unmatched(self) -> int:
        return self.considered - self.matched

    @property
    def top3_share(self) -> float | None:
        return self.top3 / self.matched if self.matched else None


@dataclass(frozen=True)
class Assignment:
    pairs: tuple[tuple[int, int], ...]  # (row, column): mentee index, mentor index
    scores: tuple[float, ...]
    unmatched: dict[int, str]  # row -> why
    stats: MatchStats
    dropped_pins: dict[tuple[int, int], str] = field(default_factory=dict)
    method: str = "optimal"
    sparse: SparseReport | None = None  # how the sparse path went (None: the dense path solved it)


# -- shared steps --------------------------------------------------------------------------------------


def _validate(scores: np.ndarray, eligible: np.ndarray, capacities: Sequence[int]) -> None:
    if scores.ndim != 2 or scores.shape != eligible.shape:
        raise ValueError("scores and eligible must be matrices of the same shape")
    if len(capacities) != scores.shape[1]:
        raise ValueError("one capacity per mentor (column) is needed")
    if any(int(c) < 0 for c in capacities):
        raise ValueError("a capacity cannot be negative")


def values_for(scores: np.ndarray, options: AssignmentOptions) -> np.ndarray:
    """What the solver maximises for each pair: the score, less the penalty for very poor matches."""
    values = scores.astype(np.float64)
    if options.min_score is not None and options.poor_matches == PENALISE:
        shortfall = np.maximum(0.0, options.min_score - values)
        values = values - options.penalty * shortfall
    return values


def _apply_pins(
    pinned: Sequence[tuple[int, int]], eligible: np.ndarray, capacities: np.ndarray
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], str]]:
    kept: list[tuple[int, int]] = []
    dropped: dict[tuple[int, int], str] = {}
    rows_used: set[int] = set()
    # The same pin twice is one pin, not a clash: dict.fromkeys keeps the first, in order.
    for row, col in dict.fromkeys(pinned):
        if row in rows_used:
            dropped[(row, col)] = "the mentee is already pinned to another mentor"
        elif not eligible[row, col]:
            dropped[(row, col)] = "the pair now breaks a hard rule"
        elif capacities[col] <= 0:
            dropped[(row, col)] = "the mentor has no place left"
        else:
            kept.append((row, col))
            rows_used.add(row)
            capacities[col] -= 1
    return kept, dropped


def third_best(scores: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Each row's third-best eligible score (-inf when it has fewer than three eligible mentors)."""
    if scores.shape[1] < 3:
        return np.full(scores.shape[0], -np.inf)
    out = np.empty(scores.shape[0])
    for start in range(0, scores.shape[0], ROW_BLOCK):  # a block at a time: no whole float64 copy
        block = slice(start, start + ROW_BLOCK)
        # float32 holds the scores exactly, and the third best of them is one of them.
        part = scores[block] if np.issubdtype(scores.dtype, np.floating) else scores[block].astype(np.float64)
        masked = np.where(eligible[block], part, np.array(-np.inf, dtype=part.dtype))
        out[block] = -np.partition(-masked, 2, axis=1)[:, 2]
    return out


def statistics(
    pairs: Sequence[tuple[int, int]],
    scores: np.ndarray,
    eligible: np.ndarray,
    considered: int,
    min_score: float | None = None,
) -> MatchStats:
    matched = np.array([scores[r, c] for r, c in pairs], dtype=np.float64)
    if not len(matched):
        return MatchStats(considered, 0, 0.0, None, None, None, 0, 0)
    ordered = np.sort(matched)
    worst = ordered[: max(1, math.ceil(0.05 * len(ordered)))]
    rows = np.array([r for r, _ in pairs])
    third = third_best(scores, eligible)[rows]
    top3 = int(np.sum(matched >= third - 1e-6))
    below = int(np.sum(matched < min_score)) if min_score is not None else 0
    return MatchStats(
        considered=considered,
        matched=len(matched),
        total=float(matched.sum()),
        mean=float(matched.mean()),
        worst5=float(worst.mean()),
        minimum=float(ordered[0]),
        top3=top3,
        below_minimum=below,
    )


def _unmatched_reasons(
    rows: Sequence[int],
    eligible: np.ndarray,
    capacities: np.ndarray,
    below_minimum: np.ndarray | None,
    places: int,
    wanted: int,
) -> dict[int, str]:
    reasons: dict[int, str] = {}
    has_place = capacities > 0
    for row in rows:
        if not eligible[row].any():
            if below_minimum is not None and below_minimum[row].any():
                reasons[row] = BELOW_MINIMUM
            else:
                reasons[row] = NO_ELIGIBLE
        elif not (eligible[row] & has_place).any():
            reasons[row] = "every eligible mentor is already full"
        elif places < wanted:
            reasons[row] = f"{CAPACITY} ({places} places for {wanted} mentees)"
        else:
            reasons[row] = CAPACITY
    return reasons


# -- the optimal solver -------------------------------------------------------------------------------


def _solve_free(
    values: np.ndarray, eligible: np.ndarray, rows: np.ndarray, capacities: np.ndarray
) -> list[tuple[int, int]]:
    """Optimal pairs for the given rows over the mentors' remaining places."""
    from scipy.optimize import linear_sum_assignment

    if not len(rows):
        return []
    has_place = capacities > 0
    row_eligible = eligible[rows]
    keep = (row_eligible & has_place).any(axis=1)
    rows, row_eligible = rows[keep], row_eligible[keep]
    cols = np.nonzero(has_place & row_eligible.any(axis=0))[0]
    if not len(rows) or not len(cols):
        return []
    # Build the cost on mentors first, then repeat each mentor's column once per place: the large
    # (mentees x places) matrix is written once, directly in the float64 layout the solver wants.
    sub_eligible = row_eligible[:, cols]
    sub_values = values[rows][:, cols]
    usable = sub_values[sub_eligible]
    # A forbidden cell must cost more than any rearrangement of eligible ones can gain.
    big = (float(np.ptp(usable)) + float(np.abs(usable).max()) + 1.0) * (len(rows) + 1)
    small = np.where(sub_eligible, -sub_values, big)
    places = np.repeat(np.arange(len(cols)), capacities[cols])
    owners = cols[places]
    cost = np.ascontiguousarray(small[:, places], dtype=np.float64)
    row_index, col_index = linear_sum_assignment(cost)
    ok = sub_eligible[row_index, places[col_index]]
    return [(int(rows[r]), int(owners[c])) for r, c in zip(row_index[ok], col_index[ok], strict=True)]


@dataclass
class _Setup:
    eligible: np.ndarray
    below_minimum: np.ndarray | None  # eligible pairs under a forbidding minimum score
    solve_eligible: np.ndarray  # what the solver may use for the rows that are not pinned
    remaining: np.ndarray  # mentor places left after the pins
    kept: list[tuple[int, int]]
    dropped: dict[tuple[int, int], str]
    free_rows: np.ndarray


def _prepare(
    scores: np.ndarray,
    eligible: np.ndarray,
    capacities: Sequence[int],
    pinned: Sequence[tuple[int, int]],
    options: AssignmentOptions,
) -> _Setup:
    """What both solvers do first: validate, apply the minimum-score rule, place the pins."""
    _validate(scores, eligible, capacities)
    eligible = eligible.astype(bool)
    below_minimum = None
    solve_eligible = eligible
    if options.min_score is not None and options.poor_matches == FORBID:
        below_minimum = eligible & (scores < options.min_score)
        solve_eligible = eligible & ~below_minimum
    remaining = np.array(capacities, dtype=np.int64).copy()
    # Pins are the coordinator's: they need the hard rules, not the minimum score.
    kept, dropped = _apply_pins(pinned, eligible, remaining)
    pinned_rows = {r for r, _ in kept}
    free_rows = np.array([r for r in range(scores.shape[0]) if r not in pinned_rows], dtype=np.int64)
    return _Setup(eligible, below_minimum, solve_eligible, remaining, kept, dropped, free_rows)


DENSE = "dense"
SPARSE = "sparse"
AUTO = "auto"


def solve(
    scores: np.ndarray,
    eligible: np.ndarray,
    capacities: Sequence[int],
    pinned: Sequence[tuple[int, int]] = (),
    options: AssignmentOptions | None = None,
    *,
    path: str = AUTO,
    known: Sequence[tuple[int, int]] | None = None,
) -> Assignment:
    """The assignment of greatest total value that respects eligibility, capacities and pins.

    ``path``: ``"dense"`` (one column per place, ``linear_sum_assignment``), ``"sparse"`` (best
    candidates, certified optimal: core/pairing/sparse.py) or ``"auto"``: sparse above
    ``SPARSE_CELLS`` mentees x places. Both give the same (optimal) total.

    ``known``: pairs already known to be optimal for the rows the pins leave free (a re-run whose
    new pins were all in the last optimal assignment: that assignment is still optimal). They are
    checked against the rules and places and used without solving; if they do not fit, it solves.
    """
    options = options or AssignmentOptions()
    setup = _prepare(scores, eligible, capacities, pinned, options)
    eligible, below_minimum, solve_eligible = setup.eligible, setup.below_minimum, setup.solve_eligible
    remaining, kept, dropped, free_rows = setup.remaining, setup.kept, setup.dropped, setup.free_rows
    if (
        known is not None
        and not options.balance_groups
        and _fits(known, solve_eligible, free_rows, remaining)
    ):
        return _finish(
            kept + list(known),
            scores,
            eligible,
            solve_eligible,
            remaining,
            below_minimum,
            free_rows,
            dropped,
            options,
            "optimal",
        )
    if path == AUTO:
        path = SPARSE if len(free_rows) * int(remaining.sum()) > SPARSE_CELLS else DENSE
    report: list[SparseReport] = []
    if path == SPARSE:

        def value(part: np.ndarray) -> np.ndarray:
            return values_for(part, options)

        def free(rows: np.ndarray, caps: np.ndarray) -> list[tuple[int, int]]:
            pairs, found = solve_sparse(scores, value, solve_eligible, rows, caps)
            report[:] = [found]
            return pairs

    else:
        values = values_for(scores, options)

        def free(rows: np.ndarray, caps: np.ndarray) -> list[tuple[int, int]]:
            return _solve_free(values, solve_eligible, rows, caps)

    pairs = free(free_rows, remaining)
    if options.balance_groups and pairs:
        pairs = _balance(free, free_rows, remaining, pairs, kept)
    assignment = _finish(
        kept + pairs,
        scores,
        eligible,
        solve_eligible,
        remaining,
        below_minimum,
        free_rows,
        dropped,
        options,
        "optimal",
    )
    return replace(assignment, sparse=report[0]) if report else assignment


def _fits(
    pairs: Sequence[tuple[int, int]], eligible: np.ndarray, free_rows: np.ndarray, capacities: np.ndarray
) -> bool:
    """Whether ``pairs`` give distinct free rows allowed columns within the places left."""
    rows = [r for r, _ in pairs]
    if len(set(rows)) != len(rows) or not set(rows) <= set(free_rows.tolist()):
        return False
    if any(not eligible[r, c] for r, c in pairs):
        return False
    load = np.bincount([c for _, c in pairs], minlength=len(capacities))
    return bool((load <= capacities).all())


def _balance(
    free: Callable[[np.ndarray, np.ndarray], list[tuple[int, int]]],
    rows: np.ndarray,
    capacities: np.ndarray,
    pairs: list[tuple[int, int]],
    kept: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Even out group sizes: cap every circle at the smallest size that still places as many mentees."""
    matched = len(pairs)
    pinned_per_mentor = np.bincount([c for _, c in kept], minlength=len(capacities))
    used = {c for _, c in pairs} | {c for _, c in kept}
    level = math.ceil((matched + len(kept)) / max(1, len(used)))
    ceiling = int((capacities + pinned_per_mentor).max()) if len(capacities) else 0
    while level < ceiling:
        capped = np.maximum(0, np.minimum(capacities, level - pinned_per_mentor))
        candidate = free(rows, capped)
        if len(candidate) >= matched:
            return candidate
        level += 1
    return pairs


def _finish(
    pairs: list[tuple[int, int]],
    scores: np.ndarray,
    eligible: np.ndarray,
    solve_eligible: np.ndarray,
    remaining: np.ndarray,
    below_minimum: np.ndarray | None,
    free_rows: np.ndarray,
    dropped: dict[tuple[int, int], str],
    options: AssignmentOptions,
    method: str,
) -> Assignment:
    pairs = sorted(pairs)
    matched_rows = {r for r, _ in pairs}
    unmatched_rows = [int(r) for r in free_rows if int(r) not in matched_rows]
    wanted = len(free_rows)
    useful = solve_eligible[free_rows].any(axis=0) if len(free_rows) else np.zeros(len(remaining), dtype=bool)
    places = int(remaining[useful].sum())
    reasons = _unmatched_reasons(unmatched_rows, solve_eligible, remaining, below_minimum, places, wanted)
    stats = statistics(pairs, scores, eligible, scores.shape[0], options.min_score)
    return Assignment(
        pairs=tuple(pairs),
        scores=tuple(float(scores[r, c]) for r, c in pairs),
        unmatched=reasons,
        stats=stats,
        dropped_pins=dropped,
        method=method,
    )


# -- the baseline ----------------------------------------------------------------------------------------


def greedy(
    scores: np.ndarray,
    eligible: np.ndarray,
    capacities: Sequence[int],
    pinned: Sequence[tuple[int, int]] = (),
    options: AssignmentOptions | None = None,
) -> Assignment:
    """Best pair first, then the next best among those left: what a spreadsheet sort does. For comparison."""
    options = options or AssignmentOptions()
    setup = _prepare(scores, eligible, capacities, pinned, options)
    eligible, below_minimum, solve_eligible = setup.eligible, setup.below_minimum, setup.solve_eligible
    remaining, kept, dropped, free_rows = setup.remaining, setup.kept, setup.dropped, setup.free_rows
    values = values_for(scores, options)
    candidates = solve_eligible.copy()
    candidates[[r for r, _ in kept], :] = False
    row_index, col_index = np.nonzero(candidates)
    order = np.argsort(-values[row_index, col_index], kind="stable")
    # Plain Python lists: the loop touches each candidate once, and numpy scalars would cost more.
    places = remaining.tolist()
    done = [False] * scores.shape[0]
    pairs: list[tuple[int, int]] = []
    left = len(free_rows)
    for r, c in zip(row_index[order].tolist(), col_index[order].tolist(), strict=True):
        if done[r] or places[c] <= 0:
            continue
        pairs.append((r, c))
        done[r] = True
        places[c] -= 1
        left -= 1
        if left == 0:
            break
    return _finish(
        kept + pairs,
        scores,
        eligible,
        solve_eligible,
        remaining,
        below_minimum,
        free_rows,
        dropped,
        options,
        "greedy",
    )
