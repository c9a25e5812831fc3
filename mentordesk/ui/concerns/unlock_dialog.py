"""Confirm you are the safeguarding lead (or act for them): the passphrase again, or set the register's own."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mentordesk.services import concerns
from mentordesk.ui.icons import icon
from mentordesk.ui.protection.passphrase_fields import password_edit
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button


class RegisterUnlockDialog(QDialog):
    """Unlocks the register for this session; ``setting_up`` (nothing to confirm against yet) sets its passphrase."""

    def __init__(self, parent: QWidget | None = None, *, change: bool = False) -> None:
        super().__init__(parent)
        method = concerns.unlock_method()
        self.setting_up = change or method == "setup"
        self.setWindowTitle(
            self.tr("Register passphrase") if self.setting_up else self.tr("Open the concerns register")
        )
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(icon("concerns").pixmap(QSize(40, 40)))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(picture)
        texts = QVBoxLayout()
        title = QLabel(self.tr("<b>Safeguarding concerns are for the safeguarding lead.</b>"))
        texts.addWidget(title)
        if change:
            why = self.tr(
                "Choose a new passphrase for the register. Share it only with whoever acts for the lead."
            )
        elif self.setting_up:
            why = self.tr(
                "Confirm you are the designated safeguarding lead, or act for them, by choosing a passphrase "
                "for the register. It is asked for each time the register is opened; only a salted hash of "
                "it is kept. Every view of a concern is recorded in the audit log."
            )
        elif method == "database":
            why = self.tr(
                "Confirm you are the designated safeguarding lead, or act for them, by typing the database's "
                "passphrase again. Every view of a concern is recorded in the audit log."
            )
        else:
            why = self.tr(
                "Confirm you are the designated safeguarding lead, or act for them, by typing the register's "
                "passphrase. Every view of a concern is recorded in the audit log."
            )
        self.reason_label = QLabel(why)
        self.reason_label.setObjectName("hint")
        self.reason_label.setWordWrap(True)
        texts.addWidget(self.reason_label)
        top.addLayout(texts, 1)
        layout.addLayout(top)
        form = QFormLayout()
        self.passphrase_edit = password_edit(
            self.tr("at least {n} characters").format(n=concerns.MIN_LENGTH) if self.setting_up else ""
        )
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        self.repeat_edit = password_edit(self.tr("the same again"))
        self.repeat_edit.setAccessibleName(self.tr("Passphrase again"))
        if self.setting_up:
            form.addRow(self.tr("&Again:"), self.repeat_edit)
        else:
            self.repeat_edit.hide()
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.unlock_button = primary_button(
            self.tr("&Set passphrase") if self.setting_up else self.tr("&Open register"), "lock"
        )
        layout.addWidget(dialog_buttons(self, self.unlock_button))
        self.passphrase_edit.setFocus()

    def accept(self) -> None:
        typed = self.passphrase_edit.text()
        if self.setting_up:
            try:
                concerns.set_up(typed, self.repeat_edit.text())
            except ValueError as exc:
                self.error_label.setText(str(exc))
                return
            super().accept()
            return
        if not typed:
            self.error_label.setText(self.tr("Type the passphrase first."))
            return
        if concerns.unlock(typed):
            super().accept()
            return
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()
        self.error_label.setText(self.tr("That is not the passphrase. The attempt is in the audit log."))
