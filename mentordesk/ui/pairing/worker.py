"""The matcher on the thread pool: ui/workers.Worker with progress in words and pairing errors as messages.

Progress carries the stage ("Scoring every pair"), a cancelled run says so on its own
signal, and a failure arrives as a sentence for the user (the traceback goes to the log).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from mentordesk.ui.workers import Worker, start

log = logging.getLogger(__name__)

__all__ = ["Task", "TaskSignals", "start"]


class TaskSignals(QObject):
    progress = Signal(int, str)  # percent, what is happening
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class Task(Worker):
    """Runs ``func(*args, progress=..., cancelled=..., **kwargs)`` off the GUI thread."""

    signals_class = TaskSignals

    def call(self) -> object:
        return self.func(
            *self.args,
            progress=lambda percent, text: self._emit(self.signals.progress, percent, text),
            cancelled=lambda: self.cancelled,
            **self.kwargs,
        )

    def report_failure(self, exc: Exception) -> None:
        from mentordesk.services.pairing import Cancelled, PairingError

        if isinstance(exc, Cancelled):
            self._emit(self.signals.cancelled)
        elif isinstance(exc, PairingError):
            self._emit(self.signals.failed, str(exc))
        else:
            log.exception("pairing task failed", exc_info=exc)
            self._emit(self.signals.failed, f"The matcher stopped with an error: {exc}. Nothing was saved.")
