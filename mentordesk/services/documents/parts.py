"""Shared pieces for the generated parts: what a document is about, tables, lines to write on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from mentordesk.services.documents.facts import Letterhead, MatchFacts, PersonFacts, ProgrammeFacts
from mentordesk.services.documents.fonts import BOLD, REGULAR, is_plain, text_paragraph as p
from mentordesk.services.documents.styles import ACCENT_TINT, INK, MUTED, RULE, Styles, styles


@dataclass(frozen=True)
class DocData:
    """Everything one document (one section of a file) is about."""

    kind: str
    programme: ProgrammeFacts
    head: Letterhead
    match: MatchFacts | None = None
    recipient: PersonFacts | None = None
    today: date | None = None
    width: float = 166 * mm  # the text frame's width

    @property
    def st(self) -> Styles:
        return styles(self.kind == "certificate")


def cell(text: str, style, width: float, bold: bool = False) -> Flowable | str:
    """A table cell: a plain string when it fits on one line in the shipped font (tables draw those
    far faster than paragraphs), else a paragraph that wraps, switches font for CJK and shapes
    right-to-left text."""
    font = BOLD if bold else style.fontName
    if (
        "\n" not in text
        and is_plain(text)
        and stringWidth(text, font, style.fontSize) <= width - 12  # the cell's padding
    ):
        return text
    return p(text, style, bold)


def grid_table(
    rows: list[list],
    widths: list[float],
    header: bool = True,
    repeat: bool = True,
    row_heights: list[float] | float | None = None,
) -> Table:
    """A calm table: tinted header row, thin rules between rows, no vertical lines."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header and repeat else 0, rowHeights=row_heights)
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9.5, 12.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT), ("FONTNAME", (0, 0), (-1, 0), BOLD)]
    table.setStyle(TableStyle(commands))
    return table


def key_values(pairs: list[tuple[str, str]], width: float, st: Styles) -> Table:
    """Label: value rows; an empty value becomes a line to write on."""
    label_w, value_w = width * 0.3, width * 0.7
    rows = [[cell(label, st.label, label_w), cell(value, st.cell, value_w)] for label, value in pairs]
    table = Table(rows, colWidths=[label_w, value_w])
    commands = [
        ("FONT", (0, 0), (0, -1), BOLD, 9, 12),
        ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("FONT", (1, 0), (1, -1), REGULAR, 9.5, 12.5),
        ("TEXTCOLOR", (1, 0), (1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index, (_label, value) in enumerate(pairs):
        if not value:
            commands.append(("LINEBELOW", (1, index), (1, index), 0.6, RULE))
            commands.append(("TOPPADDING", (0, index), (-1, index), 10))
    table.setStyle(TableStyle(commands))
    return table


def writing_lines(count: int, width: float, height: float = 8 * mm) -> Table:
    """Ruled lines to write on."""
    table = Table([[""] for _ in range(count)], colWidths=[width], rowHeights=height)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return table


def role_label(role: str) -> str:
    return {"mentor": "Mentor", "mentee": "Mentee", "peer": "Peer"}.get(
        role, role.capitalize() or "Participant"
    )


def detail(person: PersonFacts) -> str:
    return " · ".join(x for x in (person.organisation, person.department) if x)
