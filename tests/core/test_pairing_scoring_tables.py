"""The table lookups that score overlaps and stated preferences give, bit for bit, the per-pair formula."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from mentordesk.core.pairing.scoring import Profile, _availability_value, _overlap_value, _preference_value

WORDS = ["chess", "art", "music", "maths", "coding", "drama", "polish", "engineering"]
items = st.frozensets(st.sampled_from(WORDS), max_size=6)


def overlap_reference(seeks: frozenset[str], offers: frozenset[str], target: int) -> np.float32:
    """One pair, the documented way: 0.5 + 0.5 * min(1, shared / min(seeks, offers, target))."""
    if not seeks or not offers:
        return np.float32(0.5)
    shared = np.float32(len(seeks & offers))
    if shared == 0:
        return np.float32(0)
    wanted = np.maximum(
        np.minimum(np.float32(min(len(seeks), len(offers))), np.float32(target)), np.float32(1)
    )
    return np.float32(0.5) + np.float32(0.5) * np.minimum(np.float32(1), shared / wanted)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(items, min_size=1, max_size=6),
    cols=st.lists(items, min_size=1, max_size=6),
    target=st.sampled_from([1, 2, 3, 5, 20]),
)
def test_overlap_table_equals_the_formula(rows, cols, target):
    mentees = [Profile(id=i, seeks={"interest": s}) for i, s in enumerate(rows)]
    mentors = [Profile(id=100 + j, offers={"interest": s}) for j, s in enumerate(cols)]
    value = _overlap_value(mentees, mentors, "interest", target)
    assert value.dtype == np.float32
    for i, s in enumerate(rows):
        for j, o in enumerate(cols):
            assert value[i, j] == overlap_reference(s, o, target), (s, o, target)


phrase = st.sampled_from(["", "", "someone who likes chess", "a mentor in engineering", "Ana", "art please"])


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.tuples(phrase, items), min_size=1, max_size=5),
    cols=st.lists(st.tuples(phrase, items), min_size=1, max_size=5),
)
def test_preference_table_equals_the_formula(rows, cols):
    mentees = [
        Profile(id=i, name="Ana" if i == 0 else f"M{i}", preferences=p, offers={"interest": t})
        for i, (p, t) in enumerate(rows)
    ]
    mentors = [
        Profile(id=100 + j, name=f"N{j}", preferences=p, offers={"interest": t})
        for j, (p, t) in enumerate(cols)
    ]
    value = _preference_value(mentees, mentors)
    for i, a in enumerate(mentees):
        for j, b in enumerate(mentors):
            stated_a, stated_b = bool(a.wanted), bool(b.wanted)
            hit_a = stated_a and bool(a.wanted & b.terms)
            hit_b = stated_b and bool(b.wanted & a.terms)
            stated = np.float32(stated_a) + np.float32(stated_b)
            expected = (np.float32(hit_a) + np.float32(hit_b)) / stated if stated else np.float32(0.5)
            assert value[i, j] == expected


slot = st.tuples(st.integers(0, 6), st.integers(0, 23 * 60), st.integers(5, 180)).map(
    lambda t: (t[0], t[1], t[1] + t[2])
)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.lists(slot, max_size=3), min_size=1, max_size=4),
    cols=st.lists(st.lists(slot, max_size=3), min_size=1, max_size=4),
    target=st.sampled_from([5, 30, 120, 90.5, 10_000]),
)
def test_availability_table_equals_the_formula(rows, cols, target):
    from mentordesk.core.participants import week_matrix

    mentees = [Profile(id=i, slots=tuple(s)) for i, s in enumerate(rows)]
    mentors = [Profile(id=100 + j, slots=tuple(s)) for j, s in enumerate(cols)]
    value = _availability_value(mentees, mentors, target)
    for i, a in enumerate(rows):
        for j, b in enumerate(cols):
            if not a or not b:
                assert value[i, j] == np.float32(0.5)
                continue
            common = np.float32(int((week_matrix([a])[0] & week_matrix([b])[0]).sum()) * 5)
            expected = (
                np.float32(0.5)
                + np.float32(0.5) * np.minimum(np.float32(1), common / np.float32(max(1, target)))
                if common > 0
                else np.float32(0)
            )
            assert value[i, j] == expected
