"""The .ics export on the thread pool: a whole programme of meetings takes seconds, not milliseconds.

ui/workers.Worker with the export's own signals: percent done, events written, a
message on failure, and a signal when cancelled (cancelling leaves the target untouched).
The worker gets plain data (a path and ids) and uses its thread's own database connection.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from mentordesk.services.meetings import ExportCancelled, ExportError, export_ics_with_progress
from mentordesk.ui.workers import Worker

log = logging.getLogger(__name__)


class ExportSignals(QObject):
    progress = Signal(int)  # percent
    finished = Signal(int)  # events written
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class ExportWorker(Worker):
    signals_class = ExportSignals

    def __init__(self, path: str, filters: dict[str, int | None]) -> None:
        super().__init__(export_ics_with_progress)
        self.path = path
        self.filters = dict(filters)

    def _progress(self, percent: int) -> bool:
        self._emit(self.signals.progress, percent)
        return not self.cancelled

    def call(self) -> object:
        return self.func(self.path, progress=self._progress, **self.filters)

    def report_failure(self, exc: Exception) -> None:
        if isinstance(exc, ExportCancelled):
            self._emit(self.signals.cancelled)
        elif isinstance(exc, ExportError):
            self._emit(self.signals.failed, str(exc))
        else:
            log.exception("calendar export failed", exc_info=exc)  # the traceback goes to the log
            self._emit(self.signals.failed, f"The export failed: {exc}")
