"""Cascade tiers from who mentored whom."""

from __future__ import annotations

from hypothesis import given, strategies as st

from mentordesk.core.pairing import cascade_tiers, former_mentors


def test_three_tiers_in_a_chain_and_a_fan():
    # 1 mentored 2 and 3; 2 (promoted) mentored 4; 4 (promoted) mentored 5; 9 is a second first mentor.
    pairs = [(1, 2), (1, 3), (2, 4), (4, 5), (9, 6)]
    assert cascade_tiers(pairs) == {1: 1, 9: 1, 2: 2, 3: 2, 6: 2, 4: 3, 5: 4}


def test_the_highest_mentor_decides():
    # 7 was mentored first by a tier-1 mentor, then (rematched) by a tier-2 one: tier 3.
    assert cascade_tiers([(1, 2), (1, 7), (2, 7)])[7] == 3


def test_a_loop_does_not_climb_for_ever():
    tiers = cascade_tiers([(1, 2), (2, 1), (2, 3)])
    assert set(tiers) == {1, 2, 3} and all(1 <= t <= 4 for t in tiers.values())  # at most one per person + 1
    assert tiers[3] == tiers[2] + 1


def test_former_mentors():
    assert former_mentors([(1, 2), (3, 2), (2, 4)], 2) == {1, 3}
    assert former_mentors([(1, 2)], 1) == set()


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
def test_every_mentee_of_an_acyclic_tree_sits_one_below_a_mentor(pairs):
    pairs = [(a, b) for a, b in pairs if a < b]  # a < b: no loops
    tiers = cascade_tiers(pairs)
    for mentor, mentee in pairs:
        assert tiers[mentee] > tiers[mentor]
    for person, tier in tiers.items():
        above = former_mentors(pairs, person)
        assert tier == (1 + max(tiers[m] for m in above) if above else 1)
