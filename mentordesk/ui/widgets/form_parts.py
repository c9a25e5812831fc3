"""Small pieces every form dialog is built from, so they look and behave the same everywhere."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QStyle, QWidget

from mentordesk.ui.icons import icon


def error_label(*, hidden: bool = False) -> QLabel:
    """The message under a form that says what to fix (styled by its object name "error")."""
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    if hidden:
        label.hide()
    return label


def primary_button(text: str, icon_name: str = "save") -> QPushButton:
    """The dialog's main action, highlighted and pressed by Return."""
    button = QPushButton(icon(icon_name, "#FFFFFF"), text)
    button.setObjectName("primary")
    button.setDefault(True)
    return button


def dialog_buttons(
    dialog: QDialog,
    ok: QDialogButtonBox.StandardButton | QPushButton = QDialogButtonBox.StandardButton.Save,
) -> QDialogButtonBox:
    """``ok`` (a standard button, or a button of our own) and Cancel, wired to accept and reject.

    ``accept`` is where each dialog validates and saves, so a bad form stays open.
    """
    if isinstance(ok, QPushButton):
        # Made inside the dialog, so the Tab order set below survives adding the box to a layout.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
        # Tab visits the buttons in the order the platform shows them (Save first, except on GNOME/macOS).
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout = buttons.style().styleHint(QStyle.StyleHint.SH_DialogButtonLayout, None, buttons)
        if layout in (QDialogButtonBox.ButtonLayout.MacLayout.value, QDialogButtonBox.ButtonLayout.GnomeLayout.value):
            QWidget.setTabOrder(cancel, ok)
        else:
            QWidget.setTabOrder(ok, cancel)
    else:
        buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
