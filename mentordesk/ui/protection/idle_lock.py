"""Lock MentorDesk after a quiet spell: every window is covered until the passphrase is typed.

Locking closes the database and drops its key from memory (services.protection.seal);
unlocking takes the database passphrase (or, for a plain database, the lock
passphrase) and opens the file again. Open dialogs are covered rather than closed,
so nothing half typed is lost. The services are imported where they are used: the
window paints before the database layer is loaded.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import destructive_button, dialog_buttons, error_label, primary_button

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
CHECK_INTERVAL_MS = 15_000
# Watching input runs Python for every event of every widget; it starts a moment after the
# window has painted, so start-up does not pay for it (the idle limit is minutes: nothing is missed).
WATCH_DELAY_MS = 1_500
TRIES_BEFORE_PAUSE = 3
PAUSE_MS = 30_000


class Cover(QWidget):
    """An opaque sheet over one window, following its size."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture = QLabel()
        picture.setPixmap(icon("lock").pixmap(QSize(72, 72)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(self.tr("MentorDesk is locked"))
        text.setObjectName("emptyTitle")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        layout.addWidget(text)
        target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        target = self.parentWidget()
        resized = event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded)
        if target is not None and watched is target and resized:
            self.setGeometry(target.rect())
            self.raise_()
        return False


class LockDialog(QDialog):
    """Cannot be dismissed: only the right passphrase (or quitting) gets past it."""

    unlocked = Signal()

    def __init__(self, sealed, parent: QWidget | None = None, *, idle: bool = False) -> None:
        from mentordesk.ui.protection.passphrase_fields import password_edit

        super().__init__(parent)
        self.sealed = sealed
        self.setWindowTitle(self.tr("MentorDesk is locked"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setMinimumWidth(420)
        self.failures = 0
        layout = QVBoxLayout(self)
        uses_db = sealed.encrypted
        why = self.tr("Locked after a quiet spell.") if idle else self.tr("Locked.")
        text = QLabel(
            why
            + " "
            + (
                self.tr("Type the database passphrase to carry on.")
                if uses_db
                else self.tr("Type the lock passphrase to carry on.")
            )
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        self.passphrase_edit = password_edit(self.tr("passphrase"))
        layout.addWidget(self.passphrase_edit)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.unlock_button = primary_button(self.tr("&Unlock"), "lock")
        # Quitting leaves what is half typed in covered dialogs unsaved: marked, never the default.
        self.quit_button = destructive_button(self.tr("&Quit MentorDesk"), "close")
        self.quit_button.clicked.connect(QApplication.quit)
        layout.addWidget(dialog_buttons(self, self.unlock_button, cancel=self.quit_button))
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(self._end_pause)
        self.passphrase_edit.setFocus()

    def try_unlock(self) -> None:
        from mentordesk.services import protection as protection_service
        from mentordesk.store.db import DatabaseError

        if self._pause.isActive():
            return
        try:
            opened = protection_service.unseal(self.sealed, self.passphrase_edit.text())
        except DatabaseError as exc:
            self.error_label.setText(str(exc))
            return
        if opened:
            self.passphrase_edit.clear()
            self.error_label.clear()
            self.failures = 0
            self.unlocked.emit()
            super().accept()
            return
        self.failures += 1
        self.passphrase_edit.selectAll()
        if self.failures % TRIES_BEFORE_PAUSE == 0:
            self.passphrase_edit.setEnabled(False)
            self.unlock_button.setEnabled(False)
            self.error_label.setText(
                self.tr("Wrong passphrase {n} times: wait 30 seconds.").format(n=self.failures)
            )
            self._pause.start()
        else:
            self.error_label.setText(self.tr("That is not the passphrase. Check Caps Lock and try again."))

    def _end_pause(self) -> None:
        self.passphrase_edit.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.error_label.setText(self.tr("Try again."))
        self.passphrase_edit.setFocus()

    def reject(self) -> None:  # Escape must not unlock
        pass

    def accept(self) -> None:  # only try_unlock may close it
        self.try_unlock()


class IdleLock(QObject):
    """Watches input across the application and locks after ``lock.idle_minutes`` without any."""

    lockedChanged = Signal(bool)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.last_activity = time.monotonic()
        self.locked = False
        self.covers: list[Cover] = []
        self.dialog: LockDialog | None = None
        self.watching = False
        QTimer.singleShot(WATCH_DELAY_MS, self, self.watch_input)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def watch_input(self) -> None:
        app = QApplication.instance()
        if app is not None and not self.watching:
            app.installEventFilter(self)
            self.watching = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.locked and event.type() in ACTIVITY:
            self.last_activity = time.monotonic()
        return False

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_activity

    def check(self) -> None:
        from mentordesk.services import protection as protection_service

        if self.locked:
            return
        try:
            minutes = protection_service.idle_minutes()
        except Exception:  # the database is between files (a restore or re-key is running)
            return
        if minutes and self.idle_seconds() >= minutes * 60 and protection_service.can_lock():
            self.lock(idle=True)

    def lock(self, *, idle: bool = False) -> bool:
        """Cover every window and ask for the passphrase (``idle``: because of a quiet spell, not Lock now).
        False when nothing could unlock it again."""
        from mentordesk.services import protection as protection_service

        if self.locked:
            return True
        if not protection_service.can_lock():
            return False
        self.locked = True
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not isinstance(widget, LockDialog | Cover) and widget.isWindow():
                self.covers.append(Cover(widget))
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5_000)  # no worker may be reading as the file closes
        self.dialog = LockDialog(protection_service.seal(), self.window, idle=idle)
        self.dialog.unlocked.connect(self.unlock)
        self.dialog.show()
        self.lockedChanged.emit(True)
        return True

    def unlock(self) -> None:
        for cover in self.covers:
            target = cover.parentWidget()
            if target is not None:
                target.removeEventFilter(cover)
            cover.deleteLater()
        self.covers = []
        self.locked = False
        self.last_activity = time.monotonic()
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.lockedChanged.emit(False)
