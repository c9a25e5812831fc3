"""Changing a survey: its name, when it is due, and its questions (wording, kind, choices, order).

Answers already given keep their meaning: a changed survey gets a new edition number, and returned
forms say which edition they were made from. A question that has answers keeps its kind (its kind
list is locked, and the service refuses the change too); its wording, place and choices may change.
Alt+Up and Alt+Down move the question whose field has the focus, like the ↑ and ↓ buttons.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.surveys import KIND_LABELS, KINDS, Question
from mentordesk.services import surveys
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    hint_label,
    show_problem,
)

WHEN_TEXTS = {
    "": "(not scheduled)",
    "days_after_start": "days after the match starts",
    "every_days": "every so many days",
    "at_closure": "when the match closes",
    "programme_start": "at the programme's start",
    "programme_end": "at the programme's end",
}
CHOICE_KINDS = ("single", "multiple")


def split_choices(text: str) -> list[str]:
    return [c.strip() for c in text.split(";") if c.strip()]


class QuestionRow(QWidget):
    """One question's line: number, wording, kind, choices, move up/down, remove."""

    def __init__(self, dialog: TemplateDialog, question: Question, answers: int) -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.number = QLabel()
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("99.") + 4)
        self.text = QLineEdit(question.text)
        self.text.setMinimumWidth(260)
        self.number.setBuddy(self.text)
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(dialog.tr(KIND_LABELS[kind]), kind)
        self.kind.setCurrentIndex(self.kind.findData(question.kind))
        if answers:
            self.kind.setEnabled(False)
            self.kind.setToolTip(
                dialog.tr(
                    "Answered {n} times: its kind stays, so the answers keep their meaning. "
                    "Add a new question for another kind."
                ).format(n=answers)
            )
        self.choices = QLineEdit("; ".join(question.choices))
        self.choices.setCursorPosition(0)  # the first choices in view, not the end
        self.choices.setToolTip(dialog.tr("The choices, separated by ;"))
        self.choice_hint = dialog.tr("Choices, separated by ;")
        self.up = QPushButton(icon("mdi6.arrow-up"), "")
        self.down = QPushButton(icon("mdi6.arrow-down"), "")
        self.up.setToolTip(dialog.tr("Move the question up (Alt+Up)"))
        self.down.setToolTip(dialog.tr("Move the question down (Alt+Down)"))
        for button in (self.up, self.down):
            button.setAutoDefault(False)
        self.up.clicked.connect(lambda: dialog.move_row(self, -1))
        self.down.clicked.connect(lambda: dialog.move_row(self, 1))
        self.remove = QCheckBox(dialog.tr("Remove"))
        line.addWidget(self.number)
        line.addWidget(self.text, 3)
        line.addWidget(self.kind)
        line.addWidget(self.choices, 2)
        line.addWidget(self.up)
        line.addWidget(self.down)
        line.addWidget(self.remove)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self, *_args) -> None:
        choosing = self.kind.currentData() in CHOICE_KINDS
        self.choices.setEnabled(choosing)
        self.choices.setPlaceholderText(self.choice_hint if choosing else "")

    def renumber(self, dialog: TemplateDialog, number: int) -> None:
        self.number.setText(f"&{number}." if number < 10 else f"{number}.")
        self.text.setAccessibleName(dialog.tr("Question {n}").format(n=number))
        self.kind.setAccessibleName(dialog.tr("Kind of question {n}").format(n=number))
        self.choices.setAccessibleName(dialog.tr("Choices of question {n}").format(n=number))
        self.up.setAccessibleName(dialog.tr("Move question {n} up").format(n=number))
        self.down.setAccessibleName(dialog.tr("Move question {n} down").format(n=number))
        self.remove.setAccessibleName(dialog.tr("Remove question {n}").format(n=number))

    def focus_widgets(self) -> list[QWidget]:
        return [self.text, self.kind, self.choices, self.up, self.down, self.remove]

    def to_json(self) -> dict:
        kind = self.kind.currentData()
        q = self.question
        changes: dict = {"text": self.text.text().strip(), "kind": kind}
        if kind in CHOICE_KINDS:
            changes["choices"] = tuple(split_choices(self.choices.text()))
        else:
            changes["choices"] = ()
        if kind != q.kind:
            rating = kind in ("rating5", "rating10")
            changes["labels"] = q.labels if rating else ("", "")
            if not rating:
                changes["scale"], changes["reverse"] = "", False
            if kind != "yes_no":
                changes["alert_no"] = False
        return replace(q, **changes).to_json()


