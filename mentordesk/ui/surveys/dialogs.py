"""The Surveys area's dialogs: typing a person's answers in, and mapping a form export's columns
(changing a survey is template_dialog.py)."""

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
