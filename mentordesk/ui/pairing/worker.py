"""Long pairing work on the thread pool, with progress and cancel, posting the result back to the GUI thread.

Like ui/workers.py, but progress carries the stage in words ("Scoring every pair"),
and the pairing errors arrive as messages. The worker receives plain arguments
(ids, dates); peewee gives its thread its own connection, closed when the work ends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class TaskSignals(QObject):
    progress = Signal(int, str)  # percent, what is happening
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class Task(QRunnable):
    """Runs ``func(*args, progress=..., cancelled=..., **kwargs)`` off the GUI thread."""

    def __init__(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the page keeps a reference until the signals have been delivered
        self.func, self.args, self.kwargs = func, args, kwargs
        self.signals = TaskSignals()
        self.cancel_requested = False

    def cancel(self) -> None:
        self.cancel_requested = True

    def run(self) -> None:
        from mentordesk.services.pairing import Cancelled, PairingError
        from mentordesk.store.db import database

        try:
            result = self.func(
                *self.args,
                progress=lambda percent, text: self._emit(self.signals.progress, percent, text),
                cancelled=lambda: self.cancel_requested,
                **self.kwargs,
            )
        except Cancelled:
            self._emit(self.signals.cancelled)
        except PairingError as exc:
            self._emit(self.signals.failed, str(exc))
        except Exception as exc:  # shown to the user; the traceback goes to the log
            log.exception("pairing task failed")
            self._emit(self.signals.failed, f"The matcher stopped with an error: {exc}. Nothing was saved.")
        else:
            self._emit(self.signals.finished, result)
        finally:
            if not database.is_closed():
                database.close()  # this thread's connection only

    def _emit(self, signal, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the page that asked was closed meanwhile: nobody is left to tell
            log.debug("pairing result dropped: its receiver is gone")


def start(task: Task) -> None:
    QThreadPool.globalInstance().start(task)
