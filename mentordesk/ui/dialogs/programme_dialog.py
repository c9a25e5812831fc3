"""Create a programme: name, kind, dates."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from mentordesk.core.vocab import ProgrammeKind, label
from mentordesk.services import programmes
from mentordesk.ui.widgets.date_edit import DateEdit, py_date, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, in_form

KIND_HELP = {
    ProgrammeKind.ONE_TO_ONE: "An experienced mentor with one mentee (or a few).",
    ProgrammeKind.GROUP: "One mentor with a circle of mentees.",
    ProgrammeKind.PEER: "People at a similar stage support each other.",
    ProgrammeKind.REVERSE: "A junior person mentors a senior one in their area of expertise.",
    ProgrammeKind.SPEED: "Short rotating sessions: every mentee meets several mentors.",
    ProgrammeKind.CASCADE: "Mentees of one round become mentors in the next.",
    ProgrammeKind.SHADOW_BOARD: (
        "A board of (usually junior) members who shadow the leadership team, discuss its real decisions and "
        "make recommendations. Enrol the members, then record the executive sponsors, the board's sessions "
        "and what became of each recommendation on the Pairing page's Board tab. Nobody is paired; sessions "
        "default to monthly, 90 minutes."
    ),
}


class ProgrammeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New programme"))
        self.created_id = 0
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Year 10 mentoring 2026/27"))
        self.kind_combo = QComboBox()
        for kind in ProgrammeKind:
            self.kind_combo.addItem(self.tr(label(kind.value)), kind.value)
        self.kind_help = QLabel()
        self.kind_help.setWordWrap(True)
        self.kind_help.setObjectName("hint")
        self.kind_combo.currentIndexChanged.connect(self._update_help)
        today = QDate.currentDate()
        self.start_edit = DateEdit(today)
        self.end_edit = DateEdit(today.addYears(1))
        self.error_label = error_label()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow("", self.kind_help)
        form.addRow(self.tr("&Starts:"), self.start_edit)
        form.addRow(self.tr("&Ends:"), self.end_edit)
        form.addRow(in_form(self.error_label))
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        form.addRow(self.buttons)
        self._update_help()

    def _update_help(self) -> None:
        self.kind_help.setText(self.tr(KIND_HELP[ProgrammeKind(self.kind_combo.currentData())]))

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        try:
            row = programmes.create_programme(
                self.name_edit.text(),
                self.kind_combo.currentData(),
                py_date(self.start_edit.date()),
                py_date(self.end_edit.date()),
            )
        except programmes.ProgrammeError as exc:
            self.error_label.setText(str(exc))
            self.name_edit.setFocus()
            return
        self.created_id = row.id
        super().accept()
