"""Rendered template elements turned into reportlab flowables."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from mentordesk.core.documents import Element, Span
from mentordesk.services.documents import blocks
from mentordesk.services.documents.fonts import para
from mentordesk.services.documents.parts import DocData
from mentordesk.services.documents.styles import ACCENT, ACCENT_TINT, RULE


def spans_markup(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        text = para(span.text).replace("\n", "<br/>")
        out.append(f"<b>{text}</b>" if span.bold and text.strip() else text)
    return "".join(out)


def _note(markup: str, data: DocData) -> Flowable:
    """A highlighted note: tinted box with an accent bar on the left."""
    table = Table([[Paragraph(markup, data.st.note)]], colWidths=[data.width])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _opened(made: list[Flowable]) -> list[Flowable]:
    """The parts of any KeepTogether in ``made``, so they can go inside another one."""
    parts: list[Flowable] = []
    for flowable in made:
        parts.extend(flowable._content if isinstance(flowable, KeepTogether) else [flowable])
    return parts


def _chained_first_item(made: list[Flowable]) -> list[Flowable]:
    """Open a leading KeepTogether into parts chained by keepWithNext.

    reportlab puts no container inside another, so an introduction kept with a KeepTogether
    would be kept with nothing; chained parts stay together just the same.
    """
    if not made or not isinstance(made[0], KeepTogether):
        return made
    parts = list(made[0]._content)
    for part in parts[:-1]:
        part.keepWithNext = 1  # type: ignore[attr-defined]
    return parts + made[1:]


def flowables(elements: list[Element], data: DocData) -> list[Flowable]:
    st = data.st
    certificate = data.kind == "certificate"
    out: list[Flowable] = []
    previous = ""
    # The paragraphs between a section heading and a generated part introduce that part
    # ("These are the goals we have agreed..."): they travel with its first item, so a
    # heading and its introduction are never left alone at the foot of a page.
    intro: list[Flowable] | None = None
    section_start = 0  # where the current section (its ## heading) begins in ``out``
    for element in elements:
        markup = spans_markup(element.spans)
        if previous in ("bullet", "checkbox") and element.kind not in ("bullet", "checkbox"):
            out.append(Spacer(1, 3 * mm))  # a list ends: give the next paragraph some air
        previous = element.kind
        if element.kind == "block":
            made = blocks.build(element.name, data)
            if element.name == "signatures" and not certificate:
                # Signatures stay on the page with what is signed: the section before them (the
                # ticked consent boxes, the last clauses of an agreement) travels with them.
                out[section_start:] = [KeepTogether(out[section_start:] + _opened(made))]
                intro = None
                continue
            if intro and element.name not in blocks.SELF_HEADED:
                for paragraph in intro:
                    paragraph.keepWithNext = 1  # type: ignore[attr-defined]
                made = _chained_first_item(made)
            intro = None
            out.extend(made)
        elif element.kind == "heading":
            intro = [] if element.level >= 2 else None
            if element.level == 2:
                section_start = len(out)
            if element.level == 1:
                out.append(Paragraph(markup, st.title))
                if not certificate:
                    out.append(
                        HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=8)
                    )
            else:
                out.append(Paragraph(markup, st.h2 if element.level == 2 else st.h3))
        elif element.kind in ("bullet", "checkbox", "note"):
            intro = None  # a list or a note comes first: the heading already has company
            if element.kind == "bullet":
                out.append(Paragraph(markup, st.bullet, bulletText="•"))
            elif element.kind == "checkbox":
                out.append(Paragraph(markup, st.checkbox, bulletText="☐"))
            else:
                out += [Spacer(1, 2 * mm), _note(markup, data), Spacer(1, 4 * mm)]
        else:
            paragraph = Paragraph(markup, st.body)
            out.append(paragraph)
            if intro is not None:
                intro.append(paragraph)
    return out
