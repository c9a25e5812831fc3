"""Open the database the way a person expects, in the main window.

The window is shown first, before the database layer is even imported, so the
coordinator sees MentorDesk at once; then the file is opened over it. A new
database gets the first-run dialog (encryption, demo data or an empty start)
before anything else. An encrypted one is unlocked with the passphrase
remembered in the keyring, or else the user is asked (and told why), with three
tries. A damaged one is never written to: the user is offered the latest good
backup. Other problems are explained in a dialog, and the file is left alone.

A file that needs no migration opens read-only, and its integrity check runs on
the thread pool (``ui/open_check.py``) while the window reads its first page from
the file (both read only, on two cores at once). Clicks and keys wait in the queue
meanwhile. Only once the check passes are input and writes allowed and the daily
backup taken (a damaged file must not push a good backup out); a damaged one stops
the start as before: the reads of it are abandoned and the user offered a backup.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.open_check import start_open_check, wait_for_first_page, wait_for_first_paint

if TYPE_CHECKING:
    from mentordesk.store.db import DatabaseDamaged, DatabaseError

log = logging.getLogger(__name__)


class Opener:
    """Tries passphrases on one file and remembers what happened (opened, damaged, or an error)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.passphrase: str | None = None
        self.damaged: DatabaseDamaged | None = None
        self.error: DatabaseError | None = None

    def attempt(self, passphrase: str | None) -> str | None:
        """None when the file opened (or turned out damaged, which needs no more tries); else the message."""
        from mentordesk.store import db as store_db

        try:
            store_db.open_database(self.db_path, passphrase, defer_check=True)
        except store_db.WrongPassphrase as exc:
            return str(exc)
        except store_db.DatabaseDamaged as exc:
            self.damaged = exc
        except store_db.DatabaseError as exc:
            self.error = exc
        self.passphrase = passphrase
        return None

    @property
    def opened(self) -> bool:
        return self.damaged is None and self.error is None


def unlock_reason(db_path: Path, remembered_failed: bool) -> str:
    from mentordesk.services import protection as protection_service

    if remembered_failed:
        return (
            "The passphrase remembered on this computer no longer opens it (was it changed elsewhere, "
            "or the file restored from an older backup?). Enter the current passphrase."
        )
    if not protection_service.status().available:
        return "Enter its passphrase to open it."  # the dialog's note says why it cannot be remembered
    return "Enter its passphrase to open it. The passphrase is not remembered on this computer."


def unlock(db_path: Path, parent: QWidget | None = None) -> Opener | None:
    """Open ``db_path``: plain at once, encrypted with the keyring or by asking. None if the user gave up."""
    from mentordesk.services import protection as protection_service
    from mentordesk.store import db as store_db

    opener = Opener(db_path)
    if not store_db.is_encrypted_file(db_path):
        opener.attempt(None)
        return opener
    from mentordesk.ui.protection.unlock_dialog import UnlockDialog

    remembered = protection_service.get_passphrase(db_path)
    if remembered is not None and opener.attempt(remembered) is None:
        return opener
    dialog = UnlockDialog(db_path, unlock_reason(db_path, remembered is not None), opener.attempt, parent)
    if not dialog.exec():
        if dialog.gave_up:
            QMessageBox.warning(
                parent,
                "MentorDesk",
                f"Three wrong passphrases: MentorDesk will close. {db_path.name} was not changed.\n\n"
                "Passphrases are case-sensitive; check Caps Lock and the keyboard layout.",
            )
        return None
    if dialog.remember() and opener.opened and opener.passphrase:
        _remember(db_path, opener.passphrase, parent)
    return opener


def _remember(db_path: Path, passphrase: str, parent: QWidget | None) -> None:
    from mentordesk.services import protection as protection_service

    try:
        protection_service.store_passphrase(db_path, passphrase)
    except protection_service.KeyringUnavailable as exc:
        QMessageBox.warning(parent, "MentorDesk", str(exc))


def rescue_damaged(db_path: Path, opener: Opener, parent: QWidget | None = None) -> bool:
    """Offer the latest good backup in place of a damaged database. True when one was restored."""
    from mentordesk.ui.protection.restore_dialog import RestoreDialog

    damage = opener.damaged
    dialog = RestoreDialog(
        db_path, parent, problems=damage.problems if damage else [], passphrase=opener.passphrase
    )
    dialog.exec()
    return dialog.restored


