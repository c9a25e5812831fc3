"""services.surveys on both backends: built-ins, typed responses, due lists, attention and outcomes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mentordesk.services import surveys
from mentordesk.store.models import SurveyResponse
from tests.surveys_fixtures import STARTED, TODAY, make_scheme

pytestmark = pytest.mark.both_backends


@pytest.fixture
def scheme(db, backend):
    scheme = make_scheme()
    surveys.seed_builtins(scheme.programme.id)
    return scheme


def template(scheme, key):
    return surveys.find_template(scheme.programme.id, key)


def test_seed_is_idempotent_and_names_are_found(scheme):
    assert surveys.seed_builtins(scheme.programme.id) == 0
    names = [t.name for t in surveys.list_templates(scheme.programme.id)]
    assert names[:2] == ["First-month fit check (mentee)", "First-month fit check (mentor)"]
    assert surveys.find_template(scheme.programme.id, "termly PULSE").key == "pulse"
    with pytest.raises(
        surveys.SurveyError, match="No survey called 'Nope' in this programme. Surveys: First-month"
    ):
        surveys.find_template(scheme.programme.id, "Nope")


def test_typed_response_is_checked_and_stored(scheme):
    fit = template(scheme, "fit_check_mentee")
    mentee, match = scheme.mentees[0], scheme.matches[0]
    with pytest.raises(surveys.SurveyError) as caught:
        surveys.record_response(fit.id, mentee.id, TODAY, {"fit": "7", "continue": "perhaps"}, match.id)
    assert str(caught.value).splitlines() == [
        "Question “How well are you getting on with your mentor?”: '7' is not a whole number from 1 to 5.",
        "Question “Do you want to carry on meeting your mentor?”: 'perhaps' is not yes or no.",
    ]
    assert SurveyResponse.select().count() == 0
    surveys.record_response(
        fit.id, mentee.id, TODAY, {"fit": "4", "continue": "yes", "comments": "Good"}, match.id
    )
    [row] = surveys.list_responses(scheme.programme.id)
    assert row.answers == {"fit": 4, "continue": True, "comments": "Good"} and row.source == "typed"
    with pytest.raises(surveys.SurveyError, match="already has a response to 'First-month fit check"):
        surveys.record_response(fit.id, mentee.id, TODAY, {"fit": "5", "continue": "yes"}, match.id)
    stranger = make_scheme("Other", pairs=1).mentees[0]
    with pytest.raises(surveys.SurveyError, match="is not enrolled in this survey's programme"):
        surveys.record_response(fit.id, stranger.id, TODAY, {"fit": "5", "continue": "yes"})


def test_due_list_and_overdue_attention(scheme):
    due = surveys.due_list(scheme.programme.id, TODAY)
    fit = [d for d in due if d.survey.startswith("First-month")]
    # every member's fit check was due on day 30 and is 30 days late: overdue
    assert len(fit) == 6 and all(d.overdue and d.due_on == STARTED + timedelta(days=30) for d in fit)
    fit_mentee = template(scheme, "fit_check_mentee")
    surveys.record_response(
        fit_mentee.id, scheme.mentees[0].id, TODAY, {"fit": 5, "continue": True}, scheme.matches[0].id
    )
    after = surveys.due_list(scheme.programme.id, TODAY)
    assert len(after) == len(due) - 1
    [overdue] = [a for a in surveys.attention_items(scheme.programme.id, TODAY) if a.subject == "Surveys"]
    assert overdue.problem == f"{len(after)} surveys overdue" and overdue.days_overdue == 80


def test_worrying_answers_reach_the_attention_list(scheme):
    fit = template(scheme, "fit_check_mentee")
    pulse = template(scheme, "pulse")
    mentee, match = scheme.mentees[1], scheme.matches[1]
    surveys.record_response(fit.id, mentee.id, TODAY, {"fit": 2, "continue": False}, match.id)
    mentor = scheme.mentors[2]
    surveys.record_response(
        pulse.id, mentor.id, TODAY - timedelta(days=90), {"overall": 9, "useful": 5}, scheme.matches[2].id
    )
    surveys.record_response(pulse.id, mentor.id, TODAY, {"overall": 6, "useful": 4}, scheme.matches[2].id)
    items = [a for a in surveys.attention_items(scheme.programme.id, TODAY) if a.subject != "Surveys"]
    texts = sorted(f"{a.subject} | {a.problem}" for a in items)
    assert texts == sorted(
        [
            f"{mentee.display_name} (match {match.id}): First-month fit check (mentee) | "
            f"“How well are you getting on with your mentor?” 2 of 5 on {TODAY}",
            f"{mentee.display_name} (match {match.id}): First-month fit check (mentee) | "
            f"“Do you want to carry on meeting your mentor?” No on {TODAY}",
            # 9/10 and 5/5 -> (8/9 + 1) / 2 -> 4.8; 6/10 and 4/5 -> (5/9 + 3/4) / 2 -> 3.6
            f"{mentor.display_name} (match {scheme.matches[2].id}): Termly pulse | "
            f"Pulse score fell from 4.8 to 3.6 (of 5) on {TODAY}",
        ]
    )


def test_outcome_figures_for_the_programme_and_a_mentee(scheme):
    outcome = template(scheme, "outcome_mentee")
    ids = [q.id for q in outcome.questions]
    low = dict.fromkeys(ids, 2)
    low.update(conf_doubt=4, belong_left_out=4, school_skip=4)  # reversed: 4 counts as 2
    high = dict.fromkeys(ids, 4)
    high.update(conf_doubt=2, belong_left_out=2, school_skip=2)
    a, b = scheme.mentees[0], scheme.mentees[1]
    surveys.record_response(outcome.id, a.id, STARTED - timedelta(days=5), low)
    surveys.record_response(outcome.id, a.id, TODAY, high)  # +2 on every scale
    surveys.record_response(outcome.id, b.id, STARTED, high)
    surveys.record_response(outcome.id, b.id, TODAY, {"conf_try": 3, "conf_problems": 3})  # confidence 3: -1
    figures = surveys.outcome_figures(scheme.programme.id)
    assert figures["confidence"] == {
        "outcome_pairs": 2,
        "outcome_mean_change": 0.5,
        "outcome_improved_pct": 50,
    }
    assert figures["hope"] == {"outcome_pairs": 1, "outcome_mean_change": 2.0, "outcome_improved_pct": 100}
    assert figures["mentoring_confidence"]["outcome_pairs"] == 0
    lines = {
        (line.scale, line.before, line.after) for line in surveys.person_outcomes(scheme.programme.id, b.id)
    }
    assert ("Confidence", 4.0, 3.0) in lines and ("Hope for the future", 4.0, None) in lines


def test_editing_a_template_checks_it_and_raises_its_version(scheme):
    fit = template(scheme, "fit_check_mentee")
    questions = [q.to_json() for q in fit.questions]
    unchanged = surveys.update_template(fit.id, questions=questions, schedules=[("days_after_start", 21)])
    assert unchanged.edition == 1 and unchanged.schedules == (("days_after_start", 21),)
    questions.append({"id": "extra", "text": "Anything to celebrate?", "kind": "short_text"})
    assert surveys.update_template(fit.id, questions=questions).edition == 2
    with pytest.raises(surveys.SurveyError, match="Question 6 .*: the id 'extra' is used twice"):
        surveys.update_template(fit.id, questions=[*questions, questions[-1]])
    with pytest.raises(surveys.SurveyError, match="already has a survey called 'Termly pulse'"):
        surveys.update_template(fit.id, name="Termly pulse")
    with pytest.raises(surveys.SurveyError, match="Unknown schedule 'weekly'"):
        surveys.update_template(fit.id, schedules=[("weekly", 7)])
    assert template(scheme, "fit_check_mentee").edition == 2


def test_an_answered_question_keeps_its_kind_and_questions_reorder(scheme):
    fit = template(scheme, "fit_check_mentee")
    mentee, match = scheme.mentees[0], scheme.matches[0]
    surveys.record_response(fit.id, mentee.id, TODAY, {"fit": "4", "continue": "yes"}, match.id)
    assert surveys.answer_counts(fit.id) == {"fit": 1, "continue": 1}
    questions = [q.to_json() for q in fit.questions]
    as_choice = [dict(q) for q in questions]
    as_choice[0].update(kind="single", choices=["Well", "Badly"])
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.update_template(fit.id, questions=as_choice)
    assert str(refused.value) == (
        "Question 1 (“How well are you getting on with your mentor?”) already has 1 answer as rating 1–5, "
        "so it cannot become one choice. Keep its kind, or add a new question of the kind you want (and "
        "remove this one): the answers given stay with the old question."
    )
    assert template(scheme, "fit_check_mentee") == fit  # unchanged, edition 1
    # an unanswered question may change kind; moving questions keeps every answer with its question
    comments = next(q for q in questions if q["id"] == "comments")
    moved = [dict(comments, kind="single", choices=["Yes", "Not yet"])] + [
        q for q in questions if q["id"] != "comments"
    ]
    changed = surveys.update_template(fit.id, questions=moved)
    assert changed.edition == 2 and [q.id for q in changed.questions][0] == "comments"
    assert changed.questions[0].kind == "single"
    [row] = surveys.list_responses(scheme.programme.id)
    assert row.answers == {"fit": 4, "continue": True}


def test_the_statements_of_a_scale_are_rated_alike(scheme):
    outcome = template(scheme, "outcome_mentee")
    questions = [q.to_json() for q in outcome.questions]
    questions[1] = dict(questions[1], kind="rating10")
    with pytest.raises(surveys.SurveyError, match="every statement of the scale 'confidence' is rated alike"):
        surveys.update_template(outcome.id, questions=questions)


def test_a_chosen_choice_stays_among_its_questions_choices(scheme):
    pulse = template(scheme, "pulse")
    topics = next(q for q in pulse.questions if q.id == "topics")
    mentee, match = scheme.mentees[0], scheme.matches[0]
    surveys.record_response(
        pulse.id, mentee.id, TODAY, {"overall": 7, "topics": [topics.choices[1]]}, match.id
    )
    questions = [q.to_json() for q in pulse.questions]
    at = next(i for i, q in enumerate(questions) if q["id"] == "topics")
    renamed = [dict(q) for q in questions]
    renamed[at]["choices"] = [c if c != topics.choices[1] else "Something new" for c in topics.choices]
    with pytest.raises(surveys.SurveyError) as refused:
        surveys.update_template(pulse.id, questions=renamed)
    assert f"1 answer chose “{topics.choices[1]}”, so that choice stays" in str(refused.value)
    assert template(scheme, "pulse") == pulse
    added = [dict(q) for q in questions]
    unchosen = topics.choices[0]
    added[at]["choices"] = [c for c in topics.choices if c != unchosen] + ["Friends"]
    changed = surveys.update_template(pulse.id, questions=added)  # an unchosen choice may go
    assert "Friends" in changed.questions[at].choices and unchosen not in changed.questions[at].choices
