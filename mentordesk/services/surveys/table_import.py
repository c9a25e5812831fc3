"""Importing an online form's export (CSV, or an Excel .xlsx workbook) into responses.

Columns are mapped to fields: ``person`` (a name as the programme knows it), ``email``,
``answered_on``, and each question by its id. ``guess_mapping`` maps the usual headers of Google
Forms and Microsoft Forms exports (the question's own text as header, "Timestamp", "Email
address", "Name"); the mapping used for a survey is remembered for the next file. Each row becomes a
response for its person's match on that day. A file with any bad row (unknown person, a value its
question cannot take, a response already imported or twice in the file) is refused as a whole, each
problem named by its row; nothing is imported then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentordesk.core.csv_files import NotCsv, iter_records, sniff
from mentordesk.core.participants import DateOrder, Invalid, parse_date
from mentordesk.core.progress import QUIET, Progress
from mentordesk.services.surveys.responses import (
    Person,
    ResponseDraft,
    SaveResult,
    match_of,
    programme_people,
    save_responses,
)
from mentordesk.services.surveys.templates import SurveyError, TemplateRow, get_template
from mentordesk.store import settings

PERSON, EMAIL, ANSWERED_ON = "person", "email", "answered_on"
MAPPING_KEY = "surveys.mapping.{template_id}"
_PERSON_HEADERS = {
    "name",
    "full name",
    "your name",
    "person",
    "participant",
    "student name",
    "what is your name?",
}
_EMAIL_HEADERS = {"email", "email address", "e-mail", "e-mail address", "username"}
_DATE_HEADERS = {"timestamp", "date", "answered on", "completion time", "submitted at", "start time"}


@dataclass(frozen=True)
class Preview:
    header: tuple[str, ...]
    mapping: dict[str, str]  # column header -> field
    sheet: str | None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(" :?*") if text else ""


def guess_mapping(template: TemplateRow, header: tuple[str, ...]) -> dict[str, str]:
    """Column -> field: the remembered mapping for this survey where its columns are present, else guesses."""
    remembered = settings.get(MAPPING_KEY.format(template_id=template.id)) or {}
    by_text = {_fold(q.text): q.id for q in template.questions}
    ids = {q.id for q in template.questions}
    out: dict[str, str] = {}
    for column in header:
        if column in remembered:
            out[column] = remembered[column]
            continue
        folded = _fold(column)
        if folded in {_fold(h) for h in _PERSON_HEADERS}:
            out[column] = PERSON
        elif folded in _EMAIL_HEADERS:
            out[column] = EMAIL
        elif folded in _DATE_HEADERS:
            out[column] = ANSWERED_ON
        elif folded in by_text:
            out[column] = by_text[folded]
        elif column.strip() in ids:
            out[column] = column.strip()
    return out


def preview(path: Path, template_id: int, sheet: str | None = None) -> Preview:
    template = get_template(template_id)
    try:
        sniffed = sniff(path, sheet=sheet)
    except NotCsv as exc:
        raise SurveyError(f"{Path(path).name}: {exc}") from exc
    return Preview(sniffed.header, guess_mapping(template, sniffed.header), sniffed.sheet)


def _person_index(people: dict[int, Person]) -> tuple[dict[str, list[Person]], dict[str, list[Person]]]:
    from mentordesk.store.models import Participant

    names: dict[str, list[Person]] = {}
    emails: dict[str, list[Person]] = {}
    full = {p.id: p.full_name for p in Participant.select().where(Participant.id.in_(list(people)))}
    for person in people.values():
        for name in {_fold(person.name), _fold(full.get(person.id, ""))}:
            if name:
                names.setdefault(name, []).append(person)
        if person.email:
            emails.setdefault(person.email.strip().casefold(), []).append(person)
    return names, emails


def import_table(
    path: Path,
    template_id: int,
    mapping: dict[str, str],
    *,
    sheet: str | None = None,
    date_order: DateOrder = DateOrder.DMY,
    answered_on: date | None = None,
    dry_run: bool = False,
    progress: Progress = QUIET,
) -> SaveResult:
    """Import every row, or none: ``SaveResult.problems`` names each bad row (none either when cancelled)."""
    template = get_template(template_id)
    fields = set(mapping.values())
    if PERSON not in fields and EMAIL not in fields:
        raise SurveyError("Map a column to the person's name or e-mail address, so each row has its person.")
    known = {q.id for q in template.questions} | {PERSON, EMAIL, ANSWERED_ON}
    unknown = sorted(f for f in fields if f and f not in known)
    if unknown:
        raise SurveyError(f"The mapping names {unknown[0]!r}, which is not a question of {template.name!r}.")
    if not any(f in {q.id for q in template.questions} for f in fields):
        raise SurveyError(f"No column is mapped to a question of {template.name!r}.")
    try:
        sniffed = sniff(path, sheet=sheet)
    except NotCsv as exc:
        raise SurveyError(f"{Path(path).name}: {exc}") from exc
    missing = [c for c in mapping if mapping[c] and c not in sniffed.header]
    if missing:
        raise SurveyError(f"{Path(path).name} has no column {missing[0]!r}; check the column mapping.")
    position = {column: sniffed.header.index(column) for column in mapping if mapping[column]}
    people = programme_people(template.programme_id)
    by_name, by_email = _person_index(people)
    drafts: list[ResponseDraft] = []
    problems: list[str] = []
    default_day = answered_on or date.today()
    progress(0, 0, "Reading the rows")
    for record in iter_records(sniffed):
        if record.row % 50 == 0:
            progress(0, 0, f"Reading row {record.row}")
        where = f"row {record.row}"
        if record.error:
            problems.append(f"{where}: {record.error}")
            continue
        if record.blank:
            continue
        cells = {mapping[c]: (record.cells[i] if i < len(record.cells) else "") for c, i in position.items()}
        found: list[Person] = []
        who = cells.get(EMAIL, "").strip()
        if who:
            found = by_email.get(who.casefold(), [])
        if not found and cells.get(PERSON, "").strip():
            who = cells[PERSON].strip()
            found = by_name.get(_fold(who), [])
        if not who:
            problems.append(f"{where}: no name or e-mail address: whose answers are these?")
            continue
        if not found:
            problems.append(f"{where}: {who!r} is not anyone enrolled in this programme.")
            continue
        if len(found) > 1:
            problems.append(
                f"{where}: {who!r} fits {len(found)} people; add an e-mail column to tell them apart."
            )
            continue
        day = default_day
        if cells.get(ANSWERED_ON, "").strip():
            try:
                parsed = parse_date(cells[ANSWERED_ON], date_order)
            except Invalid as exc:
                problems.append(f"{where}: answer date {exc}.")
                continue
            day = parsed.value if parsed else default_day
        raw = {f: v for f, v in cells.items() if f not in (PERSON, EMAIL, ANSWERED_ON)}
        person = found[0]
        drafts.append(
            ResponseDraft(
                template.id,
                person.id,
                match_of(person.id, template.programme_id, day),
                day,
                raw,
                source="csv",
                where=where,
            )
        )
    if problems:
        return SaveResult(0, problems, dry_run)
    result = save_responses(drafts, dry_run=dry_run, progress=progress)
    if result.ok and not dry_run:
        settings.put(MAPPING_KEY.format(template_id=template.id), {c: f for c, f in mapping.items() if f})
    return result
