"""Start-up order: the window paints first, the file is checked read-only, then the window fills.

The integrity check of an up-to-date file runs on the thread pool after the first
paint. Until it passes the file is read-only (SQLite's ``query_only``) and the
window shows nothing read from it; a damaged file found this way gets the same
rescue as one found at once.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from mentordesk.services.protection import backups
from mentordesk.store import db as store_db, migrations
from mentordesk.store.db import close_database, database, open_database
from mentordesk.store.models import Programme
from mentordesk.ui import startup
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow, app_settings
from tests import protection_fixtures
from tests.protection_fixtures import file_digest, snapshot, when_modal
from tests.services.protection.test_protection_backup import damage

_close_db = protection_fixtures.close_db_after_each_test  # the shared fixtures


@pytest.fixture
def scheme(tmp_path):
    """A closed, up-to-date database with one programme, already fully checked today."""
    path = tmp_path / "scheme.db"
    open_database(path)
    Programme.create(name="Year 9 reading")
    close_database()
    open_database(path)  # the first open of the day ran the full check; this one recorded nothing new
    close_database()
    return path


def test_deferred_open_is_read_only_until_the_check_passes(scheme):
    open_database(scheme, defer_check=True)
    assert store_db.pending_check() is False  # the full check already ran today: a quick one is due
    assert Programme.select().count() == 1  # reading works at once
    with pytest.raises(peewee.OperationalError, match="readonly"):
        Programme.create(name="Too early")
    assert store_db.run_pending_check() == []
    store_db.allow_writes()
    assert store_db.pending_check() is None
    Programme.create(name="After the check")
    assert Programme.select().count() == 2


def test_new_connections_follow_the_guard(scheme):
    """A worker thread's connection is read-only while the check is pending, and writable after."""
    import threading

    open_database(scheme, defer_check=True)
    outcomes = []

    def try_write() -> None:
        try:
            database.execute_sql("INSERT INTO setting (key, value) VALUES ('probe', '1')")
            outcomes.append("written")
        except peewee.OperationalError as exc:
            outcomes.append(str(exc))
        finally:
            database.obj.close()  # this thread's connection only

    for _ in range(2):
        worker = threading.Thread(target=try_write)
        worker.start()
        worker.join()
        store_db.allow_writes() if store_db.pending_check() is not None else None
    assert "readonly" in outcomes[0] and outcomes[1] == "written"


def test_the_daily_full_check_is_recorded_only_once_it_passes(tmp_path):
    path = tmp_path / "daily.db"
    open_database(path)
    close_database()
    with sqlite3.connect(path) as con:
        con.execute("DELETE FROM setting WHERE key = ?", (store_db.FULL_CHECK_KEY,))
    con.close()
    open_database(path, defer_check=True)
    assert store_db.pending_check() is True  # no full check yet today
    store_db.allow_writes()
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (store_db.FULL_CHECK_KEY,))
    assert json.loads(row.fetchone()[0]) == date.today().isoformat()
    close_database()
    open_database(path, defer_check=True)
    assert store_db.pending_check() is False


def test_a_file_that_needs_migrating_is_checked_before_it_opens(scheme):
    with sqlite3.connect(scheme) as con:
        con.execute("UPDATE setting SET value = '1' WHERE key = ?", (migrations.VERSION_KEY,))
    con.close()
    open_database(scheme, defer_check=True, backup=False)
    assert store_db.pending_check() is None  # checked and migrated on the spot, as before
    Programme.create(name="Writable at once")


def test_one_query_lists_the_same_columns_as_peewee(scheme):
    db = open_database(scheme)
    fast = migrations._columns_by_table(db)
    slow = {table: {c.name for c in db.get_columns(table)} for table in db.get_tables()}
    assert fast == slow and "participant" in fast
    assert migrations.is_current(db)
    db.execute_sql("CREATE TABLE scratch (id INTEGER)")  # a table we do not know is no reason to migrate
    assert migrations.is_current(db)
    db.execute_sql("DROP TABLE audit_event")
    assert migrations.lacks_columns(db) and not migrations.is_current(db)


def test_the_frame_reads_nothing_until_attached(qtbot, scheme, isolated_home):
    settings = app_settings()
    settings.setValue("programme_id", 7)
    settings.sync()
    database.initialize(None)  # no database at all, as before start-up opens one: the frame must not need it
    window = MainWindow(AppContext(scheme), attach=False)
    qtbot.addWidget(window)
    dashboard = window.page("dashboard")
    assert not window.programme_combo.isEnabled() and window.programme_combo.count() == 0
    assert dashboard.stack.currentWidget() is not dashboard.no_programme  # no false "no programme yet"
    assert dashboard.cards["mentors"].value.text() == "–"
    window.close()
    assert int(app_settings().value("programme_id")) == 7  # closing early keeps the last choice
    open_database(scheme)
    window = MainWindow(AppContext(scheme), attach=False)
    qtbot.addWidget(window)
    window.attach()
    assert window.programme_combo.currentText() == "Year 9 reading"
    qtbot.waitUntil(lambda: window.page("dashboard").cards["mentors"].value.text() == "0")


