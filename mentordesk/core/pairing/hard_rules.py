"""The hard rules of pairing: which pairs may be made at all, and why a pair may not.

The services gather the facts (plain ids and reasons, services/pairing/cohort.py);
these functions turn them into the boolean matrix the solver needs and into the
refusals (a ``Rule`` code and a sentence) that manual pairing, review, publishing
and speed rotations give. Every consumer asks here, so a mentor at capacity or a
"not with" pair is refused identically everywhere. Safety rules live here, not in
the scores: a score can be outweighed, a hard rule cannot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np


class Rule(StrEnum):
    """Which hard rule refuses a pair (callers test the code, never the sentence)."""

    SELF = "self"  # a peer paired with themselves
    UNAVAILABLE = "unavailable"  # on hold, away, not ready, left, already matched, not cleared (mentee)
    NO_PLACE = "no_place"  # the mentor's places are taken (a peer: already in a kept pair)
    NOT_WITH = "not_with"  # a "not with" rule, or a pair the coordinator rejected
    UNCLEARED = "uncleared"  # a mentor of a minor who is not cleared
    PEER_AGE = "peer_age"  # peer programmes pair minors only with minors
    MUST = "must"  # a "must" criterion fails


@dataclass(frozen=True)
class Refusal:
    rule: Rule
    text: str

    def __str__(self) -> str:
        return self.text


def places_left(capacity: int, taken: int, group_size: int | None = None) -> int:
    """A mentor's places not taken by live matches; a new group circle holds at most ``group_size``."""
    places = max(0, int(capacity or 0) - taken)
    return places if group_size is None else min(places, group_size)


@dataclass(frozen=True)
class HardRules:
    # Someone who cannot be matched at all right now (on hold, away on the start date, not ready...).
    mentor_blocks: Mapping[int, str] = field(default_factory=dict)
    mentee_blocks: Mapping[int, str] = field(default_factory=dict)
    # (mentee id, mentor id) -> why never this pair ("not with" in either direction, rejected by the coordinator).
    pair_blocks: Mapping[tuple[int, int], str] = field(default_factory=dict)
    # Mentor id -> places_left() (live matches counted); a mentor missing here has no capacity rule.
    places: Mapping[int, int] = field(default_factory=dict)
    # Mentor id -> (live mentees, capacity), for the words of a "no place left" refusal.
    load: Mapping[int, tuple[int, int]] = field(default_factory=dict)
    # Mentees who are minors, or whose age is unknown (treated as minors: the safe side).
    minors: frozenset[int] = frozenset()
    # Mentors who are not cleared, with the reason ("background check expired on ...").
    uncleared: Mapping[int, str] = field(default_factory=dict)
    # Peer programmes: minors are only paired with minors.
    peer: bool = False

    def pair_reason(self, mentee: int, mentor: int) -> str | None:
        return self.pair_blocks.get((mentee, mentor)) or self.pair_blocks.get((mentor, mentee))

    def places_left(self, mentor: int, held: int = 0) -> int:
        """Places still open when ``held`` more are held by other drafts (pinned, accepted, being published)."""
        return self.places.get(mentor, 0) - held

    def no_place(self, mentor: int, held: int = 0) -> Refusal | None:
        """The capacity rule: refuses a mentor whose places (less ``held``) are all taken."""
        if self.peer:  # a peer takes one partner: ``held`` says they are in another kept pair
            text = "already in a pinned or accepted draft pair (reject it first)"
            return Refusal(Rule.NO_PLACE, text) if held else None
        if mentor not in self.places or self.places_left(mentor, held) > 0:
            return None
        taken, capacity = self.load.get(mentor, (0, 0))
        text = f"no place left ({taken} of {capacity} taken"
        if held:
            text += f"; {held} held by other drafts: unpin or reject one first"
        return Refusal(Rule.NO_PLACE, text + ")")


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
    if not rules.peer:
        for pid, j in col_of.items():
            if rules.no_place(pid) is not None:
                allowed[:, j] = False
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


def refusals(
    mentee: int, mentor: int, rules: HardRules, must_failures: Sequence[str] = (), *, held: int = 0
) -> list[Refusal]:
    """Every hard rule the pair breaks (empty: the pair is allowed). ``held``: the mentor's places
    held by other drafts (a peer: 1 when already in another kept pair)."""
    found: list[Refusal] = []

    def refuse(rule: Rule, text: str) -> None:
        found.append(Refusal(rule, text))

    if mentee == mentor:
        refuse(Rule.SELF, "cannot be paired with themselves")
    if mentee in rules.mentee_blocks:
        refuse(Rule.UNAVAILABLE, rules.mentee_blocks[mentee])
    if mentor in rules.mentor_blocks:
        refuse(Rule.UNAVAILABLE, rules.mentor_blocks[mentor])
    elif (full := rules.no_place(mentor, held)) is not None:
        found.append(full)
    if rules.peer and mentor in rules.mentee_blocks and mentor != mentee:
        refuse(Rule.UNAVAILABLE, rules.mentee_blocks[mentor])
    pair = rules.pair_reason(mentee, mentor)
    if pair:
        refuse(Rule.NOT_WITH, pair)
    if rules.peer:
        if (mentee in rules.minors) != (mentor in rules.minors):
            refuse(Rule.PEER_AGE, "a minor is only paired with another minor in peer programmes")
    elif mentee in rules.minors and mentor in rules.uncleared:
        refuse(Rule.UNCLEARED, f"mentor of a minor must be cleared ({rules.uncleared[mentor]})")
    found.extend(Refusal(Rule.MUST, text) for text in must_failures)
    return found
