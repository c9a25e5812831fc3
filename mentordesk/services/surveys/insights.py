"""What the surveys say: who owes one (due and overdue), answers that need attention, and the
before-and-after outcome figures for the programme report and a mentee's record."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from mentordesk.core import surveys as rules
from mentordesk.core.attention import Attention
from mentordesk.core.surveys import SCALE_LABELS, ScoredResponse
from mentordesk.services.surveys.responses import active_people, list_responses, programme_people
from mentordesk.services.surveys.templates import list_templates
from mentordesk.store.models import Match, MatchMember, Programme, SurveyResponse
from mentordesk.store.rows import tuples


class DueRow(NamedTuple):
    template_id: int
    survey: str
    participant_id: int
    person: str
    role: str
    match_id: int | None
    due_on: date
    overdue: bool

    def days_late(self, today: date) -> int:
        return max(0, (today - self.due_on).days)


def _matches(programme_id: int) -> list[rules.MatchFacts]:
    matches = Match.select(Match.id, Match.started_on, Match.closed_on).where(
        (Match.programme == programme_id) & (Match.status != "draft")
    )
    members: dict[int, list[tuple[int, str]]] = {}
    for m in (
        MatchMember.select(MatchMember.match, MatchMember.participant, MatchMember.role)
        .join(Match)
        .where(Match.programme == programme_id)
    ):
        members.setdefault(m.match_id, []).append((m.participant_id, m.role))
    return [rules.MatchFacts(m.id, m.started_on, m.closed_on, tuple(members.get(m.id, ()))) for m in matches]


def due_list(programme_id: int, today: date | None = None) -> list[DueRow]:
    """Surveys due and not answered, oldest first; ``overdue`` after the grace period."""
    today = today or date.today()
    templates = {t.id: t for t in list_templates(programme_id)}
    if not templates:
        return []
    schedules = [
        rules.Schedule(t.id, t.audience, when, days) for t in templates.values() for when, days in t.schedules
    ]
    answered = rules.Answered()
    for r in SurveyResponse.select(
        SurveyResponse.template, SurveyResponse.participant, SurveyResponse.match, SurveyResponse.answered_on
    ).where(SurveyResponse.template.in_(list(templates))):
        answered.add(r.template_id, r.participant_id, r.match_id, r.answered_on)
    programme = Programme.get_by_id(programme_id)
    due = rules.due_surveys(
        schedules,
        _matches(programme_id),
        active_people(programme_id),
        (programme.starts_on, programme.ends_on),
        answered,
        today,
    )
    people = programme_people(programme_id)
    out = []
    for d in due:
        person = people.get(d.participant_id)
        if person is None:
            continue
        out.append(
            DueRow(
                d.template_id,
                templates[d.template_id].name,
                d.participant_id,
                person.name,
                person.role,
                d.match_id,
                d.due_on,
                d.overdue,
            )
        )
    return out


def attention_items(programme_id: int, today: date | None = None) -> list[Attention]:
    """For the dashboard: worrying answers (each person's latest response per survey), and overdue surveys."""
    templates = {t.id: t for t in list_templates(programme_id)}
    latest: dict[tuple[int, int], list] = {}
    for r in list_responses(programme_id):
        latest.setdefault((r.template_id, r.participant_id), []).append(r)
    items = []
    for (template_id, _person), rows in latest.items():
        template = templates.get(template_id)
        if template is None:
            continue
        now = rows[-1]
        previous = rows[-2].answers if len(rows) > 1 else None
        for alert in rules.alerts_for(template.purpose, list(template.questions), now.answers, previous):
            where = f" (match {now.match_id})" if now.match_id else ""
            items.append(
                Attention(
                    "surveys", f"{now.person}{where}: {template.name}", f"{alert.text} on {now.answered_on}"
                )
            )
    overdue = [d for d in due_list(programme_id, today) if d.overdue]
    if overdue:
        today = today or date.today()
        oldest = max(d.days_late(today) for d in overdue)
        count = len(overdue)
        items.append(
            Attention("surveys", "Surveys", f"{count} survey{'' if count == 1 else 's'} overdue", oldest)
        )
    return items


def _start_dates(programme_id: int) -> dict[int, date]:
    """Each person's first match start in the programme."""
    out: dict[int, date] = {}
    query = (
        MatchMember.select(MatchMember.participant, Match.started_on)
        .join(Match)
        .where((Match.programme == programme_id) & Match.started_on.is_null(False))
        .order_by(Match.started_on)
    )
    for person, started in tuples(query):
        out.setdefault(person, started)
    return out


def outcome_figures(programme_id: int) -> dict[str, dict[str, float | int | None]]:
    """Per scale of the programme's outcome surveys: outcome_pairs, outcome_mean_change, outcome_improved_pct."""
    out: dict[str, dict[str, float | int | None]] = {}
    starts = _start_dates(programme_id)
    for template in list_templates(programme_id):
        if template.purpose != "outcome":
            continue
        questions = list(template.questions)
        scored = [
            ScoredResponse(r.participant_id, r.answered_on, rules.scale_scores(questions, r.answers))
            for r in list_responses(programme_id, [template.id])
        ]
        out.update(rules.outcome_figures(rules.scales(questions), scored, starts))
    return out


class ScaleLine(NamedTuple):
    survey: str
    scale: str  # its label
    before: float | None
    after: float | None


def person_outcomes(programme_id: int, participant_id: int) -> list[ScaleLine]:
    """A person's before and after scale scores, for their record (before the person is matched, their
    first answer is the "before")."""
    start = _start_dates(programme_id).get(participant_id)
    lines = []
    for template in list_templates(programme_id):
        if template.purpose != "outcome":
            continue
        questions = list(template.questions)
        scored = [
            ScoredResponse(r.participant_id, r.answered_on, rules.scale_scores(questions, r.answers))
            for r in list_responses(programme_id, [template.id])
            if r.participant_id == participant_id
        ]
        if start is None:  # not matched yet: the first answer is the "before", there is no "after"
            before, after = (min(scored, key=lambda r: r.answered_on) if scored else None), None
        else:
            before, after = rules.before_and_after(scored, {participant_id: start}).get(
                participant_id, (None, None)
            )
        for scale in rules.scales(questions):
            lines.append(
                ScaleLine(
                    template.name,
                    SCALE_LABELS.get(scale, scale),
                    before.scores.get(scale) if before else None,
                    after.scores.get(scale) if after else None,
                )
            )
    return lines


def survey_audience(template_id: int) -> list[tuple[int, int | None]]:
    """Everyone a survey is for: (person, match) for each member of the programme's active and paused
    matches whose role fits the survey's audience."""
    from mentordesk.services.surveys.templates import get_template

    template = get_template(template_id)
    query = (
        MatchMember.select(MatchMember.participant, MatchMember.match, MatchMember.role)
        .join(Match)
        .where((Match.programme == template.programme_id) & Match.status.in_(["active", "paused"]))
        .order_by(Match.id, MatchMember.id)
    )
    return [
        (person, match_id)
        for person, match_id, role in tuples(query)
        if rules.takes_part(template.audience, role)
    ]
