"""One MentorDesk per database file, in the window: who holds it, read-only, and a file replaced underneath.

``claim`` takes the file's lock (store/file_lock.py) before the window opens it; when another
MentorDesk holds it the coordinator is told who, and chooses to open it read-only or to quit.
``FileWatcher`` notices when the file is replaced under the open window (a restore from another
MentorDesk, a sync tool putting back an older copy): it warns, then reopens the new file, so
nothing typed afterwards goes to a file that no longer exists.
"""

from __future__ import annotations

import logging
import os
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

RECHECK_MS = 400  # a replace shows as a burst of events: look once they settle


class Access(Enum):
    WRITE = "write"
    READ_ONLY = "read_only"


def claim(db_path: Path, parent: QWidget | None = None) -> Access | None:
    """Lock ``db_path`` for this window. When another MentorDesk holds it, ask: read-only, or quit (None)."""
    from mentordesk.store import file_lock

    try:
        file_lock.acquire(db_path)
    except OSError:  # a read-only folder: opening it says so, in words
        return Access.WRITE
    except file_lock.DatabaseInUse as exc:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(box.tr("Database already open"))
        box.setText(box.tr("{name} is already open in another MentorDesk.").format(name=Path(db_path).name))
        box.setInformativeText(
            box.tr(
                "It was opened {holder}.\n\nTwo copies saving to one file lose each other's changes. "
                "Open it read-only to look things up, or quit and close the other one first."
            ).format(holder=exc.holder.describe())
        )
        read_only = box.addButton(box.tr("Open &read-only"), QMessageBox.ButtonRole.AcceptRole)
        quit_button = box.addButton(box.tr("&Quit"), QMessageBox.ButtonRole.RejectRole)
        read_only.setAccessibleName(box.tr("Open the database read-only"))
        quit_button.setAccessibleName(box.tr("Quit MentorDesk"))
        box.setDefaultButton(quit_button)
        box.setEscapeButton(quit_button)
        box.exec()
        return Access.READ_ONLY if box.clickedButton() is read_only else None
    return Access.WRITE


def show_read_only(window) -> None:
    """Say in the title and the status bar that this window cannot change the file (and have it follow
    what the other MentorDesk saves)."""
    from PySide6.QtWidgets import QLabel

    window.read_only = True
    window.setWindowTitle(window.tr("{app} (read-only)").format(app=window.windowTitle()))
    label = QLabel(window.tr("Read-only: open in another MentorDesk"))
    label.setObjectName("warning")
    label.setAccessibleName(window.tr("Read-only mode"))
    label.setToolTip(window.tr("Close the other MentorDesk and reopen this one to make changes."))
    window.statusBar().addPermanentWidget(label)
    window.read_only_label = label


def make_read_only() -> None:
    """Keep the open database from being written by this window (SQLite's query_only, every connection)."""
    from mentordesk.store.db import database

    database.obj.pragma("query_only", 1, permanent=True)


def identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


class FileWatcher(QObject):
    """Watches the open database file; ``replaced`` when another program put a different file there."""

    replaced = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.addPath(str(self.db_path.parent))
        if self.db_path.exists():
            self.watcher.addPath(str(self.db_path))
        self._timer = QTimer(self, singleShot=True, interval=RECHECK_MS)
        self._timer.timeout.connect(self.check)
        self.watcher.fileChanged.connect(self._timer.start)
        self.watcher.directoryChanged.connect(self._timer.start)
        self.remember()

    def remember(self) -> None:
        """The file now open is ours: note its identity (after opening, or reopening it ourselves)."""
        from mentordesk.store.db import database

        self.opened = database.obj
        self.identity = identity(self.db_path)

    def check(self) -> bool:
        """True (and ``replaced`` emitted) when the file at the path is no longer the one opened."""
        from mentordesk.store.db import database

        if database.obj is not self.opened:  # this process reopened it (a restore, a new passphrase)
            self.remember()
            return False
        if str(self.db_path) not in self.watcher.files() and self.db_path.exists():
            self.watcher.addPath(str(self.db_path))  # a replaced file is a new one to watch
        now = identity(self.db_path)
        if now is None or now == self.identity:
            return False
        log.warning("the database file was replaced by another program")
        self.identity = now
        self.replaced.emit()
        return True


def reopen_replaced(window, watcher: FileWatcher) -> None:
    """Tell the coordinator the file changed underneath, and open the file now at the path."""
    from mentordesk.store import db as store_db
    from mentordesk.ui import workers

    name = watcher.db_path.name
    passphrase = store_db.current_passphrase()
    read_only = bool(store_db.database.obj.pragma("query_only"))
    workers.settle()  # background reads of the old file stop before it closes
    store_db.close_database()
    try:
        store_db.open_database(watcher.db_path, passphrase, backup=False)
    except store_db.DatabaseError as exc:
        QMessageBox.critical(
            window,
            window.tr("Database replaced"),
            window.tr(
                "{name} was replaced by another program, and the new file cannot be opened: {error}\n\n"
                "Quit MentorDesk and restore a backup."
            ).format(name=name, error=exc),
        )
        return
    if read_only:
        make_read_only()
    watcher.remember()
    window.ctx.notify("all")
    QMessageBox.warning(
        window,
        window.tr("Database replaced"),
        window.tr(
            "{name} was replaced by another program (a restore in another MentorDesk, or a sync or "
            "backup tool) while it was open here. MentorDesk has reloaded it: what you see now is "
            "the new file. Anything saved here in the last moments may need entering again."
        ).format(name=name),
    )
