"""A job on the QThreadPool that reports progress, can be cancelled and hands its result back.

The job gets plain data (ids, paths) and two callables, ``progress(done, total)`` and
``is_cancelled()``. It runs in a pool thread with its own database connection (peewee
opens one per thread); results and errors arrive as signals in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from mentordesk.services.documents import close_thread_connection

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the user


class Worker(QRunnable):
    def __init__(self, job: Callable[..., Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps the Python object alive until it has finished
        self.job = job
        self.signals = WorkerSignals()  # created in the GUI thread: signals are queued to it
        self._cancel = threading.Event()
        self.running = False

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(self)

    def run(self) -> None:
        try:
            result = self.job(progress=self.signals.progress.emit, is_cancelled=self._cancel.is_set)
        except Exception as exc:  # shown to the user; the traceback goes to the log
            log.exception("background job failed")
            self.running = False
            self.signals.failed.emit(str(exc) or type(exc).__name__)
        else:
            self.running = False
            self.signals.finished.emit(result)
        finally:
            close_thread_connection()
