"""The first meeting of a match: when it was, who from the programme was there, and whether the
introductions went through the agreement (the match record keeps all three)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QVBoxLayout, QWidget

from mentordesk.services import pairing as pairing_service
from mentordesk.services.pairing import PairingError
from mentordesk.ui.formatting import localise_dates
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    heading,
    hint_label,
    primary_button,
)


class FirstMeetingDialog(QDialog):
    def __init__(self, match_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match_id = match_id
        self.setWindowTitle(self.tr("First meeting"))
        self.setMinimumWidth(480)
        record = pairing_service.match_record(match_id)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        form = form_layout()
        self.date_edit = DateEdit(record.first_meeting_on or date.today(), past_only=True)
        if record.started_on:
            self.date_edit.setMinimumDate(record.started_on)
        form.addRow(self.tr("Held &on:"), self.date_edit)
        self.staff_edit = QLineEdit(record.first_meeting_staff)
        self.staff_edit.setPlaceholderText(self.tr("e.g. Alex Morgan (coordinator)"))
        self.staff_edit.setMaxLength(pairing_service.STAFF_LENGTH)
        form.addRow(self.tr("&Present from the programme:"), self.staff_edit)
        self.covered = QCheckBox(self.tr("&Introductions went through the agreement"))
        self.covered.setChecked(record.first_meeting_covered_agreement)
        form.addRow("", self.covered)
        layout.addLayout(form)
        hint = hint_label(2)
        hint.setText(
            self.tr("The first meeting is where the mentor, mentee and programme agree how the match will work.")
        )
        layout.addWidget(hint)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Save"))))

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        day = self.date_edit.day()
        assert day is not None  # refuse_bad_dates let only a valid date through
        try:
            pairing_service.record_first_meeting(
                self.match_id, day, self.staff_edit.text(), self.covered.isChecked()
            )
        except PairingError as exc:
            self.error_label.setText(localise_dates(str(exc)))  # the service writes ISO dates
            return
        super().accept()
