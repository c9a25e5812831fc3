"""Compatibility scores: the numbers, the reasons behind them, and the settings that shape them."""

from __future__ import annotations

import random

import numpy as np
import pytest

from mentordesk.core.pairing.criteria import (
    AGE,
    AVAILABILITY,
    CRITERIA,
    INTERESTS,
    ORGANISATION,
    CriterionSetting,
    Importance,
    ScoringConfig,
)
from mentordesk.core.pairing.explain import explain
from mentordesk.core.pairing.scoring import Profile, peer_matrix, phrases, score_matrix
from mentordesk.core.participants import availability

TUESDAY = 1


def person(pid: int, **kw) -> Profile:
    return Profile(id=pid, name=kw.pop("name", f"P{pid}"), **kw)


def only(*settings: tuple[str, CriterionSetting]) -> ScoringConfig:
    criteria = {c: CriterionSetting(Importance.OFF) for c in CRITERIA}
    criteria.update(dict(settings))
    return ScoringConfig(criteria=criteria)


MENTEE = person(
    1,
    seeks={"interest": frozenset({"robotics", "chess", "drama"}), "skill": frozenset({"coding"})},
    slots=((TUESDAY, 15 * 60, 17 * 60),),
    organisation="Riverside Academy",
    department="Year 10",
    age=15,
    languages=frozenset({"English", "Polish"}),
)
MENTOR = person(
    2,
    offers={"interest": frozenset({"robotics", "chess"}), "skill": frozenset({"finance"})},
    slots=((TUESDAY, 16 * 60, 18 * 60), (3, 9 * 60, 10 * 60)),
    organisation="Riverside Academy",
    department="Year 10",
    age=40,
    languages=frozenset({"Polish"}),
)


def test_breakdown_reads_like_the_coordinator_expects():
    config = ScoringConfig.defaults("one_to_one")
    result = explain(MENTEE, MENTOR, config)
    lines = {r.criterion: r.line() for r in result.reasons}
    assert lines[INTERESTS].startswith("+") and lines[INTERESTS].endswith("shared interests: chess, robotics")
    assert "both free Tuesday 16:00-17:00 (1 h a week)" in lines[AVAILABILITY]
    assert lines[ORGANISATION].startswith("-") and lines[ORGANISATION].endswith("same department")
    assert "offers none of the skills sought (coding)" in lines["skills"]
    assert "shared language: Polish" in lines["languages"]
    assert "mentor 25 years older" in lines[AGE]
    summary = result.summary()
    assert "shared interests: chess, robotics" in summary and "same department" in summary


def test_score_is_fifty_plus_the_points_and_stays_in_range():
    config = ScoringConfig.defaults("one_to_one")
    result = explain(MENTEE, MENTOR, config)
    assert 0 <= result.score <= 100
    assert result.score == pytest.approx(50 + sum(r.points for r in result.reasons), abs=0.5)


def test_weights_follow_the_importance_scheme():
    # Interests are the only criterion that differs between two mentors; its weight decides how much.
    a = person(3, offers={"interest": frozenset({"robotics", "chess"})})
    b = person(4, offers={"interest": frozenset({"football"})})
    mentee = person(5, seeks={"interest": frozenset({"robotics", "chess"})})
    gaps = {}
    for importance in (Importance.SOMEWHAT, Importance.MODERATE, Importance.VERY):
        config = only(
            (INTERESTS, CriterionSetting(importance)), (AVAILABILITY, CriterionSetting(Importance.VERY))
        )
        scores = score_matrix([mentee], [a, b], config).scores
        gaps[importance] = float(scores[0, 0] - scores[0, 1])
    assert gaps[Importance.SOMEWHAT] < gaps[Importance.MODERATE] < gaps[Importance.VERY]
    # Normalised to 0-100: interests alone (very important) spans the whole scale.
    alone = score_matrix([mentee], [a, b], only((INTERESTS, CriterionSetting(Importance.VERY)))).scores
    assert alone[0, 0] == pytest.approx(100) and alone[0, 1] == pytest.approx(0)


def test_off_criteria_do_not_count_and_all_off_is_neutral():
    config = only()
    assert score_matrix([MENTEE], [MENTOR], config).scores[0, 0] == pytest.approx(50)
    assert explain(MENTEE, MENTOR, config).reasons == ()


def test_must_is_a_filter():
    config = ScoringConfig.defaults().with_setting(AVAILABILITY, CriterionSetting(Importance.MUST))
    free_at_other_times = person(6, slots=((4, 9 * 60, 10 * 60),))
    unknown = person(7)
    matrix = score_matrix([MENTEE], [MENTOR, free_at_other_times, unknown], config)
    assert matrix.must_ok.tolist() == [[True, False, True]]  # unknown is not a conflict
    assert explain(MENTEE, free_at_other_times, config).must_failures == ("must: no free time in common",)


def test_organisation_option_flips_for_cross_department_and_same_organisation_schemes():
    other = person(8, organisation="Riverside Academy", department="Year 11")
    different = only((ORGANISATION, CriterionSetting(Importance.VERY, "different_department")))
    same = only((ORGANISATION, CriterionSetting(Importance.VERY, "same_department")))
    assert score_matrix([MENTEE], [MENTOR, other], different).scores.tolist() == [[0, 100]]
    assert score_matrix([MENTEE], [MENTOR, other], same).scores.tolist() == [[100, 0]]
    # "Year 10" at another school is not the same department.
    elsewhere = person(9, organisation="Northgate High", department="Year 10")
    assert score_matrix([MENTEE], [elsewhere], different).scores[0, 0] == 100


