"""Long work on the thread pool (a roster import, the dashboard's figures), with progress and cancel.

The worker gets plain data (a path, ids, options); peewee gives its thread its own
connection to the same database file, which the worker closes when it is done.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception


class Worker(QRunnable):
    """Runs ``func(*args, progress=..., cancel=..., **kwargs)``; results come back as signals.

    A subclass may bring its own signals (``signals_class``), call the function its own way
    (``call``) and turn errors into its own signals (``report_failure``).
    """

    signals_class: type[QObject] = WorkerSignals

    def __init__(self, func: Callable[..., object], *args: object, **kwargs: object) -> None:
        super().__init__()
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.signals = self.signals_class()
        self._cancelled = threading.Event()
        self.setAutoDelete(False)  # the owner keeps it until the result arrives

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def call(self) -> object:
        return self.func(
            *self.args,
            progress=lambda done, total: self._emit(self.signals.progress, int(done), int(total)),
            cancel=self._cancelled.is_set,
            **self.kwargs,
        )

    def report_failure(self, exc: Exception) -> None:
        log.debug("worker failed", exc_info=True)
        self._emit(self.signals.failed, exc)  # the GUI shows the message

    def run(self) -> None:
        from mentordesk.store.db import database

        try:
            result = self.call()
        except Exception as exc:
            self.report_failure(exc)
        else:
            self._emit(self.signals.finished, result)
        finally:
            if database.obj is not None:
                database.obj.close()  # this thread's connection only

    def _emit(self, signal, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the page that asked was closed meanwhile: nobody is left to tell
            log.debug("worker result dropped: its receiver is gone")


def start(worker: Worker) -> Worker:
    QThreadPool.globalInstance().start(worker)
    return worker
