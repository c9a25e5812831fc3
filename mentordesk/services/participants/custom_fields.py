"""Custom fields of a programme: define, edit and delete them; save and read each person's answers.

A field belongs to one programme and asks mentors, mentees or both. Answers are checked by kind
(``core.participants.parse_answer``) and saved all together or not at all: one bad answer refuses the
lot with a message per field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from peewee import fn

from mentordesk.core.participants import (
    FieldDraft,
    FieldSpec,
    Invalid,
    check_draft,
    format_answer,
    missing_answer,
    parse_answer,
)
from mentordesk.store.db import database
from mentordesk.store.models import CustomField, CustomValue, Enrolment, Programme
from mentordesk.store.rows import tuples


class CustomFieldError(ValueError):
    """A field or answers that cannot be saved; ``problems`` lists one message per field."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


@dataclass(frozen=True)
class Answer:
    field: FieldSpec
    value: object
    text: str


def _spec(row: CustomField) -> FieldSpec:
    return FieldSpec(
        id=row.id,
        label=row.label,
        kind=row.kind,
        choices=tuple(row.choices or ()),
        role=row.role,
        help_text=row.help_text,
        required=row.required,
        position=row.position,
        programme_id=row.programme_id,
    )


def list_fields(programme_id: int, role: str | None = None) -> list[FieldSpec]:
    """The programme's fields in form order; with ``role``, those that ask people of that role."""
    rows = (
        CustomField.select()
        .where(CustomField.programme == programme_id)
        .order_by(CustomField.position, CustomField.id)
    )
    return [spec for spec in map(_spec, rows) if spec.applies_to(role)]


def _checked(programme_id: int, draft: FieldDraft, field_id: int | None) -> FieldDraft:
    try:
        good = check_draft(draft)
    except Invalid as exc:
        raise CustomFieldError(str(exc)) from None
    # Compared in Python: SQLite's LOWER() folds only ASCII letters ("Любимый" would slip past it).
    others = CustomField.select(CustomField.id, CustomField.label).where(CustomField.programme == programme_id)
    if any(row.label.casefold() == good.label.casefold() and row.id != field_id for row in others):
        raise CustomFieldError(f"{good.label}: this programme already has a field with that label.")
    return good


def define_field(programme_id: int, draft: FieldDraft) -> int:
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise CustomFieldError(f"No programme with id {programme_id}.")
    good = _checked(programme_id, draft, None)
    last = (
        CustomField.select(fn.MAX(CustomField.position)).where(CustomField.programme == programme_id).scalar()
    )
    row = CustomField.create(
        programme=programme_id,
        label=good.label,
        kind=good.kind,
        choices=good.choices,
        role=good.role,
        help_text=good.help_text,
        required=good.required,
        position=(last or 0) + 1,
    )
    return int(row.id)


def update_field(field_id: int, draft: FieldDraft) -> None:
    row = CustomField.get_or_none(CustomField.id == field_id)
    if row is None:
        raise CustomFieldError(f"No custom field with id {field_id}: it may have been deleted.")
    good = _checked(row.programme_id, draft, field_id)
    row.label, row.kind, row.choices, row.role = good.label, good.kind, good.choices, good.role
    row.help_text, row.required = good.help_text, good.required
    row.save()


def move_field(field_id: int, position: int) -> None:
    row = CustomField.get_or_none(CustomField.id == field_id)
    if row is None:
        raise CustomFieldError(f"No custom field with id {field_id}: it may have been deleted.")
    row.position = position
    row.save()


def delete_field(field_id: int) -> int:
    """Delete a field and every answer to it; returns how many answers went with it."""
    row = CustomField.get_or_none(CustomField.id == field_id)
    if row is None:
        return 0
    with database.obj.atomic():
        answers = CustomValue.delete().where(CustomValue.field == field_id).execute()
        row.delete_instance()
    return int(answers)


def check_answers(
    fields: Iterable[FieldSpec], answers: Mapping[str | int, object], *, partial: bool = False
) -> tuple[dict[int, object], list[str]]:
    """Answers (by field id or label) to their stored values, and one problem message per bad field.

    ``partial``: fields not named in ``answers`` are left alone rather than counted as empty."""
    by_label = {str(k).casefold(): v for k, v in answers.items() if isinstance(k, str)}
    values: dict[int, object] = {}
    problems: list[str] = []
    for spec in fields:
        if spec.id in answers:
            raw = answers[spec.id]
        elif spec.label.casefold() in by_label:
            raw = by_label[spec.label.casefold()]
        elif partial:
            continue
        else:
            raw = None
        try:
            value = parse_answer(spec, raw)
        except Invalid as exc:
            problems.append(str(exc))
            continue
        message = missing_answer(spec, value)
        if message:
            problems.append(message)
            continue
        values[spec.id] = value
    return values, problems


def _role_of(participant_id: int, programme_id: int) -> str | None:
    return (
        Enrolment.select(Enrolment.role)
        .where((Enrolment.participant == participant_id) & (Enrolment.programme == programme_id))
        .scalar()
    )


def save_answers(
    participant_id: int, programme_id: int, answers: Mapping[str | int, object], *, partial: bool = False
) -> None:
    """Check every answer, then save them all in one transaction (``CustomFieldError`` saves none)."""
    fields = list_fields(programme_id, _role_of(participant_id, programme_id))
    values, problems = check_answers(fields, answers, partial=partial)
    if problems:
        raise CustomFieldError(
            f"{len(problems)} answer{'s' if len(problems) != 1 else ''} cannot be saved: "
            + " ".join(problems),
            problems,
        )
    write_values(participant_id, values)


def write_values(participant_id: int, values: Mapping[int, object]) -> None:
    """Store checked values (an empty one removes the answer); the caller checked them."""
    if not values:
        return
    with database.obj.atomic():
        CustomValue.delete().where(
            (CustomValue.participant == participant_id) & (CustomValue.field.in_(list(values)))
        ).execute()
        rows = [
            {"participant": participant_id, "field": fid, "value": value}
            for fid, value in values.items()
            if value not in (None, "", [])
        ]
        if rows:
            CustomValue.insert_many(rows).execute()


def read_answers(participant_id: int, programme_id: int) -> list[Answer]:
    """The person's answers to the programme's fields for their role, in form order (empty ones too)."""
    fields = list_fields(programme_id, _role_of(participant_id, programme_id))
    stored: dict[int, object] = {}
    if fields:
        query = CustomValue.select(CustomValue.field, CustomValue.value).where(
            (CustomValue.participant == participant_id) & (CustomValue.field.in_([f.id for f in fields]))
        )
        stored = {fid: value for fid, value in tuples(query)}
    return [Answer(f, stored.get(f.id), format_answer(f, stored.get(f.id))) for f in fields]


def answers_by_person(programme_id: int) -> tuple[list[FieldSpec], dict[int, dict[int, str]]]:
    """Every field of the programme and every answer as text: ``{participant id: {field id: text}}``."""
    fields = list_fields(programme_id)
    if not fields:
        return [], {}
    by_id = {f.id: f for f in fields}
    out: dict[int, dict[int, str]] = {}
    query = CustomValue.select(CustomValue.participant, CustomValue.field, CustomValue.value).where(
        CustomValue.field.in_(list(by_id))
    )
    for pid, fid, value in tuples(query):
        out.setdefault(pid, {})[fid] = format_answer(by_id[fid], value)
    return fields, out
