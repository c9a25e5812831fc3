"""Make a document: facts + template -> PDF file -> a Document row recording it.

generate("agreement", match_id=12)                      -> Path of the PDF
generate("welcome_mentee", match_id=12)                 one letter per mentee, in one file
generate("certificate", match_id=12, participant_id=7)  just that person's certificate
generate("consent_form", participant_id=7)              no match needed
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from mentordesk import config
from mentordesk.core.documents import (
    MATCH_KINDS,
    TEMPLATE_KINDS,
    TemplateError,
    join_names,
    numbered,
    render,
    safe_filename,
)
from mentordesk.core.vocab import DocumentKind, MatchStatus
from mentordesk.services.documents import facts as f
from mentordesk.services.documents.builder import Section, build_pdf, frame_width
from mentordesk.services.documents.context import build_context, dates_of
from mentordesk.services.documents.facts import (
    AdultConsent,
    DocumentError,
    MatchFacts,
    PersonFacts,
    ProgrammeFacts,
)
from mentordesk.services.documents.fonts import isolate
from mentordesk.services.documents.parts import DocData
from mentordesk.services.documents.story import flowables
from mentordesk.services.documents.templates import template_text, title
from mentordesk.store import settings
from mentordesk.store.db import database
from mentordesk.store.models import Document

log = logging.getLogger(__name__)

OUTPUT_SETTING = "documents.output_dir"
PER_PERSON_KINDS = frozenset(
    {
        DocumentKind.WELCOME_MENTOR,
        DocumentKind.WELCOME_MENTEE,
        DocumentKind.CLOSURE_LETTER,
        DocumentKind.CERTIFICATE,
        DocumentKind.CONSENT_FORM,
    }
)


def output_dir(chosen: Path | str | None = None) -> Path:
    """Where files go: the folder given, else the one chosen in the app, else the data folder's documents/."""
    folder = Path(chosen) if chosen else Path(settings.get(OUTPUT_SETTING) or config.documents_dir())
    try:
        return config.ensure_dir(folder.expanduser())
    except OSError as exc:
        raise DocumentError(
            f"Cannot write to {folder}: {exc.strerror or exc}. Choose another folder."
        ) from exc


