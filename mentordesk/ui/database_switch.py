"""File › Connect to a shared server… and File › Open local file…: close this database, open another.

The new database opens in a new main window (built the way start-up builds one); the old window
closes once the new one is up. If the new one cannot be opened, the old database is opened again,
so the coordinator is never left without a window. The choice is remembered for the next start
(the server's address, never its password).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog
from shiboken6 import isValid

from mentordesk import config

log = logging.getLogger(__name__)

LAST_SERVER = "database/server_url"  # the server opened last, for the next start without --db
_windows: list = []  # the windows opened here: referenced, so they live after the old one closes


def remembered_server() -> str | None:
    from mentordesk.ui.main_window import app_settings

    value = str(app_settings().value(LAST_SERVER, "") or "")
    return value or None


def remember(server_url: str | None) -> None:
    from mentordesk.ui.main_window import app_settings

    settings = app_settings()
    settings.setValue(LAST_SERVER, server_url or "")
    settings.sync()


def connect_to_server(window):
    """Ask for the server (the dialog tests the connection), then reopen the window on it."""
    from mentordesk.ui.main_window import app_settings
    from mentordesk.ui.protection.server_dialog import ConnectServerDialog

    dialog = ConnectServerDialog(window, app_settings())
    window.connect_dialog = dialog  # reachable for tests and screenshots
    if not dialog.exec():
        return None
    return switch(window, server_url=dialog.url, password=dialog.password or None)


def open_local_file(window):
    start = window.ctx.db_path.parent if not window.ctx.is_server else config.default_db_path().parent
    name, _ = QFileDialog.getOpenFileName(
        window,
        window.tr("Open a MentorDesk database file"),
        str(start),
        window.tr("MentorDesk databases (*.db);;All files (*)"),
    )
    if not name:
        return None
    return switch(window, path=Path(name))


def switch(window, *, server_url: str | None = None, password: str | None = None, path: Path | None = None):
    """Close ``window``'s database and open the server or file in a new window; the new window (or the
    reopened old database's, when the new one could not be opened)."""
    from mentordesk.store import db as store_db, file_lock
    from mentordesk.ui import startup, workers

    old_ctx = window.ctx
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # between the two windows there is none
    try:
        window.close()
        workers.settle()  # the old window's background reads stop before its database closes
        store_db.close_database()
        if not old_ctx.is_server:
            file_lock.release(old_ctx.db_path)
        if server_url is not None:
            new = startup.start_server_window(server_url, password)
        else:
            assert path is not None
            new = startup.start_window(path)
        if new is None:  # the new one did not open: back to the old one
            log.info("switching databases failed; reopening the previous one")
            new = (
                startup.start_server_window(old_ctx.server_url)
                if old_ctx.server_url is not None
                else startup.start_window(old_ctx.db_path)
            )
        elif new.ctx.is_server or server_url is None:
            remember(new.ctx.server_url)
    finally:
        app.setQuitOnLastWindowClosed(quits)
    if new is not None:
        # A window closed earlier may already be freed by Qt: only live, shown ones are kept.
        _windows[:] = [w for w in _windows if isValid(w) and w.isVisible()] + [new]
    return new
