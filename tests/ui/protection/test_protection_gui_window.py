"""The protection GUI in the main window: the protection menus, backing up and restoring,
encrypting and changing the passphrase, erasing a person, exporting their data, retention, the
settings tabs, and the idle lock.

First run, unlocking and the damaged-database rescue are in tests/test_protection_gui.py; the
shared helpers are in tests/protection_fixtures.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from mentordesk.services.protection import backups, retention
from mentordesk.store.db import close_database, current_passphrase, database, is_encrypted_file, open_database
from mentordesk.store.models import AuditEvent, Enrolment, MatchMember, Participant, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from tests import protection_fixtures
from tests.protection_fixtures import PASSPHRASE, snapshot, when_modal

_close_db = protection_fixtures.close_db_after_each_test  # the shared fixtures
quiet_boxes = protection_fixtures.quiet_boxes


# -- main window: backups, restore, encryption ------------------------------------------------------


@pytest.fixture
def window(demo_main_window):
    return demo_main_window  # the shared fixture (tests/conftest.py)


def test_menus_hold_the_protection_actions(window):
    texts = {
        action.text().replace("&", "")
        for top in window.menuBar().actions()
        if top.menu() is not None
        for action in top.menu().actions()
    }
    for expected in ("Back up now", "Restore from backup…", "Encrypt database…", "Lock now", "Audit log…"):
        assert expected in texts
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.index("Tools") == titles.index("Help") - 1
    assert window.protection.encryption_label.text() == "Not encrypted"
    assert not window.protection.decrypt.isVisible()


def test_back_up_now_then_restore_from_the_dialog(qtbot, window, tmp_path, quiet_boxes):
    path = tmp_path / "test.db"
    window.protection.backup_now.trigger()
    entries = backups.list_entries(path)
    assert len(entries) == 1 and entries[0].reason == "manual"
    before = snapshot(database.obj)
    Programme.create(name="Made after the backup")
    seen = {}

    def pick(dialog):
        seen["rows"] = dialog.model.rowCount()
        seen["participants"] = dialog.count_labels["participant"][0].text()
        seen["programmes"] = dialog.count_labels["programme"][0].text()
        seen["programmes_now"] = dialog.count_labels["programme"][1].text()
        dialog.restore_button.click()

    when_modal(pick)
    window.protection.restore.trigger()
    assert seen == {"rows": 1, "participants": "40", "programmes": "1", "programmes_now": "2"}
    assert snapshot(database.obj) == before
    assert window.programme_combo.count() == 1  # the window reloaded from the restored file
    assert len(backups.list_entries(path)) == 2  # the state before the restore was kept


def test_restore_dialog_asks_for_the_passphrase_of_another_key(qtbot, window, tmp_path):
    from mentordesk.store import backup as store_backup
    from mentordesk.ui.protection.restore_dialog import RestoreDialog

    other = tmp_path / "other.db"
    store_backup.copy_connection(database.obj.connection(), tmp_path / "plain-copy.db", None)
    close_database()
    from mentordesk.store import crypto

    crypto.change_encryption(tmp_path / "plain-copy.db", None, "other passphrase")
    (tmp_path / "plain-copy.db").rename(other)
    open_database(tmp_path / "test.db")
    dialog = RestoreDialog(tmp_path / "test.db", window)
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisible() or dialog.model.rowCount() == 0
    dialog.show_preview(other, "Chosen file")
    assert dialog.key_row.isVisibleTo(dialog) and not dialog.restore_button.isEnabled()
    dialog.key_edit.setText("other passphrase")
    dialog._try_key()
    assert dialog.count_labels["participant"][0].text() == "40"
    assert dialog.restore_button.isEnabled()


def test_encrypt_dialog_encrypts_the_open_database(qtbot, window, tmp_path, quiet_boxes):
    from mentordesk.ui.protection.encryption_dialogs import EncryptDialog

    path = tmp_path / "test.db"
    backups.backup_now(path)  # an unencrypted backup, offered for deletion but kept unless ticked
    before = snapshot(database.obj)
    dialog = EncryptDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert not dialog.remove_backups.isChecked() and not dialog.remove_kept.isChecked()
    dialog.fields.passphrase_edit.setText("short")
    dialog.fields.confirm_edit.setText("short")
    dialog.accept()
    assert "at least 8" in dialog.error_label.text() and not is_encrypted_file(path)
    dialog.fields.passphrase_edit.setText(PASSPHRASE)
    dialog.fields.confirm_edit.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert is_encrypted_file(path) and snapshot(database.obj) == before
    remaining = backups.list_entries(path)
    assert [e.reason for e in remaining] == ["manual"] and not is_encrypted_file(remaining[0].path)
    window.protection.update_states()
    assert window.protection.encryption_label.text() == "Encrypted"


def test_change_passphrase_dialog_needs_the_current_one(qtbot, tmp_path, quiet_boxes):
    from mentordesk.ui.protection.encryption_dialogs import ChangePassphraseDialog

    path = tmp_path / "enc.db"
    open_database(path, PASSPHRASE)
    ctx = AppContext(path)
    dialog = ChangePassphraseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.current_edit.setText("not the passphrase")
    dialog.fields.passphrase_edit.setText("new passphrase here")
    dialog.fields.confirm_edit.setText("new passphrase here")
    dialog.accept()
    assert "not right" in dialog.error_label.text()
    assert current_passphrase() == PASSPHRASE
    dialog.current_edit.setText(PASSPHRASE)
    dialog.accept()
    assert current_passphrase() == "new passphrase here"


# -- erasure and retention ------------------------------------------------------------------------


def test_erase_dialog_lists_what_goes_and_waits_for_the_tick(qtbot, window, monkeypatch):
    from mentordesk.ui.protection.people_dialogs import EraseDialog

    member = MatchMember.select().where(MatchMember.role == "mentee").first()
    person = Participant.get_by_id(member.participant_id)
    dialog = EraseDialog(window.ctx, person.id, window)
    qtbot.addWidget(dialog)
    summary = dialog.summary_label.text()
    assert "guardians" in summary and "Erased person #" in summary and "stub" in summary
    assert not dialog.erase_button.isEnabled()
    dialog.erase_button.click()
    assert not Participant.get_by_id(person.id).anonymised
    dialog.confirm_check.setChecked(True)
    dialog.erase_button.click()
    assert dialog.erased and Participant.get_by_id(person.id).anonymised
    assert any(e.reason == "before-erase" for e in backups.list_entries(window.ctx.db_path))


def test_erase_dialog_lists_other_records_that_mention_the_person(qtbot, window, tmp_path):
    from mentordesk.ui.protection.people_dialogs import EraseDialog

    member = MatchMember.select().where(MatchMember.role == "mentee").first()
    person = Participant.get_by_id(member.participant_id)
    other = Participant.select().where(Participant.id != person.id).first()
    other.notes = f"Walks home with {person.first_name} {person.last_name}"
    other.save()
    dialog = EraseDialog(window.ctx, person.id, window)
    qtbot.addWidget(dialog)
    summary = dialog.summary_label.text()
    assert "Mentioned in other records</b> (1)" in summary and f"{other.display_name}: notes" in summary
    dialog.show()
    for size in ((1024, 700), (1920, 1080)):
        dialog.resize(*size)
        dialog.grab().save(str(tmp_path / f"erase-{size[0]}.png"))


def test_person_picker_filters_by_name(qtbot, window):
    from mentordesk.ui.protection.people_dialogs import PersonPickerDialog

    picker = PersonPickerDialog("Erase a person", window)
    qtbot.addWidget(picker)
    assert picker.proxy.rowCount() == 40 and not picker.ok_button.isEnabled()
    qtbot.keyClicks(picker.search_edit, "Ó'Brien")
    assert picker.proxy.rowCount() == 1
    picker.table.selectRow(0)
    assert picker.ok_button.isEnabled()
    picker.accept()
    assert picker.selected.name == "Zoë Ó'Brien"


def test_person_picker_sorts_by_the_name_it_shows(qtbot, window):
    """Like the Participants table: by the name shown, Ł among the Ls, other alphabets after Latin."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from mentordesk.ui.protection.people_dialogs import NAME, PersonPickerDialog

    picker = PersonPickerDialog("Erase a person", window)
    qtbot.addWidget(picker)
    picker.show()
    header = picker.table.horizontalHeader()

    def names() -> list[str]:
        return [picker.proxy.index(r, NAME).data() for r in range(picker.proxy.rowCount())]

    def click() -> None:
        x = header.sectionViewportPosition(NAME) + header.sectionSize(NAME) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    up = ["Amara Yılmaz", "Anaïs Haddad", "Aoife Rahimi"], ["Ελένη O'Connor", "Алексей Chen", "美咲 Patel"]
    assert names()[:3] == up[0] and names()[-3:] == up[1]  # opened sorted by name, up
    shown = names()
    # Ł among the Ls (by code point it would follow every Latin name, Zoë included)
    assert shown.index("Leila Cohen") < shown.index("Łukasz Papadopoulos") < shown.index("Mateo Γεωργίου")
    click()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert names()[:3] == up[1][::-1] and names()[-3:] == up[0][::-1]
    click()
    assert names()[:3] == up[0]


