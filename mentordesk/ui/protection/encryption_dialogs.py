"""Change the passphrase, encrypt a plain database, decrypt an encrypted one.

Each asks for the current passphrase again (someone at an unlocked laptop must
not be able to change it), then runs the safe file swap of ``services.encryption``.
The work takes about a second (three key derivations and a page copy) and runs
on the GUI thread on purpose: while the database is closed no page may query it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import protection as protection_service
from mentordesk.store.db import DatabaseError, WrongPassphrase
from mentordesk.ui import workers
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.protection.passphrase_fields import NewPassphraseFields, password_edit
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button
from mentordesk.ui.widgets.screen_fit import hold_wrapped_text


class _EncryptionDialog(QDialog):
    title = ""
    intro = ""
    action_text = ""
    needs_current = True
    needs_new = True

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.done_message = ""
        self.setWindowTitle(self.tr(self.title))
        self.setMinimumWidth(540)
        hold_wrapped_text(self)  # the notes wrap: the dialog grows to show them whole
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(self.intro))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.current_edit = password_edit(self.tr("the passphrase you use now"))
        if self.needs_current:
            form = QFormLayout()
            form.addRow(self.tr("C&urrent passphrase:"), self.current_edit)
            layout.addLayout(form)
        self.fields = NewPassphraseFields(self)
        self.fields.setVisible(self.needs_new)
        if self.needs_new:
            layout.addWidget(self.fields)
        self.extra_layout = QVBoxLayout()
        layout.addLayout(self.extra_layout)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.ok_button = primary_button(self.tr(self.action_text), "lock")
        layout.addWidget(dialog_buttons(self, self.ok_button))
        (self.current_edit if self.needs_current else self.fields.passphrase_edit).setFocus()

    def new_passphrase(self) -> str | None:
        return self.fields.passphrase()

    def remember(self) -> bool | None:
        return self.fields.remember()

    def after(self) -> None:
        """Follow-up once the change succeeded (e.g. tidy old backups)."""

    def accept(self) -> None:
        if self.needs_current and not self.current_edit.text():
            self.error_label.setText(self.tr("Type the current passphrase."))
            self.current_edit.setFocus()
            return
        if self.needs_new:
            problem = self.fields.problem()
            if problem:
                self.error_label.setText(problem)
                self.fields.passphrase_edit.setFocus()
                return
        self.error_label.setText(self.tr("Working… (the database is being rewritten and checked)"))
        self.error_label.repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        workers.settle()  # no background read may hold the file while it is rewritten and swapped
        try:
            protection_service.change(
                self.new_passphrase(),
                current=self.current_edit.text() if self.needs_current else None,
                remember=self.remember(),
            )
        except WrongPassphrase:
            QApplication.restoreOverrideCursor()
            self.error_label.setText(self.tr("The current passphrase is not right. Nothing was changed."))
            self.current_edit.selectAll()
            self.current_edit.setFocus()
            return
        except (DatabaseError, protection_service.KeyringUnavailable) as exc:
            QApplication.restoreOverrideCursor()
            self.error_label.setText(str(exc))
            return
        QApplication.restoreOverrideCursor()
        self.after()
        self.ctx.notify("protection")
        self.ctx.show_status(self.tr(self.done_message) if self.done_message else "")
        super().accept()


class ChangePassphraseDialog(_EncryptionDialog):
    title = "Change passphrase"
    intro = (
        "MentorDesk writes a new copy of the database under the new passphrase, checks it, and only then "
        "swaps it in; if anything goes wrong the database keeps the old one. Backups made before today "
        "still open with the old passphrase."
    )
    action_text = "Change passphrase"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.done_message = "Passphrase changed."


class EncryptDialog(_EncryptionDialog):
    title = "Encrypt the database"
    intro = (
        "Encrypted, the database cannot be read without the passphrase if this computer or a backup is "
        "lost. MentorDesk writes an encrypted copy, checks that it holds every row, and then swaps it in. "
        "Keep the passphrase safe: without it nobody can recover the records."
    )
    action_text = "Encrypt"
    needs_current = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.done_message = "The database is now encrypted."
        # Deleting restore points is the user's choice, never the default: both boxes start unticked, and
        # the backups kept until the user deletes them (Back up now, before a restore or an upgrade) have a
        # box of their own.
        kinds = protection_service.plaintext_backup_kinds(ctx.db_path)
        automatic = kinds["automatic"]
        kept = {kind: n for kind, n in kinds.items() if kind != "automatic" and n}
        self.backups_heading = QLabel(
            self.tr(
                "The backups made so far are not encrypted: anyone who can reach the backups folder can "
                "read them. Delete them afterwards?"
            )
        )
        self.backups_heading.setWordWrap(True)
        self.remove_backups = QCheckBox(
            self.tr("&Delete the automatic backup")
            if automatic == 1
            else self.tr("&Delete the {n} automatic backups").format(n=automatic)
        )
        self.automatic_note = QLabel(
            self.tr("The daily copies and those taken before an import or an erasure.")
        )
        kept_count = sum(kept.values())
        self.remove_kept = QCheckBox(
            self.tr("Also delete the backup you &kept")
            if kept_count == 1
            else self.tr("Also delete the {n} backups you &kept").format(n=kept_count)
        )
        self.kept_note = QLabel(
            self.tr("{which}. These stay until you delete them.").format(which=self._kept_words(kept))
        )
        self.backups_note = QLabel(
            self.tr(
                "Ticked backups are deleted once the database is encrypted and cannot be recovered; "
                "MentorDesk then makes a new, encrypted backup. Unticked, they stay as they are."
            )
        )
        for widget in (
            self.backups_heading,
            self.remove_backups,
            self.automatic_note,
            self.remove_kept,
            self.kept_note,
            self.backups_note,
        ):
            self.extra_layout.addWidget(widget)  # first: shown while it has no parent, a widget is a window
        for box, note, shown in (
            (self.remove_backups, self.automatic_note, automatic > 0),
            (self.remove_kept, self.kept_note, bool(kept)),
        ):
            box.setChecked(False)
            box.setVisible(shown)
            box.setAccessibleDescription(note.text())
            note.setVisible(shown)
            note.setObjectName("hint")
            note.setWordWrap(True)
            note.setIndent(box.style().pixelMetric(box.style().PixelMetric.PM_IndicatorWidth) + 6)
        self.backups_note.setObjectName("hint")
        self.backups_note.setWordWrap(True)
        for widget in (self.backups_heading, self.backups_note):
            widget.setVisible(automatic > 0 or bool(kept))

    def _kept_words(self, kept: dict[str, int]) -> str:
        words = {
            "manual": (self.tr("1 made with Back up now"), self.tr("{n} made with Back up now")),
            "before-restore": (self.tr("1 taken before a restore"), self.tr("{n} taken before a restore")),
            "before-upgrade": (self.tr("1 taken before an upgrade"), self.tr("{n} taken before an upgrade")),
        }
        text = ", ".join(
            (words[kind][0] if n == 1 else words[kind][1].format(n=n)) for kind, n in kept.items()
        )
        return text[:1].upper() + text[1:]

    def after(self) -> None:
        from mentordesk.services import protection as protection_service

        kinds = ["automatic"] if self.remove_backups.isChecked() else []
        if self.remove_kept.isChecked():
            kinds += [kind for kind in protection_service.BACKUP_KINDS if kind != "automatic"]
        if not kinds:
            return  # nothing ticked: every backup stays
        protection_service.remove_plaintext_backups(self.ctx.db_path, kinds=kinds)
        protection_service.backup_now(self.ctx.db_path, reason="after-encryption")


class DecryptDialog(_EncryptionDialog):
    title = "Decrypt the database"
    intro = (
        "Decrypted, anyone who can reach this file (or a backup made from now on) can read every record "
        "in it, including data about children. Only do this if the computer's own disk encryption protects "
        "it, or to move the data to another tool. Backups made so far stay encrypted."
    )
    action_text = "Decrypt"
    needs_new = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.done_message = "The database is no longer encrypted."
        self.ok_button.setIcon(icon("mdi6.lock-open-variant-outline"))

    def new_passphrase(self) -> str | None:
        return None

    def remember(self) -> bool | None:
        return False