def test_start_window_reads_the_first_page_beside_the_check(qtbot, scheme, monkeypatch):
    """The window paints, then its first page reads the file while the check runs on the thread pool;
    writes wait for the check, and the window is writable once start_window returns."""
    order = []
    real_check = store_db.run_pending_check

    def check() -> list[str]:
        problems = real_check()
        order.append("check done")
        return problems

    monkeypatch.setattr(store_db, "run_pending_check", check)
    real_attach = MainWindow.attach

    def attach(self) -> None:
        order.append(("attach", self.painted, store_db.pending_check(), self.checking))
        real_attach(self)

    monkeypatch.setattr(MainWindow, "attach", attach)
    window = startup.start_window(scheme)
    qtbot.addWidget(window)
    # Painted first; then filled while the (quick) check was still pending and the guard on.
    assert order[0] == ("attach", True, False, True)
    assert "check done" in order and not window.checking
    assert window.attached and window.programme_combo.currentText() == "Year 9 reading"
    qtbot.waitUntil(lambda: window.page("dashboard").cards["mentors"].value.text() == "0")
    assert window.statusBar().currentMessage() == ""
    Programme.create(name="Writable")  # the guard is off


def test_damage_found_beside_the_first_page_stops_edits_and_says_so(qtbot, demo_db, tmp_path):
    """A problem the check finds while the first page reads the file still stops the start: nothing can
    be written, the user is told the file failed its check, and giving up leaves it as it was."""
    path = tmp_path / "test.db"
    backups.backup_now(path)
    close_database()
    damage(path)
    before = file_digest(path)
    seen = {}

    def give_up(dialog) -> None:
        seen["checking"] = startup_window[0].checking if startup_window else None
        seen["message"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        try:
            Programme.create(name="While damaged")
        except peewee.OperationalError as exc:
            seen["write"] = str(exc)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # the dialog's Cancel: do not restore

    startup_window: list[MainWindow] = []
    real_attach = MainWindow.attach

    def attach(self) -> None:
        startup_window.append(self)
        real_attach(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MainWindow, "attach", attach)
        when_modal(give_up)
        window = startup.start_window(path)
    assert window is None  # the user gave up: MentorDesk does not go on with a damaged file
    assert startup_window, "the first page should have been read beside the check"
    assert seen["checking"] is True
    assert "failed its integrity check" in seen["message"] and "has not written to it" in seen["message"]
    assert "readonly" in seen["write"]
    assert file_digest(path) == before


def test_damage_found_by_the_deferred_check_is_rescued(qtbot, demo_db, tmp_path, monkeypatch):
    path = tmp_path / "test.db"
    good = backups.backup_now(path)
    expected = snapshot(demo_db)
    close_database()
    damage(path)
    damaged_digest = file_digest(path)
    found = []
    real_check = store_db.run_pending_check
    monkeypatch.setattr(store_db, "run_pending_check", lambda: found.extend(real_check()) or list(found))
    seen = {}

    def rescue(dialog):
        seen["selected"] = dialog.selected_path
        dialog.restore_button.click()

    when_modal(rescue)
    window = startup.start_window(path)
    assert window is not None
    qtbot.addWidget(window)
    assert found, "the damage should have been found by the check that runs after the first paint"
    assert seen == {"selected": good}
    restored = snapshot(database.obj)
    restored["setting"] = [row for row in restored["setting"] if row[0] != "backups.last_auto"]
    assert restored == expected
    (set_aside,) = tmp_path.glob("test.db.damaged-*")  # the file alone: no reader kept a -wal alive
    assert file_digest(set_aside) == damaged_digest
    assert window.attached and window.programme_combo.count() >= 1


def test_a_read_started_while_the_rescue_dialog_is_up_ends_before_the_file_is_set_aside(
    qtbot, demo_db, tmp_path, monkeypatch
):
    """A page's background read can start while the restore dialog waits for the user (a timer, a
    figure tab): the restore waits for it, so no connection to the damaged file outlives its rename."""
    import threading
    import time

    from mentordesk.ui import workers

    path = tmp_path / "test.db"
    good = backups.backup_now(path)
    close_database()
    damage(path)
    damaged_digest = file_digest(path)
    monkeypatch.setattr(store_db, "run_pending_check", lambda: ["page 7: damaged"])
    reading = threading.Event()
    seen = {}

    def slow_read(progress):
        Programme.select().count()  # this pool thread's own connection to the file under the window
        reading.set()
        for _ in range(40):
            progress.check()
            time.sleep(0.02)  # a longer read: the connection is still open when Restore is pressed
        seen["read_to_the_end"] = True

    def rescue(dialog):
        seen["selected"] = dialog.selected_path
        workers.Worker(slow_read).start()
        assert reading.wait(5)
        dialog.restore_button.click()

    when_modal(rescue)
    window = startup.start_window(path)
    assert window is not None
    qtbot.addWidget(window)
    assert seen["selected"] == good
    set_aside = sorted(p.name for p in tmp_path.glob("test.db.damaged-*"))
    assert len(set_aside) == 1, set_aside  # no -wal or -shm kept alive by a reader
    assert file_digest(tmp_path / set_aside[0]) == damaged_digest
    assert workers.settle(5)
