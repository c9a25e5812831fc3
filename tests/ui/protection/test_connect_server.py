"""File › Connect to a shared server…: typed into the real dialog, against the test suite's real PostgreSQL."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from mentordesk.store import db as store_db
from tests.pg_server import PASSWORD, PASSWORD_USER


@pytest.fixture
def settled(pg_database):
    """The test's database, whose windows' background work has finished before it is dropped."""
    yield pg_database
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    QThreadPool.globalInstance().waitForDone(10000)
    QApplication.processEvents()
    store_db.close_database()


def _local_window(tmp_path):
    from mentordesk.ui.startup import start_window

    window = start_window(tmp_path / "local.db", ask_first_run=False)
    assert window is not None
    return window


def _type(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    QTest.keyClicks(widget, text)


def _fill(dialog, pg_server, dbname: str, user: str, password: str) -> None:
    _type(dialog.host_edit, "127.0.0.1")
    _type(dialog.port_spin, str(pg_server.port))
    _type(dialog.dbname_edit, dbname)
    _type(dialog.user_edit, user)
    _type(dialog.password_edit, password)


def _demo_on_server(pg_server, pg_database) -> None:
    from mentordesk.services import demo

    store_db.open_database(pg_server.url(pg_database))
    demo.seed_demo()
    store_db.close_database()
    pg_server.sql(
        pg_database,
        f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_USER}",
        f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {PASSWORD_USER}",
    )


def test_connecting_by_typing_into_the_dialog_reopens_the_app_on_the_server(
    qtbot, tmp_path, pg_server, settled, memory_keyring
):
    pg_database = settled
    from mentordesk.ui import database_switch
    from mentordesk.ui.main_window import app_settings

    _demo_on_server(pg_server, pg_database)
    window = _local_window(tmp_path)
    qtbot.addWidget(window)
    assert window.windowTitle() == "local.db — MentorDesk"
    seen: dict[str, str] = {}

    def drive() -> None:
        dialog = window.connect_dialog
        _fill(dialog, pg_server, pg_database, PASSWORD_USER, PASSWORD)
        QTest.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        assert dialog.busy.isVisible() or dialog.found is not None  # the busy bar while it connects
        qtbot.waitUntil(lambda: dialog.found is not None or bool(dialog.error.text()), timeout=10000)
        seen["result"] = dialog.result_label.text()
        QTest.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)
    new = window.connect_to_server()
    if new is not None and new is not window:
        # Closed at the end whatever fails below: a window left open on the server keeps its
        # change listener running into the tests after this one.
        qtbot.addWidget(new)
    assert seen["result"].startswith("Connected to PostgreSQL") and f"as {PASSWORD_USER}" in seen["result"]
    assert new is not None and new is not window and new.isVisible() and not window.isVisible()
    label = f"{pg_database} on 127.0.0.1 (as {PASSWORD_USER})"
    assert new.windowTitle() == f"{label} — MentorDesk"
    assert new.db_label.text() == f"Shared server: {label}"
    assert new.programme_combo.count() >= 1  # the demo programme, read from the server
    assert store_db.database.obj.execute_sql("SELECT current_user").fetchone()[0] == PASSWORD_USER
    # The password is in the keyring only; the settings keep the address.
    account = f"{PASSWORD_USER}@127.0.0.1:{pg_server.port}/{pg_database}"
    assert memory_keyring.get_password("MentorDesk server", account) == PASSWORD
    from pathlib import Path

    text = Path(app_settings().fileName()).read_text(encoding="utf-8")
    assert PASSWORD not in text and "127.0.0.1" in text and pg_database in text
    assert database_switch.remembered_server() == new.ctx.server_url
    assert not new.protection.encrypt.isVisible() and not new.protection.restore.isEnabled()
    # File › Open local file returns to a file (the dialog answered by the test).
    import mentordesk.ui.database_switch as switch_module

    back = tmp_path / "local.db"
    original = switch_module.QFileDialog.getOpenFileName
    switch_module.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(back), ""))
    try:
        local = new.open_local_file()
    finally:
        switch_module.QFileDialog.getOpenFileName = original
    qtbot.addWidget(local)
    assert local.windowTitle() == "local.db — MentorDesk" and not local.ctx.is_server
    assert database_switch.remembered_server() is None
    local.close()
    store_db.close_database()


def test_a_wrong_password_is_explained_in_the_dialog_and_nothing_changes(qtbot, tmp_path, pg_server, settled):
    pg_database = settled
    from mentordesk.ui.protection.server_dialog import ConnectServerDialog

    _demo_on_server(pg_server, pg_database)
    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, pg_server, pg_database, PASSWORD_USER, "wrong")
    QTest.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=10000)
    assert dialog.error.text().startswith(f"The server refused the password for {PASSWORD_USER}")
    assert dialog.isVisible() and dialog.url == ""  # not accepted
    _type(dialog.dbname_edit, "")
    QTest.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text().startswith("Database is empty: fill it in")


def test_a_viewers_refused_write_shows_the_grant_to_ask_for_not_a_traceback(qtbot, pg_server, settled):
    pg_database = settled
    from mentordesk.services import participants
    from mentordesk.store import server_roles
    from mentordesk.ui.crash import CrashReporter
    from mentordesk.ui.startup import start_server_window

    db = store_db.open_database(pg_server.url(pg_database))
    from mentordesk.store.models import Programme

    programme = Programme.create(name="North")
    server_roles.apply_init(db)
    viewer = f"viewer_gui_{pg_database}"
    server_roles.grant(db, viewer, "viewer", [programme.id])
    store_db.close_database()
    window = start_server_window(pg_server.url(pg_database, viewer))
    assert window is not None
    qtbot.addWidget(window)
    reporter = CrashReporter()
    try:
        participants.save_profile(None, programme.id, participants.Profile(participants.PersonDetails(first_name="Zoë")))
    except Exception:
        reporter.handle(*sys.exc_info())
    box = reporter.last_dialog
    assert box is not None and box.windowTitle() == "Could not finish" and not box.detailedText()
    assert f"{viewer} may not change participant records" in box.text()
    assert f"mentordesk server grant {viewer} --role coordinator" in box.text()
    box.close()
    window.close()
    store_db.close_database()


def test_a_file_in_a_synced_folder_shows_a_banner_until_dismissed_for_that_path(qtbot, tmp_path):
    from mentordesk.ui.startup import start_window

    synced = tmp_path / "OneDrive - Riverside Trust" / "mentoring.db"
    window = start_window(synced, ask_first_run=False)
    qtbot.addWidget(window)
    banner = window.location_banner
    assert banner.isVisible() and "synced by OneDrive" in banner.label.text()
    assert "shared server" in banner.label.text()
    QTest.mouseClick(banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    window.close()
    store_db.close_database()
    from mentordesk.store import file_lock

    file_lock.release_all()
    again = start_window(synced, ask_first_run=False)
    qtbot.addWidget(again)
    assert getattr(again, "location_banner", None) is None  # dismissed for this path
    again.close()
    store_db.close_database()
    file_lock.release_all()
    elsewhere = start_window(tmp_path / "Dropbox" / "other.db", ask_first_run=False)
    qtbot.addWidget(elsewhere)
    assert "synced by Dropbox" in elsewhere.location_banner.label.text()  # another path: warned again
    elsewhere.close()
    store_db.close_database()
    file_lock.release_all()


def test_a_server_elsewhere_without_tls_is_refused_with_the_fix(qtbot, pg_server, settled):
    """127.1 reaches the test server (which offers no TLS) but is not named as this computer: TLS is required."""
    from mentordesk.ui.protection.server_dialog import ConnectServerDialog

    dialog = ConnectServerDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, pg_server, settled, "postgres", "")
    _type(dialog.host_edit, "127.1")
    QTest.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=10000)
    assert dialog.error.text().startswith("The server at 127.1 does not offer TLS, which MentorDesk requires")
    assert "turn on ssl in postgresql.conf" in dialog.error.text() and dialog.found is None


def test_an_unreachable_server_at_start_asks_again_and_cancelling_opens_nothing(qtbot):
    import socket

    from PySide6.QtWidgets import QApplication

    from mentordesk.ui.protection.server_dialog import ConnectServerDialog
    from mentordesk.ui.startup import start_server_window

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    seen = {}

    def answer() -> None:  # the window paints first: wait for the dialog to be up
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectServerDialog) and w.isVisible()]
        if not dialogs:
            QTimer.singleShot(20, answer)
            return
        dialog = dialogs[0]
        seen["problem"] = dialog.error.text()
        seen["host"] = dialog.host_edit.text()
        seen["port"] = dialog.port_spin.value()
        dialog.reject()

    QTimer.singleShot(0, answer)
    assert start_server_window(f"postgresql://ana@127.0.0.1:{port}/mentoring") is None
    assert seen["problem"].startswith(f"Cannot reach the PostgreSQL server (database mentoring on 127.0.0.1:{port})")
    assert (seen["host"], seen["port"]) == ("127.0.0.1", port)
