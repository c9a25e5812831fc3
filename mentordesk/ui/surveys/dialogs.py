"""The Surveys area's dialogs: typing a person's answers in, and mapping a form export's columns."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import Invalid
from mentordesk.core.surveys import Question
from mentordesk.services import surveys
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    hint_label,
    show_problem,
)

NOT_ANSWERED = "—"


class AnswersDialog(QDialog):
    """One person's answers to one survey, typed from a paper copy or a phone call."""

    def __init__(
        self,
        template: surveys.TemplateRow,
        participant_id: int,
        person: str,
        match_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.template = template
        self.participant_id = participant_id
        self.match_id = match_id
        self.saved_id = 0
        self.setWindowTitle(self.tr("Type answers: {survey}").format(survey=template.name))
        layout = QVBoxLayout(self)
        intro = hint_label(2)
        intro.setText(self.tr("{person}'s answers. Leave out what was not answered.").format(person=person))
        layout.addWidget(intro)
        body = QWidget()
        form = form_layout(body)
        self.day = DateEdit(date.today(), past_only=True)
        self.day.setAccessibleName(self.tr("Answered on"))
        day_label = QLabel(self.tr("&Answered on"))
        day_label.setBuddy(self.day)
        form.addRow(day_label, self.day)
        self.inputs: dict[str, QWidget | list[QCheckBox]] = {}
        for number, question in enumerate(template.questions, start=1):
            label = QLabel(f"{number}. {question.text}")
            label.setWordWrap(True)
            label.setMaximumWidth(300)
            widget = self._input(question)
            if isinstance(widget, list):
                holder = QWidget()
                column = QVBoxLayout(holder)
                column.setContentsMargins(0, 0, 0, 0)
                for box in widget:
                    column.addWidget(box)
                form.addRow(label, holder)
            else:
                label.setBuddy(widget)
                form.addRow(label, widget)
            self.inputs[question.id] = widget
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumSize(640, 360)
        layout.addWidget(scroll, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))

    def _input(self, question: Question) -> QWidget | list[QCheckBox]:
        name = question.text
        if question.kind == "multiple":
            boxes = []
            for choice in question.choices:
                box = QCheckBox(choice)
                box.setAccessibleName(f"{name}: {choice}")
                boxes.append(box)
            return boxes
        if question.kind == "short_text":
            line = QLineEdit()
            line.setAccessibleName(name)
            return line
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.addItem(NOT_ANSWERED, None)
        bounds = question.rating_range
        if bounds is not None:
            low, high = bounds
            for value in range(low, high + 1):
                text = str(value)
                if value == low and question.labels[0]:
                    text += f" – {question.labels[0]}"
                if value == high and question.labels[1]:
                    text += f" – {question.labels[1]}"
                combo.addItem(text, value)
        elif question.kind == "yes_no":
            combo.addItem(self.tr("Yes"), True)
            combo.addItem(self.tr("No"), False)
        else:
            for choice in question.choices:
                combo.addItem(choice, choice)
        return combo

    def answers(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for qid, widget in self.inputs.items():
            if isinstance(widget, list):
                out[qid] = [box.text() for box in widget if box.isChecked()]
            elif isinstance(widget, QLineEdit):
                out[qid] = widget.text()
            elif isinstance(widget, QComboBox):
                out[qid] = widget.currentData()
        return out

    def accept(self) -> None:
        try:
            day = self.day.value()
        except Invalid as exc:
            show_problem(self.error, self.tr("Answered on: {problem}").format(problem=exc))
            self.day.setFocus()
            return
        assert day is not None  # the field is required
        try:
            self.saved_id = surveys.record_response(
                self.template.id, self.participant_id, day, self.answers(), self.match_id
            )
        except surveys.SurveyError as exc:
            show_problem(self.error, str(exc))
            return
        super().accept()


FIELD_NAMES = {
    "": "(leave out)",
    "person": "Person's name",
    "email": "E-mail address",
    "answered_on": "Answer date",
}


class MappingDialog(QDialog):
    """Which column of a form export holds what: the person, the date, each question."""

    def __init__(
        self, template: surveys.TemplateRow, preview: surveys.Preview, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns of the form export"))
        layout = QVBoxLayout(self)
        hint = hint_label(2)
        hint.setText(
            self.tr(
                "Say what each column holds for “{survey}”. The choice is remembered for the next file."
            ).format(survey=template.name)
        )
        layout.addWidget(hint)
        body = QWidget()
        form = form_layout(body)
        fields = [(key, self.tr(text)) for key, text in FIELD_NAMES.items()]
        fields += [(q.id, f"{n}. {q.text}") for n, q in enumerate(template.questions, start=1)]
        self.combos: dict[str, QComboBox] = {}
        for column in preview.header:
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Column {name}").format(name=column))
            for key, text in fields:
                combo.addItem(text, key)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(column, ""))))
            label = QLabel(column)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[column] = combo
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumSize(600, 300)
        layout.addWidget(scroll, 1)
        layout.addWidget(dialog_buttons(self, QDialogButtonBox.StandardButton.Ok))

    def mapping(self) -> dict[str, str]:
        return {column: combo.currentData() for column, combo in self.combos.items() if combo.currentData()}


WHEN_TEXTS = {
    "": "(not scheduled)",
    "days_after_start": "days after the match starts",
    "every_days": "every so many days",
    "at_closure": "when the match closes",
    "programme_start": "at the programme's start",
    "programme_end": "at the programme's end",
}


class TemplateDialog(QDialog):
    """Change a survey: its name, when it is due, the wording of its questions; remove or add questions.

    Answers already given keep their meaning: a changed survey gets a new edition number, and returned
    forms say which edition they were made from."""

    def __init__(self, template: surveys.TemplateRow, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QHBoxLayout, QSpinBox

        from mentordesk.core.surveys import KIND_LABELS, KINDS

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
        self.texts: list[tuple[Question, QLineEdit, QCheckBox]] = []
        for number, question in enumerate(template.questions, start=1):
            text = QLineEdit(question.text)
            text.setAccessibleName(self.tr("Question {n}").format(n=number))
            remove = QCheckBox(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove question {n}").format(n=number))
            holder = QWidget()
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(text, 1)
            line.addWidget(QLabel(self.tr(KIND_LABELS[question.kind])))
            line.addWidget(remove)
            label = QLabel(f"{number}.")
            label.setBuddy(text)
            form.addRow(label, holder)
            self.texts.append((question, text, remove))
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
        form.addRow(QLabel(self.tr("Kind")), self.new_kind)
        form.addRow(QLabel(self.tr("Choices")), self.new_choices)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setMinimumSize(700, 380)
        layout.addWidget(scroll, 1)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))

    def questions(self) -> list[dict]:
        import re
        from dataclasses import replace

        out = [
            replace(q, text=text.text().strip()).to_json()
            for q, text, remove in self.texts
            if not remove.isChecked()
        ]
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
            choices = [c.strip() for c in self.new_choices.text().split(";") if c.strip()]
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