def start_window(db_path: Path, demo: bool = False, ask_first_run: bool = True) -> MainWindow | None:
    """Show the main window, open ``db_path`` in it (creating it on first run) and fill the window.

    Returns the window, or None when the user gave up (the window is closed again).
    """
    db_path = Path(db_path)
    is_new = not db_path.exists() or db_path.stat().st_size == 0
    seed_demo = demo
    passphrase, remember = None, False
    if is_new and not demo and ask_first_run:
        from mentordesk.ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(db_path)
        if not dialog.exec():
            return None
        seed_demo = dialog.wants_demo()
        passphrase, remember = dialog.passphrase(), dialog.remember()
    from mentordesk.ui.protection import file_guard

    ctx = AppContext(db_path)
    window = MainWindow(ctx, attach=False)
    window.show()
    wait_for_first_paint(window)
    if refuse_not_a_database(db_path, window):  # a text file, a PDF...: said so, nothing asked or touched
        window.close()
        return None
    access = file_guard.claim(db_path, window)  # one MentorDesk per file: held elsewhere? read-only, or quit
    if access is None:
        window.close()
        return None
    read_only = access is file_guard.Access.READ_ONLY
    if not _open_in(window, is_new, passphrase, remember, seed_demo and not read_only, read_only):
        _give_up(window, db_path)
        return None
    if is_new and not read_only:
        # A new file in a new folder could not be locked before the open made the folder: lock it now,
        # so a second MentorDesk started on it is told, as for any file (found from outside).
        access = file_guard.claim(db_path, window)
        if access is None:
            _give_up(window, db_path)
            return None
        read_only = access is file_guard.Access.READ_ONLY
    if read_only:
        file_guard.make_read_only()
        file_guard.show_read_only(window)
    wait_for_first_page(window)  # what follows would only slow its read
    window.attach()
    if not is_new and not read_only:
        _daily_backup(db_path, ctx)
    from mentordesk.ui.protection.location_banner import warn_if_risky

    warn_if_risky(window)  # a file in Dropbox, OneDrive, on a network mount...: say so, once per path
    watcher = file_guard.FileWatcher(db_path, window)
    watcher.replaced.connect(lambda: file_guard.reopen_replaced(window, watcher))
    window.file_watcher = watcher  # type: ignore[attr-defined]
    return window


def refuse_not_a_database(db_path: Path, parent: QWidget | None = None) -> bool:
    """True (and said in a box) when ``db_path`` holds data but is no MentorDesk database: a text file,
    a PDF, a zip, another program's SQLite file. Nothing is asked (no passphrase: there is none) and the file is not locked or changed."""
    from mentordesk.store import db as store_db

    try:
        store_db.refuse_if_not_a_database(db_path)
    except store_db.NotADatabase as exc:
        why = str(exc)
    else:
        return False
    what, _, rest = why.partition(store_db.LEFT_AS_IT_WAS)
    rest = rest.replace(store_db.CHOOSE_ANOTHER, "Choose the .db file MentorDesk made with File › Open local file…")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(box.tr("Not a MentorDesk database"))
    box.setText(what)
    box.setInformativeText(f"It was left as it was. {rest}".strip())
    box.setAccessibleName(box.tr("Not a MentorDesk database"))
    box.exec()
    return True


def _give_up(window: MainWindow, db_path: Path) -> None:
    """The file did not open: close the window and release the file's lock (a lock file left beside a
    file MentorDesk did not open would tell the next start it is in use)."""
    from mentordesk.store import file_lock

    window.close()
    file_lock.release(db_path)


