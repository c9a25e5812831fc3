"""A programme's survey templates: the built-ins copied in, listed, found by name, edited."""

from __future__ import annotations

from typing import Any, NamedTuple

from mentordesk.core import surveys as rules
from mentordesk.core.surveys import Question, TemplateProblem
from mentordesk.store.db import database
from mentordesk.store.models import Programme, SurveyResponse, SurveySchedule, SurveyTemplate


class SurveyError(ValueError):
    """A survey action that cannot be done; the message says why and what to do."""


class TemplateRow(NamedTuple):
    id: int
    programme_id: int
    name: str
    key: str
    audience: str
    purpose: str
    edition: int  # goes up when its questions change
    questions: tuple[Question, ...]
    schedules: tuple[tuple[str, int], ...]

    @property
    def when_text(self) -> str:
        return "; ".join(rules.describe_when(when, days) for when, days in self.schedules) or "not scheduled"


def _row(t: SurveyTemplate) -> TemplateRow:
    schedules = tuple(
        (s.when, s.days)
        for s in SurveySchedule.select().where(SurveySchedule.template == t.id).order_by(SurveySchedule.id)
    )
    return TemplateRow(
        id=t.id,
        programme_id=t.programme_id,
        name=t.name,
        key=t.key,
        audience=t.audience,
        purpose=t.purpose,
        edition=t.edition,
        questions=tuple(Question.from_json(q) for q in t.questions),
        schedules=schedules,
    )


def seed_builtins(programme_id: int) -> int:
    """Copy the built-in surveys the programme lacks (by key); returns how many were added."""
    have = {
        t.key
        for t in SurveyTemplate.select(SurveyTemplate.key).where(SurveyTemplate.programme == programme_id)
    }
    added = 0
    with database.atomic():
        for spec in rules.BUILT_INS:
            if spec.key in have:
                continue
            template = SurveyTemplate.create(
                programme=programme_id,
                name=spec.name,
                key=spec.key,
                audience=spec.audience,
                purpose=spec.purpose,
                questions=[q.to_json() for q in spec.questions],
            )
            for when, days in spec.schedules:
                SurveySchedule.create(template=template, when=when, days=days)
            added += 1
    return added


def list_templates(programme_id: int) -> list[TemplateRow]:
    query = (
        SurveyTemplate.select()
        .where((SurveyTemplate.programme == programme_id) & (SurveyTemplate.archived == False))  # noqa: E712
        .order_by(SurveyTemplate.id)
    )
    return [_row(t) for t in query]


def get_template(template_id: int) -> TemplateRow:
    template = SurveyTemplate.get_or_none(SurveyTemplate.id == template_id)
    if template is None:
        raise SurveyError(f"There is no survey {template_id} in this database.")
    return _row(template)


def find_template(programme_id: int, name: str) -> TemplateRow:
    """A survey by its name (any case), its built-in key, or its id."""
    templates = list_templates(programme_id)
    wanted = name.strip().casefold()
    for t in templates:
        if wanted in (t.name.casefold(), t.key, str(t.id)):
            return t
    names = "; ".join(t.name for t in templates) or "none yet (add the built-in surveys first)"
    raise SurveyError(f"No survey called {name!r} in this programme. Surveys: {names}.")


