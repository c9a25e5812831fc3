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


# -- the night itself: a fixed number of rounds, re-planned when people do not come ---------------------


@dataclass(frozen=True)
class RoundPlan:
    rounds: tuple[tuple[tuple[int, int], ...], ...]  # the planned rounds: (mentee index, mentor index)
    meetings: dict[int, int]  # mentee -> meetings in the planned rounds


def plan_rounds(
    scores: np.ndarray,
    eligible: np.ndarray,
    rounds: int,
    *,
    present_mentees: set[int] | None = None,
    present_mentors: set[int] | None = None,
    met: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
) -> RoundPlan:
    """The next ``rounds`` rounds for the people present, none of whom meets a partner already ``met``.

    Used for the first plan (nobody has met anyone) and for every re-plan after check-in: the
    rounds already held are kept by the caller and only the rest are rebuilt.

    Who meets whom is chosen by a small integer programme: each mentee's j-th meeting is worth
    ``C * (rounds + 1 - j)`` (C larger than any sum of scores) plus the pair's score. The sets of
    meeting counts a bipartite b-matching can give form a polymatroid, where every maximal vector
    has the largest total and a separable, strictly concave objective is maximised by the
    lexicographically fairest one: so the most meetings there can be, shared out as evenly as the
    eligible pairs allow (nobody gets a third meeting while someone who could have had a second
    has one), and then the best scores. Each mentor meets at most one mentee per round and each
    mentee at most one mentor per round (at most ``rounds`` each); the rounds are then coloured
    as in ``colour_rounds``. No pair meets twice: ``met`` pairs and repeats are excluded.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    if rounds < 0:
        raise ValueError("rounds cannot be negative")
    n, m = eligible.shape
    allowed = eligible.astype(bool).copy()
    if present_mentees is not None:
        absent = [i for i in range(n) if i not in present_mentees]
        allowed[absent, :] = False
    if present_mentors is not None:
        absent = [j for j in range(m) if j not in present_mentors]
        allowed[:, absent] = False
    for e, mentor in met:
        allowed[e, mentor] = False
    rows, cols = np.nonzero(allowed)
    if rounds == 0 or not len(rows):
        return RoundPlan(tuple(() for _ in range(rounds)), {})
    edges = len(rows)
    values = scores[rows, cols].astype(np.float64)
    span = float(values.max() - min(0.0, float(values.min()))) + 1.0
    c = span * (edges + 1)
    mentees_used = sorted(set(rows.tolist()))
    slot_of = {e: i for i, e in enumerate(mentees_used)}
    slots = len(mentees_used) * rounds
    # Variables: the edges, then each mentee's slots 1..rounds. Rows: per mentee, edges - slots = 0;
    # per mentor, edges <= rounds.
    index = np.arange(edges)
    slot_index = edges + np.arange(slots)
    slot_owner = np.repeat(np.arange(len(mentees_used)), rounds)
    row_ids = np.concatenate(
        [np.array([slot_of[int(r)] for r in rows]), slot_owner, len(mentees_used) + cols]
    )
    col_ids = np.concatenate([index, slot_index, index])
    data = np.concatenate([np.ones(edges), -np.ones(slots), np.ones(edges)])
    a = coo_matrix((data, (row_ids, col_ids)), shape=(len(mentees_used) + m, edges + slots)).tocsr()
    lower = np.concatenate([np.zeros(len(mentees_used)), np.full(m, -np.inf)])
    upper = np.concatenate([np.zeros(len(mentees_used)), np.full(m, float(rounds))])
    worth = np.tile(c * (rounds - np.arange(rounds)), len(mentees_used))
    objective = -np.concatenate([values - values.min() + 1.0, worth])
    result = milp(
        objective,
        constraints=LinearConstraint(a, lower, upper),
        integrality=np.ones(edges + slots),
        bounds=Bounds(0, 1),
    )
    if result.x is None:  # pragma: no cover - all zeros is always feasible
        raise RuntimeError(f"the rounds could not be planned: {result.message}")
    chosen = np.rint(result.x[:edges]).astype(bool)
    pairs = [(int(r), int(col)) for r, col in zip(rows[chosen], cols[chosen], strict=True)]
    schedule = colour_rounds(pairs, n, rounds)
    counts: dict[int, int] = {}
    for e, _mentor in pairs:
        counts[e] = counts.get(e, 0) + 1
    return RoundPlan(tuple(tuple(r) for r in schedule), counts)


# -- wishes: whom each participant would like to meet again -----------------------------------------------

MUTUAL_WISH_POINTS = 40.0
ONE_WAY_WISH_POINTS = 15.0


@dataclass(frozen=True)
class WishBonus:
    points: float
    text: str


def wish_bonuses(
    wishes: set[tuple[int, int]], mentee_ids: list[int], mentor_ids: list[int]
) -> dict[tuple[int, int], WishBonus]:
    """(mentee, mentor) -> the points a follow-up run adds for wishes to meet again, and why.

    ``wishes`` holds (who wishes, whom) pairs of participant ids. Both asking for each other scores
    highest; one asking scores less, the same whichever side asked."""
    mentees, mentors = set(mentee_ids), set(mentor_ids)
    out: dict[tuple[int, int], WishBonus] = {}
    for a, b in wishes:
        for mentee, mentor in ((a, b), (b, a)):
            if mentee not in mentees or mentor not in mentors or (mentee, mentor) in out:
                continue
            mentee_asked = (mentee, mentor) in wishes
            mentor_asked = (mentor, mentee) in wishes
            if mentee_asked and mentor_asked:
                out[(mentee, mentor)] = WishBonus(
                    MUTUAL_WISH_POINTS, "both asked to meet again after speed mentoring"
                )
            elif mentee_asked:
                out[(mentee, mentor)] = WishBonus(
                    ONE_WAY_WISH_POINTS, "the mentee asked to meet this mentor again after speed mentoring"
                )
            else:
                out[(mentee, mentor)] = WishBonus(
                    ONE_WAY_WISH_POINTS, "the mentor asked to meet this mentee again after speed mentoring"
                )
    return out
