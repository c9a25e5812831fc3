"""Small editors of the Goals area: a milestone, a review, and picking a template."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import goals
from mentordesk.services.goals import GoalRow, MilestoneDraft, MilestoneRow, TemplateRow
from mentordesk.ui.formatting import format_date
from mentordesk.ui.goals.goal_dialog import date_edit, mark, text_box
from mentordesk.ui.widgets.date_edit import py_date, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, in_form


class MilestoneDialog(QDialog):
    """Add a milestone to a goal (``milestone`` None) or edit one."""

    def __init__(
        self, goal: GoalRow, milestone: MilestoneRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.goal = goal
        self.milestone = milestone
        self.setWindowTitle(self.tr("Edit milestone") if milestone else self.tr("Add milestone"))
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.title_edit = QLineEdit(milestone.title if milestone else "")
        self.title_edit.setPlaceholderText(self.tr("e.g. Practise the first sentence with the mentor"))
        self.due_check = QCheckBox(self.tr("Due by"))
        self.due_edit = date_edit(milestone.due_on if milestone and milestone.due_on else goal.target_date)
        self.due_check.setChecked(bool(milestone.due_on) if milestone else True)
        self.done_check = QCheckBox(self.tr("Done on"))
        self.done_edit = date_edit(milestone.done_on if milestone and milestone.done_on else date.today())
        self.done_check.setChecked(bool(milestone and milestone.done_on))
        due_row, done_row = QHBoxLayout(), QHBoxLayout()
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit, 1)
        done_row.addWidget(self.done_check)
        done_row.addWidget(self.done_edit, 1)
        self.error_label = error_label(hidden=True)
        self.advice_label = QLabel()
        self.advice_label.setObjectName("warning")
        self.advice_label.setWordWrap(True)
        form.addRow(self.tr("&Milestone:"), self.title_edit)
        form.addRow(self.tr("Due:"), due_row)
        form.addRow(self.tr("Done:"), done_row)
        form.addRow(in_form(self.error_label))
        form.addRow(self.advice_label)
        form.addRow(dialog_buttons(self, QDialogButtonBox.StandardButton.Ok))
        for signal in (
            self.title_edit.textChanged,
            self.due_check.toggled,
            self.due_edit.textChanged,
            self.done_check.toggled,
            self.done_edit.textChanged,
        ):
            signal.connect(self.validate)
        self.touched = bool(milestone)
        self.title_edit.textChanged.connect(lambda: setattr(self, "touched", True))
        self.validate()

    def draft(self) -> MilestoneDraft:
        return MilestoneDraft(
            self.title_edit.text(),
            self.due_edit.day() if self.due_check.isChecked() else None,
            self.done_edit.day() if self.done_check.isChecked() else None,
        )

    def validate(self) -> list:
        self.due_edit.setEnabled(self.due_check.isChecked())
        self.done_edit.setEnabled(self.done_check.isChecked())
        problems = goals.check_milestone(self.draft(), self.goal.target_date)
        errors = [p for p in problems if p.blocking and (self.touched or p.field != "title")]
        widgets = {"title": self.title_edit, "due_on": self.due_edit, "done_on": self.done_edit}
        for name, widget in widgets.items():
            mine = [str(p) for p in errors if p.field == name]
            mark(widget, bool(mine), "\n".join(mine))
        self.error_label.setText("\n".join(str(p) for p in errors))
        self.error_label.setVisible(bool(errors))
        advice = [str(p) for p in problems if not p.blocking]
        self.advice_label.setText("\n".join(advice))
        self.advice_label.setVisible(bool(advice))
        return [p for p in problems if p.blocking]

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        self.touched = True
        if self.validate():
            self.title_edit.setFocus()
            return
        try:
            if self.milestone is None:
                goals.add_milestone(self.goal.id, self.draft())
            else:
                goals.update_milestone(self.milestone.id, self.draft())
        except (goals.GoalError, goals.GoalRuleError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()


class ReviewDialog(QDialog):
    """Record that a goal was reviewed, with notes and the date of the next review."""

    def __init__(self, goal: GoalRow, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goal = goal
        self.setWindowTitle(self.tr("Review goal"))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        heading = QLabel(f"<b>{_escape(goal.title)}</b>")
        heading.setWordWrap(True)
        form.addRow(heading)
        if goal.review is not None:
            why = goals.REVIEW_REASON_TEXT[goal.review.reason]
            hint = QLabel(
                self.tr("Due {date} ({why}).").format(date=format_date(goal.review.due_on), why=why)
            )
            hint.setObjectName("hint")
            form.addRow(hint)
        self.needs_next = goals.review_needs_next(goal)
        self.reviewed_edit = date_edit(date.today())
        self.next_edit = date_edit(goals.suggested_review_date(programme_id, date.today(), goal.target_date))
        self.notes_edit = text_box(
            self.tr("What was agreed: progress, changes to the goal, support needed"), 4
        )
        form.addRow(self.tr("&Reviewed on:"), self.reviewed_edit)
        if self.needs_next:
            form.addRow(self.tr("&Next review by:"), self.next_edit)
        else:
            self.next_edit.hide()
            note = QLabel(self.tr("No further review is needed: the goal is finished or its match closed."))
            note.setObjectName("hint")
            note.setWordWrap(True)
            form.addRow(note)
        form.addRow(self.tr("N&otes:"), self.notes_edit)
        self.error_label = error_label(hidden=True)
        form.addRow(in_form(self.error_label))
        form.addRow(dialog_buttons(self, QDialogButtonBox.StandardButton.Ok))
        self.reviewed_edit.textChanged.connect(self.validate)
        self.next_edit.textChanged.connect(self.validate)
        self.validate()

    def next_review(self) -> date | None:
        return self.next_edit.day() if self.needs_next else None

    def validate(self) -> list:
        problems = [
            p
            for p in goals.check_review(self.goal, self.reviewed_edit.day(), self.next_review())
            if p.blocking
        ]
        mark(self.reviewed_edit, any(p.field == "reviewed_on" for p in problems))
        mark(self.next_edit, any(p.field == "review_on" for p in problems))
        self.error_label.setText("\n".join(str(p) for p in problems))
        self.error_label.setVisible(bool(problems))
        return problems

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label) or self.validate():
            return
        try:
            goals.mark_reviewed(
                self.goal.id,
                py_date(self.reviewed_edit.date()),
                self.next_review(),
                self.notes_edit.toPlainText(),
            )
        except (goals.GoalError, goals.GoalRuleError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def template_preview(template: TemplateRow) -> str:
    """A template as rich text: its wording and its milestones."""
    parts = [f"<h3>{_escape(template.title)}</h3>"]
    for name, caption in (
        ("why", "Why it matters"),
        ("specific", "Specific"),
        ("measurable", "Measurable"),
        ("achievable", "Achievable steps"),
        ("relevant", "Relevant to"),
    ):
        value = getattr(template, name)
        if value:
            parts.append(f"<p><b>{caption}:</b> {_escape(value)}</p>")
    if template.milestones:
        items = "".join(f"<li>{_escape(m)}</li>" for m in template.milestones)
        parts.append(f"<p><b>Milestones</b></p><ol>{items}</ol>")
    else:
        parts.append("<p><i>No milestones: progress is set by hand.</i></p>")
    return "".join(parts)


class TemplatePickerDialog(QDialog):
    """Choose one of the programme's goal templates; ``chosen`` is its id after OK."""

    def __init__(self, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New goal from a template"))
        self.resize(680, 420)
        self.templates = goals.list_templates(programme_id)
        self.chosen = 0
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Pick a template: the goal editor opens with its wording and milestones, ready to adjust."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.list_view = QListView()
        self.list_model = QStringListModel([t.title for t in self.templates])
        self.list_view.setModel(self.list_model)
        self.list_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list_view.setWordWrap(True)
        self.list_view.setSpacing(3)
        self.list_view.selectionModel().currentChanged.connect(self._show)
        self.list_view.doubleClicked.connect(self.accept)
        self.preview = QTextBrowser()
        row.addWidget(self.list_view, 2)
        row.addWidget(self.preview, 3)
        layout.addLayout(row, 1)
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use template"))
        layout.addWidget(self.buttons)
        if self.templates:
            self.list_view.setCurrentIndex(self.list_model.index(0))
        else:
            self.preview.setText(
                self.tr(
                    "This programme has no goal templates yet. Add some with Templates… on the Goals page."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _show(self, current, _previous=None) -> None:
        if current.isValid():
            self.preview.setHtml(template_preview(self.templates[current.row()]))

    def select(self, title: str) -> None:
        row = next(i for i, t in enumerate(self.templates) if t.title == title)
        self.list_view.setCurrentIndex(self.list_model.index(row))

    def accept(self) -> None:
        index = self.list_view.currentIndex()
        if not index.isValid():
            return
        self.chosen = self.templates[index.row()].id
        super().accept()
