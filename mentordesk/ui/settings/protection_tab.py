"""Settings > Protection: encryption, the remembered passphrase, backups, and the idle lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk import config
from mentordesk.services import protection as protection_service
from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import form_layout


class ProtectionTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(self._encryption_group())
        layout.addWidget(self._backup_group())
        layout.addWidget(self._lock_group())
        layout.addStretch(1)
        ctx.dataChanged.connect(lambda area: self.refresh() if area in ("protection", "all") else None)
        self.refresh()

    # -- encryption ---------------------------------------------------------------------------
    def _encryption_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Encryption"))
        form = form_layout(group)
        self.encryption_status = QLabel()
        self.encryption_status.setWordWrap(True)
        self.encryption_button = QPushButton()
        self.encryption_button.clicked.connect(self._encryption_action)
        self.decrypt_button = QPushButton(icon("mdi6.lock-open-variant-outline"), self.tr("Decrypt…"))
        self.decrypt_button.clicked.connect(lambda: self._window_action("do_decrypt"))
        row = QHBoxLayout()
        row.addWidget(self.encryption_status, 1)
        row.addWidget(self.encryption_button)
        row.addWidget(self.decrypt_button)
        form.addRow(self.tr("Database:"), row)
        self.keyring_status = QLabel()
        self.keyring_status.setWordWrap(True)
        self.keyring_status.setObjectName("hint")
        self.forget_button = QPushButton(self.tr("&Forget it"))
        self.forget_button.clicked.connect(self._forget)
        self.remember_button = QPushButton(self.tr("&Remember it…"))
        self.remember_button.clicked.connect(self._remember)
        row = QHBoxLayout()
        row.addWidget(self.keyring_status, 1)
        row.addWidget(self.remember_button)
        row.addWidget(self.forget_button)
        form.addRow(self.tr("Passphrase:"), row)
        return group

    def _window_action(self, name: str) -> None:
        protection = getattr(self.window(), "protection", None)
        if protection is not None:
            getattr(protection, name)()
        self.refresh()

    def _encryption_action(self) -> None:
        self._window_action("do_change_passphrase" if protection_service.is_encrypted() else "do_encrypt")

    def _forget(self) -> None:
        protection_service.forget_passphrase(self.ctx.db_path)
        self.ctx.show_status(self.tr("The passphrase is no longer remembered on this computer."))
        self.refresh()

    def _remember(self) -> None:
        text, ok = QInputDialog.getText(
            self,
            self.tr("Remember the passphrase"),
            self.tr("Type the database passphrase:"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if not protection_service.matches_current(text):
            QMessageBox.warning(
                self, self.tr("Not remembered"), self.tr("That is not the database passphrase.")
            )
            return
        try:
            protection_service.store_passphrase(self.ctx.db_path, text)
        except protection_service.KeyringUnavailable as exc:
            QMessageBox.warning(self, self.tr("Not remembered"), str(exc))
        self.refresh()

    # -- backups ------------------------------------------------------------------------------
    def _backup_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Backups"))
        form = form_layout(group)
        days, weeks, months = protection_service.generations()
        self.kept_label = QLabel(
            self.tr(
                "Every backup of the last {days} days, one a week for {weeks} weeks and one a month for "
                "{months} months. Backups you make yourself, and those taken before an upgrade or a "
                "restore, stay until you delete them."
            ).format(days=days, weeks=weeks, months=months)
        )
        self.kept_label.setWordWrap(True)
        self.kept_label.setAccessibleName(self.tr("Backups kept"))
        form.addRow(self.tr("Kept:"), self.kept_label)
        self.folder_label = QLabel(str(config.backup_dir()))
        self.folder_label.setObjectName("hint")
        self.folder_label.setWordWrap(True)
        form.addRow(self.tr("Folder:"), self.folder_label)
        self.last_label = QLabel()
        form.addRow(self.tr("Last daily backup:"), self.last_label)
        buttons = QHBoxLayout()
        now = QPushButton(icon("backup"), self.tr("&Back up now"))
        now.clicked.connect(lambda: self._window_action("do_backup_now"))
        to_file = QPushButton(icon("save"), self.tr("Back up &to a file…"))
        to_file.clicked.connect(self._backup_to_file)
        restore = QPushButton(icon("backup"), self.tr("&Restore from backup…"))
        restore.clicked.connect(lambda: self._window_action("do_restore"))
        for button in (now, to_file, restore):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        note = QLabel(
            self.tr(
                "A backup is made each day MentorDesk opens, before every import and upgrade, and before a "
                "restore; work that is refused or fails never costs an older backup. Copies of an encrypted "
                "database stay encrypted."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        return group

    def _backup_to_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up to"),
            str(config.backup_dir() / self.ctx.db_path.name),
            self.tr("Databases (*.db)"),
        )
        if not path:
            return
        try:
            copy = protection_service.backup_now(self.ctx.db_path, to=Path(path))
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Backup failed"), str(exc))
            return
        self.ctx.show_status(self.tr("Backup written to {path}").format(path=copy))

    # -- idle lock ----------------------------------------------------------------------------
    def _lock_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Lock when idle"))
        form = form_layout(group)
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.idle_spin.setSpecialValueText(self.tr("Never"))
        self.idle_spin.setSuffix(self.tr(" minutes"))
        self.idle_spin.valueChanged.connect(self._save_idle)
        form.addRow(self.tr("&Lock after:"), self.idle_spin)
        self.lock_note = QLabel()
        self.lock_note.setObjectName("hint")
        self.lock_note.setWordWrap(True)
        self.lock_passphrase_button = QPushButton(icon("lock"), self.tr("Set lock &passphrase…"))
        self.lock_passphrase_button.clicked.connect(self._set_lock_passphrase)
        row = QHBoxLayout()
        row.addWidget(self.lock_note, 1)
        row.addWidget(self.lock_passphrase_button)
        form.addRow(row)
        return group

    def _save_idle(self, minutes: int) -> None:
        protection_service.set_idle_minutes(minutes)
        self._update_lock_note()

    def _set_lock_passphrase(self) -> None:
        first, ok = QInputDialog.getText(
            self,
            self.tr("Lock passphrase"),
            self.tr("New lock passphrase (at least 6 characters):"),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        second, ok = QInputDialog.getText(
            self, self.tr("Lock passphrase"), self.tr("The same again:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        if first != second:
            QMessageBox.warning(
                self, self.tr("Not set"), self.tr("The two passphrases differ; nothing was changed.")
            )
            return
        try:
            protection_service.set_lock_passphrase(first)
        except ValueError as exc:
            QMessageBox.warning(self, self.tr("Not set"), str(exc))
            return
        self.ctx.show_status(self.tr("Lock passphrase set."))
        self.refresh()

    def _update_lock_note(self) -> None:
        if protection_service.uses_database_passphrase():
            self.lock_note.setText(self.tr("Unlocks with the database passphrase."))
            self.lock_passphrase_button.hide()
        elif protection_service.has_lock_passphrase():
            self.lock_note.setText(
                self.tr(
                    "Unlocks with the lock passphrase (only a salted hash of it is kept). The lock guards the "
                    "open window; the file itself is readable until the database is encrypted."
                )
            )
            self.lock_passphrase_button.setText(self.tr("Change lock &passphrase…"))
            self.lock_passphrase_button.show()
        else:
            self.lock_note.setText(
                self.tr("The database is not encrypted: set a lock passphrase so the lock can be undone.")
            )
            self.lock_note.setObjectName("warning" if self.idle_spin.value() else "hint")
            self.lock_note.style().polish(self.lock_note)
            self.lock_passphrase_button.show()

    # -- state --------------------------------------------------------------------------------
    def refresh(self) -> None:
        encrypted = protection_service.is_encrypted()
        self.encryption_status.setText(
            self.tr("Encrypted with SQLCipher.")
            if encrypted
            else self.tr("Not encrypted: anyone who can reach the file or a backup can read it.")
        )
        self.encryption_status.setObjectName("" if encrypted else "warning")
        self.encryption_status.style().polish(self.encryption_status)
        self.encryption_button.setText(self.tr("Change passphrase…") if encrypted else self.tr("Encrypt…"))
        self.encryption_button.setIcon(icon("lock"))
        self.decrypt_button.setVisible(encrypted)
        state = protection_service.status()
        remembered = encrypted and protection_service.is_remembered(self.ctx.db_path)
        if not encrypted:
            self.keyring_status.setText(self.tr("No passphrase (the database is not encrypted)."))
        elif not state.available:
            self.keyring_status.setText(self.tr("Asked at each start: {reason}.").format(reason=state.reason))
        elif remembered:
            self.keyring_status.setText(self.tr("Remembered in this computer's keyring."))
        else:
            self.keyring_status.setText(self.tr("Asked at each start (not remembered on this computer)."))
        self.forget_button.setVisible(remembered)
        self.remember_button.setVisible(encrypted and state.available and not remembered)
        self.idle_spin.blockSignals(True)
        self.idle_spin.setValue(protection_service.idle_minutes())
        self.idle_spin.blockSignals(False)
        last = protection_service.last_auto()
        self.last_label.setText(format_date(last, long=True) if last else self.tr("not yet"))
        self._update_lock_note()


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Protection", ProtectionTab(ctx)