def update_template(
    template_id: int,
    *,
    name: str | None = None,
    questions: list[dict[str, Any]] | None = None,
    schedules: list[tuple[str, int]] | None = None,
) -> TemplateRow:
    """Edit a template; changed questions raise its edition (old answers keep theirs)."""
    template = SurveyTemplate.get_or_none(SurveyTemplate.id == template_id)
    if template is None:
        raise SurveyError(f"There is no survey {template_id} in this database.")
    with database.atomic():
        if name is not None:
            name = name.strip()
            if not name:
                raise SurveyError("A survey needs a name.")
            clash = SurveyTemplate.get_or_none(
                (SurveyTemplate.programme == template.programme_id)
                & (SurveyTemplate.name == name)
                & (SurveyTemplate.id != template_id)
            )
            if clash is not None:
                raise SurveyError(f"The programme already has a survey called {name!r}; choose another name.")
            template.name = name
        if questions is not None:
            try:
                checked = rules.check_questions(questions)
            except TemplateProblem as exc:
                raise SurveyError(str(exc)) from exc
            _refuse_answered_kind_changes(template, checked)
            new = [q.to_json() for q in checked]
            if new != template.questions:
                template.questions = new
                template.edition += 1
        template.save()
        if schedules is not None:
            for when, days in schedules:
                if when not in rules.WHENS:
                    raise SurveyError(f"Unknown schedule {when!r}; use one of {', '.join(rules.WHENS)}.")
                if when in ("days_after_start", "every_days") and days < (1 if when == "every_days" else 0):
                    raise SurveyError(f"The schedule {when!r} needs a number of days (got {days}).")
            SurveySchedule.delete().where(SurveySchedule.template == template_id).execute()
            for when, days in schedules:
                SurveySchedule.create(template=template_id, when=when, days=days)
    return _row(template)


def answer_counts(template_id: int) -> dict[str, int]:
    """Question id -> how many responses answer it (of any edition of the survey)."""
    counts: dict[str, int] = {}
    query = SurveyResponse.select(SurveyResponse.answers).where(SurveyResponse.template == template_id)
    for response in query:
        for qid in response.answers or {}:
            counts[qid] = counts.get(qid, 0) + 1
    return counts


def _chosen_counts(template_id: int) -> dict[tuple[str, str], int]:
    """(question id, choice) -> how many responses chose it."""
    counts: dict[tuple[str, str], int] = {}
    query = SurveyResponse.select(SurveyResponse.answers).where(SurveyResponse.template == template_id)
    for response in query:
        for qid, value in (response.answers or {}).items():
            for choice in value if isinstance(value, list) else [value]:
                if isinstance(choice, str):
                    counts[(qid, choice)] = counts.get((qid, choice), 0) + 1
    return counts


def _refuse_answered_kind_changes(template: SurveyTemplate, new: list[Question]) -> None:
    """A question with answers keeps its kind: a 4 from a 1–5 rating read as a choice means nothing;
    and a choice somebody chose stays among its question's choices."""
    old = [Question.from_json(q) for q in template.questions]
    by_id = {q.id: q for q in old}
    dropped = [
        (number, q, choice)
        for number, q in enumerate(new, start=1)
        if q.id in by_id and q.kind == by_id[q.id].kind and q.kind in ("single", "multiple")
        for choice in by_id[q.id].choices
        if choice not in q.choices
    ]
    if dropped:
        chosen = _chosen_counts(template.id)
        for number, q, choice in dropped:
            n = chosen.get((q.id, choice), 0)
            if n:
                raise SurveyError(
                    f"Question {number} (“{q.text[:50]}”): {n} {'answer' if n == 1 else 'answers'} chose "
                    f"“{choice}”, so that choice stays (word it as it was). You may add choices, or add a "
                    "new question with the choices you want."
                )
    changes = rules.kind_changes(old, new)
    if not changes:
        return
    counts = answer_counts(template.id)
    for number, before, after in changes:
        n = counts.get(before.id, 0)
        if n:
            raise SurveyError(
                f"Question {number} (“{before.text[:50]}”) already has {n} "
                f"{'answer' if n == 1 else 'answers'} as {rules.KIND_LABELS[before.kind]}, so it cannot "
                f"become {rules.KIND_LABELS[after.kind]}. Keep its kind, or add a new question of the kind "
                "you want (and remove this one): the answers given stay with the old question."
            )


def programme_name(programme_id: int) -> str:
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise SurveyError(f"There is no programme {programme_id} in this database.")
    return programme.name
