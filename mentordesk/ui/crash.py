"""Unhandled exceptions: logged with their traceback, shown in a dialog, and the app keeps running.

The log and the "Copy details" text (meant for a bug report) are scrubbed of personal data
(logging_setup.scrub_traceback); the dialog's own summary, on the coordinator's screen, is not.
Exceptions on other threads come here too.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from mentordesk import __version__
from mentordesk.logging_setup import scrub_traceback

log = logging.getLogger("mentordesk.crash")


class CrashReporter(QObject):
    """Installed as sys.excepthook; the signal carries the report to the GUI thread."""

    crashed = Signal(str, str)  # summary, details
    fault = Signal(str)  # a known fault of the machine, explained

    def __init__(self) -> None:
        super().__init__()
        self.crashed.connect(self.show_dialog)
        self.fault.connect(self.show_fault)
        self.last_dialog: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        from mentordesk.store import faults

        known = faults.explain(value, _open_database_path())
        if known is not None and _window_is_read_only():
            known = self.tr(
                "This window is read-only: the database is open in another MentorDesk, so nothing was "
                "saved. Close the other one, then quit and start MentorDesk again to make changes."
            )
        if known is not None:  # the machine's fault (a full disk, a read-only file): say what to do
            log.warning("stopped by %s", kind.__name__)
            self.fault.emit(known)
            return
        details = scrub_traceback("".join(traceback.format_exception(kind, value, tb)))
        log.error("unhandled exception", exc_info=(kind, value, tb))
        summary = f"{kind.__name__}: {value}"
        self.crashed.emit(summary, f"MentorDesk {__version__}\n{details}")

    def show_dialog(self, summary: str, details: str) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Something went wrong"))
        box.setText(
            self.tr(
                "MentorDesk hit an unexpected error. Your saved work is safe; the action you were "
                "doing may not have finished."
            )
        )
        box.setInformativeText(summary)
        copy = QPushButton(self.tr("Copy details"))
        box.addButton(copy, QMessageBox.ButtonRole.ActionRole)
        # QMessageBox closes on any button; the copy button must leave the dialog open.
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDetailedText(details)
        self.copy_button = copy
        self.last_dialog = box
        box.show()

    def show_fault(self, message: str) -> None:
        box = QMessageBox(QApplication.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Could not finish"))
        box.setText(message)
        box.addButton(QMessageBox.StandardButton.Close)
        self.last_dialog = box
        box.show()


def _open_database_path():
    from mentordesk.store.db import database

    return getattr(database.obj, "database", None)


def _window_is_read_only() -> bool:
    from peewee import SqliteDatabase

    from mentordesk.store.db import database

    if not isinstance(database.obj, SqliteDatabase):
        return False  # a server database has no read-only window: its roles say who may write
    try:
        return bool(database.obj.pragma("query_only"))
    except Exception:  # no usable connection: not the read-only window's doing
        return False
