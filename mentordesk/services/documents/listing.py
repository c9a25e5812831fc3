"""Record listings on paper: a concern summary, a person's data, the renewals due.

They share the paperwork's styles and colours, one table look (a tinted header row over thin rules)
and one page frame: A4, a "page N · confidential" footer, written privately (0600, whole or not at
all) where the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from mentordesk.core.private_files import replace_privately
from mentordesk.services.documents.fonts import draw_string
from mentordesk.services.documents.styles import ACCENT, ACCENT_TINT, RULE

LISTING_WIDTH = A4[0] - 36 * mm  # the frame inside the side margins

_LINES = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]
_HEADER = [("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT), ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT)]


def listing_table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header: bool = True,
    row_heights: Sequence[float | None] | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Any:
    """A table of paragraphs; with ``header``, its first row is tinted and repeats on every page.
    Without, it is a list of label/value lines (a record's fields). ``extra``: more table style
    commands (a signature column's box, say)."""
    from reportlab.platypus import Table, TableStyle

    table = Table(
        [list(r) for r in rows],
        colWidths=list(widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        hAlign="LEFT",
        repeatRows=1 if header else 0,
    )
    table.setStyle(TableStyle(_LINES + (_HEADER if header else []) + list(extra)))
    return table


def write_listing(
    target: Path | str,
    story: list[Any],
    *,
    title: str,
    footer: str = "",
    left: str = "",
    confidential: bool = True,
) -> Path:
    """Build ``story`` into ``target`` (A4); each page's footer reads "<footer> · page N · confidential"
    on the right (without "confidential" for paperwork that is not), and ``left`` on the left."""
    from reportlab.platypus import SimpleDocTemplate

    def draw_footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        page = f"{footer} · page {doc.page}" if footer else f"Page {doc.page}"
        text = f"{page} · confidential" if confidential else page
        draw_string(canvas, A4[0] - 18 * mm, 10 * mm, text, 7, anchor="right")
        if left:  # isolated: a right-to-left name keeps the page number in its place
            draw_string(canvas, 18 * mm, 10 * mm, f"\u2068{left}\u2069", 7, max_width=120 * mm)
        canvas.restoreState()

    target = Path(target)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with replace_privately(target) as temp:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=16 * mm,
            title=title,
            author="MentorDesk",
        )
        doc.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return target
