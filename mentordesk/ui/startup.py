"""Open the database the way a person expects, then build the main window.

A new database gets the first-run dialog (demo data or an empty start); problems
opening an existing one are explained in a dialog, and the file is left alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from mentordesk.store import db as store_db
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def start_window(db_path: Path, demo: bool = False, ask_first_run: bool = True) -> MainWindow | None:
    """Open ``db_path`` (creating it on first run) and return the main window, or None if the user gave up."""
    db_path = Path(db_path)
    is_new = not db_path.exists() or db_path.stat().st_size == 0
    seed_demo = demo
    if is_new and not demo and ask_first_run:
        from mentordesk.ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(db_path)
        if not dialog.exec():
            return None
        seed_demo = dialog.wants_demo()
    try:
        store_db.open_database(db_path)
    except store_db.DatabaseError as exc:
        QMessageBox.critical(None, "MentorDesk", str(exc))
        return None
    if seed_demo and is_new:
        from mentordesk.services import demo as demo_service

        demo_service.seed_demo()
    ctx = AppContext(db_path)
    return MainWindow(ctx)
