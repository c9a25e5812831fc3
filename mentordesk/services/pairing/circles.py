"""Group programmes: the matcher forms circles, each with its co-facilitators and a group of mentees.

The scores and hard rules are the one-to-one ones, per mentor–mentee pair (run.scored); here mentors
are put into teams of the programme's "mentors per circle" (core/pairing/circles.py), and the solver
assigns mentees to teams: a mentee joins a circle only if every co-facilitator may take them.
Kept (pinned or accepted) circles keep their mentors and take newcomers while they have room.
"""

from __future__ import annotations

import time

import numpy as np

from mentordesk.core.pairing import (
    HardRules,
    combined_breakdown,
    explanation_from,
    form_teams,
    greedy,
    refusals,
    solve,
    team_problem,
)
from mentordesk.core.progress import QUIET, Progress
from mentordesk.services.pairing import cache
from mentordesk.services.pairing.cohort import Cohort, unmatched_of
from mentordesk.services.pairing.results import PairingError, ProposedPair, RunResult, Unmatched

FIELD = "Mentors per circle"


def propose_circles(
    cohort: Cohort,
    entry: cache.Entry,
    allowed: np.ndarray,
    *,
    reused: bool = False,
    with_baseline: bool = False,
    progress: Progress = QUIET,
    timings: dict[str, float] | None = None,
) -> RunResult:
    """Circles for the cohort's waiting mentees (no database access); one ProposedPair per mentee,
    its ``circle`` naming every co-facilitator."""
    timings = timings if timings is not None else {}
    settings = cohort.settings
    matrix = entry.matrix
    clock = time.perf_counter()
    progress(55, 100, "Forming circles of co-facilitators")
    row_of = {p.id: i for i, p in enumerate(cohort.mentees)}
    col_of = {p.id: j for j, p in enumerate(cohort.mentors)}
    places = {col_of[pid]: n for pid, n in cohort.rules.places.items() if pid in col_of}

    # Kept circles first, with their mentors as they are (an older circle may have one mentor).
    kept_teams: list[tuple[int, ...]] = []
    team_of_match: dict[int, int] = {}
    for match_id, mentor_ids in sorted(cohort.kept_circles.items()):
        team = tuple(col_of[m] for m in mentor_ids if m in col_of)
        if team:
            team_of_match[match_id] = len(kept_teams)
            kept_teams.append(team)
    in_kept = {c for team in kept_teams for c in team}
    pins = [(row_of[a], team_of_match[m]) for m, a, _b in cohort.kept if a in row_of and m in team_of_match]
    pins = list(dict.fromkeys(pins))
    pinned_rows = {r for r, _ in pins}
    free_rows = [r for r in range(len(cohort.mentees)) if r not in pinned_rows]
    reachable = [r for r in free_rows if allowed[r].any()]

    per_team = settings.mentors_per_circle
    usable = [
        c
        for c in range(len(cohort.mentors))
        if c not in in_kept and places.get(c, 0) > 0 and reachable and allowed[reachable, c].any()
    ]
    kept_room = sum(
        max(
            0, min(settings.group_size, *(places.get(c, 0) for c in team)) - sum(1 for _, t in pins if t == k)
        )
        for k, team in enumerate(kept_teams)
    )
    wanted = max(0, len(reachable) - kept_room)
    waiting = allowed[reachable] if reachable else np.zeros((0, len(cohort.mentors)), dtype=bool)
    # Two mentors with a "not with" rule between them never share a circle.
    apart = {
        frozenset((col_of[a], col_of[b]))
        for a, b in cohort.rules.pair_blocks
        if a in col_of and b in col_of and a != b
    }
    new_teams = form_teams(
        cohort.mentors, usable, per_team, wanted, places, settings.group_size, waiting, apart
    )
    if free_rows and not kept_teams and not new_teams and per_team > 1 and usable:
        raise PairingError(_refusal(cohort, per_team, len(usable), reachable))
    teams = kept_teams + new_teams
    problem = team_problem(teams, matrix.scores, allowed, places, settings.group_size)
    timings["teams"] = time.perf_counter() - clock

    clock = time.perf_counter()
    progress(65, 100, "Finding the best circle for every mentee")
    options = settings.options(balance_groups=True)
    capacities = list(problem.capacities)
    result = solve(problem.scores, problem.eligible, capacities, pins, options)
    baseline = (
        greedy(problem.scores, problem.eligible, capacities, pins, options).stats if with_baseline else None
    )
    timings["solve"] = time.perf_counter() - clock

    progress(80, 100, "Explaining each circle")
    clock = time.perf_counter()
    config = settings.config
    kept_keys = {(a, m) for m, a, _b in cohort.kept}
    match_of_team = {t: m for m, t in team_of_match.items()}
    pairs: list[ProposedPair] = []
    for (row, t), score in zip(result.pairs, result.scores, strict=True):
        mentee = cohort.mentees[row]
        breakdowns = []
        for col in problem.teams[t]:
            mentor = cohort.mentors[col]
            breakdown = entry.breakdowns.get((mentee.id, mentor.id))
            if breakdown is None:
                pair_score = float(matrix.scores[row, col])
                explanation = explanation_from(matrix.values_at(row, col), pair_score, mentee, mentor, config)
                breakdown = entry.breakdowns[(mentee.id, mentor.id)] = explanation.to_breakdown()
            breakdowns.append(breakdown)
        circle = tuple(cohort.mentors[c].id for c in problem.teams[t])
        kept = (mentee.id, match_of_team.get(t, -1)) in kept_keys
        pairs.append(
            ProposedPair(mentee.id, circle[0], round(score, 1), combined_breakdown(breakdowns), kept, circle)
        )
    timings["explain"] = time.perf_counter() - clock

    names = cohort.names
    unmatched = unmatched_of(cohort, {r: _circle_reason(why, per_team) for r, why in result.unmatched.items()})
    dropped: list[Unmatched] = []
    dropped_pairs: list[tuple[int, int]] = []
    for (row, t), why in result.dropped_pins.items():
        mentee = cohort.mentees[row]
        detail = _team_refusals(mentee.id, [cohort.mentors[c].id for c in problem.teams[t]], cohort.rules)
        dropped.append(
            Unmatched(
                mentee.id, names.get(mentee.id, ""), f"pinned place dropped: {'; '.join(detail) or why}"
            )
        )
        dropped_pairs.extend((mentee.id, cohort.mentors[c].id) for c in problem.teams[t])
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
        sparse=result.sparse,
    )


