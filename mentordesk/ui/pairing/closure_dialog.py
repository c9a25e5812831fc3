"""Closing a match: date, planned or premature, reason, who initiated it, exit notes, and what happens next."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import meetings, pairing as pairing_service
from mentordesk.services.meetings import FutureMeetings, WindDown
from mentordesk.services.pairing import PairingError
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.icons import icon
from mentordesk.ui.pairing.future_meetings_box import FutureMeetingsBox
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    heading,
    primary_button,
    tab_moves_focus,
)

INITIATOR_LABELS = {
    "mentor": "The mentor",
    "mentee": "The mentee",
    "guardian": "A parent or guardian",
    "coordinator": "The coordinator",
    "mutual": "Both, by agreement",
}


class ClosureDialog(QDialog):
    def __init__(
        self, match_id: int, title: str, rematch: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.match_id = match_id
        self.guard = EditGuard(self)  # closing is saved over this version of the match only
        self.guard.watch("match", match_id)
        self.setWindowTitle(self.tr("Close match"))
        self.setWindowIcon(icon("close"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        form = QFormLayout()
        self.date_edit = DateEdit(date.today())
        form.addRow(self.tr("Closed &on:"), self.date_edit)
        kinds = QHBoxLayout()
        self.planned = QRadioButton(self.tr("&Planned (reached its end)"))
        self.premature = QRadioButton(self.tr("P&remature (ended early)"))
        self.planned.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.planned)
        group.addButton(self.premature)
        kinds.addWidget(self.planned)
        kinds.addWidget(self.premature)
        kinds.addStretch(1)
        form.addRow(self.tr("Kind:"), kinds)
        self.reason_edit = QPlainTextEdit()
        tab_moves_focus(self.reason_edit)
        self.reason_edit.setPlaceholderText(self.tr("e.g. End of the school year; mentor relocated for work"))
        self.reason_edit.setFixedHeight(56)
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        self.initiator = QComboBox()
        for key, text in INITIATOR_LABELS.items():
            self.initiator.addItem(self.tr(text), key)
        self.initiator.setCurrentIndex(self.initiator.findData("coordinator"))
        form.addRow(self.tr("&Initiated by:"), self.initiator)
        self.notes = {}
        for key, caption in (
            ("mentor", self.tr("Exit notes, &mentor:")),
            ("mentee", self.tr("Exit notes, m&entee:")),
            ("guardian", self.tr("Exit notes, &guardian:")),
        ):
            edit = QPlainTextEdit()
            tab_moves_focus(edit)
            edit.setFixedHeight(48)
            edit.setPlaceholderText(self.tr("What was said in the exit conversation (optional)"))
            self.notes[key] = edit
            form.addRow(caption, edit)
        self.mentor_again = QCheckBox(self.tr("The mentor may be matched again"))
        self.mentor_again.setChecked(True)
        self.rematch = QCheckBox(self.tr("Find a new match for the mentee (rematch)"))
        self.rematch.setChecked(rematch)
        form.addRow("", self.mentor_again)
        form.addRow("", self.rematch)
        layout.addLayout(form)
        self.meetings_box = FutureMeetingsBox(FutureMeetings.KEEP_GOODBYE)
        layout.addWidget(self.meetings_box)
        self.wound_down: WindDown | None = None  # what closing did to the planned meetings
        self.date_edit.dateChanged.connect(self._count_meetings)
        self._count_meetings()
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.close_button = primary_button(self.tr("Close match"), "close")
        layout.addWidget(dialog_buttons(self, self.close_button))

    def _count_meetings(self, *_: object) -> None:
        day = self.date_edit.day() or date.today()
        self.meetings_box.show_for(self.match_id, meetings.after_day(day))

    def closure(self) -> pairing_service.Closure:
        day = self.date_edit.date()
        return pairing_service.Closure(
            closed_on=date(day.year(), day.month(), day.day()),
            kind="planned" if self.planned.isChecked() else "premature",
            reason=self.reason_edit.toPlainText(),
            initiated_by=self.initiator.currentData(),
            notes_mentor=self.notes["mentor"].toPlainText(),
            notes_mentee=self.notes["mentee"].toPlainText(),
            notes_guardian=self.notes["guardian"].toPlainText(),
            mentor_may_rematch=self.mentor_again.isChecked(),
            rematch_mentee=self.rematch.isChecked(),
            future_meetings=self.meetings_box.choice().value,
        )

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        try:
            self.wound_down = self.guard.save(pairing_service.close_match, self.match_id, self.closure())
        except PairingError as exc:
            self.error_label.setText(str(exc))
            return
        if self.guard.withdrawn:
            return
        super().accept()
