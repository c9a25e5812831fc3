"""The data-protection menu items and the idle lock, added to the main window in one call.

File: Back up now, Restore from backup…, Change passphrase… / Encrypt database… /
Decrypt database…, Lock now. Tools: Audit log…, a person's data (export, erase),
records due for erasure. The status bar shows whether the database is encrypted.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox

from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.menu_keys import explain_disabled

log = logging.getLogger(__name__)

LOCK_KEYS = "Ctrl+Shift+L"


class ProtectionActions:
    def __init__(self, window: QMainWindow) -> None:
        from mentordesk.ui.protection.idle_lock import IdleLock

        self.window = window
        self.ctx = window.ctx  # type: ignore[attr-defined]
        tr = window.tr
        self.backup_now = self._action("backup", tr("&Back up now"), self.do_backup_now, "Ctrl+Shift+B")
        self.restore = self._action("backup", tr("Re&store from backup…"), self.do_restore)
        self.change_passphrase = self._action("lock", tr("Change p&assphrase…"), self.do_change_passphrase)
        self.encrypt = self._action("lock", tr("&Encrypt database…"), self.do_encrypt)
        self.decrypt = self._action(
            "mdi6.lock-open-variant-outline", tr("Decryp&t database…"), self.do_decrypt
        )
        self.lock_now = self._action("lock", tr("Loc&k now"), self.do_lock, LOCK_KEYS)
        # Lock now greyed out takes no keys: this answers them then, saying why nothing was locked.
        self.lock_key_when_off = QShortcut(QKeySequence(LOCK_KEYS), window)
        self.lock_key_when_off.setWhatsThis(self.lock_now.text().replace("&", ""))  # one row in Help's list
        self.lock_key_when_off.setEnabled(False)
        self.lock_key_when_off.activated.connect(self.do_lock)
        self.lock_now.enabledChanged.connect(lambda on: self.lock_key_when_off.setEnabled(not on))
        self.audit_log = self._action("history", tr("&Audit log…"), self.do_audit_log, "Ctrl+Shift+A")
        self.export_person = self._action("export", tr("&Export a person's data…"), self.do_export_person)
        self.erase_person = self._action("delete", tr("E&rase a person…"), self.do_erase_person)
        self.retention = self._action("shield", tr("Records &due for erasure…"), self.do_retention)

        file_menu = self._menu(tr("&File"))
        anchor = next((a for a in reversed(file_menu.actions()) if a.isSeparator()), None)
        for group in (
            [self.backup_now, self.restore],
            [self.change_passphrase, self.encrypt, self.decrypt, self.lock_now],
        ):
            if anchor is None:  # no separator yet: at the end
                file_menu.addSeparator()
                file_menu.addActions(group)
            else:
                file_menu.insertSeparator(anchor)
                file_menu.insertActions(anchor, group)
        file_menu.aboutToShow.connect(self.update_states)
        explain_disabled(file_menu, window)

        tools = self._menu(tr("&Tools"), create_before=tr("&Help"))
        tools.addAction(self.audit_log)
        tools.addSeparator()
        for action in (self.export_person, self.erase_person, self.retention):
            tools.addAction(action)

        self.encryption_label = QLabel()
        self.encryption_label.setObjectName("statusEncryption")
        window.statusBar().insertPermanentWidget(0, self.encryption_label)  # first, wherever the window is
        self.idle_lock = IdleLock(window)
        self.ctx.dataChanged.connect(lambda area: self.update_states() if area == "protection" else None)

    def _action(self, icon_name: str, text: str, slot, shortcut: str = "") -> QAction:
        action = QAction(icon(icon_name), text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)  # the shortcut works with the menu closed
        action.triggered.connect(slot)
        return action

    def _menu(self, title: str, create_before: str = "") -> QMenu:
        bar = self.window.menuBar()
        plain = title.replace("&", "")
        for action in bar.actions():
            if action.menu() is not None and action.text().replace("&", "") == plain:
                return action.menu()  # type: ignore[return-value]
        menu = QMenu(title, self.window)
        before = next(
            (
                a
                for a in bar.actions()
                if create_before and a.text().replace("&", "") == create_before.replace("&", "")
            ),
            None,
        )
        bar.insertMenu(before, menu) if before else bar.addMenu(menu)
        return menu

    def update_states(self) -> None:
        if not getattr(self.window, "attached", True):
            return  # the window is painting before the database is open: nothing to read yet
        from mentordesk.services import protection as protection_service

        if getattr(self.ctx, "is_server", False):
            self._server_states()
            return
        encrypted = protection_service.is_encrypted()
        self.change_passphrase.setVisible(encrypted)
        self.decrypt.setVisible(encrypted)
        self.encrypt.setVisible(not encrypted)
        self._lock_state()
        tr = self.window.tr
        self.encryption_label.setText(tr("Encrypted") if encrypted else tr("Not encrypted"))
        self.encryption_label.setToolTip(
            tr("The database file is encrypted with SQLCipher.")
            if encrypted
            else tr("Anyone who can reach the file can read it. File > Encrypt database… protects it.")
        )
        self.encryption_label.setObjectName("statusEncryption" if encrypted else "warning")
        self.encryption_label.style().polish(self.encryption_label)

    def _server_states(self) -> None:
        """A shared server: no file to encrypt or replace; the server's administrator restores it."""
        tr = self.window.tr
        for action in (self.change_passphrase, self.encrypt, self.decrypt):
            action.setVisible(False)
        self.restore.setEnabled(False)
        self.restore.setToolTip(
            tr("A shared server is restored by its administrator with pg_restore (docs/shared-server.md).")
        )
        self._lock_state()
        from mentordesk.store import server

        local = server.parse_url(self.ctx.server_url).is_local
        self.encryption_label.setText(tr("Server on this computer") if local else tr("Encrypted connection"))
        self.encryption_label.setToolTip(
            tr("The records are on a PostgreSQL server on this computer.")
            if local
            else tr("The records are on your organisation's server; the connection to it is encrypted (TLS).")
        )
        self.encryption_label.setObjectName("statusEncryption")
        self.encryption_label.style().polish(self.encryption_label)

    def lock_refusal(self) -> str:
        """Why Lock now cannot lock (nothing could unlock it again), or "" when it can."""
        if self.idle_lock_available():
            return ""
        tr = self.window.tr
        if getattr(self.ctx, "is_server", False):
            return tr("Locking needs a lock passphrase to unlock with: set one in Settings › Protection.")
        return tr(
            "Locking needs an encrypted database or a lock passphrase to unlock with: "
            "File › Encrypt database… or Settings › Protection."
        )

    def _lock_state(self) -> None:
        why = self.lock_refusal()
        self.lock_now.setEnabled(not why)
        self.lock_now.setToolTip(why or self.window.tr("Cover the window until the passphrase is typed"))
        self.lock_now.setStatusTip(why)

    def idle_lock_available(self) -> bool:
        from mentordesk.services import protection as protection_service

        return protection_service.can_lock()

    def _backup_server(self) -> None:
        """pg_dump (or a logical export) on the thread pool; the status bar says which it made."""
        from mentordesk.services import protection as protection_service
        from mentordesk.ui.workers import Worker

        tr = self.window.tr
        self.ctx.show_status(tr("Backing up the shared server database…"), 0)
        self.backup_now.setEnabled(False)
        worker = Worker(lambda progress: protection_service.backup_server())

        def done(made) -> None:
            self.backup_now.setEnabled(True)
            self.last_server_backup = made
            self.ctx.show_status(tr("Backup written: {what}").format(what=made.description), 15000)

        def failed(exc) -> None:
            self.backup_now.setEnabled(True)
            self.ctx.show_status("", 1)
            QMessageBox.warning(self.window, tr("Backup failed"), str(exc))

        worker.signals.finished.connect(done)
        worker.signals.failed.connect(failed)
        self.backup_worker = worker
        worker.start()

    # -- slots --------------------------------------------------------------------------------
    def do_backup_now(self) -> None:
        from mentordesk.services import protection as protection_service

        if getattr(self.ctx, "is_server", False):
            self._backup_server()
            return

        try:
            copy = protection_service.backup_now(self.ctx.db_path)
        except Exception as exc:  # disk full, folder not writable: say so, change nothing
            log.exception("backup failed")
            QMessageBox.warning(self.window, self.window.tr("Backup failed"), str(exc))
            return
        self.ctx.show_status(self.window.tr("Backup written: {name}").format(name=copy.name), 8000)

    def do_restore(self) -> None:
        from mentordesk.ui.protection.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.ctx.db_path, self.window)
        dialog.exec()
        if dialog.restored:
            self.after_database_swap()
            self.ctx.show_status(self.window.tr("Backup restored."), 8000)

    def after_database_swap(self) -> None:
        """Everything on screen came from the old file: reload it all."""
        reload = getattr(self.window, "reload_programmes", None)
        if reload is not None:
            reload()
        self.ctx.notify("all")
        self.update_states()

    def _run_dialog(self, cls) -> None:
        dialog = cls(self.ctx, self.window)
        if dialog.exec():
            self.update_states()

    def do_change_passphrase(self) -> None:
        from mentordesk.ui.protection.encryption_dialogs import ChangePassphraseDialog

        self._run_dialog(ChangePassphraseDialog)

    def do_encrypt(self) -> None:
        from mentordesk.ui.protection.encryption_dialogs import EncryptDialog

        self._run_dialog(EncryptDialog)

    def do_decrypt(self) -> None:
        from mentordesk.ui.protection.encryption_dialogs import DecryptDialog

        self._run_dialog(DecryptDialog)

    def do_lock(self) -> None:
        """Lock now (also its keys while it is greyed out): lock, or say plainly that nothing was locked."""
        if self.idle_lock.lock():
            return
        self._lock_state()  # the state may be stale (a lock passphrase set since): show the real one
        tr = self.window.tr
        why = self.lock_refusal() or tr("MentorDesk could not lock.")
        self.ctx.show_status(tr("Not locked. {why}").format(why=why), 15000)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("MentorDesk is not locked"),
            tr("MentorDesk is NOT locked: anyone at this computer can still read the records."),
            parent=self.window,
        )
        server = getattr(self.ctx, "is_server", False)
        box.setInformativeText(
            tr(
                "The lock needs a passphrase to unlock with. Set a lock passphrase in Settings › Protection"
                " and then lock again."
            )
            if server
            else tr(
                "The lock needs a passphrase to unlock with. Encrypt the database (File › Encrypt "
                "database…), which protects the file too, or set a lock passphrase in Settings › "
                "Protection, and then lock again."
            )
        )
        encrypt = None if server else box.addButton(tr("&Encrypt database…"), QMessageBox.ButtonRole.AcceptRole)
        settings = box.addButton(tr("Open Settings › &Protection"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(encrypt or settings)
        box.exec()
        if encrypt is not None and box.clickedButton() is encrypt:
            self.do_encrypt()
        elif box.clickedButton() is settings:
            self.open_protection_settings()

    def open_protection_settings(self) -> None:
        """Settings › Protection, where the lock passphrase and the idle lock are set."""
        show_area = getattr(self.window, "show_area", None)
        if show_area is None:
            return
        page = show_area("settings")
        tabs = getattr(page, "tabs", None)
        if tabs is None:
            return
        for index in range(tabs.count()):
            if tabs.tabText(index).replace("&", "") == self.window.tr("Protection"):
                tabs.setCurrentIndex(index)
                break

    def do_audit_log(self) -> None:
        from mentordesk.ui.protection.audit_dialog import AuditLogDialog

        dialog = AuditLogDialog(self.window)
        dialog.show()
        self.audit_dialog = dialog  # keep it alive: it is not modal

    def do_export_person(self) -> None:
        from mentordesk.ui.protection.people_dialogs import choose_and_export

        choose_and_export(self.ctx, self.window)

    def do_erase_person(self) -> None:
        from mentordesk.ui.protection.people_dialogs import choose_and_erase

        choose_and_erase(self.ctx, self.window)

    def do_retention(self) -> None:
        from mentordesk.ui.protection.retention_dialog import RetentionDialog

        RetentionDialog(self.ctx, self.window).exec()


def install(window: QMainWindow) -> ProtectionActions:
    """Add the protection actions to ``window``'s menus; keeps them on ``window.protection``."""
    actions = ProtectionActions(window)
    window.protection = actions  # type: ignore[attr-defined]
    return actions
