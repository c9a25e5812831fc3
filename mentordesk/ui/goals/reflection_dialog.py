"""A journal entry: who wrote it and when, the meeting it follows, the goals it is about, four prompts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import goals
from mentordesk.services.goals import ReflectionDraft, ReflectionRow
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.goals.goal_dialog import date_edit, mark, text_box
from mentordesk.ui.goals.models import ROLE_LABELS
from mentordesk.ui.widgets.date_edit import refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label

COORDINATOR = -1  # the author combo's value for "the coordinator"


class ReflectionDialog(QDialog):
    def __init__(
        self, match_id: int, entry: ReflectionRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.match_id = match_id
        self.entry = entry
        self.saved_id = entry.id if entry else 0
        self.started_on = goals.match_started_on(match_id)
        self.touched = entry is not None
        self.setWindowTitle(self.tr("Edit reflection") if entry else self.tr("New reflection"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_edit = date_edit(entry.written_on if entry else date.today())
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.author_combo = QComboBox()
        for member in goals.author_choices(match_id):
            role = ROLE_LABELS.get(member.role, member.role)
            self.author_combo.addItem(f"{member.name} ({self.tr(role)})", member.participant_id)
        self.author_combo.addItem(self.tr("The coordinator"), COORDINATOR)
        # Most entries are the mentee's own: start there.
        mentee = next(
            (i for i in range(self.author_combo.count()) if "(Mentee)" in self.author_combo.itemText(i)), 0
        )
        self.author_combo.setCurrentIndex(mentee)
        self.meeting_combo = QComboBox()
        self.meeting_combo.addItem(self.tr("No particular meeting"), None)
        for meeting in goals.meeting_choices(match_id):
            self.meeting_combo.addItem(format_datetime(meeting.starts_at), meeting.id)
        self.goal_list = QListWidget()
        for goal in goals.list_goals(match_id):
            item = QListWidgetItem(goal.title)
            item.setData(Qt.ItemDataRole.UserRole, goal.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = entry is not None and goal.id in entry.goal_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.goal_list.addItem(item)
        rows = max(1, min(self.goal_list.count(), 4))
        self.goal_list.setFixedHeight(
            self.goal_list.sizeHintForRow(0) * rows + 8 if self.goal_list.count() else 30
        )
        self.successes_edit = text_box(self.tr("What went well"), 3)
        self.challenges_edit = text_box(self.tr("What was hard"), 3)
        self.helped_edit = text_box(self.tr("What helped"), 2)
        self.next_edit = text_box(self.tr("What happens next"), 2)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Written by:"), self.author_combo)
        form.addRow(self.tr("After &meeting:"), self.meeting_combo)
        form.addRow(self.tr("About &goals:"), self.goal_list)
        form.addRow(self.tr("&Successes:"), self.successes_edit)
        form.addRow(self.tr("&Challenges:"), self.challenges_edit)
        form.addRow(self.tr("What &helped:"), self.helped_edit)
        form.addRow(self.tr("&Next steps:"), self.next_edit)
        layout.addLayout(form)
        self.error_label = error_label(hidden=True)
        layout.addWidget(self.error_label)
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(self.buttons)
        if entry is not None:
            self._fill(entry)
        for box in (self.successes_edit, self.challenges_edit, self.helped_edit, self.next_edit):
            box.textChanged.connect(self._touch)
        self.date_edit.textChanged.connect(self._touch)
        self.validate()

    def _fill(self, entry: ReflectionRow) -> None:
        author = entry.author_id if entry.author_id is not None else COORDINATOR
        self.author_combo.setCurrentIndex(max(0, self.author_combo.findData(author)))
        if entry.meeting_id is not None:
            self.meeting_combo.setCurrentIndex(max(0, self.meeting_combo.findData(entry.meeting_id)))
        self.successes_edit.setPlainText(entry.successes)
        self.challenges_edit.setPlainText(entry.challenges)
        self.helped_edit.setPlainText(entry.what_helped)
        self.next_edit.setPlainText(entry.next_steps)

    def select_author(self, participant_id: int | None) -> None:
        wanted = COORDINATOR if participant_id is None else participant_id
        self.author_combo.setCurrentIndex(self.author_combo.findData(wanted))

    def author_id(self) -> int | None:
        value = self.author_combo.currentData()
        return None if value == COORDINATOR else value

    def draft(self) -> ReflectionDraft:
        checked = [
            self.goal_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.goal_list.count())
            if self.goal_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return ReflectionDraft(
            written_on=self.date_edit.day() or date.today(),  # accept refuses a non-date first
            author_role="coordinator"
            if self.author_id() is None
            else "mentee",  # the service uses the person's role
            successes=self.successes_edit.toPlainText(),
            challenges=self.challenges_edit.toPlainText(),
            what_helped=self.helped_edit.toPlainText(),
            next_steps=self.next_edit.toPlainText(),
            goal_ids=checked,
        )

    def _touch(self, *_: object) -> None:
        self.touched = True
        self.validate()

    def validate(self) -> list:
        problems = [p for p in goals.check_draft(self.draft(), self.started_on) if p.blocking]
        shown = problems if self.touched else [p for p in problems if p.field != "successes"]
        mark(self.date_edit, any(p.field == "written_on" for p in shown))
        mark(self.successes_edit, any(p.field == "successes" for p in shown))
        self.error_label.setText("\n".join(str(p) for p in shown))
        self.error_label.setVisible(bool(shown))
        return problems

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        self.touched = True
        if self.validate():
            self.successes_edit.setFocus()
            return
        meeting = self.meeting_combo.currentData()
        try:
            if self.entry is None:
                self.saved_id = goals.create_reflection(
                    self.match_id, self.draft(), author_id=self.author_id(), meeting_id=meeting
                )
            else:
                goals.update_reflection(
                    self.entry.id, self.draft(), author_id=self.author_id(), meeting_id=meeting
                )
        except (goals.GoalError, goals.GoalRuleError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()
