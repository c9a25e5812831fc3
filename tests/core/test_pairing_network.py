"""Network mentoring: further mentors cover open focus areas; capacity and hard rules hold; links explain."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from mentordesk.core.pairing import focus_problem, plan_network

C, S, W = "Careers", "Study skills", "Wellbeing"


def fs(*items: str) -> frozenset[str]:
    return frozenset(items)


def test_a_second_mentor_covers_what_the_first_does_not():
    scores = np.array([[80.0, 60.0, 90.0]], dtype=np.float32)
    eligible = np.ones((1, 3), dtype=bool)
    plan = plan_network(
        scores,
        eligible,
        [1, 1, 1],
        needs=[fs(C, S)],
        offers=[fs(C), fs(S), fs(C)],
        mentor_names=["Ana", "Björn", "Chen"],
    )
    got = {(link.col, link.areas) for link in plan.links}
    # Round 1 takes the best careers mentor (Chen, 90); round 2 the only study-skills one (Björn).
    assert got == {(2, (C,)), (1, (S,))}
    assert [link.round for link in plan.links] == [1, 2]
    second = plan.links[1]
    assert second.reason.startswith("Covers Study skills. Already covered: Careers by Chen.")
    assert "Why Björn: offers Study skills; the only eligible mentor with a place who covers it (fit 60)" in (
        second.reason
    )
    assert plan.open_areas == {}


def test_existing_mentor_counts_and_no_mentor_twice():
    # The mentee already has Ana (live) for careers; Ana also offers study skills but is theirs already.
    scores = np.array([[95.0, 50.0]], dtype=np.float32)
    plan = plan_network(
        scores,
        np.ones((1, 2), dtype=bool),
        [5, 5],
        needs=[fs(C, S)],
        offers=[fs(C, S), fs(S)],
        covered=[{C: "Ana"}],
        mentor_counts=[1],
        linked=[(0, 0)],
        mentor_names=["Ana", "Ben"],
    )
    assert [(link.col, link.areas) for link in plan.links] == [(1, (S,))]
    assert "Already covered: Careers by Ana." in plan.links[0].reason


def test_capacity_first_mentors_before_second_ones():
    # One careers-and-study mentor with one place; two mentees. The mentee without any mentor gets the place.
    scores = np.array([[99.0, 10.0], [40.0, 10.0]], dtype=np.float32)
    plan = plan_network(
        scores,
        np.ones((2, 2), dtype=bool),
        [1, 1],
        needs=[fs(S), fs(C)],
        offers=[fs(C, S), fs(W)],
        covered=[{}, {}],
        mentor_counts=[0, 0],
    )
    load = np.bincount([link.col for link in plan.links], minlength=2)
    assert (load <= [1, 1]).all()
    assert len(plan.links) == 1
    assert plan.open_areas  # the other mentee's area is reported with its reason
    [(row, why)] = plan.open_areas.items()
    assert (row, why) == (1, "Careers: every mentor who offers it is full")


def test_hard_rules_are_never_relaxed_and_reasons_name_the_area():
    scores = np.array([[70.0, 80.0]], dtype=np.float32)
    eligible = np.array([[True, False]])  # "not with" the only wellbeing mentor
    plan = plan_network(
        scores, eligible, [2, 2], needs=[fs(C, W)], offers=[fs(C), fs(W)], mentor_names=["A", "B"]
    )
    assert [(link.col, link.areas) for link in plan.links] == [(0, (C,))]
    assert plan.open_areas == {0: "Wellbeing: every mentor who offers it is ruled out by a hard rule"}


def test_nobody_offers_an_area_and_max_mentors():
    scores = np.full((1, 3), 50.0, dtype=np.float32)
    plan = plan_network(
        scores,
        np.ones((1, 3), dtype=bool),
        [1, 1, 1],
        needs=[fs(C, S, W, "Music")],
        offers=[fs(C), fs(S), fs(W)],
        max_mentors=2,
    )
    assert len(plan.links) == 2
    assert "already 2 mentors, the most allowed" in plan.open_areas[0]
    plan = plan_network(
        scores, np.ones((1, 3), dtype=bool), [1, 1, 1], needs=[fs("Music")], offers=[fs()] * 3
    )
    assert plan.links == ()
    assert plan.open_areas == {0: "Music: no mentor offers it"}


def test_a_mentee_with_no_areas_gets_one_mentor_and_kept_drafts_stay():
    scores = np.array([[30.0, 60.0], [50.0, 50.0]], dtype=np.float32)
    plan = plan_network(
        scores,
        np.ones((2, 2), dtype=bool),
        [1, 2],
        needs=[fs(), fs(C, S)],
        offers=[fs(C), fs(S)],
        kept=[(1, 0)],
        mentor_names=["A", "B"],
    )
    by_row = {}
    for link in plan.links:
        by_row.setdefault(link.row, []).append(link)
    assert [link.col for link in by_row[0]] == [1]
    assert by_row[0][0].reason.startswith("First mentor: no focus areas are recorded")
    assert sorted(link.col for link in by_row[1]) == [0, 1]
    kept = next(link for link in by_row[1] if link.kept)
    assert kept.areas == (C,) and "a draft you pinned or accepted" in kept.reason
    plan = plan_network(
        scores,
        np.array([[True, True], [False, True]]),
        [1, 1],
        needs=[fs(), fs(C)],
        offers=[fs(C), fs(S)],
        kept=[(1, 0)],
    )
    assert plan.dropped == {(1, 0): "the pair now breaks a hard rule"}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_properties_capacity_rules_coverage(data):
    rng = np.random.default_rng(data.draw(st.integers(0, 10_000)))
    n, m = data.draw(st.integers(1, 7)), data.draw(st.integers(1, 6))
    areas = [C, S, W]
    needs = [fs(*[a for a in areas if rng.random() < 0.5]) for _ in range(n)]
    offers = [fs(*[a for a in areas if rng.random() < 0.5]) for _ in range(m)]
    scores = rng.uniform(0, 100, (n, m)).astype(np.float32)
    eligible = rng.random((n, m)) < 0.8
    caps = rng.integers(0, 3, m).tolist()
    plan = plan_network(scores, eligible, caps, needs=needs, offers=offers)
    load = np.bincount([link.col for link in plan.links], minlength=m)
    assert (load <= caps).all()
    pairs = [(link.row, link.col) for link in plan.links]
    assert len(set(pairs)) == len(pairs)
    for link in plan.links:
        assert eligible[link.row, link.col]
        assert set(link.areas) <= needs[link.row] & offers[link.col]
        assert link.areas or not needs[link.row]  # a link covers an area unless none is recorded
    for i in range(n):
        mine = [link for link in plan.links if link.row == i]
        covered = {a for link in mine for a in link.areas}
        assert len({a for link in mine for a in link.areas}) == sum(len(link.areas) for link in mine)
        if needs[i] - covered:
            assert i in plan.open_areas


def test_focus_area_list_problems_name_the_entry():
    assert focus_problem([C, S]) == ""
    assert focus_problem([C, " "]) == "Focus area 2 is empty: type a name or remove the line."
    assert "listed twice" in focus_problem(["Карьера", "карьера"])
    assert "longer than 60" in focus_problem(["x" * 61])
