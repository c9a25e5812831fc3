"""Record what happened at a meeting: held (who came, how long, what you did), cancelled (by whom), missed."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.meetings import MeetingInputError
from mentordesk.core.vocab import MeetingStatus, label
from mentordesk.services import meetings
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import format_weekday_time
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    primary_button,
    show_problem,
    tab_moves_focus,
)

CANCELLED_BY_LABELS = {
    "mentor": "The mentor",
    "mentee": "The mentee",
    "both": "Both",
    "guardian": "A parent or guardian",
    "coordinator": "The coordinator",
    "school": "The school or venue",
    "other": "Someone else",
}


class OutcomeDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self, meeting_id: int, parent: QWidget | None = None, *, now: datetime | None = None
    ) -> None:
        super().__init__(parent)
        self.guard = EditGuard(self)  # the outcome is saved over this version of the meeting only
        self.meeting = self.guard.read(meetings.meeting_detail, meeting_id)
        self.guard.watch("meeting", meeting_id)
        self.now = now
        self.setWindowTitle(self.tr("Record outcome"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>{escape(self.meeting.who)}</b><br>{format_weekday_time(self.meeting.starts_at)}")
        layout.addWidget(title)
        form = QFormLayout()
        row = QHBoxLayout()
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[str, QRadioButton] = {}
        for status, text in (
            (MeetingStatus.HELD.value, self.tr("&Held")),
            (MeetingStatus.CANCELLED.value, self.tr("&Cancelled")),
            (MeetingStatus.MISSED.value, self.tr("Mi&ssed")),
            (MeetingStatus.PLANNED.value, self.tr("Not recorded yet")),
        ):
            button = QRadioButton(text)
            self.status_group.addButton(button)
            self.status_buttons[status] = button
            row.addWidget(button)
        row.addStretch(1)
        form.addRow(self.tr("Outcome:"), row)
        self.cancelled_by = QComboBox()
        self.cancelled_by.addItem(self.tr("Choose…"), "")
        for value in meetings.CANCELLED_BY:
            self.cancelled_by.addItem(self.tr(CANCELLED_BY_LABELS[value]), value)
        form.addRow(self.tr("Cancelled &by:"), self.cancelled_by)
        attendance = QGridLayout()
        self.attendance: dict[int, QCheckBox] = {}
        self.attendance_so_far: dict[int, QLabel] = {}
        # Each member's register so far: in a circle the coordinator sees at once who keeps missing.
        so_far = {a.participant_id: a for a in meetings.attendance_summary(self.meeting.match_id)}
        for row_number, member in enumerate(self.meeting.members):
            box = QCheckBox(f"{member.name} ({self.tr(label(member.role))})")
            box.setChecked(self.meeting.attendance.get(member.participant_id, True))
            self.attendance[member.participant_id] = box
            attendance.addWidget(box, row_number, 0)
            record = so_far.get(member.participant_id)
            if record is not None and record.held:
                note = QLabel(self.tr("so far {came} of {held}").format(came=record.attended, held=record.held))
                note.setObjectName("hint")
                box.setToolTip(self.tr("So far: {text}").format(text=self.tr(record.text)))
                self.attendance_so_far[member.participant_id] = note
                attendance.addWidget(note, row_number, 1)
        attendance.setColumnStretch(1, 1)
        form.addRow(self.tr("Attended:"), attendance)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 24 * 60 - 1)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.minutes_spin.setValue(self.meeting.actual_minutes or self.meeting.duration_minutes)
        form.addRow(self.tr("Actual &length:"), self.minutes_spin)
        self.activity_combo = QComboBox()
        self.activity_combo.setEditable(True)
        self.activity_combo.addItems(meetings.activities(self.meeting.programme_id))
        self.activity_combo.setCurrentText(self.meeting.activity)
        activity_line = self.activity_combo.lineEdit()
        assert activity_line is not None  # an editable combo has one
        activity_line.setPlaceholderText(self.tr("e.g. Revision planning, museum visit"))
        form.addRow(self.tr("&Activity:"), self.activity_combo)
        self.notes_edit = QPlainTextEdit(self.meeting.notes)
        tab_moves_focus(self.notes_edit)
        self.notes_edit.setPlaceholderText(
            self.tr("What went well, what to follow up (kept in the match record)")
        )
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 5)
        form.addRow(self.tr("&Notes:"), self.notes_edit)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(self.tr("Save outcome"))
        layout.addWidget(dialog_buttons(self, self.save_button))
        initial = self.meeting.status
        if initial == MeetingStatus.PLANNED.value and self.meeting.starts_at <= (now or datetime.now()):
            initial = MeetingStatus.HELD.value  # the usual answer for a meeting that has passed
        self.status_buttons[initial].setChecked(True)
        index = self.cancelled_by.findData(self.meeting.cancelled_by)
        self.cancelled_by.setCurrentIndex(max(0, index))
        self.status_group.buttonToggled.connect(self._sync)
        self._sync()
        self.watch_typing()  # Escape, Cancel and closing ask first once something is typed

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Discard this outcome?"), self.tr("The meeting stays as it was recorded.")

    def status(self) -> str:
        return next(s for s, b in self.status_buttons.items() if b.isChecked())

    def set_status(self, status: str) -> None:
        self.status_buttons[status].setChecked(True)

    def _sync(self, *_: object) -> None:
        status = self.status()
        self.cancelled_by.setEnabled(status == MeetingStatus.CANCELLED.value)
        for box in self.attendance.values():
            box.setEnabled(status in (MeetingStatus.HELD.value, MeetingStatus.MISSED.value))
        held = status == MeetingStatus.HELD.value
        self.minutes_spin.setEnabled(held)
        self.activity_combo.setEnabled(held)

    def accept(self) -> None:
        status = self.status()
        try:
            self.guard.save(
                meetings.record_outcome,
                self.meeting.id,
                status,
                cancelled_by=self.cancelled_by.currentData() or "",
                attendance={pid: box.isChecked() for pid, box in self.attendance.items()},
                actual_minutes=self.minutes_spin.value() if status == MeetingStatus.HELD.value else None,
                activity=self.activity_combo.currentText(),
                notes=self.notes_edit.toPlainText(),
                now=self.now,
            )
        except MeetingInputError as exc:
            show_problem(self.error_label, str(exc))
            return
        if self.guard.withdrawn:
            return
        self.leave_without_asking()
        super().accept()