def test_reverse_mentoring_flips_the_age_direction():
    junior = person(10, seniority=2, age=24)
    senior = person(11, seniority=20, age=50)
    traditional = ScoringConfig.defaults("one_to_one")
    reverse = ScoringConfig.defaults("reverse")
    assert explain(junior, senior, traditional).reasons[-2].points > 0  # senior mentors junior
    assert explain(senior, junior, reverse).reasons[-2].points > 0  # junior mentors senior
    text = explain(senior, junior, traditional).reasons[-2].text
    assert text == "mentor 18 years more junior (wanted the mentor older)"


def test_stated_preferences_match_tags_languages_and_names():
    mentee = person(12, preferences="I'd like someone in engineering who speaks Polish")
    engineer = person(13, department="Engineering", languages=frozenset({"Polish"}))
    other = person(14, department="Finance")
    config = only(("preferences", CriterionSetting(Importance.VERY)))
    scores = score_matrix([mentee], [engineer, other], config).scores
    assert scores[0, 0] == 100 and scores[0, 1] == 0
    assert (
        "fits the mentee's stated preference (engineering, polish)"
        in explain(mentee, engineer, config).summary()
    )
    assert "public speaking" in phrases("Good at public speaking, please")


def test_peer_scores_are_symmetric_with_no_self_pairs():
    rng = random.Random(3)
    pool = [random_profile(rng, i) for i in range(12)]
    matrix = peer_matrix(pool, ScoringConfig.defaults("peer"))
    assert np.allclose(matrix.scores, matrix.scores.T)
    assert not matrix.must_ok.diagonal().any()


def random_profile(rng: random.Random, pid: int) -> Profile:
    skills = ["coding", "maths", "design", "finance", "writing"]
    interests = ["chess", "music", "art", "football", "robotics"]
    slots = tuple(
        (rng.randrange(5), start, start + rng.choice([30, 60, 90]))
        for start in rng.sample(range(15 * 60, 18 * 60, 15), rng.randint(0, 2))
    )
    return Profile(
        id=pid,
        name=f"P{pid}",
        offers={
            "skill": frozenset(rng.sample(skills, rng.randint(0, 2))),
            "interest": frozenset(rng.sample(interests, 2)),
        },
        seeks={
            "skill": frozenset(rng.sample(skills, rng.randint(0, 2))),
            "interest": frozenset(rng.sample(interests, 2)),
        },
        languages=frozenset(rng.sample(["English", "Polish", "Urdu"], rng.randint(0, 2))),
        slots=slots,
        organisation=rng.choice(["", "A", "B"]),
        department=rng.choice(["", "X", "Y"]),
        age=rng.choice([None, 14.0, 16.0, 30.0, 45.0]),
        seniority=rng.choice([None, 1.0, 10.0]),
        preferences=rng.choice(["", "someone who likes chess", "Polish speaker", "coding"]),
    )


def test_matrix_and_single_pair_explanations_agree():
    rng = random.Random(11)
    mentees = [random_profile(rng, i) for i in range(15)]
    mentors = [random_profile(rng, 100 + i) for i in range(9)]
    config = ScoringConfig.defaults("one_to_one").with_setting(
        AVAILABILITY, CriterionSetting(Importance.MUST)
    )
    matrix = score_matrix(mentees, mentors, config)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            single = explain(mentee, mentor, config)
            assert single.score == pytest.approx(float(matrix.scores[i, j]), abs=0.06)
            assert single.passes_musts == bool(matrix.must_ok[i, j])
            assert single.score == pytest.approx(50 + sum(r.points for r in single.reasons), abs=0.5)


def test_settings_round_trip_and_tolerate_damage():
    config = ScoringConfig.defaults("reverse").with_setting(INTERESTS, CriterionSetting(Importance.MUST))
    again = ScoringConfig.from_settings(config.to_settings(), "reverse")
    assert again == config
    damaged = ScoringConfig.from_settings(
        {
            "criteria": {"interests": {"importance": "enormous"}, "age": {"option": "sideways"}, "bogus": 1},
            "availability_minutes": -5,
            "overlap_target": "two",
        },
        "one_to_one",
    )
    assert damaged == ScoringConfig.defaults("one_to_one")
    assert ScoringConfig.from_settings("not a dict") == ScoringConfig.defaults()


def test_availability_windows_are_exact_and_the_matrix_counts_minutes():
    a = [(TUESDAY, 16 * 60, 17 * 60 + 30), (TUESDAY, 17 * 60, 18 * 60), (9, 0, 60), (2, 600, 500)]
    assert availability.normalise(a) == [(TUESDAY, 16 * 60, 18 * 60)]
    b = [(TUESDAY, 17 * 60 + 15, 19 * 60), (3, 16 * 60, 17 * 60)]
    common = availability.common_windows(a, b)
    assert common == [(TUESDAY, 17 * 60 + 15, 18 * 60)]
    assert availability.describe_slots(common) == "Tuesday 17:15-18:00"
    rows = availability.week_matrix([a, []])
    cols = availability.week_matrix([b])
    assert availability.common_minutes_matrix(rows, cols).tolist() == [[45.0], [0.0]]
    assert availability.format_duration(90) == "1 h 30 min" and availability.format_duration(45) == "45 min"
