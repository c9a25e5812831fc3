"""Found by a coordinator at the real window: Lock now greyed out without a word and Ctrl+Shift+L doing
nothing on a plain database; encrypting deleting the kept backups by default; two File items on R."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from mentordesk.services.protection import backups
from mentordesk.store import backup as store_backup
from mentordesk.store.db import database, is_encrypted_file
from mentordesk.ui.widgets.menu_keys import menu_letters
from tests import protection_fixtures
from tests.protection_fixtures import PASSPHRASE, snapshot, when_modal

_close_db = protection_fixtures.close_db_after_each_test  # the shared fixture

LOCK_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _active(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.menus_filled)
    return window


def _file_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "File")


def _answer(seen: dict, button_text: str):
    """A ``when_modal`` handler: note what the message box says, then press the button called ``button_text``."""

    def handler(box) -> None:
        seen["title"] = box.windowTitle()
        seen["text"] = getattr(box, "text", lambda: "")()
        seen["more"] = getattr(box, "informativeText", lambda: "")()
        buttons = box.buttons() if isinstance(box, QMessageBox) else []
        seen["buttons"] = [b.text().replace("&", "") for b in buttons]
        wanted = [b for b in buttons if b.text().replace("&", "") == button_text]
        if wanted:
            wanted[0].click()
        else:  # not the box expected: close it, so the test fails rather than waits
            box.reject()

    return handler


# -- 1. Lock now on a plain database ---------------------------------------------------------------


def test_greyed_out_lock_now_says_why_in_its_tooltip_and_on_hover_in_the_status_bar(qtbot, demo_main_window):
    window = _active(demo_main_window, qtbot)
    lock_now = window.protection.lock_now
    menu = _file_menu(window)
    menu.popup(window.mapToGlobal(QPoint(0, 0)))
    qtbot.waitExposed(menu)
    assert not lock_now.isEnabled()
    for said in (lock_now.toolTip(), lock_now.statusTip()):
        assert "encrypted database or a lock passphrase" in said
        assert "File › Encrypt database…" in said and "Settings › Protection" in said
    QTest.mouseMove(menu, menu.actionGeometry(lock_now).center())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == lock_now.statusTip())
    assert menu.toolTipsVisible()  # the tooltip shows on a menu item
    QTest.mouseMove(menu, menu.actionGeometry(window.protection.backup_now).center())
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "")  # the reason goes with the pointer
    menu.close()


def test_lock_keys_on_a_plain_database_say_nothing_was_locked_and_offer_the_ways_to_make_it_possible(
    qtbot, demo_main_window
):
    window = _active(demo_main_window, qtbot)
    lock = window.protection.idle_lock
    seen: dict = {}
    when_modal(_answer(seen, "Close"))
    QTest.keyClick(window.nav, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.waitUntil(lambda: "buttons" in seen)
    assert not lock.locked
    assert seen["title"] == "MentorDesk is not locked" and "NOT locked" in seen["text"]
    assert "File › Encrypt database…" in seen["more"] and "Settings › Protection" in seen["more"]
    assert sorted(seen["buttons"]) == ["Close", "Encrypt database…", "Open Settings › Protection"]
    message = window.statusBar().currentMessage()
    assert message.startswith("Not locked.") and "Settings › Protection" in message  # after the box too

    seen.clear()
    _active(window, qtbot)
    when_modal(_answer(seen, "Open Settings › Protection"))
    QTest.keyClick(window.nav, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.waitUntil(lambda: "buttons" in seen)
    page = window.current_page()
    assert page is window.page("settings")
    assert page.tabs.tabText(page.tabs.currentIndex()).replace("&", "") == "Protection"


def test_lock_keys_lock_once_a_lock_passphrase_is_set_even_before_the_menu_is_opened(qtbot, demo_main_window):
    from mentordesk.services import protection

    window = _active(demo_main_window, qtbot)
    protection.set_lock_passphrase("lockme123")  # as Settings › Protection does, without a File menu since
    QTest.keyClick(window.nav, Qt.Key.Key_L, LOCK_KEYS)
    lock = window.protection.idle_lock
    assert lock.locked
    lock.dialog.passphrase_edit.setText("lockme123")
    lock.dialog.try_unlock()
    assert not lock.locked
    window.protection.update_states()
    assert window.protection.lock_now.isEnabled() and window.protection.lock_now.statusTip() == ""
    assert not window.protection.lock_key_when_off.isEnabled()  # the keys are Lock now's own again


def test_encrypt_offered_from_the_lock_message_opens_the_encrypt_dialog(qtbot, demo_main_window):
    window = _active(demo_main_window, qtbot)
    seen: dict = {}
    dialogs = []

    def then_cancel(dialog) -> None:
        dialogs.append(type(dialog).__name__)
        dialog.reject()

    def encrypt(box) -> None:
        _answer(seen, "Encrypt database…")(box)
        when_modal(then_cancel)

    when_modal(encrypt)
    QTest.keyClick(window.nav, Qt.Key.Key_L, LOCK_KEYS)
    qtbot.waitUntil(lambda: dialogs == ["EncryptDialog"])


# -- 2. Encrypting leaves the restore points unless the user ticks them ------------------------------


def _three_kinds_of_backup(path):
    made = {
        "manual": backups.backup_now(path),
        "before-restore": backups.backup_before(path, "restore"),
        "automatic": backups.backup_now(path, reason="auto"),
    }
    assert all(not is_encrypted_file(p) for p in made.values())
    return made


def _encrypt_with(qtbot, window, tick: tuple[str, ...]) -> dict:
    """File › Encrypt database…, typed in; ticks the boxes named in ``tick`` ("remove_backups", "remove_kept")."""
    seen: dict = {}

    def fill(dialog) -> None:
        try:
            fill_in(dialog)
        except Exception as exc:  # close it, so the test fails rather than waits
            seen["error"] = exc
            dialog.reject()

    def fill_in(dialog) -> None:
        boxes = {name: getattr(dialog, name) for name in ("remove_backups", "remove_kept")}
        seen["ticked"] = {name: box.isChecked() for name, box in boxes.items()}
        seen["texts"] = {name: box.text().replace("&", "") for name, box in boxes.items()}
        seen["kept"] = dialog.kept_note.text()
        seen["note"] = dialog.backups_note.text()
        for name in tick:
            boxes[name].setFocus()
            QTest.keyClick(boxes[name], Qt.Key.Key_Space)
        QTest.keyClicks(dialog.fields.passphrase_edit, PASSPHRASE)
        QTest.keyClicks(dialog.fields.confirm_edit, PASSPHRASE)
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["result"] = dialog.result()

    when_modal(fill)
    window.protection.encrypt.trigger()
    if "error" in seen:
        raise seen["error"]
    assert seen["result"] == QDialog.DialogCode.Accepted
    return seen


def test_encrypting_deletes_no_backup_unless_asked_and_says_which_kinds_it_would(
    qtbot, demo_main_window, tmp_path
):
    window = _active(demo_main_window, qtbot)
    path = tmp_path / "test.db"
    made = _three_kinds_of_backup(path)
    before = snapshot(database.obj)
    seen = _encrypt_with(qtbot, window, tick=())
    assert seen["ticked"] == {"remove_backups": False, "remove_kept": False}
    assert seen["texts"] == {
        "remove_backups": "Delete the automatic backup",
        "remove_kept": "Also delete the 2 backups you kept",
    }
    assert (
        seen["kept"] == "1 made with Back up now, 1 taken before a restore. These stay until you delete them."
    )
    assert "cannot be recovered" in seen["note"]
    assert is_encrypted_file(path) and snapshot(database.obj) == before
    assert all(p.exists() for p in made.values())  # every restore point is still there


def test_ticking_the_automatic_backups_keeps_the_manual_and_before_restore_ones(
    qtbot, demo_main_window, tmp_path
):
    window = _active(demo_main_window, qtbot)
    path = tmp_path / "test.db"
    made = _three_kinds_of_backup(path)
    _encrypt_with(qtbot, window, tick=("remove_backups",))
    assert not made["automatic"].exists()
    assert made["manual"].exists() and made["before-restore"].exists()
    reasons = {
        store_backup.backup_reason(e.path) for e in backups.list_entries(path) if is_encrypted_file(e.path)
    }
    assert reasons == {"after-encryption"}  # a new, encrypted copy replaces what went


def test_the_kept_backups_go_only_when_that_box_is_ticked_too(qtbot, demo_main_window, tmp_path):
    window = _active(demo_main_window, qtbot)
    path = tmp_path / "test.db"
    made = _three_kinds_of_backup(path)
    _encrypt_with(qtbot, window, tick=("remove_backups", "remove_kept"))
    assert not any(p.exists() for p in made.values())
    remaining = backups.list_entries(path)
    assert remaining and all(is_encrypted_file(e.path) for e in remaining)


def test_with_only_kept_backups_the_automatic_box_is_not_offered(qtbot, demo_main_window, tmp_path):
    from mentordesk.ui.protection.encryption_dialogs import EncryptDialog

    _active(demo_main_window, qtbot)
    backups.backup_now(tmp_path / "test.db")
    dialog = EncryptDialog(demo_main_window.ctx, demo_main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remove_backups.isVisible() and dialog.remove_kept.isVisible()
    assert dialog.remove_kept.text().replace("&", "") == "Also delete the backup you kept"
    assert dialog.kept_note.text().startswith("1 made with Back up now.") and dialog.kept_note.isVisible()
    assert not dialog.remove_kept.isChecked()


# -- 3. One underlined letter per item in every menu -------------------------------------------------


def test_no_two_items_of_a_menu_share_an_underlined_letter_and_each_has_one(qtbot, demo_main_window):
    window = _active(demo_main_window, qtbot)
    checked = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if menu is None or menu is window.page_menu:  # the page's menu is made afresh for each page
            continue
        menu.aboutToShow.emit()
        letters = menu_letters(menu)  # shown and hidden items alike: which show depends on encryption
        assert "" not in letters, f"{top.text()}: no underlined letter in {letters.get('')}"
        shared = {letter: items for letter, items in letters.items() if len(items) > 1}
        assert not shared, f"{top.text()}: {shared}"
        checked.append(top.text().replace("&", ""))
    assert checked == ["File", "View", "Tools", "Help"]


def test_alt_f_then_s_opens_restore_from_backup(qtbot, demo_main_window):
    window = _active(demo_main_window, qtbot)
    opened = []

    def close(dialog) -> None:
        opened.append(dialog.windowTitle())
        dialog.reject()

    when_modal(close)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    menu = _file_menu(window)
    qtbot.waitUntil(menu.isVisible)
    assert "Re&store from backup…" in [a.text() for a in menu.actions()]
    QTest.keyClick(menu, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: bool(opened))
    assert "Restore" in opened[0]
    assert QApplication.activeModalWidget() is None or not isinstance(
        QApplication.activeModalWidget(), QMessageBox
    )
