"""Run the matcher for a programme and keep its proposal as draft matches.

``run_matcher`` = load the cohort (services/pairing/cohort.py) -> score every pair
(core/pairing/scoring.py) -> apply the hard rules (core/pairing/hard_rules.py) -> solve
(core/pairing/solver.py, core/pairing/peer.py) -> save drafts. Drafts the coordinator has
pinned or accepted stay and are passed to the solver as fixed pairs, so a
re-run only reconsiders the rest. Nothing is written until the proposal is
complete, in one transaction: a cancelled or failed run leaves the database as
it was.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date

import numpy as np

from mentordesk.core.pairing import (
    Assignment,
    ScoreMatrix,
    eligibility,
    explanation_from,
    greedy,
    peer_matrix,
    score_matrix,
    solve,
    solve_peer,
)
from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.vocab import ProgrammeKind
from mentordesk.services import concurrency
from mentordesk.services.pairing import cache
from mentordesk.services.pairing.circles import propose_circles
from mentordesk.services.pairing.cohort import Cohort, dropped_pinned_pairs, load_cohort, unmatched_of
from mentordesk.services.pairing.drafts import save_drafts
from mentordesk.services.pairing.kinds import matcher_refusal
from mentordesk.services.pairing.results import (
    PairingError,
    ProposedPair,
    RunResult,
)

log = logging.getLogger(__name__)


def score_cohort(cohort: Cohort) -> tuple[ScoreMatrix, np.ndarray]:
    """Scores and the eligibility mask (hard rules and "must" criteria) for the cohort's rows x columns."""
    config = cohort.settings.config
    if cohort.peer:
        matrix = peer_matrix(cohort.mentees, config)
    else:
        matrix = score_matrix(cohort.mentees, cohort.mentors, config)
    return matrix, _allowed(cohort, matrix)


def _allowed(cohort: Cohort, matrix: ScoreMatrix) -> np.ndarray:
    return eligibility(
        [p.id for p in cohort.mentees], [p.id for p in cohort.mentors], cohort.rules, matrix.must_ok
    )


WISH_CRITERION = "speed_wish"


def with_wishes(
    cohort: Cohort, scores: np.ndarray, row_of: dict[int, int], col_of: dict[int, int]
) -> np.ndarray:
    """The scores with a follow-up run's wishes to meet again added (at most 100); the same array
    when there are none. The cached matrix is never changed."""
    if not cohort.wishes:
        return scores
    out = scores.astype(np.float64, copy=True)
    for (mentee, mentor), wish in cohort.wishes.items():
        if mentee in row_of and mentor in col_of:
            r, c = row_of[mentee], col_of[mentor]
            out[r, c] = min(100.0, out[r, c] + wish.points)
    return out


def scored(cohort: Cohort) -> tuple[cache.Entry, np.ndarray, bool]:
    """Like ``score_cohort``, reusing the last run's scores when nothing they depend on changed
    (services/pairing/cache.py); the hard rules are applied afresh every time. The bool: reused."""
    if len(cohort.mentees) * len(cohort.mentors) > cache.MAX_CELLS:  # too big to keep: no fingerprint either
        matrix, allowed = score_cohort(cohort)
        return cache.Entry(b"", matrix), allowed, False
    key = cache.fingerprint(cohort.kind, cohort.settings.config, cohort.mentees, cohort.mentors)
    entry = cache.lookup(cohort.programme_id, key)
    reused = entry is not None
    if entry is None:
        matrix, allowed = score_cohort(cohort)
        entry = cache.remember(cohort.programme_id, key, matrix)
    else:
        allowed = _allowed(cohort, entry.matrix)
    return entry, allowed, reused