class TemplateDialog(QDialog):
    """Change a survey: its name, when it is due, its questions; remove, add or reorder questions."""

    def __init__(self, template: surveys.TemplateRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self.setWindowTitle(self.tr("Edit survey: {name}").format(name=template.name))
        layout = QVBoxLayout(self)
        body = QWidget()
        form = form_layout(body)
        self.name = QLineEdit(template.name)
        self.name.setAccessibleName(self.tr("Survey name"))
        name_label = QLabel(self.tr("&Name"))
        name_label.setBuddy(self.name)
        form.addRow(name_label, self.name)
        self.whens: list[tuple[QComboBox, QSpinBox]] = []
        for row in range(2):
            when = QComboBox()
            when.setAccessibleName(self.tr("When, {n}").format(n=row + 1))
            for key, when_text in WHEN_TEXTS.items():
                when.addItem(self.tr(when_text), key)
            days = QSpinBox()
            days.setRange(0, 730)
            days.setSuffix(self.tr(" days"))
            days.setAccessibleName(self.tr("Days, {n}").format(n=row + 1))
            if row < len(template.schedules):
                chosen, number = template.schedules[row]
                when.setCurrentIndex(max(0, when.findData(chosen)))
                days.setValue(number)
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(when, 1)
            line.addWidget(days)
            label = QLabel(self.tr("&Due") if row == 0 else self.tr("And &also"))
            label.setBuddy(when)
            form.addRow(label, holder)
            self.whens.append((when, days))
        questions_label = QLabel(self.tr("Questions"))
        questions_label.setObjectName("sectionTitle")
        form.addRow(questions_label)
        counts = surveys.answer_counts(template.id)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.rows: list[QuestionRow] = []
        for question in template.questions:
            row_widget = QuestionRow(self, question, counts.get(question.id, 0))
            self.rows.append(row_widget)
            self.rows_box.addWidget(row_widget)
        form.addRow(self.rows_box)
        self.new_text = QLineEdit()
        self.new_text.setPlaceholderText(self.tr("A new question (optional)"))
        self.new_text.setAccessibleName(self.tr("New question"))
        self.new_kind = QComboBox()
        self.new_kind.setAccessibleName(self.tr("Kind of the new question"))
        for kind in KINDS:
            self.new_kind.addItem(self.tr(KIND_LABELS[kind]), kind)
        self.new_choices = QLineEdit()
        self.new_choices.setPlaceholderText(self.tr("Choices, separated by ;"))
        self.new_choices.setAccessibleName(self.tr("Choices of the new question"))
        add_label = QLabel(self.tr("Add &question"))
        add_label.setBuddy(self.new_text)
        form.addRow(add_label, self.new_text)
        kind_label = QLabel(self.tr("&Kind"))
        kind_label.setBuddy(self.new_kind)
        form.addRow(kind_label, self.new_kind)
        choices_label = QLabel(self.tr("C&hoices"))
        choices_label.setBuddy(self.new_choices)
        form.addRow(choices_label, self.new_choices)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumSize(900, 420)
        self.question_area = scroll
        layout.addWidget(scroll, 1)
        hint = hint_label(2)
        hint.setText(
            self.tr(
                "Alt+Up and Alt+Down move the question you are in. A question that has answers keeps "
                "its kind and the choices people chose; its answers stay with it wherever it moves."
            )
        )
        layout.addWidget(hint)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        for keys, step in (("Alt+Up", -1), ("Alt+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(lambda step=step: self.move_focused(step))
        self._renumber()

    # -- order -------------------------------------------------------------------------------------
    def focused_row(self) -> QuestionRow | None:
        focus = self.focusWidget()
        return next((r for r in self.rows if focus is not None and r.isAncestorOf(focus)), None)

    def move_focused(self, step: int) -> None:
        row = self.focused_row()
        if row is not None:
            self.move_row(row, step)

    def move_row(self, row: QuestionRow, step: int) -> None:
        """Move ``row`` one place up (-1) or down (1); the focus stays in it."""
        index = self.rows.index(row)
        target = index + step
        if not 0 <= target < len(self.rows):
            return
        focus = self.focusWidget()
        self.rows.insert(target, self.rows.pop(index))
        self.rows_box.removeWidget(row)
        self.rows_box.insertWidget(target, row)
        self._renumber()
        if focus is not None and row.isAncestorOf(focus):
            focus.setFocus()
        self.question_area.ensureWidgetVisible(row)

    def _renumber(self) -> None:
        previous: QWidget = self.whens[-1][1]
        for number, row in enumerate(self.rows, start=1):
            row.renumber(self, number)
            row.up.setEnabled(number > 1)
            row.down.setEnabled(number < len(self.rows))
            for widget in row.focus_widgets():  # Tab follows the order on screen
                QWidget.setTabOrder(previous, widget)
                previous = widget
        QWidget.setTabOrder(previous, self.new_text)

    # -- result ------------------------------------------------------------------------------------
    def questions(self) -> list[dict]:
        out = [row.to_json() for row in self.rows if not row.remove.isChecked()]
        wording = self.new_text.text().strip()
        if wording:
            taken = {q["id"] for q in out} | {q.id for q in self.template.questions}
            base = re.sub(r"[^a-z0-9]+", "_", wording.casefold()).strip("_")[:30] or "question"
            if not base[0].isalpha():
                base = "q_" + base
            ident, n = base, 2
            while ident in taken:
                ident, n = f"{base}_{n}", n + 1
            new = {"id": ident, "text": wording, "kind": self.new_kind.currentData()}
            choices = split_choices(self.new_choices.text())
            if choices:
                new["choices"] = choices
            out.append(new)
        return out

    def schedules(self) -> list[tuple[str, int]]:
        return [(when.currentData(), days.value()) for when, days in self.whens if when.currentData()]

    def accept(self) -> None:
        try:
            surveys.update_template(
                self.template.id,
                name=self.name.text(),
                questions=self.questions(),
                schedules=self.schedules(),
            )
        except surveys.SurveyError as exc:
            show_problem(self.error, str(exc))
            return
        super().accept()
