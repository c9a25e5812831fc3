"""Ask for the passphrase of an encrypted database, say why it is asked, allow three tries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.icons import icon
from mentordesk.ui.protection.passphrase_fields import password_edit, remember_box
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button

MAX_TRIES = 3

# try_open(passphrase) -> None when it opened, else the message to show
TryOpen = Callable[[str], str | None]


class UnlockDialog(QDialog):
    """Calls ``try_open`` with what was typed; after ``max_tries`` failures it closes, rejected."""

    def __init__(
        self,
        db_path: Path,
        reason: str,
        try_open: TryOpen,
        parent: QWidget | None = None,
        *,
        max_tries: int = MAX_TRIES,
        offer_remember: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock MentorDesk"))
        self.setMinimumWidth(520)
        self.try_open = try_open
        self.max_tries = max_tries
        self.failures = 0
        self.gave_up = False
        self.passphrase = ""

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        picture = QLabel()
        picture.setPixmap(icon("lock").pixmap(QSize(40, 40)))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(picture)
        texts = QVBoxLayout()
        title = QLabel(self.tr("<b>{name}</b> is encrypted.").format(name=db_path.name))
        title.setToolTip(str(db_path))
        self.reason_label = QLabel(reason)
        self.reason_label.setObjectName("hint")
        self.reason_label.setWordWrap(True)
        texts.addWidget(title)
        texts.addWidget(self.reason_label)
        top.addLayout(texts, 1)
        layout.addLayout(top)

        self.passphrase_edit = password_edit(self.tr("passphrase"))
        layout.addWidget(self.passphrase_edit)
        self.remember_check: QCheckBox | None = None
        self.remember_note: QLabel | None = None
        if offer_remember:
            self.remember_check, note = remember_box(self)
            self.remember_check.setChecked(False)  # opting in again after a failure is the user's call
            if self.remember_check.isEnabled():
                layout.addWidget(self.remember_check)
            else:
                self.remember_check.hide()
                self.remember_note = note
                layout.addWidget(note)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.unlock_button = primary_button(self.tr("&Unlock"), "lock")
        self.buttons = dialog_buttons(self, self.unlock_button)
        layout.addWidget(self.buttons)
        self.passphrase_edit.setFocus()

    def remember(self) -> bool:
        return bool(
            self.remember_check and self.remember_check.isEnabled() and self.remember_check.isChecked()
        )

    def accept(self) -> None:
        typed = self.passphrase_edit.text()
        if not typed:
            self.error_label.setText(self.tr("Type the passphrase first."))
            return
        problem = self.try_open(typed)
        if problem is None:
            self.passphrase = typed
            super().accept()
            return
        self.failures += 1
        left = self.max_tries - self.failures
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()
        if left <= 0:
            self.gave_up = True
            self.error_label.setText(problem)
            super().reject()
            return
        self.error_label.setText(
            self.tr("{problem} {left} tries left.").format(problem=problem, left=left)
            if left > 1
            else self.tr("{problem} One try left.").format(problem=problem)
        )