def test_export_person_writes_json_and_pdf(qtbot, window, tmp_path):
    from mentordesk.ui.protection.people_dialogs import export_person

    person = Participant.get(Participant.first_name == "Zoë")
    json_path, pdf_path = export_person(window, person.id, folder=tmp_path / "export")
    assert json_path.name == "Zoë-Ó-Brien-data.json" and pdf_path.exists()


def test_retention_dialog_erases_only_the_ticked_after_confirming(qtbot, window, monkeypatch):
    from mentordesk.ui.protection.retention_dialog import RetentionDialog

    ended = Programme.create(
        name="Ended", starts_on=date(2020, 1, 1), ends_on=date.today() - timedelta(days=800)
    )
    people = [Participant.create(first_name=f"Old{i}", last_name="Mentee") for i in range(3)]
    for person in people:
        Enrolment.create(participant=person, programme=ended, role="mentee")
    retention.set_rule(ended.id, retention.RetentionRule(mentee_months=12))
    dialog = RetentionDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 3 and not dialog.erase_button.isEnabled()
    dialog.model.setData(
        dialog.model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert dialog.erase_button.isEnabled() and "1" in dialog.erase_button.text()
    monkeypatch.setattr(dialog, "confirm", lambda n: False)
    dialog.erase_ticked()
    assert not any(Participant.get_by_id(p.id).anonymised for p in people)
    monkeypatch.setattr(dialog, "confirm", lambda n: n == 1)
    dialog.erase_ticked()
    assert sum(Participant.get_by_id(p.id).anonymised for p in people) == 1
    assert dialog.model.rowCount() == 2
    assert AuditEvent.select().where(AuditEvent.action == "erase").count() == 1


# -- settings tabs and the lock ---------------------------------------------------------------------


def test_settings_tabs_describe_backup_generations_save_idle_minutes_and_retention(window):
    from mentordesk.services.protection import lock as app_lock

    page = window.show_area("settings")
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    protection = page.tabs.widget(titles.index("Protection"))
    kept = protection.kept_label.text()
    assert "last 7 days" in kept and "5 weeks" in kept and "12 months" in kept and "until you delete" in kept
    protection.idle_spin.setValue(5)
    assert app_lock.idle_minutes() == 5
    assert "set a lock passphrase" in protection.lock_note.text()
    privacy = page.tabs.widget(titles.index("Privacy"))
    privacy.mentee_spin.setValue(18)
    assert retention.get_rule(window.ctx.programme_id).mentee_months == 18


def test_idle_lock_covers_the_window_and_unlocks_with_the_passphrase(qtbot, tmp_path):
    from mentordesk.services.protection import lock as app_lock

    path = tmp_path / "enc.db"
    open_database(path, PASSPHRASE)
    win = MainWindow(AppContext(path))
    qtbot.addWidget(win)
    win.show()
    lock = win.protection.idle_lock
    app_lock.set_idle_minutes(1)
    lock.check()
    assert not lock.locked  # not idle yet
    lock.last_activity -= 61
    lock.check()
    assert lock.locked and lock.covers and lock.covers[0].isVisible()
    dialog = lock.dialog
    assert "after a quiet spell" in dialog.findChild(QLabel).text()  # locked because it was idle
    dialog.reject()  # Escape does not unlock
    assert lock.locked
    for attempt in ("nope 1", "nope 2", "nope 3"):
        dialog.passphrase_edit.setText(attempt)
        dialog.try_unlock()
    assert "wait 30 seconds" in dialog.error_label.text() and not dialog.passphrase_edit.isEnabled()
    dialog._pause.stop()
    dialog._end_pause()
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.try_unlock()
    assert not lock.locked and not lock.covers


def test_plain_database_lock_needs_a_lock_passphrase_kept_only_as_a_hash(qtbot, window, quiet_boxes):
    from mentordesk.services.protection import lock as app_lock
    from mentordesk.store import settings

    lock = window.protection.idle_lock
    assert not window.protection.lock_now.isEnabled()
    assert "lock passphrase" in window.protection.lock_now.toolTip()
    said = []
    when_modal(lambda box: said.append(box.informativeText()) or box.reject())
    window.protection.do_lock()  # e.g. from the settings tab
    assert not lock.locked and "lock passphrase" in said[0]
    app_lock.set_lock_passphrase("lockme123")
    stored = settings.get("lock.hash")
    assert "lockme123" not in str(stored) and len(stored["salt"]) == 32
    assert app_lock.verify("lockme123") and not app_lock.verify("lockme124")
    window.protection.update_states()
    assert window.protection.lock_now.isEnabled()
    window.protection.lock_now.trigger()
    assert lock.locked
    said = lock.dialog.findChild(QLabel).text()
    assert said.startswith("Locked. Type the lock passphrase") and "quiet spell" not in said  # locked by hand
    lock.dialog.passphrase_edit.setText("lockme123")
    lock.dialog.try_unlock()
    assert not lock.locked


def test_idle_lock_watches_input_only_after_start_up(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    from mentordesk.ui.protection import idle_lock

    lock = window.protection.idle_lock
    assert not lock.watching  # the first paint does not pay for an application-wide filter
    qtbot.waitUntil(lambda: lock.watching, timeout=idle_lock.WATCH_DELAY_MS + 2000)
    lock.last_activity -= 120
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.nav, key)
    assert lock.idle_seconds() < 5  # typing counts as activity once watching


def test_idle_lock_closes_the_database_and_drops_the_key_until_unlocked(qtbot, tmp_path):
    """Locked, nothing in MentorDesk holds the key or an open connection; unlocking reopens the file."""
    import gc

    from mentordesk.services.protection import lock as app_lock

    path = tmp_path / "enc.db"
    open_database(path, PASSPHRASE)
    Participant.create(first_name="Kept", last_name="Safe")
    win = MainWindow(AppContext(path))
    qtbot.addWidget(win)
    win.show()
    lock = win.protection.idle_lock
    app_lock.set_idle_minutes(1)
    lock.last_activity -= 61
    lock.check()
    assert lock.locked and database.obj is None
    gc.collect()
    holders = [o for o in gc.get_objects() if isinstance(o, dict) and o.get("passphrase") == PASSPHRASE]
    assert holders == []  # no connection parameters (or anything else) keep the passphrase
    with pytest.raises(Exception, match="uninitialized"):
        Participant.select().count()  # the models cannot read a closed database
    qtbot.keyClicks(lock.dialog.passphrase_edit, "not it at all")
    qtbot.keyClick(lock.dialog.passphrase_edit, Qt.Key.Key_Return)
    assert lock.locked and database.obj is None and "not the passphrase" in lock.dialog.error_label.text()
    lock.dialog.passphrase_edit.clear()
    qtbot.keyClicks(lock.dialog.passphrase_edit, PASSPHRASE)
    qtbot.keyClick(lock.dialog.passphrase_edit, Qt.Key.Key_Return)
    assert not lock.locked and database.obj is not None
    assert Participant.get(Participant.first_name == "Kept").last_name == "Safe"


def test_idle_lock_on_a_plain_database_closes_it_and_unlocks_with_the_lock_passphrase(qtbot, window):
    from mentordesk.services.protection import lock as app_lock

    app_lock.set_lock_passphrase("lockme123")
    lock = window.protection.idle_lock
    assert lock.lock() and database.obj is None
    qtbot.keyClicks(lock.dialog.passphrase_edit, "lockme123")
    qtbot.keyClick(lock.dialog.passphrase_edit, Qt.Key.Key_Return)
    assert not lock.locked and database.obj is not None and app_lock.has_lock_passphrase()
