"""Filling our fillable application form the way a person's PDF reader does (pypdf's PdfWriter)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter

PEOPLE = [
    # Latin with accents, Greek, Cyrillic, CJK, Arabic, Hebrew
    ("Zoë", "Ó'Brien", "zoe@example.org"),
    ("Ελένη", "Παπαδοπούλου", "eleni@example.org"),
    ("Алексей", "Смирнов", "alexei@example.org"),
    ("美咲", "佐藤", "misaki@example.org"),
    ("ليلى", "حداد", "layla@example.org"),
    ("נועה", "כהן", "noa@example.org"),
]


def fill(blank: Path, out: Path, values: dict[str, str]) -> Path:
    """``values``: text by field name; a radio as "/c1", a check box as "/Yes"."""
    writer = PdfWriter(clone_from=PdfReader(blank))
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def mentee_values(first: str, last: str, email: str, **more: str) -> dict[str, str]:
    values = {
        "first_name": first,
        "last_name": last,
        "email": email,
        "date_of_birth": "03/04/2012",
        "organisation": "Riverside Academy",
        "department": "Year 8",
        "seeks": "Maths, confidence",
        "availability": "Monday, Thursday after school",
        "guardian_name": f"{first} parent",
        "guardian_phone": "07700 900123",
        "consent": "/Yes",
        "consent_date": "01/09/2026",
    }
    values.update(more)
    return values
