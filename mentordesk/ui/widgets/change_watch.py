"""Changes by others reach the open window: a Qt signal fed by the database's change notifications.

On a shared PostgreSQL server a listener thread (services.concurrency.change_listener) hands over
each batch of notifications; they cross to the GUI thread through a queued signal. On a local file
``data_version`` is polled instead (only when asked: one MentorDesk holds a file at a time).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from mentordesk.services import concurrency

log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    """``changed`` carries a set of ``"<table>:<programme id>"`` strings (``"*"``: reload everything)."""

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, poll_local_ms: int = 0) -> None:
        super().__init__(parent)
        self._listener: Any = None  # a services.concurrency change listener while running
        self._timer: QTimer | None = None
        self._poll_local_ms = poll_local_ms

    @property
    def active(self) -> bool:
        return self._listener is not None or self._timer is not None

    def start(self) -> None:
        if self.active:
            return
        if concurrency.is_shared_server():
            # Emitted on the listener's thread; Qt queues it to the GUI thread that owns this object.
            listener = concurrency.change_listener(self.changed.emit)
            listener.start()
            self._listener = listener
            # A window deleted without being closed must not leave the thread behind.
            self.destroyed.connect(lambda *_: listener.stop(timeout=0))
        elif self._poll_local_ms > 0:
            poll = concurrency.data_version_poll()
            self._timer = QTimer(self)
            self._timer.setInterval(self._poll_local_ms)

            def look() -> None:
                try:
                    if poll.changed():
                        self.changed.emit({concurrency.EVERYTHING})
                except Exception as exc:  # the file was closed (locked): look again once reopened
                    log.debug("data_version poll skipped: %s", type(exc).__name__)

            self._timer.timeout.connect(look)
            self._timer.start()

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


def concerns(batch: set[str], programme_id: int) -> bool:
    """Whether a batch of changes touches what a window on ``programme_id`` shows."""
    for payload in batch:
        if payload == concurrency.EVERYTHING:
            return True
        _, _, programme = payload.partition(":")
        if not programme or programme == str(programme_id):
            return True
    return False
