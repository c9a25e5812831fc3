"""Network mentoring: a mentee draws on several mentors at once, each for a focus area.

The programme lists its focus areas (careers, study skills, wellbeing...). Mentors offer some,
mentees need some (recorded as *goal area* tags, offered or sought, like every other offer and
need). A *link* is one mentor for one mentee; it covers the mentee's open areas the mentor offers.

``plan_network`` proposes links in rounds, each round a whole-cohort optimal assignment by the
ordinary solver (core/pairing/solver.py) over the mentors' remaining places:

- round 1 gives each mentee who has no mentor yet one mentor who covers at least one of their
  areas (a mentee with no areas recorded may have any eligible mentor, once);
- each further round proposes a *further* mentor to every mentee some of whose areas are still
  open, among mentors who offer an open area and are not already theirs.

So every mentee gets a first mentor before any mentee gets a second: the places of popular
mentors go to those with none. Hard rules (capacity, "not with", clearance, must criteria) come
in as the ``eligible`` matrix and are never relaxed; a mentor is never linked to the same mentee
twice. Every link says which areas it covers, which were covered already and by whom, and why
this mentor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from mentordesk.core.counting import common_counts
from mentordesk.core.pairing.solver import AssignmentOptions, solve

DEFAULT_FOCUS_AREAS: tuple[str, ...] = ("Careers", "Study skills", "Wellbeing")
DEFAULT_MAX_MENTORS = 3
FOCUS_CRITERION = "focus_areas"  # the breakdown line that explains a network link (0 points)


@dataclass(frozen=True)
class NetworkLink:
    row: int  # mentee index
    col: int  # mentor index
    areas: tuple[str, ...]  # the focus areas this link covers (empty: a first mentor, no areas recorded)
    score: float
    reason: str  # which areas, what was covered already, why this mentor
    kept: bool = False  # a pinned or accepted draft that stayed
    round: int = 0  # 0: kept; 1: first mentor; 2...: further mentors


@dataclass(frozen=True)
class NetworkPlan:
    links: tuple[NetworkLink, ...]
    open_areas: dict[int, str] = field(default_factory=dict)  # row -> what is still not covered, and why
    dropped: dict[tuple[int, int], str] = field(default_factory=dict)  # kept drafts that no longer hold
    rounds: int = 0


def focus_problem(areas: Sequence[str]) -> str:
    """Why a list of focus areas cannot be saved ("" when it can), naming the entry and the fix."""
    seen: dict[str, str] = {}
    for number, area in enumerate(areas, start=1):
        text = area.strip()
        if not text:
            return f"Focus area {number} is empty: type a name or remove the line."
        if len(text) > 60:
            return f"Focus area {number} ('{text[:20]}…') is longer than 60 characters: shorten it."
        key = text.casefold()
        if key in seen:
            return f"Focus area '{text}' is listed twice (as '{seen[key]}' too): remove one."
        seen[key] = text
    return ""


def _join(items: Sequence[str]) -> str:
    return ", ".join(items)


def plan_network(
    scores: np.ndarray,
    eligible: np.ndarray,
    capacities: Sequence[int],
    needs: Sequence[frozenset[str]],
    offers: Sequence[frozenset[str]],
    *,
    covered: Sequence[Mapping[str, str]] = (),
    mentor_counts: Sequence[int] = (),
    linked: Sequence[tuple[int, int]] = (),
    kept: Sequence[tuple[int, int]] = (),
    mentor_names: Sequence[str] = (),
    max_mentors: int = DEFAULT_MAX_MENTORS,
    options: AssignmentOptions | None = None,
) -> NetworkPlan:
    """Links for a network programme (see the module docstring).

    ``needs``/``offers``: each mentee's and mentor's focus areas (the programme's spelling).
    ``covered``: per mentee, area -> name of the mentor already covering it (live links).
    ``mentor_counts``: per mentee, mentors already linked (live). ``linked``: (row, col) of live
    links. ``kept``: pinned or accepted drafts, kept when the rules and places still allow them.
    """
    n_rows, n_cols = scores.shape
    if eligible.shape != scores.shape or len(capacities) != n_cols:
        raise ValueError("scores, eligible and capacities do not describe the same cohort")
    if len(needs) != n_rows or len(offers) != n_cols:
        raise ValueError("one set of focus areas per mentee and per mentor is needed")
    options = options or AssignmentOptions()
    names = list(mentor_names) or [f"mentor {j + 1}" for j in range(n_cols)]
    have: list[dict[str, str]] = [dict(c) for c in covered] or [{} for _ in range(n_rows)]
    count = list(mentor_counts) or [0] * n_rows
    caps = np.array(capacities, dtype=np.int64)
    taken = np.zeros((n_rows, n_cols), dtype=bool)
    for r, c in linked:
        taken[r, c] = True
    areas = sorted({a for s in (*needs, *offers) for a in s})
    index = {a: k for k, a in enumerate(areas)}
    offer = np.zeros((n_cols, max(1, len(areas))), dtype=bool)
    for j, items in enumerate(offers):
        for a in items:
            offer[j, index[a]] = True
    base = eligible.astype(bool)
    links: list[NetworkLink] = []
    dropped: dict[tuple[int, int], str] = {}

    def open_of(row: int) -> list[str]:
        return sorted(a for a in needs[row] if a not in have[row])

    def take(row: int, col: int, *, kept_link: bool, round_no: int, pool: np.ndarray | None) -> None:
        wanted = open_of(row)
        cover = tuple(a for a in wanted if a in offers[col])
        before = dict(have[row])
        reason = _reason(row, col, cover, before, scores, pool, names, offers, needs[row])
        links.append(NetworkLink(row, col, cover, float(scores[row, col]), reason, kept_link, round_no))
        for a in cover:
            have[row][a] = names[col]
        count[row] += 1
        caps[col] -= 1
        taken[row, col] = True

    for r, c in dict.fromkeys(kept):
        if taken[r, c]:
            dropped[(r, c)] = "this mentor is already linked to the mentee"
        elif not base[r, c]:
            dropped[(r, c)] = "the pair now breaks a hard rule"
        elif caps[c] <= 0:
            dropped[(r, c)] = "the mentor has no place left"
        elif count[r] >= max_mentors:
            dropped[(r, c)] = f"the mentee already has {max_mentors} mentors (the most allowed)"
        else:
            take(r, c, kept_link=True, round_no=0, pool=None)

    rounds = 0
    for round_no in range(1, max_mentors + 1):
        open_rows = np.zeros((n_rows, max(1, len(areas))), dtype=bool)
        wants = np.zeros(n_rows, dtype=bool)
        anyone = np.zeros(n_rows, dtype=bool)  # no areas recorded and no mentor yet: any mentor
        for i in range(n_rows):
            if count[i] >= max_mentors:
                continue
            still = open_of(i)
            if still:
                wants[i] = True
                open_rows[i, [index[a] for a in still]] = True
            elif not needs[i] and count[i] == 0:
                wants[i] = anyone[i] = True
        if not wants.any():
            break
        covers = common_counts(open_rows, offer) > 0
        covers[anyone, :] = True
        pool = base & covers & ~taken & wants[:, None] & (caps > 0)[None, :]
        if not pool.any():
            break
        result = solve(scores, pool, caps.tolist(), options=options)
        if not result.pairs:
            break
        rounds = round_no
        for r, c in result.pairs:
            take(r, c, kept_link=False, round_no=round_no, pool=pool)

    open_areas: dict[int, str] = {}
    for i in range(n_rows):
        still = open_of(i)
        if not still:
            if not needs[i] and count[i] == 0:
                open_areas[i] = _why_none(i, base, caps, taken)
            continue
        if count[i] >= max_mentors:
            open_areas[i] = f"{_join(still)} still open: already {count[i]} mentors, the most allowed"
            continue
        parts = []
        for a in still:
            offering = offer[:, index[a]] & ~taken[i]
            with_place = offering & (caps > 0)
            if not offering.any():
                parts.append(f"{a}: no mentor offers it")
            elif not with_place.any():
                parts.append(f"{a}: every mentor who offers it is full")
            elif not (base[i] & with_place).any():
                parts.append(f"{a}: every mentor who offers it is ruled out by a hard rule")
            else:
                parts.append(f"{a}: the places of mentors who offer it went to others")
        open_areas[i] = "; ".join(parts)
    return NetworkPlan(tuple(links), open_areas, dropped, rounds)


def _why_none(row: int, base: np.ndarray, caps: np.ndarray, taken: np.ndarray) -> str:
    if not (base[row] & ~taken[row]).any():
        return "no eligible mentor"
    if not (base[row] & ~taken[row] & (caps > 0)).any():
        return "every eligible mentor is already full"
    return "capacity exhausted: every eligible mentor's places went to others"


def _reason(
    row: int,
    col: int,
    cover: tuple[str, ...],
    before: Mapping[str, str],
    scores: np.ndarray,
    pool: np.ndarray | None,
    names: Sequence[str],
    offers: Sequence[frozenset[str]],
    needs: frozenset[str],
) -> str:
    """Which areas the link covers, what others cover already, and why this mentor."""
    score = float(scores[row, col])
    if cover:
        text = f"Covers {_join(cover)}."
    elif not needs:
        text = "First mentor: no focus areas are recorded for this mentee."
    else:
        text = "Kept by you; covers none of the mentee's open focus areas."
    by_mentor: dict[str, list[str]] = {}
    for area, name in before.items():
        by_mentor.setdefault(name, []).append(area)
    if by_mentor:
        already = "; ".join(f"{_join(sorted(a))} by {name}" for name, a in sorted(by_mentor.items()))
        text += f" Already covered: {already}."
    offered = sorted(offers[col])
    why = f" Why {names[col]}: offers {_join(offered)}" if offered else f" Why {names[col]}:"
    if pool is None:
        return text + f"{why}; a draft you pinned or accepted (fit {score:.0f})."
    candidates = pool[row]
    others = int(candidates.sum())
    who = "who cover it" if cover else "with a place"
    best = float(scores[row][candidates].max()) if others else score
    if others <= 1:
        tail = (
            "the only eligible mentor with a place"
            + (" who covers it" if cover else "")
            + f" (fit {score:.0f})"
        )
    elif best > score + 0.05:
        tail = (
            f"fit {score:.0f} of {others} eligible mentors {who} (best {best:.0f}, "
            "whose place served the cohort better elsewhere)"
        )
    else:
        tail = f"the best fit ({score:.0f}) of {others} eligible mentors {who}"
    return text + f"{why}; {tail}."
