"""The protection GUI before the main window opens: the first-run dialog, unlocking an encrypted
database (three tries, remembering the passphrase, no keyring), and the damaged-database rescue.

Backups, restore, encryption, erasure, retention, the settings tabs and the idle lock in the main
window are in tests/test_protection_gui_window.py; the shared helpers are in
tests/protection_fixtures.py.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from mentordesk.services.protection import backups, secrets
from mentordesk.store.db import close_database, current_passphrase, database, is_encrypted_file, open_database
from mentordesk.store.models import Enrolment, Participant
from mentordesk.ui import startup
from tests import protection_fixtures
from tests.protection_fixtures import PASSPHRASE, add_marker_person, file_digest, snapshot, when_modal

_close_db = protection_fixtures.close_db_after_each_test  # the shared fixtures
quiet_boxes = protection_fixtures.quiet_boxes


# -- first run ------------------------------------------------------------------------------------


def test_first_run_offers_encryption_by_default_and_validates(qtbot, tmp_path):
    from mentordesk.ui.dialogs.first_run import FirstRunDialog

    dialog = FirstRunDialog(tmp_path / "new.db")
    qtbot.addWidget(dialog)
    assert dialog.encrypt_check.isChecked()
    assert dialog.fields.remember_check.isEnabled() and dialog.fields.remember_check.isChecked()
    dialog.fields.passphrase_edit.setText("long enough")
    dialog.fields.confirm_edit.setText("long enougH")
    dialog.accept()
    assert "differ" in dialog.error_label.text() and dialog.result() == 0
    dialog.encrypt_check.setChecked(False)
    assert not dialog.fields.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.passphrase() is None


def test_first_run_without_a_keyring_explains_why_nothing_is_remembered(qtbot, tmp_path):
    from mentordesk.ui.dialogs.first_run import FirstRunDialog

    keyring.set_keyring(fail.Keyring())
    dialog = FirstRunDialog(tmp_path / "new.db")
    qtbot.addWidget(dialog)
    assert not dialog.fields.remember_check.isEnabled()
    assert "no keyring" in dialog.fields.remember_note.text()
    assert not dialog.remember()


def test_start_window_creates_an_encrypted_database_and_remembers_it(qtbot, tmp_path, memory_keyring):
    path = tmp_path / "new.db"

    def fill(dialog):
        dialog.fields.passphrase_edit.setText(PASSPHRASE)
        dialog.fields.confirm_edit.setText(PASSPHRASE)
        dialog.demo_radio.setChecked(True)
        dialog.accept()

    when_modal(fill)
    window = startup.start_window(path)
    qtbot.addWidget(window)
    assert is_encrypted_file(path)
    assert secrets.get_passphrase(path) == PASSPHRASE
    from mentordesk.services import demo

    # The main demo programme's 40 people (the showcase adds other programmes with their own).
    assert Enrolment.select().where(Enrolment.programme == demo.main_programme_id()).count() == 40
    assert window.protection.encryption_label.text() == "Encrypted"
    close_database()
    # Next start: the keyring opens it without a question.
    again = startup.start_window(path)
    qtbot.addWidget(again)
    assert current_passphrase() == PASSPHRASE


# -- unlocking ------------------------------------------------------------------------------------


@pytest.fixture
def encrypted_file(tmp_path) -> Path:
    path = tmp_path / "locked.db"
    open_database(path, PASSPHRASE)
    add_marker_person()
    close_database()
    return path


def test_unlock_gives_three_tries_then_gives_up_leaving_the_file_unchanged(
    qtbot, encrypted_file, quiet_boxes
):
    before = file_digest(encrypted_file)
    errors = []

    def type_wrong(dialog):
        assert "not remembered" in dialog.reason_label.text()
        for attempt in ("wrong 1", "wrong 2"):
            dialog.passphrase_edit.setText(attempt)
            dialog.accept()
            errors.append(dialog.error_label.text())
        dialog.passphrase_edit.setText("wrong 3")
        dialog.accept()

    when_modal(type_wrong)
    assert startup.start_window(encrypted_file) is None
    assert "2 tries left" in errors[0] and "One try left" in errors[1]
    assert quiet_boxes and "Three wrong passphrases" in quiet_boxes[-1][1]
    assert file_digest(encrypted_file) == before


def test_a_wrong_passphrase_typed_in_the_unlock_dialog_leaves_stderr_quiet(qtbot, encrypted_file, capfd):
    """What the dialog says is all there is: SQLCipher's own "hmac check failed" lines (written
    from C to the terminal MentorDesk was started from) stay quiet while the key is tried."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from mentordesk.ui.protection.unlock_dialog import UnlockDialog

    opener = startup.Opener(encrypted_file)
    dialog = UnlockDialog(encrypted_file, "Enter its passphrase to open it.", opener.attempt)
    qtbot.addWidget(dialog)
    dialog.show()
    capfd.readouterr()
    QTest.keyClicks(dialog.passphrase_edit, "not the passphrase")
    QTest.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert "The passphrase does not open this database" in dialog.error_label.text()
    err = capfd.readouterr().err
    assert not [line for line in err.splitlines() if "sqlcipher" in line.lower() or "hmac" in line], err
    dialog.passphrase_edit.clear()
    QTest.keyClicks(dialog.passphrase_edit, PASSPHRASE)
    QTest.keyClick(dialog.passphrase_edit, Qt.Key.Key_Return)
    assert opener.opened and opener.passphrase == PASSPHRASE and current_passphrase() == PASSPHRASE


