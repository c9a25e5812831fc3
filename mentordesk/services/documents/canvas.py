"""Letterhead, footer and "Page 2 of 3" numbering, drawn once the whole document is laid out.

A file may hold several documents (a batch of agreements in one PDF, a welcome
letter per mentee): each starts with a ``SectionMark`` and is numbered on its own.
The canvas keeps every page until ``save`` so it knows each section's page count.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from mentordesk.services.documents.fonts import draw_string, text_width
from mentordesk.services.documents.styles import ACCENT, MARGIN_SIDE, MUTED, RULE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SectionInfo:
    footer: str  # e.g. "Mentoring agreement · Zoë Ó'Brien & Łukasz Kowalski"
    index: int = 0


class SectionMark(Flowable):
    """Takes no space; tells the canvas a new document starts here (and reports progress)."""

    def __init__(self, info: SectionInfo, on_start: Callable[[int], None] | None = None) -> None:
        super().__init__()
        self.info = info
        self.on_start = on_start
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.md_section = self.info  # type: ignore[attr-defined]
        if self.on_start is not None:
            self.on_start(self.info.index)


@cache
def _logo(path: str, mtime: float) -> ImageReader | None:
    try:
        return ImageReader(path)
    except Exception as exc:  # a moved or damaged logo must not stop the paperwork
        log.warning("logo cannot be read (%s): printing without it", type(exc).__name__)
        return None


def logo_reader(path: str) -> ImageReader | None:
    if not path:
        return None
    file = Path(path)
    if not file.is_file():
        log.warning("logo file is missing: printing without it")
        return None
    return _logo(str(file), file.stat().st_mtime)


@dataclass(frozen=True)
class Decor:
    organisation: str
    programme: str
    logo_path: str = ""
    certificate: bool = False

    def draw(self, canvas: Canvas, section: SectionInfo | None, page: int, pages: int) -> None:
        width, height = canvas._pagesize
        canvas.saveState()
        if self.certificate:
            self._certificate_frame(canvas, width, height)
        else:
            self._letterhead(canvas, width, height, first=page == 1)
            self._footer(canvas, width, section, page, pages)
        canvas.restoreState()

    def _draw_logo(
        self, canvas: Canvas, x: float, top: float, max_w: float, max_h: float, anchor: str
    ) -> float:
        reader = logo_reader(self.logo_path)
        if reader is None:
            return 0
        w, h = reader.getSize()
        scale = min(max_w / w, max_h / h)
        w, h = w * scale, h * scale
        left = x - w if anchor == "right" else (x - w / 2 if anchor == "centre" else x)
        canvas.drawImage(reader, left, top - h, w, h, mask="auto")
        return w

    def _letterhead(self, canvas: Canvas, width: float, height: float, first: bool) -> None:
        top = height - 12 * mm
        right = width - MARGIN_SIDE
        logo_h = 15 * mm if first else 9 * mm
        logo_w = self._draw_logo(canvas, right, top + 2 * mm, 50 * mm, logo_h, "right")
        space = right - MARGIN_SIDE - logo_w - 6 * mm
        name = self.organisation or self.programme
        canvas.setFillColor(ACCENT)
        draw_string(canvas, MARGIN_SIDE, top - 4 * mm, name, 12 if first else 9.5, True, max_width=space)
        if self.organisation and self.programme:
            canvas.setFillColor(MUTED)
            draw_string(canvas, MARGIN_SIDE, top - 9 * mm, self.programme, 8.5, max_width=space)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        rule_y = height - 25 * mm
        canvas.line(MARGIN_SIDE, rule_y, right, rule_y)

    def _footer(
        self, canvas: Canvas, width: float, section: SectionInfo | None, page: int, pages: int
    ) -> None:
        y = 12 * mm
        right = width - MARGIN_SIDE
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_SIDE, y + 4.5 * mm, right, y + 4.5 * mm)
        number = f"Page {page} of {pages}"
        canvas.setFillColor(MUTED)
        draw_string(canvas, right, y, number, 8, anchor="right")
        footer = section.footer if section else ""
        if footer:
            space = right - MARGIN_SIDE - text_width(number, 8) - 10 * mm
            draw_string(canvas, MARGIN_SIDE, y, footer, 8, max_width=space)

    def _certificate_frame(self, canvas: Canvas, width: float, height: float) -> None:
        outer = 10 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(3)
        canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer)
        canvas.setLineWidth(0.8)
        inner = outer + 3 * mm
        canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner)
        self._draw_logo(canvas, width / 2, height - 18 * mm, 60 * mm, 20 * mm, "centre")
        name = self.organisation or self.programme
        canvas.setFillColor(ACCENT)
        draw_string(canvas, width / 2, 20 * mm, name, 11, True, anchor="centre", max_width=width - 60 * mm)


class PaperCanvas(Canvas):
    """Holds every page back until ``save``, then draws letterhead and numbering on each."""

    def __init__(self, *args, decor: Decor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.md_decor = decor
        self.md_section: SectionInfo | None = None
        self.md_pages: list[dict] = []

    def showPage(self) -> None:
        self.md_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        pages = self.md_pages
        counts = Counter(id(state["md_section"]) for state in pages)
        seen: dict[int, int] = defaultdict(int)
        for state in pages:
            self.__dict__.update(state)
            key = id(state["md_section"])
            seen[key] += 1
            self.md_decor.draw(self, state["md_section"], seen[key], counts[key])
            super().showPage()
        super().save()


def canvas_maker(decor: Decor) -> Callable[..., PaperCanvas]:
    def make(*args, **kwargs) -> PaperCanvas:
        return PaperCanvas(*args, decor=decor, **kwargs)

    return make
