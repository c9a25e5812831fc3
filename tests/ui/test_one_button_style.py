"""One button style and one icon set across dialogs (issue 14): every dialog's buttons take their icons
from mentordesk.ui.icons, carry no style of their own, and its button row comes from
form_parts.dialog_buttons (so Save/OK/Cancel/Close look, sit and answer keys the same everywhere)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from mentordesk.ui import icons
from tests.dialog_fixtures import every_dialog
from tests.ui.dialog_cases import main_dialogs


def _problems(name, dialog) -> list[str]:
    problems = []
    for button in dialog.findChildren(QPushButton):
        text = button.text().replace("&", "") or button.accessibleName() or "a button"
        if not button.icon().isNull() and not button.icon().name().startswith(icons.ICON_PREFIX):
            problems.append(f"{name}: {text!r} has an icon from outside mentordesk.ui.icons")
        if button.styleSheet():
            problems.append(f"{name}: {text!r} has a style of its own")
        if button.objectName() == "destructive" and (button.isDefault() or button.autoDefault()):
            problems.append(f"{name}: the destructive {text!r} would answer Enter")
        if button.objectName() not in ("", "primary", "destructive") and not button.objectName().startswith("qt_"):
            problems.append(f"{name}: {text!r} is styled as {button.objectName()!r}")
    for box in dialog.findChildren(QDialogButtonBox):
        if box.objectName() != "dialogButtons":
            problems.append(f"{name}: a button box not made by form_parts.dialog_buttons")
    return problems


def test_every_dialog_uses_one_button_style_and_icon_set(qtbot, demo_db, tmp_path):
    opened = {**main_dialogs(tmp_path), **every_dialog(tmp_path)}
    problems = []
    for name, dialog in opened.items():
        qtbot.addWidget(dialog)
        dialog.show()
        problems += _problems(name, dialog)
        dialog.close()
    assert len(opened) >= 20
    assert not problems, "\n".join(problems)


def test_the_standard_buttons_wear_the_app_icons(qtbot, db):
    from PySide6.QtWidgets import QDialog

    from mentordesk.ui.widgets.form_parts import dialog_buttons

    dialog = QDialog()
    qtbot.addWidget(dialog)
    box = dialog_buttons(dialog)
    for button in box.buttons():
        assert button.icon().name().startswith(icons.ICON_PREFIX)


def test_the_other_dialogs_use_the_same_button_row(qtbot, demo_db, tmp_path):
    """Dialogs opened from pages and menus beyond the everyday forms."""
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.goals.templates import TemplatesDialog
    from mentordesk.ui.pairing.manual_dialog import ManualPairingDialog
    from mentordesk.ui.participants.actions import TagDialog
    from mentordesk.ui.participants.guardians_dialog import GuardiansDialog
    from mentordesk.ui.protection.encryption_dialogs import EncryptDialog
    from mentordesk.ui.protection.people_dialogs import PersonPickerDialog
    from tests.ui.dialog_cases import _ids

    ctx = AppContext(tmp_path / "test.db")
    programme_id, _match_id, mentee_id, name = _ids()
    ctx.set_programme(programme_id)
    opened = {
        "goal templates": TemplatesDialog(ctx),
        "guardians": GuardiansDialog(mentee_id, name),
        "tag": TagDialog(2),
        "manual pairing": ManualPairingDialog(programme_id),
        "encrypt": EncryptDialog(ctx),
        "person picker": PersonPickerDialog("Export a person's data"),
    }
    problems = []
    for dialog_name, dialog in opened.items():
        qtbot.addWidget(dialog)
        dialog.show()
        problems += _problems(dialog_name, dialog)
        dialog.close()
    assert not problems, "\n".join(problems)


def test_ctrl_enter_does_not_bypass_a_disabled_save(qtbot, db):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDialog

    from mentordesk.ui.participants.actions import TagDialog

    dialog = TagDialog(2)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.result() == 0  # no name yet: nothing to save
    QTest.keyClicks(dialog.name, "chess")
    QTest.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_protection_dialogs_use_the_one_button_row_with_destructive_buttons_marked(qtbot, tmp_path):
    """The idle-lock, restore, retention and erase dialogs built rows of their own."""
    from datetime import date, timedelta

    from mentordesk.services.protection import backups, lock as app_lock, retention
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Enrolment, Participant, Programme
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.main_window import MainWindow
    from mentordesk.ui.protection.people_dialogs import EraseDialog
    from mentordesk.ui.protection.restore_dialog import RestoreDialog
    from mentordesk.ui.protection.retention_dialog import RetentionDialog
    from tests.protection_fixtures import PASSPHRASE

    path = tmp_path / "enc.db"
    open_database(path, PASSPHRASE)
    try:
        ended = Programme.create(name="Ended", starts_on=date(2020, 1, 1), ends_on=date.today() - timedelta(days=800))
        person = Participant.create(first_name="Old", last_name="Mentee")
        Enrolment.create(participant=person, programme=ended, role="mentee")
        retention.set_rule(ended.id, retention.RetentionRule(mentee_months=12))
        backups.backup_now(path)
        window = MainWindow(AppContext(path))
        qtbot.addWidget(window)
        window.show()
        opened = {
            "restore": RestoreDialog(path, window),
            "damaged rescue": RestoreDialog(path, window, problems=["page 3 is damaged"]),
            "retention": RetentionDialog(window.ctx, window),
            "erase": EraseDialog(window.ctx, person.id, window),
        }
        problems = []
        for name, dialog in opened.items():
            qtbot.addWidget(dialog)
            dialog.show()
            problems += _problems(name, dialog)
            dialog.close()
        destructive = [b.text() for d in opened.values() for b in d.findChildren(QPushButton, "destructive")]
        assert sorted(destructive) == ["&Erase", "&Erase ticked…"]
        # The lock, as the idle timer brings it up.
        app_lock.set_idle_minutes(1)
        idle = window.protection.idle_lock
        idle.last_activity -= 61
        idle.check()
        assert idle.locked
        problems += _problems("idle lock", idle.dialog)
        quit_button = idle.dialog.quit_button
        assert quit_button.objectName() == "destructive" and idle.dialog.unlock_button.isDefault()
        idle.dialog.passphrase_edit.setText(PASSPHRASE)
        idle.dialog.try_unlock()
        assert not idle.locked
    finally:
        close_database()
    assert not problems, "\n".join(problems)
