"""Guardians of a young person and the consent records they give, withdraw or refuse."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import Invalid, parse_email, parse_phone
from mentordesk.core.vocab import ConsentKind, label
from mentordesk.services import participants as participants_service
from mentordesk.services.participants import ConsentInput, GuardianInput, GuardianRow, ParticipantError
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.participants.fields import FormValidator
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label

DATA = Qt.ItemDataRole.UserRole


class GuardianDialog(QDialog):
    def __init__(self, existing: GuardianRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guardian"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText(self.tr("e.g. mother, father, carer"))
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.emergency = QCheckBox(self.tr("Emergency contact"))
        self.emergency.setChecked(True)
        form.addRow(self.tr("&Name *"), self.name)
        form.addRow(self.tr("&Relationship"), self.relationship)
        form.addRow(self.tr("&E-mail"), self.email)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow(self.tr("Address"), self.address)
        form.addRow("", self.emergency)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = dialog_buttons(self)
        layout.addWidget(buttons)
        self.validator = FormValidator(self.error_label, buttons.button(QDialogButtonBox.StandardButton.Save))
        self.validator.add_text(self.name, "guardian_name", required=self.tr("the name is required"))
        self.validator.add_text(self.relationship, "relationship")
        self.validator.add_text(self.address, "address")
        for widget, parser in ((self.email, parse_email), (self.phone, parse_phone)):
            self.validator.add(widget, self._checker(widget, parser), widget.textChanged)
        self.validator.add_form_check(
            lambda: (
                ""
                if self.email.text().strip() or self.phone.text().strip()
                else self.tr("Give a phone number or an e-mail address so the guardian can be reached.")
            )
        )
        if existing is not None:
            self.name.setText(existing.name)
            self.relationship.setText(existing.relationship)
            self.email.setText(existing.email)
            self.phone.setText(existing.phone)
            self.address.setText(existing.address)
            self.emergency.setChecked(existing.is_emergency_contact)
        self.validator.validate()

    @staticmethod
    def _checker(widget: QLineEdit, parser):
        def check() -> str:
            try:
                parser(widget.text())
            except Invalid as exc:
                return str(exc)
            return ""

        return check

    def value(self) -> GuardianInput:
        return GuardianInput(
            self.name.text(),
            self.relationship.text(),
            self.email.text(),
            self.phone.text(),
            self.address.text(),
            self.emergency.isChecked(),
        )

    def accept(self) -> None:
        if self.validator.validate():
            super().accept()


class ConsentDialog(QDialog):
    def __init__(self, guardian_rows: list[GuardianRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record consent"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in ConsentKind:
            self.kind.addItem(label(kind.value), kind.value)
        self.given = QComboBox()
        self.given.addItem(self.tr("Given"), True)
        self.given.addItem(self.tr("Refused"), False)
        self.given_on = DateEdit(optional=True, past_only=True)
        self.given_on.set_value(date.today())
        self.expires_on = DateEdit(optional=True)
        self.guardian = QComboBox()
        self.guardian.addItem(self.tr("(the participant)"), None)
        for row in guardian_rows:
            self.guardian.addItem(row.name, row.id)
        if guardian_rows:
            self.guardian.setCurrentIndex(1)
        form.addRow(self.tr("&Consent to"), self.kind)
        form.addRow(self.tr("&Answer"), self.given)
        form.addRow(self.tr("&Date"), self.given_on)
        form.addRow(self.tr("&Expires on"), self.expires_on)
        form.addRow(self.tr("Given by"), self.guardian)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = dialog_buttons(self)
        layout.addWidget(buttons)
        self.validator = FormValidator(self.error_label, buttons.button(QDialogButtonBox.StandardButton.Save))
        self.validator.add(self.given_on, self.given_on.error, self.given_on.textChanged)
        self.validator.add(self.expires_on, self.expires_on.error, self.expires_on.textChanged)
        self.validator.add_form_check(self._service_errors)
        self.validator.validate()

    def value(self) -> ConsentInput:
        return ConsentInput(
            kind=self.kind.currentData(),
            given=self.given.currentData(),
            given_on=None if self.given_on.error() else self.given_on.value(),
            expires_on=None if self.expires_on.error() else self.expires_on.value(),
            guardian_id=self.guardian.currentData(),
        )

    def _service_errors(self) -> str:
        return " ".join(participants_service.validate_consent(self.value()).values())

    def accept(self) -> None:
        if self.validator.validate():
            super().accept()


class GuardiansDialog(QDialog):
    def __init__(self, participant_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.participant_id = participant_id
        self.changed = False
        self.setWindowTitle(self.tr("Guardians and consent — {name}").format(name=name))
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Guardians"))
        box_layout = QVBoxLayout(box)
        self.guardian_list = QListWidget()
        self.guardian_list.itemDoubleClicked.connect(lambda *_: self.edit_guardian())
        box_layout.addWidget(self.guardian_list)
        row = QHBoxLayout()
        self.add_guardian_button = QPushButton(icon("add"), self.tr("Add guardian…"))
        self.add_guardian_button.clicked.connect(self.add_guardian)
        edit = QPushButton(icon("edit"), self.tr("Edit…"))
        edit.clicked.connect(self.edit_guardian)
        remove = QPushButton(icon("delete"), self.tr("Remove"))
        remove.clicked.connect(self.remove_guardian)
        for button in (self.add_guardian_button, edit, remove):
            row.addWidget(button)
        row.addStretch(1)
        box_layout.addLayout(row)
        layout.addWidget(box)
        consent_box = QGroupBox(self.tr("Consent records"))
        consent_layout = QVBoxLayout(consent_box)
        self.consent_list = QListWidget()
        consent_layout.addWidget(self.consent_list)
        row = QHBoxLayout()
        self.add_consent_button = QPushButton(icon("add"), self.tr("Record consent…"))
        self.add_consent_button.clicked.connect(self.add_consent)
        withdraw = QPushButton(self.tr("Withdraw"))
        withdraw.setToolTip(self.tr("Record that the consent was withdrawn today (the record is kept)"))
        withdraw.clicked.connect(self.withdraw_consent)
        row.addWidget(self.add_consent_button)
        row.addWidget(withdraw)
        row.addStretch(1)
        consent_layout.addLayout(row)
        layout.addWidget(consent_box, 1)
        layout.addWidget(dialog_buttons(self, None))
        self.reload()

    def reload(self) -> None:
        self.guardian_list.clear()
        self.rows = participants_service.list_guardians(self.participant_id)
        for g in self.rows:
            text = g.name + (f" ({g.relationship})" if g.relationship else "")
            contact = ", ".join(p for p in (g.phone, g.email) if p)
            item = QListWidgetItem(icon("person"), f"{text} — {contact}" if contact else text)
            item.setData(DATA, g)
            self.guardian_list.addItem(item)
        self.consent_list.clear()
        today = date.today()
        for c in participants_service.list_consents(self.participant_id):
            state = self.tr("given") if c.given else self.tr("refused")
            text = f"{label(c.kind)}: {state} {format_date(c.given_on)}"
            if c.guardian_name:
                text += self.tr(" by {name}").format(name=c.guardian_name)
            if c.withdrawn_on:
                text += self.tr(" — withdrawn {day}").format(day=format_date(c.withdrawn_on))
            elif c.expires_on:
                text += self.tr(" — expires {day}").format(day=format_date(c.expires_on))
            item = QListWidgetItem(
                icon("ok", "#2E7D32") if c.valid_on(today) else icon("error", "#C62828"), text
            )
            item.setData(DATA, c)
            self.consent_list.addItem(item)

    def _act(self, action) -> None:
        try:
            action()
        except ParticipantError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.changed = True
        self.reload()

    def add_guardian(self) -> None:
        dialog = GuardianDialog(parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: participants_service.add_guardian(self.participant_id, dialog.value()))

    def _current(self, widget: QListWidget):
        item = widget.currentItem()
        return item.data(DATA) if item is not None else None

    def edit_guardian(self) -> None:
        row = self._current(self.guardian_list)
        if row is None:
            return
        guard = EditGuard(self)  # the edit is saved over the guardian as they are now, or the user is asked
        guard.watch("guardian", row.id)
        dialog = GuardianDialog(row, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: guard.save(participants_service.update_guardian, row.id, dialog.value()))

    def remove_guardian(self) -> None:
        row = self._current(self.guardian_list)
        if row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Remove guardian"), self.tr("Remove {name} as a guardian?").format(name=row.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._act(lambda: participants_service.delete_guardian(row.id))

    def add_consent(self) -> None:
        dialog = ConsentDialog(self.rows, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._act(lambda: participants_service.add_consent(self.participant_id, dialog.value()))

    def withdraw_consent(self) -> None:
        row = self._current(self.consent_list)
        if row is None or row.withdrawn_on is not None:
            return
        self._act(lambda: participants_service.withdraw_consent(row.id))