def test_unlock_succeeds_on_the_third_try_and_can_remember(qtbot, encrypted_file, quiet_boxes):
    def type_then_right(dialog):
        for attempt in ("wrong 1", "wrong 2"):
            dialog.passphrase_edit.setText(attempt)
            dialog.accept()
        dialog.remember_check.setChecked(True)
        dialog.passphrase_edit.setText(PASSPHRASE)
        dialog.accept()

    when_modal(type_then_right)
    window = startup.start_window(encrypted_file)
    assert window is not None
    qtbot.addWidget(window)
    assert Participant.select().count() == 1
    assert secrets.get_passphrase(encrypted_file) == PASSPHRASE


def test_a_stale_remembered_passphrase_is_explained(qtbot, encrypted_file, quiet_boxes):
    secrets.store_passphrase(encrypted_file, "an old passphrase")
    seen = []

    def look(dialog):
        seen.append(dialog.reason_label.text())
        dialog.reject()

    when_modal(look)
    assert startup.start_window(encrypted_file) is None
    assert "no longer opens" in seen[0]


def test_without_a_keyring_the_unlock_dialog_says_why(qtbot, encrypted_file, quiet_boxes):
    keyring.set_keyring(fail.Keyring())
    seen = []

    def look(dialog):
        seen.extend([dialog.reason_label.text(), dialog.remember_note.text()])
        dialog.passphrase_edit.setText(PASSPHRASE)
        dialog.accept()

    when_modal(look)
    window = startup.start_window(encrypted_file)
    qtbot.addWidget(window)
    reason, note = seen
    assert reason == "Enter its passphrase to open it."  # said once, below, not twice
    assert "Cannot remember it here" in note and "no keyring" in note


# -- damaged database -----------------------------------------------------------------------------


def test_a_damaged_database_is_rescued_from_the_latest_good_backup(qtbot, tmp_path, quiet_boxes):
    from tests.services.protection.test_protection_backup import damage

    path = tmp_path / "scheme.db"
    open_database(path)
    from mentordesk.services.demo import programme

    programme.seed_demo()
    good = backups.backup_now(path)
    expected = snapshot(database.obj)
    close_database()
    damage(path)
    damaged_digest = file_digest(path)
    seen = {}

    def rescue(dialog):
        seen["title"] = dialog.windowTitle()
        seen["selected"] = dialog.selected_path
        seen["restore_enabled"] = dialog.restore_button.isEnabled()
        dialog.restore_button.click()

    when_modal(rescue)
    window = startup.start_window(path)
    assert window is not None
    qtbot.addWidget(window)
    assert seen == {"title": "Database damaged", "selected": good, "restore_enabled": True}
    restored = snapshot(database.obj)
    restored["setting"] = [
        row for row in restored["setting"] if row[0] != "backups.last_auto"
    ]  # the daily copy
    assert restored == expected
    (aside,) = tmp_path.glob("scheme.db.damaged-*")  # the file alone: no reader kept a -wal alive
    assert file_digest(aside) == damaged_digest


def test_quitting_the_rescue_leaves_the_damaged_file_alone(qtbot, tmp_path, quiet_boxes):
    from tests.services.protection.test_protection_backup import damage

    path = tmp_path / "scheme.db"
    open_database(path)
    from mentordesk.services.demo import programme

    programme.seed_demo()
    close_database()
    damage(path)
    before = file_digest(path)
    when_modal(lambda dialog: dialog.reject())
    assert startup.start_window(path) is None
    assert file_digest(path) == before