def _circle_reason(why: str, per_team: int) -> str:
    """The solver speaks of mentors; with co-facilitators its columns are circles."""
    if per_team == 1:
        return why
    return (
        why.replace("every eligible mentor is already full", "every circle they may join is full")
        .replace("no eligible mentor", "no circle whose co-facilitators may all take them")
        .replace("every eligible mentor's places", "every circle's places")
    )


def _team_refusals(mentee: int, mentors: list[int], rules: HardRules) -> list[str]:
    return [r.text for m in mentors for r in refusals(mentee, m, rules)]


def _refusal(cohort: Cohort, per_team: int, usable: int, reachable: list[int]) -> str:
    """Why no circle can be formed, naming the setting and what to change."""
    if not reachable:
        return "No waiting mentee may be placed with any mentor: check the mentors' clearance and places."
    rules = cohort.rules
    uncleared = sum(1 for p in cohort.mentors if p.id in rules.uncleared)
    unavailable = sum(1 for p in cohort.mentors if p.id in rules.mentor_blocks)
    full = sum(
        1 for p in cohort.mentors if p.id not in rules.mentor_blocks and rules.places.get(p.id, 0) <= 0
    )
    why = []
    if uncleared:
        why.append(f"{uncleared} not cleared")
    if unavailable:
        why.append(f"{unavailable} not available")
    if full:
        why.append(f"{full} with no place left")
    detail = f" ({', '.join(why)})" if why else ""
    if usable >= per_team:
        return (
            f"{FIELD}: no {per_team} mentors may share a circle ('not with' rules or clearance keep them "
            "apart). Lower Mentors per circle in Settings › Pairing, or pair a circle by hand."
        )
    return (
        f"{FIELD} is {per_team}, but only {usable} mentor(s) can take these mentees{detail}. "
        f"Lower Mentors per circle in Settings › Pairing, or clear or free more mentors."
    )
