"""Issue 13.5 in the window: a file changed since MentorDesk last closed it is reported, and not backed up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from mentordesk.services.protection import backups
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Programme
from mentordesk.ui import startup
from tests import protection_fixtures
from tests.protection_fixtures import add_marker_person, when_modal

_close_db = protection_fixtures.close_db_after_each_test


def _scheme(tmp_path, note: str):
    path = tmp_path / "scheme.db"
    open_database(path)
    Programme.create(name="Year 9 reading")
    add_marker_person(notes=note)
    close_database()
    return path


def test_a_file_changed_between_sessions_is_reported_and_gets_no_daily_backup(qtbot, tmp_path):
    path = _scheme(tmp_path, "Prefers quiet rooms")
    data = path.read_bytes()
    at = data.index(b"Prefers quiet")
    path.write_bytes(data[:at] + b"X" + data[at + 1 :])  # another program changed one letter
    seen = {}

    def answer(box):
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["names"] = [b.accessibleName() for b in box.buttons()]
        QTest.keyClick(box, Qt.Key.Key_Return)  # the default: keep working

    when_modal(answer)
    window = startup.start_window(path)
    assert window is not None
    qtbot.addWidget(window)
    assert seen["title"] == "Database changed" and "scheme.db changed since" in seen["text"]
    assert all(seen["names"])
    assert window.attached
    assert backups.list_entries(path) == []  # the changed file did not become the latest backup


def test_an_unchanged_file_opens_without_a_word(qtbot, tmp_path, monkeypatch):
    path = _scheme(tmp_path, "Prefers quiet rooms")
    monkeypatch.setattr(QMessageBox, "exec", lambda self: (_ for _ in ()).throw(AssertionError(self.text())))
    window = startup.start_window(path)
    qtbot.addWidget(window)
    assert window.attached
    assert len(backups.list_entries(path)) == 1  # the daily backup
