"""Network programmes: the matcher proposes first and further mentors, each for focus areas.

Focus areas are the programme's list (Settings › Pairing); a mentor *offers* an area and a mentee
*needs* one through a goal-area tag of that name (offered or sought), the way every offer and need
is recorded. The links come from core/pairing/network.py, which runs the ordinary solver in
rounds. Each link is saved as its own draft match (one mentor, one mentee, the focus areas on the
mentor's member row), so meetings, goals, pausing and closing stay per relationship.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from mentordesk.core.pairing import (
    FOCUS_CRITERION,
    MatchStats,
    Profile,
    ScoreMatrix,
    explanation_from,
    plan_network,
)
from mentordesk.services.pairing.cohort import Cohort, dropped_pinned_pairs, unmatched_of
from mentordesk.services.pairing.results import ProposedPair, RunResult

GOAL_AREA = "goal_area"  # core.vocab.TagKind.GOAL_AREA: the tag kind focus areas are recorded as


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def areas_in(names: Iterable[str], focus_areas: Sequence[str]) -> frozenset[str]:
    """The programme's focus areas (its spelling) among tag ``names``, compared without case or spacing."""
    lookup = {_key(a): a for a in focus_areas}
    return frozenset(lookup[k] for n in names if (k := _key(n)) in lookup)


def needs_of(person: Profile, focus_areas: Sequence[str]) -> frozenset[str]:
    return areas_in(person.seeks.get(GOAL_AREA, frozenset()), focus_areas)


def offers_of(person: Profile, focus_areas: Sequence[str]) -> frozenset[str]:
    return areas_in(person.offers.get(GOAL_AREA, frozenset()), focus_areas)


def propose_network(
    cohort: Cohort,
    matrix: ScoreMatrix,
    allowed: np.ndarray,
    breakdowns: dict[tuple[int, int], list[dict[str, object]]],
) -> RunResult:
    """The links for a network cohort, explained (no database access)."""
    settings = cohort.settings
    focus = settings.focus_areas
    mentees, mentors = cohort.mentees, cohort.mentors
    names = cohort.names
    col_of = {p.id: j for j, p in enumerate(mentors)}
    row_of = {p.id: i for i, p in enumerate(mentees)}
    covered: list[Mapping[str, str]] = []
    counts: list[int] = []
    linked: list[tuple[int, int]] = []
    for i, person in enumerate(mentees):
        have: dict[str, str] = {}
        current = cohort.links.get(person.id, [])
        for mentor_id, areas in current:
            for area in areas_in(areas, focus):
                have.setdefault(area, names.get(mentor_id, f"#{mentor_id}"))
            if mentor_id in col_of:
                linked.append((i, col_of[mentor_id]))
        covered.append(have)
        counts.append(len(current))
    kept = [(row_of[a], col_of[b]) for _, a, b in cohort.kept if a in row_of and b in col_of]
    plan = plan_network(
        matrix.scores,
        allowed,
        [cohort.capacity.get(p.id, 0) for p in mentors],
        [needs_of(p, focus) for p in mentees],
        [offers_of(p, focus) for p in mentors],
        covered=covered,
        mentor_counts=counts,
        linked=linked,
        kept=kept,
        mentor_names=[names.get(p.id, p.name) for p in mentors],
        max_mentors=settings.max_mentors,
        options=settings.options(),
    )
    pairs = []
    for link in plan.links:
        mentee, mentor = mentees[link.row], mentors[link.col]
        breakdown = breakdowns.get((mentee.id, mentor.id))
        if breakdown is None:
            explanation = explanation_from(
                matrix.values_at(link.row, link.col), link.score, mentee, mentor, settings.config
            )
            breakdown = breakdowns[(mentee.id, mentor.id)] = explanation.to_breakdown()
        focus_line: dict[str, object] = {"criterion": FOCUS_CRITERION, "points": 0.0, "reason": link.reason}
        pairs.append(
            ProposedPair(
                mentee.id,
                mentor.id,
                round(link.score, 1),
                [focus_line, *(dict(item) for item in breakdown)],
                link.kept,
                focus_areas=link.areas,
                rationale=link.reason,
            )
        )
    unmatched = unmatched_of(cohort, plan.open_areas)
    dropped, dropped_pairs = dropped_pinned_pairs(cohort, plan.dropped)
    return RunResult(
        programme_id=cohort.programme_id,
        kind=cohort.kind,
        pairs=pairs,
        stats=_stats([p.score for p in pairs], len(plan.open_areas)),
        unmatched=unmatched,
        dropped_pins=dropped,
        dropped_pairs=dropped_pairs,
        names=dict(names),
    )


def _stats(scores: list[float], still_open: int) -> MatchStats:
    """Links proposed (``matched``) out of links proposed plus mentees whose areas stay open."""
    considered = len(scores) + still_open
    if not scores:
        return MatchStats(considered, 0, 0.0, None, None, None, 0)
    ordered = sorted(scores)
    worst = ordered[: max(1, -(-len(ordered) * 5 // 100))]
    return MatchStats(
        considered=considered,
        matched=len(scores),
        total=sum(scores),
        mean=sum(scores) / len(scores),
        worst5=sum(worst) / len(worst),
        minimum=ordered[0],
        top3=0,
    )
