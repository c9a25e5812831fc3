"""Surveys on paper and as fillable PDFs.

Both come from one layout: a header with the programme, the survey and the person (their name
drawn through ``services.documents`` fonts, so Chinese, Arabic and Hebrew names print), then each
question with its boxes. The paper version draws tick boxes; the fillable one puts AcroForm fields
in the same places: radio groups for ratings, one-choice and yes/no questions (so "no" differs from
"not answered"), a check box per choice of a several-choices question, text fields for short text.

A fillable PDF carries hidden, read-only identity fields (``md_survey``, ``md_edition``,
``md_participant``, ``md_match``, ``md_programme`` and ``md_check``, a short fingerprint of the
programme's and the person's names) so a returned file is matched to its person and refused when
it belongs to someone else or to another database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from mentordesk import config
from mentordesk.core.documents import join_names, numbered, safe_filename
from mentordesk.core.private_files import replace_privately
from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.surveys import Question
from mentordesk.services import documents
from mentordesk.services.surveys.responses import match_people, programme_people
from mentordesk.services.surveys.templates import SurveyError, TemplateRow, get_template, programme_name
from mentordesk.store.models import Participant

MARGIN = 18 * mm
BOX = 4.2 * mm
FIELD_PREFIX = "q_"
IDENTITY_FIELDS = ("md_survey", "md_edition", "md_participant", "md_match", "md_programme", "md_check")
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")


def fingerprint(programme: str, person: str) -> str:
    """Ties a returned form to the programme and person it was made for (not a secret: a check)."""
    return hashlib.sha256(f"{programme}\n{person}".encode()).hexdigest()[:12]


def choice_value(index: int) -> str:
    return f"c{index}"


@dataclass(frozen=True)
class Addressee:
    participant_id: int
    name: str
    role: str
    match_id: int | None
    others: str  # the other members of the match, "" when none


def addressee(template: TemplateRow, participant_id: int, match_id: int | None) -> Addressee:
    people = programme_people(template.programme_id)
    person = people.get(participant_id)
    if person is None:
        raise SurveyError(f"Person {participant_id} is not enrolled in this survey's programme.")
    others = ""
    if match_id is not None:
        ids = [pid for pid, _role in match_people(match_id) if pid != participant_id]
        names = {p.id: p.display_name for p in Participant.select().where(Participant.id.in_(ids))}
        others = join_names([names[i] for i in ids if i in names])
    return Addressee(participant_id, person.name, person.role, match_id, others)


class _Layout:
    def __init__(self, canvas: Canvas, fillable: bool) -> None:
        self.c = canvas
        self.fillable = fillable
        self.width, self.height = A4
        self.y = self.height - MARGIN
        documents.ensure_fonts()
        self.text = ParagraphStyle(
            "q", fontName=documents.REGULAR, fontSize=10.5, leading=13.5, textColor=INK
        )
        self.small = ParagraphStyle("s", fontName=documents.REGULAR, fontSize=8, leading=10, textColor=MUTED)

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.c.showPage()
            self.y = self.height - MARGIN

    def paragraph(self, text: str, style: ParagraphStyle, x: float | None = None, bold: bool = False) -> None:
        left = MARGIN if x is None else x
        p = documents.text_paragraph(text, style, bold=bold)
        _w, h = p.wrapOn(self.c, self.width - MARGIN - left, self.height)
        self.need(h)
        p.drawOn(self.c, left, self.y - h)
        self.y -= h

    def box(self, name: str, value: str, x: float, y: float, tip: str, radio: bool) -> None:
        """One tick box at (x, y), its lower-left corner."""
        if not self.fillable:
            self.c.setStrokeColor(INK)
            self.c.setLineWidth(0.8)
            if radio:
                self.c.circle(x + BOX / 2, y + BOX / 2, BOX / 2)
            else:
                self.c.rect(x, y, BOX, BOX)
            return
        form = self.c.acroForm
        common = dict(
            x=x,
            y=y,
            size=BOX,
            borderColor=INK,
            fillColor=colors.white,
            textColor=INK,
            borderWidth=0.8,
            forceBorder=True,
            tooltip=tip,
        )
        if radio:  # a forced border draws a second, offset ring in some readers
            common["forceBorder"] = False
            form.radio(name=name, value=value, selected=False, buttonStyle="circle", shape="circle", **common)
        else:
            form.checkbox(name=name, checked=False, buttonStyle="check", shape="square", **common)

    def question(self, number: int, q: Question) -> None:
        self.need(20 * mm)
        self.y -= 3 * mm
        self.paragraph(f"{number}. {q.text}", self.text, bold=True)
        self.y -= 2 * mm
        name = FIELD_PREFIX + q.id
        if q.rating_range is not None:
            low, high = q.rating_range
            step = min(14 * mm, (self.width - 2 * MARGIN) / (high - low + 1))
            self.need(BOX + 12 * mm)
            top = self.y
            for i, value in enumerate(range(low, high + 1)):
                x = MARGIN + i * step
                documents.draw_string(self.c, x + BOX / 2, top - 3 * mm, str(value), 9, anchor="centre")
                self.box(name, f"v{value}", x, top - 4 * mm - BOX, f"{q.text}: {value}", radio=True)
            span = (high - low) * step
            self.c.setFillColor(MUTED)
            documents.draw_string(self.c, MARGIN, top - 8 * mm - BOX, q.labels[0], 8, max_width=span / 2)
            documents.draw_string(
                self.c,
                MARGIN + span + BOX,
                top - 8 * mm - BOX,
                q.labels[1],
                8,
                anchor="right",
                max_width=span / 2,
            )
            self.c.setFillColor(INK)
            self.y = top - 10 * mm - BOX
        elif q.kind == "yes_no":
            self.need(BOX + 3 * mm)
            for i, (label, state) in enumerate((("Yes", "yes"), ("No", "no"))):
                x = MARGIN + i * 30 * mm
                self.box(name, state, x, self.y - BOX, f"{q.text}: {label}", radio=True)
                documents.draw_string(self.c, x + BOX + 2 * mm, self.y - BOX + 0.8 * mm, label, 10)
            self.y -= BOX + 3 * mm
        elif q.kind in ("single", "multiple"):
            radio = q.kind == "single"
            if not radio:
                self.paragraph("Tick all that apply.", self.small)
                self.y -= 1 * mm
            for i, choice in enumerate(q.choices):
                self.need(BOX + 2 * mm)
                field = name if radio else f"{name}__{i}"
                self.box(field, choice_value(i), MARGIN, self.y - BOX, f"{q.text}: {choice}", radio=radio)
                documents.draw_string(
                    self.c,
                    MARGIN + BOX + 2 * mm,
                    self.y - BOX + 0.8 * mm,
                    choice,
                    10,
                    max_width=self.width - 2 * MARGIN - BOX - 2 * mm,
                )
                self.y -= BOX + 2 * mm
        else:
            height = 22 * mm
            self.need(height + 2 * mm)
            if self.fillable:
                self.c.acroForm.textfield(
                    name=name,
                    value="",
                    tooltip=q.text,
                    x=MARGIN,
                    y=self.y - height,
                    width=self.width - 2 * MARGIN,
                    height=height,
                    fieldFlags="multiline",
                    fontSize=10,
                    borderColor=INK,
                    fillColor=colors.white,
                    textColor=INK,
                    borderWidth=0.8,
                    forceBorder=True,
                )
            else:
                self.c.setStrokeColor(MUTED)
                self.c.setLineWidth(0.5)
                for line in range(1, 4):
                    y = self.y - line * 7 * mm
                    self.c.line(MARGIN, y, self.width - MARGIN, y)
            self.y -= height + 2 * mm


def write_survey(
    template_id: int,
    participant_id: int,
    match_id: int | None,
    path: Path,
    *,
    fillable: bool,
    due_on: date | None = None,
) -> Path:
    """Write one person's survey (paper or fillable) to ``path`` (privately)."""
    template = get_template(template_id)
    to = addressee(template, participant_id, match_id)
    programme = programme_name(template.programme_id)
    with replace_privately(path) as temp:
        c = Canvas(str(temp), pagesize=A4, pageCompression=1)
        c.setTitle(f"{template.name} – {to.name}")
        c.setAuthor(programme)
        layout = _Layout(c, fillable)
        c.setFillColor(MUTED)
        documents.draw_string(c, MARGIN, layout.y - 3 * mm, programme, 9, max_width=layout.width - 2 * MARGIN)
        c.setFillColor(INK)
        layout.y -= 5 * mm
        title = ParagraphStyle("t", fontName=documents.BOLD, fontSize=16, leading=20, textColor=INK)
        layout.paragraph(template.name, title)
        layout.y -= 1 * mm
        who = f"For: {to.name} ({to.role})"
        if to.others:
            who += f" · match with {to.others}"
        layout.paragraph(who, layout.text)
        if due_on is not None:
            layout.paragraph(f"Please answer by {due_on.strftime('%d %B %Y')}.", layout.text)
        how = (
            "Fill in this form in a PDF reader (Adobe Acrobat Reader, Preview, Firefox, Edge...), save it and "
            "send the saved file back. Leave out any question you would rather not answer."
            if fillable
            else "Tick one box for each question (tick several where it says so); leave out any question you "
            "would rather not answer. Your coordinator types your answers in and keeps this sheet safe."
        )
        layout.y -= 1 * mm
        layout.paragraph(how, layout.small)
        if fillable:
            identity = {
                "md_survey": str(template.id),
                "md_edition": str(template.edition),
                "md_participant": str(participant_id),
                "md_match": str(match_id or ""),
                "md_programme": str(template.programme_id),
                "md_check": fingerprint(programme, to.name),
            }
            for i, (name, value) in enumerate(identity.items()):
                c.acroForm.textfield(
                    name=name,
                    value=value,
                    x=1 + i,
                    y=1,
                    width=1,
                    height=1,
                    fieldFlags="readOnly",
                    annotationFlags="hidden",
                    borderWidth=0,
                )
        for number, q in enumerate(template.questions, start=1):
            layout.question(number, q)
        layout.y -= 4 * mm
        layout.paragraph("Thank you.", layout.text)
        c.showPage()
        c.save()
    return path


