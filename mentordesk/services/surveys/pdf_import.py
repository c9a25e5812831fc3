"""Reading returned fillable PDFs back into responses (pypdf reads the fields).

One file or a folder of them is one import: every file is read and checked first, and nothing is
saved unless all are good. A file is refused, with its name and the field, when it is not a
MentorDesk form, was made for another programme or database, names a person or match that does
not fit, or holds a value its question cannot take.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.surveys import Question
from mentordesk.services.surveys.paper import FIELD_PREFIX, IDENTITY_FIELDS, choice_value, fingerprint
from mentordesk.services.surveys.responses import ResponseDraft, SaveResult, programme_people, save_responses
from mentordesk.services.surveys.templates import SurveyError, TemplateRow, get_template, programme_name

log = logging.getLogger(__name__)


class FormRefused(SurveyError):
    """A returned file that cannot be imported; the message names the file and the field."""


def pdf_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".pdf" and p.is_file())
        if not files:
            raise SurveyError(f"{path} holds no PDF files.")
        return files
    if not path.is_file():
        raise SurveyError(f"{path} does not exist.")
    return [path]


def _fields(path: Path) -> dict[str, Any]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        fields = reader.get_fields() or {}
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise FormRefused(f"{path.name}: cannot be read as a PDF ({exc}).") from exc
    return {name: field.get("/V") for name, field in fields.items()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).lstrip("/") if str(value).startswith("/") else str(value)


def _state(value: Any) -> str | None:
    """A button's chosen state ("v4", "yes", "c2"), None when unticked."""
    text = _text(value)
    return None if text in ("", "Off") else text


def _answer(path: Path, q: Question, fields: dict[str, Any]) -> Any:
    name = FIELD_PREFIX + q.id
    where = f"{path.name}: field {name} (“{q.text}”)"
    if q.kind == "multiple":
        picked = []
        for i, choice in enumerate(q.choices):
            key = f"{name}__{i}"
            if key not in fields:
                raise FormRefused(f"{where}: the box for {choice!r} is missing; print a new form.")
            if _state(fields[key]) is not None:
                picked.append(choice)
        return picked
    if name not in fields:
        raise FormRefused(f"{where} is missing from the form; it was made for another edition of the survey.")
    if q.kind == "short_text":
        return _text(fields[name])
    state = _state(fields[name])
    if state is None:
        return None
    if q.rating_range is not None:
        low, high = q.rating_range
        allowed: dict[str, Any] = {f"v{v}": v for v in range(low, high + 1)}
    elif q.kind == "yes_no":
        allowed = {"yes": True, "no": False}
    else:
        allowed = {choice_value(i): c for i, c in enumerate(q.choices)}
    if state not in allowed:
        raise FormRefused(f"{where}: the value {state!r} cannot be read as an answer to this question.")
    return allowed[state]


def read_form(path: Path, programme_id: int | None, answered_on: date) -> ResponseDraft:
    """One returned form as a draft response, or ``FormRefused``."""
    fields = _fields(path)
    missing = [f for f in IDENTITY_FIELDS if f not in fields]
    if missing:
        raise FormRefused(
            f"{path.name}: not a MentorDesk survey form (no field {missing[0]}); a printed or scanned survey "
            "has no readable fields: type its answers in instead."
        )
    ids: dict[str, int | None] = {}
    for name in ("md_survey", "md_edition", "md_participant", "md_match", "md_programme"):
        text = _text(fields[name]).strip()
        if name == "md_match" and not text:
            ids[name] = None
            continue
        if not text.isdigit():
            raise FormRefused(f"{path.name}: field {name} is unreadable ({text!r}); print a new form.")
        ids[name] = int(text)
    if programme_id is not None and ids["md_programme"] != programme_id:
        raise FormRefused(
            f"{path.name}: field md_programme says this form belongs to another programme "
            f"(not {programme_name(programme_id)!r}); import it with that programme chosen."
        )
    try:
        template: TemplateRow = get_template(int(ids["md_survey"] or 0))
    except SurveyError:
        raise FormRefused(
            f"{path.name}: field md_survey names a survey this database does not have."
        ) from None
    if template.programme_id != ids["md_programme"]:
        raise FormRefused(f"{path.name}: field md_survey names a survey of another programme.")
    person = programme_people(template.programme_id).get(int(ids["md_participant"] or 0))
    check = _text(fields["md_check"])
    if person is None or check != fingerprint(programme_name(template.programme_id), person.name):
        raise FormRefused(
            f"{path.name}: field md_participant/md_check does not fit anyone in this programme: the form was "
            "made for someone else or in another database (or the person's name changed since)."
        )
    raw = {q.id: _answer(path, q, fields) for q in template.questions}
    return ResponseDraft(
        template.id,
        person.id,
        ids["md_match"],
        answered_on,
        raw,
        source="pdf",
        where=path.name,
        template_edition=ids["md_edition"],
    )


def import_forms(
    path: Path | Iterable[Path],
    programme_id: int | None = None,
    *,
    answered_on: date | None = None,
    dry_run: bool = False,
    progress: Progress = QUIET,
) -> SaveResult:
    """Import one returned PDF, a folder of them, or a list; all or nothing (also when cancelled)."""
    files = pdf_files(path) if isinstance(path, Path | str) else [Path(p) for p in path]
    day = answered_on or date.today()
    drafts: list[ResponseDraft] = []
    problems: list[str] = []
    for done, file in enumerate(files):
        progress(done, len(files), "Reading the returned forms")
        try:
            drafts.append(read_form(file, programme_id, day))
        except FormRefused as exc:
            problems.append(str(exc))
    if problems:
        log.info("survey forms refused: %d of %d", len(problems), len(files))
        return SaveResult(0, problems, dry_run)
    return save_responses(drafts, dry_run=dry_run, progress=progress)
