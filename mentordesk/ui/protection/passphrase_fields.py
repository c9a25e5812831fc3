"""The passphrase + confirmation + "remember on this computer" block shared by several dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QWidget

from mentordesk.services import protection
from mentordesk.ui.icons import icon


def password_edit(placeholder: str = "") -> QLineEdit:
    """A masked line edit with an eye button that shows what was typed."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(280)
    action = edit.addAction(icon("mdi6.eye-outline"), QLineEdit.ActionPosition.TrailingPosition)
    action.setToolTip(edit.tr("Show or hide what you typed"))
    action.setCheckable(True)
    action.toggled.connect(
        lambda shown: edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
    )
    return edit


def remember_box(parent: QWidget) -> tuple[QCheckBox, QLabel]:
    """The "remember" checkbox, disabled with the reason when no keyring works here."""
    box = QCheckBox(parent.tr("&Remember on this computer (in the system keyring)"))
    note = QLabel()
    note.setObjectName("hint")
    note.setWordWrap(True)
    state = protection.status()
    if state.available:
        box.setChecked(True)
        note.setText(
            parent.tr("MentorDesk opens without asking while you are logged in to this computer account.")
        )
    else:
        box.setChecked(False)
        box.setEnabled(False)
        note.setText(
            parent.tr(
                "Cannot remember it here: {reason}. MentorDesk will ask for it each time it starts."
            ).format(reason=state.reason)
        )
    return box, note


class NewPassphraseFields(QWidget):
    """Passphrase, confirmation and the remember checkbox, with ``problem()`` for validation."""

    def __init__(self, parent: QWidget | None = None, *, with_remember: bool = True) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase_edit = password_edit(
            self.tr("at least {n} characters").format(n=protection.MIN_LENGTH)
        )
        self.confirm_edit = password_edit(self.tr("the same again"))
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        form.addRow(self.tr("&Confirm:"), self.confirm_edit)
        self.remember_check: QCheckBox | None = None
        if with_remember:
            self.remember_check, self.remember_note = remember_box(self)
            # Without a keyring the checkbox could only ever be off: show the reason instead.
            if self.remember_check.isEnabled():
                form.addRow("", self.remember_check)
            else:
                self.remember_check.hide()
            form.addRow("", self.remember_note)

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def remember(self) -> bool:
        return bool(
            self.remember_check and self.remember_check.isEnabled() and self.remember_check.isChecked()
        )

    def problem(self) -> str:
        """Why the typed passphrase will not do, or "" when it will."""
        try:
            protection.check_new_passphrase(self.passphrase_edit.text(), self.confirm_edit.text())
        except protection.PassphraseRejected as exc:
            return self.tr(str(exc))
        return ""
