"""Co-facilitated circles for group programmes: several mentors share one circle of mentees.

A circle is a *team* of mentors; the whole-cohort solver then assigns mentees to teams exactly as it
assigns them to single mentors (core/pairing/solver.py), one column per team:

- a mentee may join a team only if every mentor in it may be paired with them (the hard rules hold for
  every mentor–mentee pair in a circle: a minor's circle has only cleared mentors, a "not with" rule
  against any co-facilitator keeps the mentee out);
- a mentee's score with a team is the mean of their scores with its mentors;
- a team holds at most the target group size, and no more than any of its mentors has places for.

Teams are formed first (``form_teams``): mentors who can take the most waiting mentees lead, and each
is joined by the co-facilitators free at the same times as the team already is (they run the sessions
together), never two mentors with a "not with" rule between them. Only as many teams are formed as the
waiting mentees need at the target size, so circles come out near the target rather than many small ones.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from mentordesk.core.counting import common_counts
from mentordesk.core.pairing.scoring import Profile


@dataclass(frozen=True)
class TeamProblem:
    """The solver's view of the circles: mentees x teams."""

    teams: tuple[tuple[int, ...], ...]  # mentor column indices, the lead first
    scores: np.ndarray  # mean score of each mentee with each team's mentors
    eligible: np.ndarray  # True where every mentor of the team may take the mentee
    capacities: tuple[int, ...]


def together_minutes(a: Profile, b: Profile) -> int:
    """Minutes a week two people are both free (their weekly slots overlapping)."""
    total = 0
    for day, start, end in a.slots:
        for other_day, other_start, other_end in b.slots:
            if day == other_day:
                total += max(0, min(end, other_end) - max(start, other_start))
    return total


def affinity(a: Profile, b: Profile) -> float:
    """How well two mentors can co-facilitate: time free together first, a shared language next."""
    shared_language = 1.0 if a.languages & b.languages else 0.0
    return min(together_minutes(a, b), 600) + 30.0 * shared_language


