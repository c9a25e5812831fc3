"""core.surveys: answer checks, scale scoring, due dates, attention rules and outcome figures,
each against a hand-worked example."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mentordesk.core.surveys import (
    BUILT_INS,
    Answered,
    AnswerProblem,
    MatchFacts,
    Question,
    Schedule,
    ScoredResponse,
    TemplateProblem,
    alerts_for,
    check_questions,
    clean_answer,
    clean_answers,
    due_surveys,
    outcome_figures,
    rating_mean,
    scale_scores,
)

R5 = Question("r", "How well?", "rating5", required=True)
R10 = Question("t", "Overall?", "rating10")
YN = Question("go_on", "Do you want to continue?", "yes_no", alert_no=True)
ONE = Question("why", "Why?", "single", choices=("Moved", "Planned end"))
MANY = Question("topics", "Topics?", "multiple", choices=("Maths", "Art, music", "Sport"))


def test_built_ins_are_valid_templates():
    for spec in BUILT_INS:
        assert check_questions([q.to_json() for q in spec.questions]) == list(spec.questions)
    outcome = next(s for s in BUILT_INS if s.key == "outcome_mentee")
    counts = {}
    for q in outcome.questions:
        counts[q.scale] = counts.get(q.scale, 0) + 1
    assert counts == {"confidence": 4, "belonging": 3, "hope": 3, "school_engagement": 3}


@pytest.mark.parametrize(
    ("question", "raw", "stored"),
    [
        (R5, "4", 4),
        (R5, 5, 5),
        (R5, "3.0", 3),
        (R10, "10", 10),
        (YN, "No", False),
        (YN, "yes", True),
        (YN, True, True),
        (ONE, "planned END", "Planned end"),
        (MANY, "Sport; maths", ["Maths", "Sport"]),
        (MANY, "Art, music", ["Art, music"]),
        (MANY, ["Art, music", "Sport"], ["Art, music", "Sport"]),
        (YN, "", None),
    ],
)
def test_clean_answer_accepts(question, raw, stored):
    assert clean_answer(question, raw) == stored


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        (R5, "6", "Question “How well?”: '6' is not a whole number from 1 to 5."),
        (R5, "3.5", "is not a whole number from 1 to 5"),
        (R5, "", "Question “How well?”: an answer is required."),
        (R10, "0", "from 1 to 10"),
        (YN, "maybe", "Question “Do you want to continue?”: 'maybe' is not yes or no."),
        (ONE, "Bored", "'Bored' is not one of the choices (Moved; Planned end)"),
        (MANY, "Maths; Chess", "'Chess' is not one of the choices"),
    ],
)
def test_clean_answer_refuses_naming_the_question(question, raw, message):
    with pytest.raises(AnswerProblem) as caught:
        clean_answer(question, raw)
    assert message in str(caught.value)


def test_clean_answers_collects_every_problem():
    answers, problems = clean_answers([R5, YN, ONE], {"r": "9", "go_on": "no", "extra": "1"})
    assert answers == {"go_on": False}
    assert problems == [
        "Question “How well?”: '9' is not a whole number from 1 to 5.",
        "Unknown question 'extra': this survey has no such question.",
    ]


def test_bad_templates_are_refused_by_question():
    with pytest.raises(TemplateProblem, match=r"Question 2 \(“Pick”\): a choice question needs at least two"):
        check_questions([R5.to_json(), {"id": "p", "text": "Pick", "kind": "single", "choices": ["a"]}])
    with pytest.raises(TemplateProblem, match="id 'r' is used twice"):
        check_questions([R5.to_json(), R5.to_json()])
    with pytest.raises(TemplateProblem, match="unknown kind 'stars'"):
        check_questions([{"id": "s", "text": "Stars", "kind": "stars"}])


SCALE = [
    Question("a", "A", "rating5", scale="conf"),
    Question("b", "B", "rating5", scale="conf"),
    Question("c", "C", "rating5", scale="conf", reverse=True),
    Question("d", "D", "rating5", scale="conf"),
    Question("e", "E", "rating5", scale="hope"),
    Question("f", "F", "rating5", scale="hope"),
    Question("g", "G", "rating5", scale="hope"),
]


def test_scale_scores_reverse_and_missing_items():
    # conf: a=4, b=5, c=2 reversed to 4, d=3 -> (4+5+4+3)/4 = 4.0; hope: only e of 3 answered -> None
    assert scale_scores(SCALE, {"a": 4, "b": 5, "c": 2, "d": 3, "e": 5}) == {"conf": 4.0, "hope": None}
    # conf: 2 of 4 answered is half: scored, (1 + (6-5)) / 2 = 1.0; hope: 2 of 3: (2+5)/2 = 3.5
    assert scale_scores(SCALE, {"a": 1, "c": 5, "e": 2, "g": 5}) == {"conf": 1.0, "hope": 3.5}
    # conf: 1 of 4 answered is fewer than half
    assert scale_scores(SCALE, {"a": 5})["conf"] is None


def test_pulse_score_puts_ratings_on_one_scale():
    # 10 of 10 -> 1.0, 3 of 5 -> 0.5; mean 0.75 -> 1 + 4 * 0.75 = 4.0
    assert rating_mean([R10, R5], {"t": 10, "r": 3}) == 4.0
    assert rating_mean([R10, YN], {"go_on": True}) is None


def test_attention_rules():
    fit = [R5, YN]
    assert [a.text for a in alerts_for("fit_check", fit, {"r": 2, "go_on": True})] == ["“How well?” 2 of 5"]
    assert alerts_for("fit_check", fit, {"r": 3, "go_on": True}) == []
    assert [a.text for a in alerts_for("pulse", fit, {"r": 5, "go_on": False})] == [
        "“Do you want to continue?” No"
    ]
    # pulse: previous 4 of 5 -> 4.0; now 3 -> 3.0: a drop of exactly 1 point counts
    [drop] = alerts_for("pulse", [R5], {"r": 3}, previous={"r": 4})
    assert drop.text == "Pulse score fell from 4.0 to 3.0 (of 5)"
    assert alerts_for("pulse", [R10], {"t": 8}, previous={"t": 9}) == []  # 0.44 points
    # a low rating outside a fit check is not an alert by itself
    assert alerts_for("exit", [R5], {"r": 1}) == []


START = date(2026, 9, 1)


def test_outcome_figures_hand_worked():
    started = {1: START, 2: START, 3: START, 4: START}
    day = START
    responses = [
        # person 1: before 2.0, an earlier "before" wins over a later one; after 3.5 (latest): +1.5
        ScoredResponse(1, day - timedelta(days=20), {"conf": 2.0, "hope": 3.0}),
        ScoredResponse(1, day, {"conf": 4.0, "hope": 3.0}),
        ScoredResponse(1, day + timedelta(days=100), {"conf": 3.0, "hope": 2.0}),
        ScoredResponse(1, day + timedelta(days=200), {"conf": 3.5, "hope": None}),
        # person 2: 3.0 -> 2.5: -0.5
        ScoredResponse(2, day - timedelta(days=1), {"conf": 3.0, "hope": 4.0}),
        ScoredResponse(2, day + timedelta(days=150), {"conf": 2.5, "hope": 5.0}),
        # person 3: only an "after": no pair
        ScoredResponse(3, day + timedelta(days=150), {"conf": 5.0, "hope": 5.0}),
        # person 4: 1.0 -> 2.0: +1.0
        ScoredResponse(4, day - timedelta(days=3), {"conf": 1.0, "hope": None}),
        ScoredResponse(4, day + timedelta(days=90), {"conf": 2.0, "hope": 4.0}),
        # person 5: no match start known: left out
        ScoredResponse(5, day - timedelta(days=3), {"conf": 1.0}),
    ]
    figures = outcome_figures(["conf", "hope", "belonging"], responses, started)
    # conf: changes +1.5, -0.5, +1.0 -> mean 2.0/3 = 0.67; 2 of 3 improved = 67 %
    assert figures["conf"] == {"outcome_pairs": 3, "outcome_mean_change": 0.67, "outcome_improved_pct": 67}
    # hope: person 1's after has no hope score; person 2: 4 -> 5; person 4: no before score
    assert figures["hope"] == {"outcome_pairs": 1, "outcome_mean_change": 1.0, "outcome_improved_pct": 100}
    assert figures["belonging"] == {
        "outcome_pairs": 0,
        "outcome_mean_change": None,
        "outcome_improved_pct": None,
    }


def test_due_dates_windows_and_overdue():
    fit = Schedule(1, "mentee", "days_after_start", 30)
    pulse = Schedule(2, "both", "every_days", 90)
    exit_ = Schedule(3, "both", "at_closure")
    outcome = Schedule(4, "mentee", "programme_start")
    match = MatchFacts(7, START, None, ((10, "mentor"), (11, "mentee")))
    closed = MatchFacts(8, START, START + timedelta(days=50), ((12, "mentor"), (13, "mentee")))
    answered = Answered()
    today = START + timedelta(days=100)
    got = due_surveys(
        [fit, pulse, exit_, outcome],
        [match, closed],
        [(11, "mentee"), (13, "mentee"), (10, "mentor")],
        (START - timedelta(days=10), None),
        answered,
        today,
    )
    rows = {(d.template_id, d.participant_id, d.match_id): (d.due_on, d.overdue) for d in got}
    assert rows == {
        (4, 11, None): (START - timedelta(days=10), True),
        (4, 13, None): (START - timedelta(days=10), True),
        (1, 11, 7): (START + timedelta(days=30), True),
        (1, 13, 8): (START + timedelta(days=30), True),
        (3, 12, 8): (START + timedelta(days=50), True),
        (3, 13, 8): (START + timedelta(days=50), True),
        (2, 10, 7): (START + timedelta(days=90), False),  # 10 days ago: due, not yet overdue
        (2, 11, 7): (START + timedelta(days=90), False),
    }
    # answers: the fit check a week early counts (30-day lead); the pulse answered before its window does not
    answered.add(1, 11, 7, START + timedelta(days=23))
    answered.add(2, 10, 7, START + timedelta(days=30))  # day 90's window opens on day 60: too early
    answered.add(2, 11, 7, START + timedelta(days=95))
    answered.add(4, 11, 8, START)  # programme-wide surveys count whatever match they name
    got = due_surveys(
        [fit, pulse, outcome], [match], [(11, "mentee")], (START - timedelta(days=10), None), answered, today
    )
    assert [(d.template_id, d.participant_id) for d in got] == [(2, 10)]


def test_someone_who_joins_late_is_asked_the_start_survey_on_the_day_they_joined():
    """Found from outside: a mentee enrolled today was shown the baseline survey "120 days overdue",
    dated from the programme's start, months before they were there."""
    outcome = Schedule(4, "mentee", "programme_start")
    closing = Schedule(5, "mentee", "programme_end")
    begins, ends = START - timedelta(days=120), START + timedelta(days=200)
    joined = START - timedelta(days=3)
    got = due_surveys(
        [outcome, closing],
        [],
        [(11, "mentee", joined), (12, "mentee", begins - timedelta(days=30)), (13, "mentee", None), (14, "mentee")],
        (begins, ends),
        Answered(),
        START,
    )
    rows = {d.participant_id: (d.due_on, d.overdue) for d in got}
    assert rows == {
        11: (joined, False),  # due the day they joined, three days ago: not overdue
        12: (begins, True),  # enrolled before the start: asked at the start, as before
        13: (begins, True),  # the day is not known: the programme's start
        14: (begins, True),
    }
