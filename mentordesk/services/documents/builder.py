"""Lay sections out into one PDF file, atomically: a cancelled or failed build leaves no file behind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from mentordesk import __version__
from mentordesk.core.private_files import replace_privately
from mentordesk.services.documents.canvas import Decor, SectionInfo, SectionMark, canvas_maker
from mentordesk.services.documents.facts import Letterhead
from mentordesk.services.documents.fonts import ensure_fonts
from mentordesk.services.documents.styles import MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP, page_size

# Binary (zlib) streams instead of ASCII85 text: smaller files, and a third faster to write.
rl_config.useA85 = 0


@dataclass
class Section:
    footer: str
    flowables: list[Flowable] = field(default_factory=list)


def frame_width(head: Letterhead, certificate: bool = False) -> float:
    width, _height = page_size(head.page_size, certificate)
    side = 30 * mm if certificate else MARGIN_SIDE
    return width - 2 * side


def build_pdf(
    path: Path,
    sections: list[Section],
    head: Letterhead,
    programme_name: str,
    title: str,
    certificate: bool = False,
    on_section: Callable[[int], None] | None = None,
) -> Path:
    """Write ``sections`` to ``path``; ``on_section(i)`` runs as section i is laid out (it may raise to stop)."""
    ensure_fonts()
    size = page_size(head.page_size, certificate)
    side = 30 * mm if certificate else MARGIN_SIDE
    top = 48 * mm if certificate else MARGIN_TOP
    bottom = 30 * mm if certificate else MARGIN_BOTTOM
    path.parent.mkdir(parents=True, exist_ok=True)
    with replace_privately(path) as temp_name:
        doc = BaseDocTemplate(
            str(temp_name),
            pagesize=size,
            leftMargin=side,
            rightMargin=side,
            topMargin=top,
            bottomMargin=bottom,
            title=title,
            author=head.organisation or programme_name,
            creator=f"MentorDesk {__version__}",
            subject=programme_name,
        )
        frame = Frame(
            side,
            bottom,
            size[0] - 2 * side,
            size[1] - top - bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        story: list[Flowable] = []
        for index, section in enumerate(sections):
            if index:
                story.append(PageBreak())
            story.append(SectionMark(SectionInfo(section.footer, index), on_section))
            story.extend(section.flowables)
        decor = Decor(head.organisation, programme_name, head.logo_path, certificate)
        doc.build(story, canvasmaker=canvas_maker(decor))
    return path
