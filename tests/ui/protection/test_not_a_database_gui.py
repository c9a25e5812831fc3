"""Starting the app on a file that is not a MentorDesk database: one clear box naming the file and what it
looks like, no passphrase asked, and the file left as it was (no chmod, no lock file, no -wal/-shm).
A start that gives up on a real encrypted file releases the file's lock too."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mentordesk.store import file_lock
from mentordesk.store.db import close_database, open_database
from mentordesk.ui import startup
from mentordesk.ui.protection.unlock_dialog import UnlockDialog
from tests import protection_fixtures
from tests.protection_fixtures import PASSPHRASE, when_modal
from tests.store.test_not_a_database import foreign_sqlite, random_odd_length, text_file, zip_file

_close_db = protection_fixtures.close_db_after_each_test


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in sorted(folder.iterdir())}


def record_dialogs(seen: list) -> list[bool]:
    """Answer every modal dialog of the start: a message box with Return, anything else with Escape.
    Polls until the returned flag is cleared (a dialog only shows before ``start_window`` returns)."""
    active = [True]

    def poll() -> None:
        if not active[0]:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            said = f"{dialog.text()}\n{dialog.informativeText()}" if isinstance(dialog, QMessageBox) else ""
            seen.append((type(dialog), said or dialog.windowTitle()))
            QTest.keyClick(dialog, Qt.Key.Key_Return if isinstance(dialog, QMessageBox) else Qt.Key.Key_Escape)
        QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return active


@pytest.mark.parametrize(
    ("make", "looks"),
    [
        (text_file, "notadb.txt is not a MentorDesk database: it looks like a text file."),
        (zip_file, "export.db is not a MentorDesk database: it looks like a zip file"),
        (random_odd_length, "random.db is not a MentorDesk database: it looks like a file of 12,295 bytes"),
        (foreign_sqlite, "invoices.db is an SQLite database, but not a MentorDesk one."),
    ],
)
def test_a_file_that_is_not_a_database_is_named_and_no_passphrase_is_asked(qtbot, tmp_path, make, looks):
    folder = tmp_path / "files"
    folder.mkdir()
    path = make(folder)
    path.chmod(0o644)
    before = state(folder)
    seen: list = []
    polling = record_dialogs(seen)
    assert startup.start_window(path) is None
    polling[0] = False
    assert [kind for kind, _ in seen] == [QMessageBox], seen  # one box, no UnlockDialog
    text = seen[0][1]
    assert text.startswith(looks) and "\nIt was left as it was. Choose the .db file MentorDesk made" in text
    assert "with File › Open local file…" in text and "--db" not in text and "passphrase" not in text
    assert state(folder) == before  # same bytes, still 0644, no .lock, -wal or -shm beside it
    assert not file_lock.is_held(path)


def test_giving_up_on_an_encrypted_file_releases_its_lock(qtbot, tmp_path):
    path = tmp_path / "locked.db"
    open_database(path, PASSPHRASE)
    close_database()
    seen: list = []

    def cancel(dialog) -> None:
        seen.append(type(dialog))
        QTest.keyClicks(dialog.passphrase_edit, "not it")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(cancel)
    assert startup.start_window(path) is None
    assert seen == [UnlockDialog]
    assert not file_lock.is_held(path)
    assert not file_lock.lock_path(path).exists()


def test_open_local_file_on_a_text_file_says_so_and_goes_back_to_the_open_database(qtbot, tmp_path, monkeypatch):
    from mentordesk.store.models import Programme
    from mentordesk.ui import database_switch

    scheme = tmp_path / "scheme.db"
    window = startup.start_window(scheme, ask_first_run=False)
    assert window is not None
    Programme.create(name="Year 9 reading")
    folder = tmp_path / "files"
    folder.mkdir()
    path = text_file(folder)
    path.chmod(0o644)
    before = state(folder)
    monkeypatch.setattr(database_switch.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen: list = []
    polling = record_dialogs(seen)
    back = database_switch.open_local_file(window)
    polling[0] = False
    assert back is not None
    qtbot.addWidget(back)
    assert [kind for kind, _ in seen] == [QMessageBox], seen
    assert seen[0][1].startswith("notadb.txt is not a MentorDesk database: it looks like a text file.")
    assert back.ctx.db_path == scheme and Programme.select().count() == 1  # the same database as before
    assert state(folder) == before and not file_lock.is_held(path)
    back.close()
    close_database()
    file_lock.release_all()
