"""Document templates: a good default per kind in ``resources/templates``, edited copies per programme.

A reverse-mentoring programme prints its agreement and welcome letters from ``resources/templates/
reverse/``: there the mentor is the junior colleague sharing their expertise and the mentee the senior
one, and the words say so.

Saving refuses a template with problems (unknown placeholders, stray braces), naming
each one, so a stored template always renders.
"""

from __future__ import annotations

from functools import cache

from mentordesk import config
from mentordesk.core import documents
from mentordesk.core.documents import TEMPLATE_KINDS, Problem, TemplateError
from mentordesk.core.vocab import DocumentKind
from mentordesk.store.db import database
from mentordesk.store.models import DocumentTemplate, Programme, utc_now

TITLES = {
    DocumentKind.AGREEMENT: "Mentoring agreement",
    DocumentKind.CONSENT_FORM: "Guardian consent form",
    DocumentKind.WELCOME_MENTOR: "Welcome letter (mentor)",
    DocumentKind.WELCOME_MENTEE: "Welcome letter (mentee)",
    DocumentKind.CLOSURE_LETTER: "Closure letter",
    DocumentKind.CERTIFICATE: "Certificate of participation",
    DocumentKind.MEETING_LOG: "Meeting log sheet",
    DocumentKind.GOAL_WORKSHEET: "Goal worksheet",
    DocumentKind.REFLECTION_SHEET: "Reflection sheet",
    DocumentKind.TIMETABLE: "Timetable",
    DocumentKind.SUBJECT_ACCESS: "Subject access export",
}


class TemplateRejected(TemplateError):
    """Raised by ``save_template``: the text was not saved."""


def title(kind: str) -> str:
    # DocumentKind is a StrEnum: a plain string finds its entry.
    return TITLES.get(kind, kind.replace("_", " ").capitalize())  # type: ignore[call-overload]


def _check_kind(kind: str) -> None:
    if kind not in TEMPLATE_KINDS:
        known = ", ".join(TEMPLATE_KINDS)
        raise ValueError(f"No template for {kind!r}: templates exist for {known}.")


@cache
def default_template(kind: str, programme_kind: str = "") -> str:
    """The shipped text for ``kind``; a programme kind with wording of its own (``templates/reverse/``:
    a junior mentor and a senior mentee) has its own default for the documents it words differently."""
    _check_kind(kind)
    folder = config.resources_dir() / "templates"
    own = folder / programme_kind / f"{kind}.txt" if programme_kind else None
    path = own if own is not None and own.is_file() else folder / f"{kind}.txt"
    return path.read_text(encoding="utf-8")


def _programme_kind(programme_id: int | None) -> str:
    if programme_id is None:
        return ""
    programme = Programme.get_or_none(Programme.id == programme_id)
    return programme.kind if programme is not None else ""


def _row(programme_id: int | None, kind: str) -> DocumentTemplate | None:
    query = DocumentTemplate.select().where(DocumentTemplate.kind == kind)
    if programme_id is None:
        query = query.where(DocumentTemplate.programme.is_null())
    else:
        query = query.where(DocumentTemplate.programme == programme_id)
    return query.order_by(DocumentTemplate.updated_at.desc(), DocumentTemplate.id.desc()).first()


def template_text(programme_id: int | None, kind: str) -> str:
    """The text a programme prints with: its own edited copy, else the shipped default."""
    _check_kind(kind)
    row = _row(programme_id, kind)
    return row.body if row is not None else default_template(kind, _programme_kind(programme_id))


def is_customised(programme_id: int | None, kind: str) -> bool:
    return _row(programme_id, kind) is not None


def check_template(body: str, kind: str) -> list[Problem]:
    problems = documents.check(body, kind)
    if not body.strip():
        problems.insert(
            0, Problem("The template is empty: write the text, or restore the default.", 0, 0, 1, 1)
        )
    return problems


def save_template(programme_id: int | None, kind: str, body: str) -> None:
    """Store ``body`` as the programme's template for ``kind``; raises TemplateRejected naming each problem."""
    _check_kind(kind)
    problems = check_template(body, kind)
    if problems:
        raise TemplateRejected(problems)
    with database.atomic():
        row = _row(programme_id, kind)
        if row is None:
            DocumentTemplate.create(
                programme=programme_id, kind=kind, name=title(kind), body=body, updated_at=utc_now()
            )
        else:
            row.body = body
            row.updated_at = utc_now()
            row.save()


def reset_template(programme_id: int | None, kind: str) -> None:
    """Go back to the shipped default (the programme's edited copy is deleted)."""
    _check_kind(kind)
    query = DocumentTemplate.delete().where(DocumentTemplate.kind == kind)
    if programme_id is None:
        query = query.where(DocumentTemplate.programme.is_null())
    else:
        query = query.where(DocumentTemplate.programme == programme_id)
    query.execute()
