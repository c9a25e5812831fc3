"""The hard rules on plain ids: places left, the capacity refusal and its code, and the solver's mask."""

from __future__ import annotations

from mentordesk.core.pairing import HardRules, Rule, eligibility, places_left, refusals


def test_places_left_counts_live_matches_and_caps_a_new_circle_at_the_group_size():
    assert places_left(3, 1) == 2
    assert places_left(1, 2) == 0  # over-full after a capacity cut: never negative
    assert places_left(6, 3, group_size=4) == 3
    assert places_left(6, 0, group_size=4) == 4


def test_a_full_mentor_is_masked_and_refused_with_the_no_place_code():
    rules = HardRules(places={10: 0, 11: 1}, load={10: (2, 2), 11: (0, 1)})
    assert eligibility([1, 2], [10, 11], rules).tolist() == [[False, True], [False, True]]
    [full] = refusals(1, 10, rules)
    assert (full.rule, full.text) == (Rule.NO_PLACE, "no place left (2 of 2 taken)")
    assert refusals(1, 11, rules) == []
    [held] = refusals(1, 11, rules, held=1)
    assert held.rule is Rule.NO_PLACE and "1 held by other drafts" in held.text
    assert rules.places_left(11, held=1) == 0


def test_an_unavailable_mentor_is_refused_for_that_reason_only():
    rules = HardRules(mentor_blocks={10: "on hold"}, places={10: 0}, load={10: (1, 1)})
    assert [(r.rule, r.text) for r in refusals(1, 10, rules)] == [(Rule.UNAVAILABLE, "on hold")]


def test_each_rule_has_its_code():
    rules = HardRules(
        pair_blocks={(1, 10): "a 'not with' rule is recorded"},
        minors=frozenset({1}),
        uncleared={10: "background check failed"},
        places={10: 1},
    )
    codes = [r.rule for r in refusals(1, 10, rules, ["must: no shared interests"])]
    assert codes == [Rule.NOT_WITH, Rule.UNCLEARED, Rule.MUST]
    peers = HardRules(peer=True, minors=frozenset({1}))
    assert [r.rule for r in refusals(1, 1, peers)] == [Rule.SELF]
    assert [r.rule for r in refusals(1, 2, peers)] == [Rule.PEER_AGE]
    assert [r.rule for r in refusals(2, 3, peers, held=1)] == [Rule.NO_PLACE]  # 3 is in another kept pair
