"""Shown once, when MentorDesk opens a database file that does not exist yet.

It offers encryption (recommended, on by default) with a passphrase that can be
remembered in the system keyring, and a choice between an empty start and demo data.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.protection.passphrase_fields import NewPassphraseFields
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button
from mentordesk.ui.widgets.screen_fit import hold_wrapped_text


class FirstRunDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to MentorDesk"))
        self.setMinimumWidth(640)  # wide enough that the notes wrap onto few lines, narrow enough for 1024 px
        hold_wrapped_text(self)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "<h3>Welcome to MentorDesk</h3>"
                "<p>Your scheme's records will be kept in one file on this computer:</p>"
                "<p><code>{path}</code></p>"
            ).format(path=db_path)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        protect = QGroupBox(self.tr("Protect the records"))
        protect_layout = QVBoxLayout(protect)
        self.encrypt_check = QCheckBox(self.tr("&Encrypt the database with a passphrase (recommended)"))
        self.encrypt_check.setChecked(True)
        why = QLabel(
            self.tr(
                "The file holds personal data about young people. Encrypted, it cannot be read if this "
                "laptop or a backup is lost. Keep the passphrase safe: without it the records cannot be "
                "recovered by anyone."
            )
        )
        why.setObjectName("hint")
        why.setWordWrap(True)
        self.fields = NewPassphraseFields(self)
        self.encrypt_check.toggled.connect(self.fields.setEnabled)
        protect_layout.addWidget(self.encrypt_check)
        protect_layout.addWidget(why)
        protect_layout.addWidget(self.fields)
        layout.addWidget(protect)

        start = QGroupBox(self.tr("Start with"))
        start_layout = QVBoxLayout(start)
        self.empty_radio = QRadioButton(self.tr("An e&mpty database"))
        self.demo_radio = QRadioButton(
            self.tr("&Demo data (a made-up programme of about 40 people; delete it later)")
        )
        self.empty_radio.setChecked(True)
        start_layout.addWidget(self.empty_radio)
        start_layout.addWidget(self.demo_radio)
        layout.addWidget(start)

        self.error_label = error_label()
        layout.addWidget(self.error_label)
        start_button = primary_button(self.tr("Start"), "run")
        layout.addWidget(dialog_buttons(self, start_button))
        self.fields.passphrase_edit.setFocus()

    def accept(self) -> None:
        if self.encrypt_check.isChecked():
            problem = self.fields.problem()
            if problem:
                self.error_label.setText(problem)
                self.fields.passphrase_edit.setFocus()
                return
        super().accept()

    def wants_demo(self) -> bool:
        return self.demo_radio.isChecked()

    def passphrase(self) -> str | None:
        """The chosen passphrase, or None for an unencrypted database."""
        return self.fields.passphrase() if self.encrypt_check.isChecked() else None

    def remember(self) -> bool:
        return self.encrypt_check.isChecked() and self.fields.remember()