def set_output_dir(folder: Path | str | None) -> None:
    settings.put(OUTPUT_SETTING, str(folder) if folder else "")


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or "name (2).pdf" and so on when a file of that name already exists."""
    path = folder / name
    number = 2
    while path.exists():
        path = folder / numbered(name, number)
        number += 1
    return path


def recipients(kind: str, match: MatchFacts | None, participant_id: int | None) -> list[PersonFacts]:
    """Who a per-person document is for: the right members of the match, or just the one asked for."""
    if match is None:
        return []
    if kind == DocumentKind.WELCOME_MENTOR:
        people = match.mentors or [m for m in match.members if m.role == "peer"]
    elif kind == DocumentKind.WELCOME_MENTEE:
        people = match.mentees
    elif kind == DocumentKind.CONSENT_FORM:
        people = [m for m in match.mentees if not m.adult] or match.mentees
    else:
        people = list(match.members)
    if participant_id is not None:
        person = match.member(participant_id)
        if person is None:
            raise DocumentError(f"Participant {participant_id} is not a member of match {match.id}.")
        people = [person]
    if not people:
        raise DocumentError(f"Match {match.id} has nobody to address a {title(kind).lower()} to.")
    return people


def _check_adults(kind: str, people: list[PersonFacts], adults_ok: bool) -> None:
    """A guardian consent form for someone known to be 18 or over is refused unless asked for."""
    adults = [p.name for p in people if p.adult]
    if kind == DocumentKind.CONSENT_FORM and adults and not adults_ok:
        raise AdultConsent(adults)


def _check_status(kind: str, match: MatchFacts) -> None:
    if kind == DocumentKind.CLOSURE_LETTER and match.status != MatchStatus.CLOSED.value:
        raise DocumentError("Closure letters are for matches that have ended: close the match first.")


def render_sections(
    kind: str,
    template: str,
    programme: ProgrammeFacts,
    head: f.Letterhead,
    match: MatchFacts | None,
    people: list[PersonFacts],
    today: date,
) -> list[Section]:
    """One section per recipient (or one for the match); raises DocumentError for a bad template."""
    width = frame_width(head, kind == DocumentKind.CERTIFICATE)
    sections = []
    recipients: list[PersonFacts | None] = list(people) or [None]
    with dates_of(programme):
        for person in recipients:
            sections.append(_render_section(kind, template, programme, head, match, person, today, width))
    return sections


def _render_section(
    kind: str,
    template: str,
    programme: ProgrammeFacts,
    head: f.Letterhead,
    match: MatchFacts | None,
    person: PersonFacts | None,
    today: date,
    width: float,
) -> Section:
    """One document of a file: the template filled in for one person (or the match)."""
    doc_title = title(kind)
    context = build_context(programme, head, match, person, today)
    try:
        elements = render(template, context, kind)
    except TemplateError as exc:
        names = ", ".join(dict.fromkeys(p.name for p in exc.problems if p.name))
        raise DocumentError(
            f"The {doc_title.lower()} template of {programme.name} cannot be used: {exc}. "
            f"Fix it in Documents > Templates{f' ({names})' if names else ''}."
        ) from exc
    data = DocData(kind, programme, head, match, person, today, width)
    about = (
        isolate(person.name)
        if person is not None
        else join_names([isolate(m.name) for m in match.members] if match else [])
    )
    return Section(f"{doc_title} · {about}" if about else doc_title, flowables(elements, data))


def file_name(kind: str, programme: ProgrammeFacts, names: list[str], today: date) -> str:
    return safe_filename([programme.name, title(kind), join_names(names), today.isoformat()])


def record(
    kind: str,
    path: Path,
    programme_id: int,
    match_id: int | None,
    participant_ids: list[int | None],
) -> list[int]:
    """Document rows for a file just written (one per person it is addressed to)."""
    ids = []
    with database.atomic():
        for participant_id in participant_ids or [None]:
            row = Document.create(
                programme=programme_id,
                match=match_id,
                participant=participant_id,
                kind=kind,
                path=str(path.resolve()),
            )
            ids.append(row.id)
    return ids


def generate(
    kind: str,
    match_id: int | None = None,
    participant_id: int | None = None,
    out_dir: Path | str | None = None,
    *,
    out_path: Path | str | None = None,
    programme_id: int | None = None,
    today: date | None = None,
    on_section: Callable[[int], None] | None = None,
    adults_ok: bool = False,
) -> Path:
    """Write one PDF and record it; returns its path. ``out_path`` names the file exactly.

    A guardian consent form for someone 18 or over raises AdultConsent unless ``adults_ok``."""
    kind = str(kind)
    if kind not in TEMPLATE_KINDS:
        raise DocumentError(f"MentorDesk cannot print {kind!r}: it prints {', '.join(TEMPLATE_KINDS)}.")
    today = today or date.today()
    head = f.letterhead()
    match: MatchFacts | None = None
    if match_id is not None:
        match = f.load_match(match_id, today)
        _check_status(kind, match)
        programme = match.programme
    elif kind in MATCH_KINDS:
        raise DocumentError(f"A {title(kind).lower()} is made for a match: choose a match first.")
    elif participant_id is not None:
        programme = f.load_programme(programme_id) if programme_id else f.programme_of(participant_id)
    else:
        raise DocumentError(f"A {title(kind).lower()} is made for a person: choose who it is for.")
    if kind in PER_PERSON_KINDS:
        if match is None:
            assert participant_id is not None
            people = [f.load_person(participant_id, programme.id, today)]
        else:
            people = recipients(kind, match, participant_id)
    else:
        people = []
    _check_adults(kind, people, adults_ok)
    template = template_text(programme.id, kind)
    sections = render_sections(kind, template, programme, head, match, people, today)
    names = [p.name for p in people] if people else [m.name for m in match.members] if match else []
    if out_path is not None:
        path = Path(out_path)
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        path = free_path(output_dir(out_dir), file_name(kind, programme, names, today))
    doc_title = f"{title(kind)} – {join_names(names)}" if names else title(kind)
    build_pdf(
        path,
        sections,
        head,
        programme.name,
        doc_title,
        certificate=kind == DocumentKind.CERTIFICATE,
        on_section=on_section,
    )
    record(
        kind, path, programme.id, match.id if match else None, [p.id for p in people] if people else [None]
    )
    log.info("generated a %s (%d page section(s))", kind, len(sections))
    return path


def preview(
    kind: str,
    programme_id: int,
    body: str,
    match_id: int | None = None,
    out_path: Path | str | None = None,
) -> Path:
    """Lay out (possibly unsaved) template text for a match, or for made-up people; nothing is recorded."""
    today = date.today()
    head = f.letterhead()
    if match_id:
        match = f.load_match(match_id, today)
        programme = match.programme
    else:
        programme = f.load_programme(programme_id)
        match = f.sample_match(programme, today)
    people = recipients(kind, match, None) if kind in PER_PERSON_KINDS else []
    sections = render_sections(kind, body, programme, head, match, people, today)
    if out_path is None:
        folder = config.ensure_dir(config.data_dir() / "previews")
        out_path = folder / safe_filename(["Preview", title(kind)])
    path = Path(out_path)
    build_pdf(
        path, sections, head, programme.name, f"Preview – {title(kind)}", kind == DocumentKind.CERTIFICATE
    )
    return path


def generate_meeting_log(match_id: int, out_path: Path | str | None = None) -> Path:
    """The paper meeting log of a match (recorded meetings and blank rows)."""
    return generate(DocumentKind.MEETING_LOG, match_id=match_id, out_path=out_path)


def generate_goal_worksheet(match_id: int, out_path: Path | str | None = None) -> Path:
    return generate(DocumentKind.GOAL_WORKSHEET, match_id=match_id, out_path=out_path)


def generate_reflection_sheet(match_id: int, out_path: Path | str | None = None) -> Path:
    return generate(DocumentKind.REFLECTION_SHEET, match_id=match_id, out_path=out_path)
