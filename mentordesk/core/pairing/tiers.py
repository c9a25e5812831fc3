"""Cascade mentoring: who is in which tier, worked out from who mentored whom.

A cascade scheme grows tier by tier: the first mentors (tier 1) mentor a cohort; those mentees who
complete their cycle are promoted and mentor the next cohort (tier 2), and so on. The tiers are
never stored: they follow from the pairs (mentor, mentee) of the programme's published matches.

- someone who mentors and was never mentored here is tier 1;
- someone mentored by people of tier n is tier n + 1 (by the highest of their mentors, when more
  than one mentored them);
- a loop (two people who mentored each other) cannot make a tier climb for ever: a mentor met again
  on the way round is not counted.
"""

from __future__ import annotations

from collections.abc import Iterable


def cascade_tiers(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """{person id: tier} for everyone in ``pairs`` of (mentor id, mentee id); tiers start at 1."""
    mentors_of: dict[int, set[int]] = {}
    people: set[int] = set()
    for mentor, mentee in pairs:
        if mentor == mentee:
            continue
        people.update((mentor, mentee))
        mentors_of.setdefault(mentee, set()).add(mentor)
    tiers: dict[int, int] = {}

    def tier(person: int, path: frozenset[int]) -> int:
        if person in tiers:
            return tiers[person]
        above = [m for m in mentors_of.get(person, ()) if m not in path]
        value = 1 + max((tier(m, path | {person}) for m in above), default=0)
        if not (mentors_of.get(person, set()) & path):  # a value cut by a loop is not remembered
            tiers[person] = value
        return value

    for person in sorted(people):
        tiers[person] = tier(person, frozenset())
    return tiers


def former_mentors(pairs: Iterable[tuple[int, int]], person: int) -> set[int]:
    """Everyone who mentored ``person`` in ``pairs`` of (mentor id, mentee id)."""
    return {mentor for mentor, mentee in pairs if mentee == person and mentor != person}