def survey_filename(template: TemplateRow, person: str, fillable: bool) -> str:
    return safe_filename([template.name, person, "fillable" if fillable else "paper"])


@dataclass(frozen=True)
class PrintItem:
    """One survey to print: which survey, for whom, in which match, answered by when."""

    template_id: int
    participant_id: int
    match_id: int | None
    due_on: date | None = None


def print_surveys(
    template_id: int,
    people: list[tuple[int, int | None]],
    folder: Path,
    *,
    fillable: bool,
    due_on: date | None = None,
    progress: Progress = QUIET,
) -> list[Path]:
    """One PDF per (person, match) in ``folder``; returns the files written."""
    items = [PrintItem(template_id, pid, mid, due_on) for pid, mid in people]
    return print_batch(items, folder, fillable=fillable, progress=progress)


def print_batch(
    items: Sequence[PrintItem], folder: Path, *, fillable: bool, progress: Progress = QUIET
) -> list[Path]:
    """One PDF per item in ``folder`` (surveys of several kinds may mix); returns the files written.

    Cancelled part-way (``progress`` raises ``Cancelled``), the files this batch wrote are removed
    again, so the folder holds the whole batch or none of it."""
    folder = config.ensure_dir(folder)
    templates: dict[int, TemplateRow] = {}
    written: list[Path] = []
    try:
        for done, item in enumerate(items):
            progress(done, len(items), "Writing the surveys")
            template = templates.get(item.template_id) or get_template(item.template_id)
            templates[item.template_id] = template
            to = addressee(template, item.participant_id, item.match_id)
            base = survey_filename(template, to.name, fillable)
            path, n = folder / base, 2
            while path in written:
                path = folder / numbered(base, n)
                n += 1
            written.append(
                write_survey(
                    item.template_id,
                    item.participant_id,
                    item.match_id,
                    path,
                    fillable=fillable,
                    due_on=item.due_on,
                )
            )
        progress.report(len(items), len(items), "Done")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
