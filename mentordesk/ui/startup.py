"""Open the database the way a person expects, then build the main window.

A new database gets the first-run dialog (encryption, demo data or an empty
start). An encrypted one is unlocked with the passphrase remembered in the
keyring, or else the user is asked (and told why), with three tries. A damaged
one is never written to: the user is offered the latest good backup. Other
problems are explained in a dialog, and the file is left alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from mentordesk.services import backups, secrets
from mentordesk.store import crypto
from mentordesk.store import db as store_db
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class Opener:
    """Tries passphrases on one file and remembers what happened (opened, damaged, or an error)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.passphrase: str | None = None
        self.damaged: store_db.DatabaseDamaged | None = None
        self.error: store_db.DatabaseError | None = None

    def attempt(self, passphrase: str | None) -> str | None:
        """None when the file opened (or turned out damaged, which needs no more tries); else the message."""
        try:
            store_db.open_database(self.db_path, passphrase)
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
    if remembered_failed:
        return (
            "The passphrase remembered on this computer no longer opens it (was it changed elsewhere, "
            "or the file restored from an older backup?). Enter the current passphrase."
        )
    state = secrets.status()
    if not state.available:
        return f"Enter its passphrase to open it. It cannot be remembered here: {state.reason}."
    return "Enter its passphrase to open it. The passphrase is not remembered on this computer."


def unlock(db_path: Path, parent: QWidget | None = None) -> Opener | None:
    """Open ``db_path``: plain at once, encrypted with the keyring or by asking. None if the user gave up."""
    from mentordesk.ui.protection.unlock_dialog import UnlockDialog

    opener = Opener(db_path)
    if not store_db.is_encrypted_file(db_path):
        opener.attempt(None)
        return opener
    remembered = secrets.get_passphrase(db_path)
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
    try:
        secrets.store_passphrase(db_path, passphrase)
    except secrets.KeyringUnavailable as exc:
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
    """Open ``db_path`` (creating it on first run) and return the main window, or None if the user gave up."""
    db_path = Path(db_path)
    is_new = not db_path.exists() or db_path.stat().st_size == 0
    seed_demo = demo
    if is_new:
        passphrase, remember = None, False
        if not demo and ask_first_run:
            from mentordesk.ui.dialogs.first_run import FirstRunDialog

            dialog = FirstRunDialog(db_path)
            if not dialog.exec():
                return None
            seed_demo = dialog.wants_demo()
            passphrase, remember = dialog.passphrase(), dialog.remember()
        opener = Opener(db_path)
        opener.attempt(passphrase)
        if opener.opened and remember and passphrase:
            _remember(db_path, passphrase, None)
    else:
        found = unlock(db_path)
        if found is None:
            return None
        opener = found
    if opener.damaged is not None and not rescue_damaged(db_path, opener):
        return None
    if opener.error is not None:
        QMessageBox.critical(None, "MentorDesk", str(opener.error))
        return None
    crypto.clean_leftovers(db_path)
    if seed_demo and is_new:
        from mentordesk.services import demo as demo_service

        demo_service.seed_demo()
    backup_problem = ""
    if not is_new:
        try:
            backups.auto_backup_if_due(db_path)
        except Exception as exc:  # a full disk must not stop the coordinator from working
            log.exception("automatic backup failed")
            backup_problem = f"The daily backup failed ({exc}); use File > Back up now to retry."
    ctx = AppContext(db_path)
    window = MainWindow(ctx)
    if backup_problem:
        ctx.show_status(backup_problem, 15000)
    return window
