"""Pausing a match: until when, and what happens to the meetings planned before then."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QDialog, QFormLayout, QVBoxLayout, QWidget

from mentordesk.services import pairing as pairing_service
from mentordesk.services.meetings import FutureMeetings, WindDown
from mentordesk.services.pairing import PairingError
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import localise_dates
from mentordesk.ui.pairing.future_meetings_box import FutureMeetingsBox
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, heading, primary_button


class PauseDialog(QDialog):
    """``wound_down`` holds what pausing did to the planned meetings once the dialog is accepted."""

    def __init__(self, match_id: int, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match_id = match_id
        self.guard = EditGuard(self)  # pausing is saved over this version of the match only
        self.guard.watch("match", match_id)
        self.wound_down: WindDown | None = None
        self.resume_on: date | None = None
        self.setWindowTitle(self.tr("Pause match"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        form = QFormLayout()
        self.resume_edit = DateEdit(date.today() + timedelta(weeks=4))
        self.resume_edit.setMinimumDate(date.today() + timedelta(days=1))
        form.addRow(self.tr("Expected to &resume on:"), self.resume_edit)
        layout.addLayout(form)
        self.meetings_box = FutureMeetingsBox(FutureMeetings.KEEP)
        layout.addWidget(self.meetings_box)
        self.error_label = error_label(hidden=True)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Pause match"), "mdi6.pause")))
        self.resume_edit.dateChanged.connect(self._count_meetings)
        self._count_meetings()

    def _count_meetings(self, *_: object) -> None:
        day = self.resume_edit.day()
        if day is not None:
            self.meetings_box.show_for(
                self.match_id, datetime.now(), datetime.combine(day, datetime.min.time())
            )

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        self.resume_on = self.resume_edit.day()
        try:
            self.wound_down = self.guard.save(
                pairing_service.pause_match, self.match_id, self.resume_on, self.meetings_box.choice().value
            )
        except PairingError as exc:
            self.error_label.setText(localise_dates(str(exc)))  # the service writes ISO dates
            self.error_label.show()
            return
        if self.guard.withdrawn:
            return
        super().accept()
