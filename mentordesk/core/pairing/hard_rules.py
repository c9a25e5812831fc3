"""The hard rules of pairing: which pairs may be made at all, and why a pair may not.

The services gather the facts (plain ids and reasons); these functions turn
them into the boolean matrix the solver needs and into the sentences the
manual-pairing dialog shows. Safety rules live here, not in the scores: a
score can be outweighed, a hard rule cannot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class HardRules:
    # Someone who cannot be matched at all right now (on hold, away on the start date, no place left...).
    mentor_blocks: Mapping[int, str] = field(default_factory=dict)
    mentee_blocks: Mapping[int, str] = field(default_factory=dict)
    # (mentee id, mentor id) -> why never this pair ("not with" in either direction, rejected by the coordinator).
    pair_blocks: Mapping[tuple[int, int], str] = field(default_factory=dict)
    # Mentees who are minors, or whose age is unknown (treated as minors: the safe side).
    minors: frozenset[int] = frozenset()
    # Mentors who are not cleared, with the reason ("background check expired on ...").
    uncleared: Mapping[int, str] = field(default_factory=dict)
    # Peer programmes: minors are only paired with minors.
    peer: bool = False

    def pair_reason(self, mentee: int, mentor: int) -> str | None:
        return self.pair_blocks.get((mentee, mentor)) or self.pair_blocks.get((mentor, mentee))


def eligibility(
    mentees: Sequence[int], mentors: Sequence[int], rules: HardRules, must_ok: np.ndarray | None = None
) -> np.ndarray:
    """Boolean mentees x mentors: True where every hard rule allows the pair."""
    shape = (len(mentees), len(mentors))
    allowed = np.ones(shape, dtype=bool) if must_ok is None else must_ok.astype(bool).copy()
    row_of = {pid: i for i, pid in enumerate(mentees)}
    col_of = {pid: j for j, pid in enumerate(mentors)}
    for pid in rules.mentee_blocks:
        if pid in row_of:
            allowed[row_of[pid], :] = False
        if rules.peer and pid in col_of:
            allowed[:, col_of[pid]] = False
    for pid in rules.mentor_blocks:
        if pid in col_of:
            allowed[:, col_of[pid]] = False
    minor_rows = np.array([pid in rules.minors for pid in mentees], dtype=bool)
    if rules.peer:
        minor_cols = np.array([pid in rules.minors for pid in mentors], dtype=bool)
        allowed &= minor_rows[:, None] == minor_cols[None, :]
    else:
        uncleared_cols = np.array([pid in rules.uncleared for pid in mentors], dtype=bool)
        allowed[np.ix_(minor_rows, uncleared_cols)] = False
    for a, b in rules.pair_blocks:
        for mentee, mentor in ((a, b), (b, a)):
            if mentee in row_of and mentor in col_of:
                allowed[row_of[mentee], col_of[mentor]] = False
    if rules.peer:
        for pid, i in row_of.items():
            if pid in col_of:
                allowed[i, col_of[pid]] = False
    return allowed


def why_ineligible(
    mentee: int, mentor: int, rules: HardRules, must_failures: Sequence[str] = ()
) -> list[str]:
    """Every hard rule the pair breaks, in words (empty: the pair is allowed)."""
    reasons: list[str] = []
    if mentee == mentor:
        reasons.append("cannot be paired with themselves")
    if mentee in rules.mentee_blocks:
        reasons.append(rules.mentee_blocks[mentee])
    if mentor in rules.mentor_blocks:
        reasons.append(rules.mentor_blocks[mentor])
    if rules.peer and mentor in rules.mentee_blocks and mentor != mentee:
        reasons.append(rules.mentee_blocks[mentor])
    pair = rules.pair_reason(mentee, mentor)
    if pair:
        reasons.append(pair)
    if rules.peer:
        if (mentee in rules.minors) != (mentor in rules.minors):
            reasons.append("a minor is only paired with another minor in peer programmes")
    elif mentee in rules.minors and mentor in rules.uncleared:
        reasons.append(f"mentor of a minor must be cleared ({rules.uncleared[mentor]})")
    reasons.extend(must_failures)
    return reasons
