"""Ask the date an agreement (or consent form) was signed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from mentordesk.services import documents
from mentordesk.ui.widgets.date_edit import DateEdit, py_date, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, in_form


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
        self.date_edit = DateEdit(row.signed_on or date.today(), past_only=True)
        form.addRow(self.tr("Signed &on:"), self.date_edit)
        self.error_label = error_label(hidden=True)
        form.addRow(in_form(self.error_label))
        form.addRow(dialog_buttons(self, QDialogButtonBox.StandardButton.Ok))

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        super().accept()

    def signed_on(self) -> date:
        return py_date(self.date_edit.date())
