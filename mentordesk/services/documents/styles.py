"""The look of MentorDesk paperwork: one calm accent colour, generous margins, a clear hierarchy."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from mentordesk.services.documents.fonts import BOLD, REGULAR, ensure_fonts

ACCENT = colors.HexColor("#1F4E79")  # deep blue: prints well in colour and in grey
ACCENT_TINT = colors.HexColor("#EEF3F8")
RULE = colors.HexColor("#B8C4D0")
MUTED = colors.HexColor("#5A6572")
INK = colors.HexColor("#1D232B")

PAGE_SIZES = {"A4": A4, "Letter": LETTER}

MARGIN_SIDE = 22 * mm
MARGIN_TOP = 32 * mm  # leaves room for the letterhead
MARGIN_BOTTOM = 22 * mm


def page_size(name: str, landscape_: bool = False) -> tuple[float, float]:
    size = PAGE_SIZES.get(name or "A4", A4)
    return landscape(size) if landscape_ else size


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    checkbox: ParagraphStyle
    note: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    caption: ParagraphStyle
    item_title: ParagraphStyle
    item_detail: ParagraphStyle


def _style(name: str, **values) -> ParagraphStyle:
    base = {"fontName": REGULAR, "fontSize": 10.5, "leading": 14, "textColor": INK, "alignment": TA_LEFT}
    base.update(values)
    return ParagraphStyle(name, **base)


@cache
def styles(certificate: bool = False) -> Styles:
    """Paragraph styles, built once per process (reportlab styles are never mutated after this)."""
    ensure_fonts()
    align = TA_CENTER if certificate else TA_LEFT
    return Styles(
        title=_style(
            "md-title",
            fontName=BOLD,
            fontSize=30 if certificate else 19,
            leading=38 if certificate else 24,
            textColor=ACCENT,
            spaceAfter=22 if certificate else 6,
            alignment=align,
        ),
        h2=_style(
            "md-h2",
            fontName=BOLD,
            fontSize=26 if certificate else 12.5,
            leading=34 if certificate else 16,
            textColor=ACCENT if not certificate else INK,
            spaceBefore=10 if certificate else 9,
            spaceAfter=16 if certificate else 3,
            alignment=align,
            keepWithNext=1,
        ),
        h3=_style(
            "md-h3",
            fontName=BOLD,
            fontSize=11,
            leading=15,
            spaceBefore=8,
            spaceAfter=2,
            alignment=align,
            keepWithNext=1,
        ),
        body=_style(
            "md-body",
            fontSize=13.5 if certificate else 10.5,
            leading=20 if certificate else 14,
            spaceAfter=10 if certificate else 4,
            alignment=align,
        ),
        bullet=_style("md-bullet", leftIndent=14, bulletIndent=3, spaceAfter=2, bulletFontName=REGULAR),
        checkbox=_style(
            "md-checkbox",
            leftIndent=20,
            bulletIndent=0,
            spaceAfter=4,
            bulletFontName=REGULAR,
            bulletFontSize=13,
        ),
        note=_style("md-note", fontSize=10, leading=14),
        small=_style("md-small", fontSize=8.5, leading=11, textColor=MUTED, alignment=align),
        label=_style("md-label", fontName=BOLD, fontSize=9, leading=12, textColor=MUTED),
        cell=_style("md-cell", fontSize=9.5, leading=12.5),
        cell_bold=_style("md-cell-bold", fontName=BOLD, fontSize=9.5, leading=12.5),
        caption=_style("md-caption", fontSize=8.5, leading=11, textColor=MUTED),
        item_title=_style(
            "md-item-title",
            fontName=BOLD,
            leftIndent=18,
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletColor=ACCENT,
            spaceBefore=6,
            spaceAfter=1,
            keepWithNext=1,
        ),
        item_detail=_style("md-item-detail", fontSize=9.5, leading=13, leftIndent=18, textColor=MUTED),
    )


def paper_styles() -> Styles:
    """The paperwork's paragraph styles, for other areas' PDFs (the programme report, renewals due)."""
    return styles()
