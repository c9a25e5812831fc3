"""An agreement's signatures, one date per signatory: each member, a guardian for a mentee who is a
minor, and the coordinator. The agreement is complete when the last one is in."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from mentordesk.services import documents
from mentordesk.ui.formatting import format_date
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, form_layout, heading, hint_label


class SignaturesDialog(QDialog):
    """Saves on accept; ``status`` then holds where the agreement stands."""

    def __init__(self, row: documents.DocumentRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document_id = row.id
        self.setWindowTitle(self.tr("Signatures"))
        self.setMinimumWidth(500)
        self.status = documents.agreement_status(row.id)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Mentoring agreement for {who}").format(who=row.about)))
        intro = QLabel(self.tr("Enter the day each person signed; leave a field empty while they have not."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = form_layout()
        self.edits: dict[tuple[str, int | None], DateEdit] = {}
        for state in self.status.signatures:
            edit = DateEdit(state.signed_on, optional=True, past_only=True)
            self.edits[state.signatory.key] = edit
            form.addRow(self.tr("{who}:").format(who=state.signatory.described), edit)
        layout.addLayout(form)
        self.state_label = hint_label(2)
        layout.addWidget(self.state_label)
        for edit in self.edits.values():
            edit.textChanged.connect(self._show_state)
        self._show_state()
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self))

    def _show_state(self, *_: object) -> None:
        missing = [s.signatory.described for s in self.status.signatures if self.edits[s.signatory.key].day() is None]
        if missing:
            self.state_label.setText(self.tr("Not complete yet. Still to sign: {names}.").format(names=", ".join(missing)))
        else:
            last = max(d for e in self.edits.values() if (d := e.day()) is not None)
            self.state_label.setText(self.tr("Complete: everyone has signed, the last on {day}.").format(day=format_date(last)))

    def changes(self) -> list[tuple[str, int | None, date | None]]:
        before = {s.signatory.key: s.signed_on for s in self.status.signatures}
        return [(role, pid, edit.day()) for (role, pid), edit in self.edits.items() if edit.day() != before[(role, pid)]]

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        try:
            for role, pid, day in self.changes():
                self.status = documents.record_signature(self.document_id, role, pid, day)
        except documents.DocumentError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()
