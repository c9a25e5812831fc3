"""The readable PDF summary of a person's data (the JSON export is the complete, machine-readable one).

Fonts, escaping of every value, right-to-left shaping and CJK runs come from the documents
area (``documents.text_paragraph``), like every other PDF the app writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentordesk.core.vocab import label
from mentordesk.services import documents

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

SECTIONS = [
    ("enrolments", "Programmes"),
    ("tags", "Skills, interests and languages"),
    ("availability", "Availability"),
    ("away_periods", "Away periods"),
    ("not_to_be_matched_with", "People not to be matched with"),
    ("guardians", "Parents and guardians"),
    ("consents", "Consent records"),
    ("screening_checks", "Screening checks"),
    ("matches", "Mentoring matches"),
    ("meetings", "Meetings"),
    ("board_sessions", "Shadow-board sessions"),
    ("contact_log", "Coordinator check-ins"),
    ("goals", "Goals"),
    ("reflections", "Reflections written"),
    ("documents", "Documents generated"),
    ("custom_answers", "Answers to the programme's own questions"),
    ("survey_answers", "Survey answers"),
    ("speed_mentoring", "Speed-mentoring events"),
    ("record_history", "History of this record"),
    ("safeguarding_concerns", "Safeguarding concerns"),  # only when the coordinator chose to include them
]

# Sections shown as one grid (a row per record) with these columns; the rest as label/value lists.
GRIDS = {
    "tags": ("name", "kind", "direction"),
    "availability": ("weekday", "from", "to"),
    "away_periods": ("starts_on", "ends_on", "reason"),
    "consents": ("kind", "given", "given_on", "expires_on", "withdrawn_on"),
    "documents": ("kind", "generated_at", "signed_on"),
    "custom_answers": ("question", "answer"),
    "record_history": ("at", "action", "fields"),
    "meetings": ("starts_at", "duration_minutes", "mode", "status", "attended"),
    "board_sessions": ("programme", "held_on", "title", "attendance"),
}
_SKIP = {
    "id",
    "participant",
    "match",
    "created_at",
    "updated_at",
    "anonymised",
    "series",
    "goal",
    "template",
    "owner",
}
_VOCAB = {"kind", "status", "outcome", "role", "direction", "mode", "channel", "closure_kind", "with_whom"}


def _label(name: str) -> str:
    if not name.isidentifier():
        return name  # a question's own words (a survey's answers), shown as asked
    return name.replace("_", " ").capitalize()


def _text(value: Any, key: str = "") -> str:
    if value is None or value == "":
        return "—"
    if key in _VOCAB and isinstance(value, str):
        return label(value)
    if isinstance(value, str) and len(value) >= 16 and value[10:11] == "T":
        return value[:16].replace("T", " ")  # an ISO date-time, to the minute
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list) and value and all(isinstance(v, dict) and "title" in v for v in value):
        return "\n".join(_milestone(v) for v in value)
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_text(v)}" for k, v in value.items()) or "—"
    return str(value)


def _milestone(item: dict[str, Any]) -> str:
    dates = [
        f"due {item['due_on']}" if item.get("due_on") else "",
        f"done {item['done_on']}" if item.get("done_on") else "",
    ]
    extra = ", ".join(d for d in dates if d)
    return f"{item['title']} ({extra})" if extra else str(item["title"])


def write_pdf(data: dict[str, Any], target: Path) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = documents.paper_styles()
    body, small, h1, h2, key_style = styles.cell, styles.small, styles.title, styles.h2, styles.cell_bold

    def para(value: Any, style: ParagraphStyle = body, key: str = "") -> Flowable:
        return documents.text_paragraph(_text(value, key), style)

    def kv_table(record: dict[str, Any], keep_empty: bool = False) -> Flowable:
        rows = [
            [para(_label(k), key_style), para(v, key=k)]
            for k, v in record.items()
            if k not in _SKIP and (keep_empty or v not in (None, "", [], {}))
        ]
        return documents.listing_table(rows or [[para("—")]], [45 * mm, 125 * mm], header=False)

    def grid(records: list[dict[str, Any]], columns: tuple[str, ...]) -> Flowable:
        width = 170 * mm / len(columns)
        rows = [[para(_label(c), key_style) for c in columns]]
        rows += [[para(r.get(c), key=c) for c in columns] for r in records]
        return documents.listing_table(rows, [width] * len(columns))

    person = data["person"]
    name = " ".join(filter(None, [person.get("first_name"), person.get("last_name")])) or "—"
    story: list[Any] = [
        documents.text_paragraph(f"Personal data held about {name}", h1),
        para(
            f"Exported from MentorDesk on {data['exported_at'][:10]}. This summary is for reading; the JSON "
            "file exported with it holds the same data in full.",
            small,
        ),
        Spacer(1, 4 * mm),
        documents.text_paragraph("Personal details", h2),
        kv_table(person, keep_empty=True),
    ]
    for key, title in SECTIONS:
        if key not in data:
            continue  # a section left out of this export (safeguarding concerns) is not mentioned
        records = data.get(key) or []
        story.append(documents.text_paragraph(title, h2))
        if not records:
            story.append(para("None held.", small))
            continue
        if key in GRIDS:
            story.append(grid(records, GRIDS[key]))
            continue
        for record in records:
            story.append(kv_table(record))
            story.append(Spacer(1, 2 * mm))

    return documents.write_listing(target, story, title=f"Personal data: {name}")
