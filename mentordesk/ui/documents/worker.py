"""A documents job on the thread pool: ui/workers.Worker with the job's own calling convention.

The job gets plain data (ids, paths) and two callables, ``progress(done, total)`` and
``is_cancelled()``. It runs in a pool thread with its own database connection (peewee
opens one per thread); results arrive as signals in the GUI thread, errors as a message.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from mentordesk.ui import workers

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's return value
    failed = Signal(str)  # a message for the user


class Worker(workers.Worker):
    signals_class = WorkerSignals

    def call(self) -> object:
        return self.func(progress=self.signals.progress.emit, is_cancelled=self._cancelled.is_set)

    def report_failure(self, exc: Exception) -> None:
        log.exception("background job failed", exc_info=exc)  # the traceback goes to the log
        self._emit(self.signals.failed, str(exc) or type(exc).__name__)
