"""Shown once, when MentorDesk opens a database file that does not exist yet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class FirstRunDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to MentorDesk"))
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
        self.empty_radio = QRadioButton(self.tr("Start with an &empty database"))
        self.demo_radio = QRadioButton(
            self.tr("Explore with &demo data (a made-up programme of about 40 people; delete it later)")
        )
        self.empty_radio.setChecked(True)
        layout.addWidget(self.empty_radio)
        layout.addWidget(self.demo_radio)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def wants_demo(self) -> bool:
        return self.demo_radio.isChecked()