def affinity_matrix(profiles: Sequence[Profile]) -> np.ndarray:
    """``affinity`` for every two of ``profiles`` at once: weekly slots laid on a grid of the finest step
    their times use (exact minutes), so the overlaps are one matrix product."""
    n = len(profiles)
    bounds = [m for p in profiles for _day, start, end in p.slots for m in (start, end)]
    step = math.gcd(*bounds) if bounds else 1
    step = step or 1
    cells = 7 * (24 * 60 // step + 1)
    grid = np.zeros((n, cells), dtype=np.float32)
    for i, person in enumerate(profiles):
        for day, start, end in person.slots:
            if end > start:
                base = (day % 7) * (24 * 60 // step + 1)
                grid[i, base + start // step : base + end // step] = 1.0
    minutes = np.minimum(common_counts(grid, grid) * step, 600.0)
    names = sorted({lang for p in profiles for lang in p.languages})
    if names:
        index = {name: k for k, name in enumerate(names)}
        spoken = np.zeros((n, len(names)), dtype=np.float32)
        for i, person in enumerate(profiles):
            for lang in person.languages:
                spoken[i, index[lang]] = 1.0
        minutes += 30.0 * (common_counts(spoken, spoken) > 0)
    return minutes


def form_teams(
    mentors: Sequence[Profile],
    usable: Sequence[int],
    per_team: int,
    wanted_places: int,
    places: Mapping[int, int],
    group_size: int,
    eligible: np.ndarray,
    apart: Collection[frozenset[int]] = (),
    usefulness: Mapping[int, float] | None = None,
) -> list[tuple[int, ...]]:
    """New teams of ``per_team`` mentors (column indices) from ``usable`` until they hold ``wanted_places``.

    ``places``: column -> the mentor's places; a team holds ``min(group_size, its mentors' places)``.
    ``eligible``: waiting mentees x mentors, True where the pair is allowed; a mentor joins a team only
    if the team can still take at least one mentee with every member. ``apart``: pairs of columns that
    may never share a circle ("not with"). ``usefulness``: column -> how much the waiting mentees gain
    from the mentor (more leads first; by default the mentees they may take).
    """
    if per_team < 1:
        raise ValueError("a circle needs at least one mentor")
    eligible = np.asarray(eligible, dtype=bool)
    apart = set(apart)
    if usefulness is None:
        usefulness = {c: float(eligible[:, c].sum()) for c in usable}
    order = sorted(usable, key=lambda c: (-usefulness.get(c, 0.0), mentors[c].name.casefold(), c))
    if not order:
        return []
    # Affinity among the usable mentors only, in ``order``: position k is column order[k].
    liking = affinity_matrix([mentors[c] for c in order])
    gain = np.array([usefulness.get(c, 0.0) for c in order])
    cols = np.array(order, dtype=np.int64)
    free = np.ones(len(order), dtype=bool)
    teams: list[tuple[int, ...]] = []
    held = 0
    for lead_pos in range(len(order)):
        if held >= wanted_places:
            break
        if not free[lead_pos]:
            continue
        free[lead_pos] = False
        team = [lead_pos]
        together = eligible[:, cols[lead_pos]].copy()  # the mentees every member so far may take
        while len(team) < per_team:
            candidates = np.nonzero(free)[0]
            if not len(candidates):
                break
            keep = (eligible[:, cols[candidates]] & together[:, None]).any(axis=0)
            if apart:
                keep &= np.array(
                    [
                        not any(frozenset((int(cols[c]), int(cols[t]))) in apart for t in team)
                        for c in candidates
                    ]
                )
            candidates = candidates[keep]
            if not len(candidates):
                break
            fit = liking[np.ix_(candidates, team)].sum(axis=1)
            # Best affinity, then the more useful mentor, then the earlier in ``order`` (lexsort: last key first).
            best = int(candidates[np.lexsort((candidates, -gain[candidates], -fit))[0]])
            team.append(best)
            free[best] = False
            together &= eligible[:, cols[best]]
        if len(team) < per_team:
            for member in team[1:]:
                free[member] = True  # back for another lead; the lead stays out of this run
            continue
        members = tuple(int(cols[k]) for k in team)
        teams.append(members)
        held += min(group_size, min(places.get(c, 0) for c in members))
    return teams


def team_problem(
    teams: Sequence[tuple[int, ...]],
    scores: np.ndarray,
    eligible: np.ndarray,
    places: Mapping[int, int],
    group_size: int,
    taken: Mapping[tuple[int, ...], int] | None = None,
) -> TeamProblem:
    """Mentees x teams: mean scores, every-mentor eligibility, and places (less ``taken``: kept members)."""
    rows = scores.shape[0]
    team_scores = np.zeros((rows, len(teams)), dtype=np.float64)
    team_ok = np.zeros((rows, len(teams)), dtype=bool)
    capacities = []
    taken = taken or {}
    for t, team in enumerate(teams):
        cols = list(team)
        team_scores[:, t] = scores[:, cols].astype(np.float64).mean(axis=1)
        team_ok[:, t] = eligible[:, cols].all(axis=1)
        room = min(group_size, min(places.get(c, 0) for c in cols))
        capacities.append(max(0, room))
    return TeamProblem(tuple(tuple(t) for t in teams), team_scores, team_ok, tuple(capacities))


def combined_breakdown(breakdowns: Sequence[Sequence[Mapping[str, object]]]) -> list[dict[str, object]]:
    """One mentee's breakdown in a circle: each criterion's mean points over the co-facilitators (in
    the circle's order, the lead first), with each one's reason. No names: breakdowns are stored, and an
    erased person must leave no trace in someone else's record."""
    if len(breakdowns) == 1:
        return [dict(item) for item in breakdowns[0]]
    points: dict[str, list[float]] = {}
    reasons: dict[str, list[str]] = {}
    for breakdown in breakdowns:
        for item in breakdown:
            criterion = str(item["criterion"])
            points.setdefault(criterion, []).append(float(item["points"]))  # type: ignore[arg-type]
            reasons.setdefault(criterion, []).append(str(item["reason"]))
    out: list[dict[str, object]] = []
    for criterion, values in points.items():
        texts = reasons[criterion]
        if len(set(texts)) == 1:
            reason = f"{texts[0]} (with every co-facilitator)"
        else:
            reason = "; ".join(f"co-facilitator {n}: {text}" for n, text in enumerate(texts, 1))
        out.append({"criterion": criterion, "points": round(sum(values) / len(values), 1), "reason": reason})
    return out
