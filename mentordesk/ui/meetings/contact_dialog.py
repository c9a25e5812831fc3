"""Log (or edit) a coordinator check-in with a mentor, a mentee or a guardian."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.meetings import MeetingInputError
from mentordesk.core.vocab import ContactChannel, label
from mentordesk.services import meetings
from mentordesk.services.meetings import ContactInput, ContactRow
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.date_edit import DateEdit, DateTimeEdit, py_minute, refuse_bad_dates, to_qdatetime
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button, tab_moves_focus

WITH_CHOICES = (("mentor", "Mentor"), ("mentee", "Mentee"), ("guardian", "Parent or guardian"))
QUALITY = ("Not rated", "1 – poor", "2", "3 – fair", "4", "5 – very good")


class ContactDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self,
        programme_id: int,
        *,
        contact_id: int | None = None,
        match_id: int | None = None,
        parent: QWidget | None = None,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.now = now
        self.existing: ContactRow | None = meetings.contact(contact_id) if contact_id else None
        self.guard = EditGuard(self)  # an edit is saved over this version of the check-in only
        if contact_id:
            self.guard.watch("contact_log", contact_id)
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Edit check-in") if self.existing else self.tr("Log a check-in"))
        self.setMinimumWidth(500)
        self._matches = meetings.match_choices(programme_id, published=True)  # no drafts: nobody knows of them
        self._people = meetings.match_people(programme_id)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.when_edit = DateTimeEdit(QDateTime.currentDateTime())
        self.when_edit.setAccessibleName(self.tr("When"))
        self.match_combo = QComboBox()
        self.match_combo.addItem(self.tr("(No particular match)"), None)
        for choice in self._matches:
            self.match_combo.addItem(icon("match"), choice.who, choice.id)
        self.with_combo = QComboBox()
        for value, text in WITH_CHOICES:
            self.with_combo.addItem(self.tr(text), value)
        self.person_combo = QComboBox()
        self.channel_combo = QComboBox()
        for channel in ContactChannel:
            self.channel_combo.addItem(self.tr(label(channel.value)), channel.value)
        self.summary_edit = QPlainTextEdit()
        tab_moves_focus(self.summary_edit)
        self.summary_edit.setPlaceholderText(self.tr("How is the match going? What did you talk about?"))
        self.summary_edit.setFixedHeight(self.fontMetrics().height() * 5)
        self.quality_combo = QComboBox()
        for n, text in enumerate(QUALITY):
            self.quality_combo.addItem(self.tr(text), n or None)
        self.progress_edit = QLineEdit()
        self.progress_edit.setPlaceholderText(self.tr("Progress on goals (optional)"))
        self.safety_box = QCheckBox(self.tr("A &safety concern was raised"))
        self.safety_box.setObjectName("error")
        self.follow_box = QCheckBox(self.tr("Follow up on"))
        self.follow_edit = DateEdit(date.today() + timedelta(days=7))
        self.follow_edit.setAccessibleName(self.tr("Follow up on"))
        self.follow_edit.setEnabled(False)
        self.follow_box.toggled.connect(self.follow_edit.setEnabled)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_box)
        follow.addWidget(self.follow_edit)
        follow.addStretch(1)
        self.actions_edit = QLineEdit()
        self.actions_edit.setPlaceholderText(self.tr("Agreed actions (optional)"))
        form.addRow(self.tr("&When:"), self.when_edit)
        form.addRow(self.tr("&Match:"), self.match_combo)
        form.addRow(self.tr("&Spoke with:"), self.with_combo)
        form.addRow(self.tr("&Person:"), self.person_combo)
        form.addRow(self.tr("&Channel:"), self.channel_combo)
        form.addRow(self.tr("S&ummary:"), self.summary_edit)
        form.addRow(self.tr("&Relationship:"), self.quality_combo)
        form.addRow(self.tr("&Goals:"), self.progress_edit)
        form.addRow("", self.safety_box)
        form.addRow(self.tr("Follow-up:"), follow)
        form.addRow(self.tr("&Actions:"), self.actions_edit)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(self.tr("Save check-in"))
        layout.addWidget(dialog_buttons(self, self.save_button))
        self.match_combo.currentIndexChanged.connect(self._fill_people)
        self.with_combo.currentIndexChanged.connect(self._pick_person)
        if self.existing is not None:
            self._load(self.existing)
        else:
            if match_id is not None:
                self.match_combo.setCurrentIndex(max(0, self.match_combo.findData(match_id)))
            self._fill_people()
        self.watch_typing()  # Escape, Cancel and closing ask first once something is typed

    def discard_question(self) -> tuple[str, str]:
        if self.existing is None:
            return self.tr("Discard this check-in?"), self.tr("What you typed is not saved.")
        return self.tr("Discard your changes to this check-in?"), self.tr("What was saved before stays as it was.")

    def _fill_people(self, *_: object) -> None:
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("(Not a particular person)"), None)
        match_id = self.match_combo.currentData()
        groups = [self._people[match_id]] if match_id in self._people else list(self._people.values())
        seen: set[int] = set()
        for group in groups:
            for member in group.members:
                if member.participant_id not in seen:
                    seen.add(member.participant_id)
                    self.person_combo.addItem(
                        f"{member.name} ({self.tr(label(member.role))})", member.participant_id
                    )
        self._pick_person()

    def _pick_person(self, *_: object) -> None:
        """Picking "mentor" or "mentee" in a match selects that person (a guardian is about the mentee)."""
        match_id = self.match_combo.currentData()
        if match_id not in self._people:
            return
        role = "mentee" if self.with_combo.currentData() == "guardian" else self.with_combo.currentData()
        member = next((m for m in self._people[match_id].members if m.role == role), None)
        if member is not None:
            self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(member.participant_id)))

    def _load(self, row: ContactRow) -> None:
        when = row.contacted_at
        self.when_edit.setDateTime(to_qdatetime(when))
        self.match_combo.setCurrentIndex(max(0, self.match_combo.findData(row.match_id)))
        self._fill_people()
        self.with_combo.setCurrentIndex(max(0, self.with_combo.findData(row.with_whom)))
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(row.participant_id)))
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(row.channel)))
        self.summary_edit.setPlainText(row.summary)
        self.quality_combo.setCurrentIndex(row.relationship_quality or 0)
        self.progress_edit.setText(row.goal_progress)
        self.safety_box.setChecked(row.safety_concern)
        if row.follow_up_on is not None:
            self.follow_box.setChecked(True)
            self.follow_edit.setDate(row.follow_up_on)
        self.actions_edit.setText(row.actions)

    def contact_input(self) -> ContactInput:
        follow: date | None = self.follow_edit.day() if self.follow_box.isChecked() else None
        return ContactInput(
            contacted_at=py_minute(self.when_edit.dateTime()),
            with_whom=self.with_combo.currentData(),
            channel=self.channel_combo.currentData(),
            summary=self.summary_edit.toPlainText(),
            match_id=self.match_combo.currentData(),
            participant_id=self.person_combo.currentData(),
            safety_concern=self.safety_box.isChecked(),
            follow_up_on=follow,
            relationship_quality=self.quality_combo.currentData(),
            goal_progress=self.progress_edit.text(),
            actions=self.actions_edit.text(),
        )

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        # A minute's grace: "now" in the form was read when the dialog opened.
        now = self.now or datetime.now() + timedelta(minutes=1)
        try:
            if self.existing is not None:
                self.guard.save(meetings.update_contact, self.existing.id, self.contact_input(), now=now)
                if self.guard.withdrawn:
                    return
                self.saved_id = self.existing.id
            else:
                self.saved_id = meetings.log_contact(self.programme_id, self.contact_input(), now=now)
        except MeetingInputError as exc:
            self.error_label.setText(str(exc))
            return
        self.leave_without_asking()
        super().accept()