def propose(
    cohort: Cohort,
    *,
    with_baseline: bool = False,
    solver: str = "optimal",
    progress: Progress = QUIET,
) -> RunResult:
    """Solve the cohort (no database access): the pairs, their reasons and the statistics."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    progress(25, 100, "Scoring every pair")
    entry, allowed, reused = scored(cohort)
    matrix = entry.matrix
    timings["score"] = time.perf_counter() - clock
    if cohort.kind == ProgrammeKind.GROUP.value:
        return propose_circles(
            cohort, entry, allowed, reused=reused, with_baseline=with_baseline, progress=progress, timings=timings
        )
    row_of = {p.id: i for i, p in enumerate(cohort.mentees)}
    col_of = {p.id: j for j, p in enumerate(cohort.mentors)}
    scores = with_wishes(cohort, matrix.scores, row_of, col_of)
    pins = [(row_of[a], col_of[b]) for _, a, b in cohort.kept if a in row_of and b in col_of]
    kept_pairs = {(a, b) for _, a, b in cohort.kept}
    if cohort.network:
        from mentordesk.services.pairing.network import propose_network

        progress(55, 100, "Finding first and further mentors for each focus area")
        clock = time.perf_counter()
        result_network = propose_network(cohort, matrix, allowed, entry.breakdowns)
        timings["solve"] = time.perf_counter() - clock
        result_network.timings = timings
        result_network.scores_reused = reused
        return result_network
    progress(55, 100, "Finding the best whole-cohort assignment")
    clock = time.perf_counter()
    options = cohort.settings.options()
    capacities = [cohort.capacity.get(p.id, 0) for p in cohort.mentors]
    solution_reused = False
    if cohort.peer:
        result: Assignment = solve_peer(scores, allowed, pins, options)
        baseline = None
    else:
        # "greedy" is the comparison baseline (best pair first), never the coordinator's default.
        if solver == "greedy":
            result = greedy(scores, allowed, capacities, pins, options)
        else:
            state = cache.solution_state(allowed, capacities, options)
            # Wishes change the scores the kept solution was certified for: solve afresh then.
            known = None if cohort.wishes else entry.known_optimal(state, pins)
            result = solve(scores, allowed, capacities, pins, options, known=known)
            solution_reused = known is not None
            if solution_reused and entry.solution is not None:  # its certificate still holds
                result = replace(result, sparse=entry.solution.report)
            if not cohort.wishes:
                entry.remember_solution(state, pins, result)
        baseline = greedy(scores, allowed, capacities, pins, options).stats if with_baseline else None
    timings["solve"] = time.perf_counter() - clock
    progress(80, 100, "Explaining each proposal")
    clock = time.perf_counter()
    config = cohort.settings.config
    pairs = []
    for (row, col), score in zip(result.pairs, result.scores, strict=True):
        mentee, mentor = cohort.mentees[row], cohort.mentors[col]
        breakdown = entry.breakdowns.get((mentee.id, mentor.id))
        if breakdown is None:  # words depend only on the pair and the settings, as the scores do
            explanation = explanation_from(
                matrix.values_at(row, col),
                float(matrix.scores[row, col]),
                mentee,
                mentor,
                config,
                peer=cohort.peer,
            )
            breakdown = entry.breakdowns[(mentee.id, mentor.id)] = explanation.to_breakdown()
        wish = cohort.wishes.get((mentee.id, mentor.id))
        if wish is not None:  # the points the wish added, so the lines still add up to the score
            added = round(score - float(matrix.scores[row, col]), 1)
            breakdown = [*breakdown, {"criterion": WISH_CRITERION, "points": added, "reason": wish.text}]
        kept = (mentee.id, mentor.id) in kept_pairs or (mentor.id, mentee.id) in kept_pairs
        pairs.append(
            ProposedPair(mentee.id, mentor.id, round(score, 1), [dict(item) for item in breakdown], kept)
        )
    timings["explain"] = time.perf_counter() - clock
    names = cohort.names
    unmatched = unmatched_of(cohort, result.unmatched)
    dropped, dropped_pairs = dropped_pinned_pairs(cohort, result.dropped_pins)
    return RunResult(
        programme_id=cohort.programme_id,
        kind=cohort.kind,
        pairs=pairs,
        stats=result.stats,
        unmatched=unmatched,
        dropped_pins=dropped,
        dropped_pairs=dropped_pairs,
        baseline=baseline,
        timings=timings,
        names=dict(names),
        scores_reused=reused,
        solution_reused=solution_reused,
        sparse=result.sparse,
    )


# -- saving ----------------------------------------------------------------------------------------------


# -- the use case ----------------------------------------------------------------------------------------


@concurrency.one_per_programme("matcher", PairingError)  # a second person is told who runs it
def run_matcher(
    programme_id: int,
    start_on: date | None = None,
    *,
    dry_run: bool = False,
    min_score: float | None = None,
    with_baseline: bool = False,
    solver: str = "optimal",
    progress: Progress = QUIET,
) -> RunResult:
    """Propose matches for everyone waiting and save them as drafts (unless ``dry_run``)."""
    with _collection_paused():
        return _run_matcher(programme_id, start_on, dry_run, min_score, with_baseline, solver, progress)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection during a run: a run allocates hundreds of thousands of small
    objects (rows, profiles, tag sets) and nothing cyclic worth finding, and the collector's full
    passes over them cost more than the scoring. Memory is still freed by reference counting;
    the collector resumes as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run_matcher(
    programme_id: int,
    start_on: date | None,
    dry_run: bool,
    min_score: float | None,
    with_baseline: bool,
    solver: str,
    progress: Progress,
) -> RunResult:
    clock = time.perf_counter()
    progress(5, 100, "Loading mentors and mentees")  # each step raises Cancelled once the user cancelled
    if min_score is not None and not 0 <= min_score <= 100:
        raise PairingError(f"The minimum score must be between 0 and 100, not {min_score:g}.")
    cohort = load_cohort(programme_id, start_on)
    if min_score is not None:  # this run only; the saved setting stays as the coordinator left it
        cohort.settings = replace(cohort.settings, min_score=float(min_score))
    if cohort.kind == ProgrammeKind.SPEED.value:
        # After a speed-mentoring night: the follow-up run, with the wishes to meet again.
        from mentordesk.services.pairing.speed_night import follow_up_wishes

        cohort.wishes = follow_up_wishes(cohort)
    else:
        refusal = matcher_refusal(cohort.kind)
        if refusal:
            raise PairingError(refusal)
    loaded = time.perf_counter() - clock
    result = propose(cohort, with_baseline=with_baseline, solver=solver, progress=progress)
    result.timings["load"] = loaded
    if not dry_run:
        progress(90, 100, "Saving the proposal as drafts")
        clock = time.perf_counter()
        result.saved = save_drafts(cohort, result)
        result.timings["save"] = time.perf_counter() - clock
    log.info(
        "matcher: %d proposed, %d unmatched, %.2f s",
        len(result.pairs),
        len(result.unmatched),
        sum(result.timings.values()),
    )
    progress(100, 100, "Done")
    return result
