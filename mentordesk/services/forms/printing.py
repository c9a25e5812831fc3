"""A programme's application form as a PDF: blank for paper, or fillable (reportlab AcroForm).

The questions come from ``core.forms.form_sections`` (built-in ones, the programme's custom fields for
the role, and for mentees the parent or carer section with the consent statements); the page ends
with signature and date lines. The fillable form also carries hidden identity fields (form mark,
programme id, role, layout version and its custom questions) so a returned copy says where it belongs.
Labels use the documents' embedded fonts, so any script prints; the typed answers are the viewer's.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from mentordesk.core.forms import (
    FORM_MARK,
    FORM_VERSION,
    Question,
    choice_export,
    custom_name,
    form_sections,
)
from mentordesk.core.private_files import replace_privately
from mentordesk.services.documents import REGULAR, draw_string, ensure_fonts, text_paragraph, text_width
from mentordesk.services.participants import list_fields
from mentordesk.store.models import Programme

ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#5A6572")
RULE = colors.HexColor("#8A96A3")
FIELD_FILL = colors.HexColor("#EEF3F8")
SIDE = 20 * mm
TOP = 20 * mm
BOTTOM = 18 * mm
ROLES = ("mentor", "mentee")


class FormError(ValueError):
    """The form cannot be printed; the message says why and what to do."""


class _Page:
    """A canvas with a cursor that moves down the page and starts a new page when it runs out."""

    def __init__(self, canvas: Canvas, footer: str, fillable: bool) -> None:
        self.c = canvas
        self.width, self.height = A4
        self.y = self.height - TOP
        self.page = 1
        self.footer = footer
        self.fillable = fillable
        self.body = ParagraphStyle("form-body", fontName=REGULAR, fontSize=9.5, leading=12.5)
        self._draw_footer()

    @property
    def inner(self) -> float:
        return self.width - 2 * SIDE

    def _draw_footer(self) -> None:
        self.c.setFillColor(MUTED)
        draw_string(self.c, SIDE, BOTTOM - 8 * mm, self.footer, 8, max_width=self.inner - 20 * mm)
        draw_string(self.c, self.width - SIDE, BOTTOM - 8 * mm, f"Page {self.page}", 8, anchor="right")
        self.c.setFillColor(colors.black)

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.c.showPage()
            self.page += 1
            self.y = self.height - TOP
            self._draw_footer()

    def paragraph(self, text: str, size: float = 9.5, colour=colors.black, indent: float = 0) -> None:
        style = ParagraphStyle("p", parent=self.body, fontSize=size, leading=size * 1.3, textColor=colour)
        para = text_paragraph(text, style)
        _w, h = para.wrap(self.inner - indent, self.height)
        self.need(h + 2)
        para.drawOn(self.c, SIDE + indent, self.y - h)
        self.y -= h + 2

    def heading(self, text: str) -> None:
        self.need(14 * mm)
        self.y -= 4 * mm
        self.c.setFillColor(ACCENT)
        draw_string(self.c, SIDE, self.y - 12, text, 12.5, bold=True, max_width=self.inner)
        self.c.setStrokeColor(ACCENT)
        self.c.setLineWidth(0.8)
        self.c.line(SIDE, self.y - 16, SIDE + self.inner, self.y - 16)
        self.c.setFillColor(colors.black)
        self.y -= 22


def _text_box(page: _Page, name: str, label: str, height: float, multiline: bool) -> None:
    c = page.c
    if page.fillable:
        c.acroForm.textfield(
            name=name,
            tooltip=label,
            x=SIDE,
            y=page.y - height,
            width=page.inner,
            height=height,
            borderWidth=0.6,
            borderColor=RULE,
            fillColor=FIELD_FILL,
            fontSize=10,
            maxlen=2000 if multiline else 200,
            fieldFlags="multiline" if multiline else "",
        )
    else:
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        lines = max(1, round(height / 18))
        for i in range(lines):
            y = page.y - (i + 1) * 18 + 2
            c.line(SIDE, y, SIDE + page.inner, y)
    page.y -= height + 4


def _options(page: _Page, question: Question, options: list[str], exports: list[str], many: bool) -> None:
    """Radio buttons (one answer) or check boxes (several), laid out left to right, wrapping."""
    c = page.c
    x = SIDE
    box = 11
    page.need(box + 6)
    for text, export in zip(options, exports, strict=True):
        width = box + 5 + min(draw_width(text), page.inner - box - 5) + 14
        if x + width > SIDE + page.inner and x > SIDE:
            page.y -= box + 7
            page.need(box + 6)
            x = SIDE
        y = page.y - box
        if page.fillable and many:
            c.acroForm.checkbox(
                name=f"{question.name}_{export}",
                tooltip=f"{question.label}: {text}",
                x=x,
                y=y,
                size=box,
                buttonStyle="check",
                borderWidth=0.6,
                borderColor=RULE,
                fillColor=colors.white,
                fieldFlags="",
            )
        elif page.fillable:
            # The ring on the page itself: some viewers draw a radio button's own ring very small.
            c.setStrokeColor(RULE)
            c.setLineWidth(0.6)
            c.circle(x + box / 2, y + box / 2, box / 2)
            c.acroForm.radio(
                name=question.name,
                value=export,
                tooltip=question.label,
                x=x,
                y=y,
                size=box,
                buttonStyle="circle",
                borderWidth=0.6,
                borderColor=RULE,
                fillColor=colors.white,
                fieldFlags="noToggleToOff radio",
            )
        else:
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.7)
            if many:
                c.rect(x, y, box, box)
            else:
                c.circle(x + box / 2, y + box / 2, box / 2)
        draw_string(c, x + box + 5, y + 2, text, 9.5, max_width=page.inner - box - 5)
        x += width
    page.y -= box + 8


def draw_width(text: str) -> float:
    return text_width(text, 9.5)


_FIELD_HEIGHT = {"text": 24, "date": 24, "long_text": 50, "consent": 16}


def _question(page: _Page, q: Question) -> None:
    # the label, its help and (the first row of) its answer stay together on one page
    page.need(16 + (11 if q.help_text else 0) + _FIELD_HEIGHT.get(q.kind, 22))
    label = q.label + (" *" if q.required else "")
    page.paragraph(label, 10)
    if q.help_text:
        page.paragraph(q.help_text, 8, MUTED)
    page.y -= 1
    if q.kind in ("text", "date"):
        page.need(22)
        _text_box(page, q.name, q.label, 18, False)
    elif q.kind == "long_text":
        page.need(48)
        _text_box(page, q.name, q.label, 44, True)
    elif q.kind == "choice":
        _options(page, q, list(q.choices), [choice_export(i) for i in range(len(q.choices))], False)
    elif q.kind == "multiple":
        _options(page, q, list(q.choices), [choice_export(i) for i in range(len(q.choices))], True)
    elif q.kind == "yes_no":
        _options(page, q, ["Yes", "No"], [choice_export(0), choice_export(1)], False)
    elif q.kind == "consent":
        if page.fillable:
            page.need(16)
            page.c.acroForm.checkbox(
                name=q.name,
                tooltip=q.label,
                x=SIDE,
                y=page.y - 11,
                size=11,
                buttonStyle="check",
                borderWidth=0.6,
                borderColor=RULE,
                fillColor=colors.white,
                fieldFlags="",
            )
        else:
            page.c.setStrokeColor(colors.black)
            page.c.rect(SIDE, page.y - 11, 11, 11)
        page.y -= 14
    page.y -= 3


def _hidden(page: _Page, name: str, value: str) -> None:
    page.c.acroForm.textfield(
        name=name,
        value=value,
        x=0,
        y=0,
        width=1,
        height=1,
        borderWidth=0,
        annotationFlags="hidden",
        fieldFlags="readOnly",
        maxlen=len(value) + 10,
    )


def _signature(page: _Page, who: str) -> None:
    page.need(34)
    page.y -= 18
    c = page.c
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.7)
    split = SIDE + page.inner * 0.62
    c.line(SIDE, page.y, split - 8 * mm, page.y)
    c.line(split, page.y, SIDE + page.inner, page.y)
    c.setFillColor(MUTED)
    draw_string(c, SIDE, page.y - 10, f"Signature of {who}", 8)
    draw_string(c, split, page.y - 10, "Date", 8)
    c.setFillColor(colors.black)
    page.y -= 16


def print_form(programme_id: int, role: str, out_path: Path | str, *, fillable: bool = False) -> Path:
    """Write the programme's application form for ``role`` (mentor or mentee) to ``out_path`` (0600)."""
    if role not in ROLES:
        raise FormError(f"Application forms are for mentors or mentees, not {role!r}.")
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise FormError(f"No programme with id {programme_id}: choose one that exists.")
    ensure_fonts()
    custom = list_fields(programme_id, role)
    sections = form_sections(role, custom)
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    title = f"Application form: {'mentee' if role == 'mentee' else 'mentor'}"
    with replace_privately(path) as temp_name:
        canvas = Canvas(str(temp_name), pagesize=A4, pageCompression=1)
        canvas.setTitle(f"{programme.name} – {title}")
        canvas.setAuthor("MentorDesk")
        page = _Page(canvas, f"{programme.name} – {title}", fillable)
        canvas.setFillColor(ACCENT)
        draw_string(canvas, SIDE, page.y - 18, programme.name, 18, bold=True, max_width=page.inner)
        page.y -= 26
        draw_string(canvas, SIDE, page.y - 12, title, 12.5, max_width=page.inner)
        canvas.setFillColor(colors.black)
        page.y -= 22
        how = (
            "Type your answers into the boxes, save the file and send it back to the coordinator."
            if fillable
            else "Please write clearly in capital letters."
        )
        page.paragraph(f"{how} Questions marked * must be answered.", 9.5, MUTED)
        for section in sections:
            page.heading(section.title)
            if section.intro:
                page.paragraph(section.intro, 9, MUTED)
            for statement in section.statements:
                page.paragraph("• " + statement, 9.5, indent=3 * mm)
            if section.statements:
                page.y -= 4
            for question in section.questions:
                _question(page, question)
        _signature(page, "the applicant")
        if role == "mentee":
            _signature(page, "the parent or carer (for anyone under 18)")
        if fillable:
            layout = {
                "programme": programme.name,
                "fields": [
                    {"name": custom_name(c), "label": c.label, "kind": c.kind, "choices": list(c.choices)}
                    for c in custom
                ],
            }
            _hidden(page, "md_form", FORM_MARK)
            _hidden(page, "md_programme_id", str(programme_id))
            _hidden(page, "md_role", role)
            _hidden(page, "md_version", FORM_VERSION)
            _hidden(page, "md_layout", json.dumps(layout, ensure_ascii=True))
        canvas.save()
    return path