def _open_in(
    window: MainWindow,
    is_new: bool,
    passphrase: str | None,
    remember: bool,
    seed_demo: bool,
    read_only: bool = False,
) -> bool:
    """Open the window's database file, checked and ready for writing; False when the user gave up."""
    db_path = window.ctx.db_path
    if is_new:
        opener = Opener(db_path)
        opener.attempt(passphrase)
        if opener.opened and remember and passphrase:
            _remember(db_path, passphrase, window)
    else:
        found = unlock(db_path, window)
        if found is None:
            return False
        opener = found
    if opener.damaged is not None and not rescue_damaged(db_path, opener, window):
        return False
    if opener.error is not None:
        QMessageBox.critical(window, "MentorDesk", str(opener.error))
        return False
    from mentordesk.store import crypto

    if not read_only:  # the holder's leftovers are the holder's to clean
        crypto.clean_leftovers(db_path)
    if seed_demo and is_new:
        from mentordesk.services import demo as demo_service

        demo_service.seed_demo(showcase=True)  # every area with something in it
        # Open on the main programme, not the speed evening that sorts first (it starts later).
        window.ctx.set_programme(demo_service.main_programme_id())
    check = start_open_check(window)
    unchecked_read: Exception | None = None
    if check is not None and not read_only:  # read-only windows set their guard once the check is done
        window.checking = True  # a page's read that fails meanwhile waits for the check's verdict
        try:
            window.attach()  # the first page reads the file while it is checked
        except Exception as exc:  # a damaged file can fail here first: the check says whether it is
            unchecked_read = exc
    problems = check.wait() if check is not None else []
    from mentordesk.store import db as store_db

    if problems:
        from mentordesk.ui import workers

        workers.settle()  # the pages' reads of the damaged file stop before it is set aside
        opener.damaged = store_db.damaged(db_path, problems)
        rescued = rescue_damaged(db_path, opener, window)
        window.checking = False
        if rescued and window.attached:
            window.reread()  # what was read before the check came from the damaged file
        return rescued
    window.checking = False
    if unchecked_read is not None:
        raise unchecked_read  # the file is sound: this is a fault of ours, for the crash report
    if getattr(store_db.database.obj, "changed_outside", False):
        report_changed_outside(db_path, window)
    return True


def report_changed_outside(db_path: Path, parent: QWidget) -> None:
    """The file passed its checks but is not as MentorDesk left it: say so, and offer the backups."""
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("startup", text)

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Database changed"))
    box.setText(tr("{name} changed since MentorDesk last closed it.").format(name=db_path.name))
    box.setInformativeText(
        tr(
            "It passes its checks, so it opens as it is. If nobody changed it on purpose (another "
            "program, a copy from elsewhere, a disk fault), look at a backup before you go on. No "
            "automatic backup is taken of it today, so the older ones stay as they are."
        )
    )
    keep = box.addButton(tr("&Keep working"), QMessageBox.ButtonRole.AcceptRole)
    keep.setAccessibleName(tr("Keep working with this file"))
    restore = box.addButton(tr("&Restore a backup…"), QMessageBox.ButtonRole.ActionRole)
    restore.setAccessibleName(tr("Restore a backup instead"))
    box.setDefaultButton(keep)
    box.exec()
    if box.clickedButton() is restore:
        from mentordesk.ui.protection.restore_dialog import RestoreDialog

        RestoreDialog(db_path, parent).exec()


def _daily_backup(db_path: Path, ctx: AppContext) -> None:
    from mentordesk.services import protection as protection_service

    try:
        protection_service.auto_backup_if_due(db_path)
    except Exception as exc:  # a full disk must not stop the coordinator from working
        log.exception("automatic backup failed")
        ctx.show_status(f"The daily backup failed ({exc}); use File > Back up now to retry.", 15000)


def start_server_window(url: str, password: str | None = None) -> MainWindow | None:
    """Show the main window on the shared server database ``url``; None when the user gave up.

    The password is the one given, else the keyring's; when the server refuses (or asks for one),
    File › Connect's dialog opens on the same address with the server's message, until it connects
    or the user cancels.
    """
    from mentordesk.services import protection as protection_service
    from mentordesk.store import db as store_db
    from mentordesk.ui.main_window import app_settings
    from mentordesk.ui.protection.server_dialog import ConnectServerDialog

    dbname = url.rsplit("/", 1)[-1].split("?", 1)[0] or "server"
    ctx = AppContext(Path(dbname), server_url=url)
    window = MainWindow(ctx, attach=False)
    window.show()
    wait_for_first_paint(window)
    secret = password if password is not None else protection_service.remembered_server_password(url)
    while True:
        try:
            store_db.open_database(url, secret)
            break
        except store_db.DatabaseError as exc:
            log.info("server database not opened: %s", type(exc).__name__)
            dialog = ConnectServerDialog(window, app_settings(), problem=str(exc))
            dialog.set_address(url)
            if not dialog.exec():
                window.close()
                return None
            url, secret = dialog.url, dialog.password or None
            ctx.server_url = url
            ctx.db_path = Path(url.rsplit("/", 1)[-1])
    window.show_database()
    window.attach()
    return window
