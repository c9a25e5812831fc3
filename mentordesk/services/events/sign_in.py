"""The sign-in sheet: the event's heading, then one row per invitee (name, role, a box to sign) and
blank rows for walk-ins; printed on A4 to sit on the table by the door.

Fonts (Latin, Greek, Cyrillic, CJK, Arabic and Hebrew names), colours and styles come from the
documents area, like every other PDF the app writes.
"""

from __future__ import annotations

from pathlib import Path

from mentordesk.core.events import EVENT_KINDS
from mentordesk.services import documents
from mentordesk.services.events.records import get_event, invitees
from mentordesk.store.models import Programme

BLANK_ROWS = 6  # for people who come without an invitation


def write_sign_in_sheet(event_id: int, target: Path | str, blank_rows: int = BLANK_ROWS) -> tuple[Path, int]:
    """Write the sheet; returns the file and how many invitees it names. Private (0600), whole or not at all."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    event = get_event(event_id)
    people = invitees(event_id)
    programme = Programme.get_by_id(event.programme_id)
    styles = documents.paper_styles()

    def cell(text: str, bold: bool = False):
        return documents.text_paragraph(text, styles.cell_bold if bold else styles.cell)

    header = [cell(t, bold=True) for t in ("", "Name", "Role", "Signature", "Time in")]
    data = [header]
    for number, person in enumerate(people, 1):
        data.append([cell(str(number)), cell(person.name), cell(person.role.capitalize()), "", ""])
    for number in range(len(people) + 1, len(people) + 1 + blank_rows):
        data.append([cell(str(number)), "", "", "", ""])
    widths = [10 * mm, 62 * mm, 22 * mm, 58 * mm, 22 * mm]
    signature_box = ("BOX", (3, 1), (3, -1), 0.25, documents.RULE)
    grid = documents.listing_table(
        data,
        widths,
        row_heights=[None] + [11 * mm] * (len(data) - 1),
        extra=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), signature_box],
    )
    start = event.starts_at
    when = (
        f"{start.day} {start.strftime('%B')} {start.year}, {start:%H:%M} ({event.duration_minutes} minutes)"
    )
    lines = [f"{EVENT_KINDS.get(event.kind, event.kind)} · {when}"]
    if event.place:
        lines.append(f"Place: {event.place}")
    if event.kind == "training" and event.training_hours:
        lines.append(f"Training: {event.training_hours:g} hours · {event.training_topics}")
    story = [
        documents.text_paragraph(event.title, styles.title),
        documents.text_paragraph(programme.name, styles.small),
        *[documents.text_paragraph(line, styles.body) for line in lines],
        Spacer(1, 4 * mm),
        documents.text_paragraph(
            "Please sign next to your name as you arrive. Not listed? Add your name on a blank row.",
            styles.small,
        ),
        Spacer(1, 2 * mm),
        grid,
    ]

    target = documents.write_listing(target, story, title=f"Sign-in sheet: {event.title}", footer="Sign-in sheet")
    return target, len(people)
