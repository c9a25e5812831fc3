"""The shared form pieces: error label, primary button, OK/Cancel wired to the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button


def test_error_label_is_styled_wrapping_and_optionally_hidden(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    shown, hidden = error_label(), error_label(hidden=True)
    layout.addWidget(shown)
    layout.addWidget(hidden)
    form.show()
    assert shown.objectName() == hidden.objectName() == "error"
    assert shown.wordWrap() and shown.isVisible()
    assert not hidden.isVisible()


def test_standard_buttons_accept_and_reject_the_dialog(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = dialog_buttons(dialog)
    assert (
        box.standardButtons() == QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    dialog.setResult(-1)
    box.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_own_primary_button_takes_the_accept_role(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    save = primary_button("Save check-in")
    box = dialog_buttons(dialog, save)
    assert save.objectName() == "primary" and save.isDefault() and not save.icon().isNull()
    assert box.buttonRole(save) == QDialogButtonBox.ButtonRole.AcceptRole
    assert box.standardButtons() == QDialogButtonBox.StandardButton.Cancel
    save.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
