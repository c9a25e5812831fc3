"""Enrol the selected people in another programme: which one, which role, whether valid checks come along."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import Role, label
from mentordesk.services.programmes import ProgrammeRow
from mentordesk.ui.widgets.form_parts import dialog_buttons


class EnrolDialog(QDialog):
    """Choose the target programme (the current one is not offered), the role and the checks."""

    def __init__(self, count: int, programmes: list[ProgrammeRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Enrol {n} people in another programme").format(n=count)
            if count != 1
            else self.tr("Enrol in another programme")
        )
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "They keep their profile, tags, availability, guardians and history, and start as "
                "Applied in the new programme."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.programme = QComboBox()
        self.programme.setAccessibleName(self.tr("Programme to enrol them in"))
        for row in programmes:
            self.programme.addItem(row.name, row.id)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Role in the new programme"))
        self.role.addItem(self.tr("Keep each person's role"), None)
        for role in Role:
            self.role.addItem(label(role.value), role.value)
        self.carry = QCheckBox(self.tr("&Carry over screening checks that are still valid"))
        self.carry.setChecked(True)
        self.carry.setToolTip(
            self.tr("Checks recorded for this programme that have not expired or failed count in the new one too.")
        )
        form.addRow(self.tr("&Programme:"), self.programme)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow("", self.carry)
        layout.addLayout(form)
        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Enrol"))
        layout.addWidget(buttons)

    def choice(self) -> tuple[int, str | None, bool]:
        return self.programme.currentData(), self.role.currentData(), self.carry.isChecked()
