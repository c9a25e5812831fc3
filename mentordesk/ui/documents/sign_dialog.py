"""Ask the date an agreement (or consent form) was signed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from mentordesk.services import documents


class SignDialog(QDialog):
    def __init__(self, row: documents.DocumentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark signed"))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr("{kind} for {who}. Enter the day the last party signed it.").format(
                kind=documents.title(row.kind), who=row.about
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate.currentDate())
        start = row.signed_on or date.today()
        self.date_edit.setDate(QDate(start.year, start.month, start.day))
        form.addRow(self.tr("Signed &on:"), self.date_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def signed_on(self) -> date:
        return self.date_edit.date().toPython()
