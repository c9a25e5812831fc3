"""Matches with the names real schemes hold, for the documents tests, and PDF text extraction."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from hypothesis import strategies as st
from pypdf import PdfReader

from mentordesk.services.documents import fonts
from mentordesk.store.models import Goal, Guardian, Match, MatchMember, Meeting, Participant, Programme

START = date(2026, 9, 14)


def make_programme(name: str = "Riverside Futures 2026/27", **fields) -> Programme:
    values = dict(
        name=name,
        description="A school-based scheme pairing students with volunteers.",
        meeting_frequency_days=14,
        meeting_length_minutes=60,
        meeting_places="School library or Room 12",
        coordinator_name="Alex Morgan",
        starts_on=date(2026, 9, 1),
        ends_on=date(2027, 7, 16),
    )
    values.update(fields)
    return Programme.create(**values)


def person(first: str, last: str, *, minor: bool = False, guardian: str = "", **fields) -> Participant:
    dob = date(2011, 5, 2) if minor else date(1985, 3, 9)
    p = Participant.create(first_name=first, last_name=last, date_of_birth=dob, **fields)
    if guardian:
        Guardian.create(participant=p, name=guardian, relationship="Mother")
    return p


def make_match(
    programme: Programme,
    mentors: list[Participant],
    mentees: list[Participant],
    goals: list[str] = (),
    status: str = "active",
    meetings: int = 0,
    **fields,
) -> Match:
    values = dict(
        programme=programme,
        status=status,
        started_on=START,
        planned_end_on=date(2027, 7, 9),
        first_meeting_on=START + timedelta(days=7),
        first_meeting_staff="Alex Morgan",
    )
    values.update(fields)
    match = Match.create(**values)
    for p in mentors:
        MatchMember.create(match=match, participant=p, role="mentor")
    for p in mentees:
        MatchMember.create(match=match, participant=p, role="mentee")
    for title in goals:
        Goal.create(match=match, title=title, target_date=date(2027, 3, 1), measurable="We agree it is done")
    for n in range(meetings):
        Meeting.create(
            match=match,
            starts_at=datetime.combine(START + timedelta(days=7 + 14 * n), time(16, 0)),
            place="School library",
            status="held",
            activity=f"Session {n + 1}",
        )
    return match


def standard_match(programme: Programme | None = None, goals: list[str] | None = None, **fields) -> Match:
    programme = programme or make_programme()
    mentor = person("Zoë", "Ó'Brien", organisation="Harbour Engineering")
    mentee = person("Łukasz", "Kowalski", minor=True, guardian="Ελένη Παπαδοπούλου", department="Year 10")
    if goals is None:
        goals = ["Speak up confidently in class", "Choose three university courses to research"]
    return make_match(programme, [mentor], [mentee], goals, **fields)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pypdf), with line breaks turned into spaces for phrase checks."""
    reader = PdfReader(str(path))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def fonts_in(path: Path) -> set[str]:
    """The base font names a PDF uses, subset prefixes removed ("ABCDEF+MDSans" -> "MDSans")."""
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def shared_fonts() -> set[str]:
    """The faces registered in services/documents/fonts.py (and Helvetica, every page's default)."""
    names = {"DejaVuSans", "DejaVuSans-Bold", "Helvetica"}
    fallback = fonts.fallback_font()
    return names | ({fallback.face.name.decode()} if fallback is not None else set())


def images_in(path: Path) -> int:
    count = 0
    for page in PdfReader(str(path)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def joined_arabic(text: str) -> bool:
    """True when the text holds Arabic presentation forms: letters drawn joined (initial, medial, final)."""
    return any("\ufe70" <= ch <= "\ufeff" or "\ufb50" <= ch <= "\ufdff" for ch in text)


# Values that look like reportlab markup, entities or control characters: they must print as written.
TOKENS = list("<>&;\"'/=#[]{}*Ab é") + ["<b>", "</para>", "<img src='x'/>", "&amp;", "&#60;", "<br/>", "\x07"]
HOSTILE = (
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=6)
    .map("".join)
    .filter(lambda s: any(ch.isalnum() for ch in s))
)
