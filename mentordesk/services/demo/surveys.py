"""The demo programme's surveys: the built-ins, answered fit checks (one worrying), a pulse that
dropped, and before-and-after measures so the outcome figures have numbers (see programme.py)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from mentordesk.core.surveys import Question, clean_answers
from mentordesk.store.models import Enrolment, Match, MatchMember, Programme, SurveyResponse, SurveyTemplate


def _answer(
    template: SurveyTemplate, person: int, match: int | None, day: date, raw: dict, source: str
) -> int:
    answers, problems = clean_answers([Question.from_json(q) for q in template.questions], raw)
    if problems:  # the demo's own answers: a mistake here is a bug, not the user's input
        raise ValueError(problems)
    SurveyResponse.create(
        template=template, participant=person, match=match, answered_on=day, source=source, answers=answers
    )
    return 1


def add_surveys(programme: Programme, today: date, rng: random.Random) -> int:
    """Seed the built-in surveys and some answers; returns how many responses."""
    from mentordesk.services.surveys import seed_builtins

    seed_builtins(programme.id)
    templates = {t.key: t for t in SurveyTemplate.select().where(SurveyTemplate.programme == programme)}
    matches = list(
        Match.select()
        .where((Match.programme == programme) & Match.started_on.is_null(False) & (Match.status != "draft"))
        .order_by(Match.started_on)
    )
    begun: date = programme.starts_on or today - timedelta(days=120)
    count = 0
    for n, match in enumerate(matches):
        members = {m.role: m.participant_id for m in MatchMember.select().where(MatchMember.match == match)}
        mentor, mentee = members.get("mentor"), members.get("mentee")
        if mentor is None or mentee is None:
            continue
        started: date = match.started_on or today  # the query keeps only started matches
        fit_day = started + timedelta(days=28)
        if fit_day <= today and n != 2:  # one match's fit checks stay unanswered: due on the dashboard
            worried = n == 3
            count += _answer(
                templates["fit_check_mentee"],
                mentee,
                match.id,
                fit_day,
                {
                    "fit": 2 if worried else rng.choice([4, 5]),
                    "listened": 3 if worried else 5,
                    "continue": not worried,
                    "comments": "We don't have much to talk about." if worried else "",
                },
                "pdf",
            )
            count += _answer(
                templates["fit_check_mentor"],
                mentor,
                match.id,
                fit_day,
                {
                    "fit": 3 if worried else rng.choice([4, 5]),
                    "comfortable": 4,
                    "meetings": "As planned",
                    "continue": True,
                },
                "typed",
            )
        # before-and-after: the "before" at the programme's start, the "after" this month
        before = {q["id"]: rng.choice([2, 3]) for q in templates["outcome_mentee"].questions}
        count += _answer(
            templates["outcome_mentee"],
            mentee,
            None,
            min(begun + timedelta(days=6), started),  # "before" is on or before the match began
            before,
            "typed",
        )
        if n < 5:
            after = {k: min(5, v + rng.choice([0, 1, 1, 2])) for k, v in before.items()}
            if n == 4:  # one young person's scores fell
                after = {k: max(1, v - 1) for k, v in before.items()}
            count += _answer(
                templates["outcome_mentee"], mentee, match.id, today - timedelta(days=4 + n), after, "csv"
            )
        if match.status == "closed" and match.closed_on:
            count += _answer(
                templates["exit"],
                mentee,
                match.id,
                match.closed_on,
                {"overall": 7, "helped": 4, "why_ended": "We stopped meeting", "recommend": True},
                "pdf",
            )
    # everyone else enrolled answered the "before" at the start too, but for a few latecomers
    answered = {
        r.participant_id
        for r in SurveyResponse.select().where(SurveyResponse.template == templates["outcome_mentee"])
    }
    enrolled = Enrolment.select().where(Enrolment.programme == programme).order_by(Enrolment.id)
    for k, enrolment in enumerate(enrolled):
        person = enrolment.participant_id
        if person in answered or k % 9 == 4:
            continue
        key = "outcome_mentor" if enrolment.role == "mentor" else "outcome_mentee"
        raw = {q["id"]: rng.choice([2, 3, 4]) for q in templates[key].questions}
        count += _answer(templates[key], person, None, begun + timedelta(days=rng.randint(2, 12)), raw, "pdf")
    # a pulse that dropped a point: the mentor of the longest-running match
    if matches:
        first = matches[0]
        mentor = next(
            m.participant_id
            for m in MatchMember.select().where(MatchMember.match == first)
            if m.role == "mentor"
        )
        pulse = templates["pulse"]
        count += _answer(
            pulse,
            mentor,
            first.id,
            (first.started_on or today) + timedelta(days=30),
            {"overall": 9, "useful": 5, "topics": ["Schoolwork", "Confidence"], "continue": True},
            "typed",
        )
        count += _answer(
            pulse,
            mentor,
            first.id,
            min(today, (first.started_on or today) + timedelta(days=88)),
            {
                "overall": 6,
                "useful": 3,
                "topics": ["Schoolwork"],
                "continue": True,
                "comments": "Meetings keep being cancelled.",
            },
            "typed",
        )
    return count
