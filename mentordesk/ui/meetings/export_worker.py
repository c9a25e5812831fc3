"""The .ics export on the QThreadPool: a whole programme of meetings takes seconds, not milliseconds.

The worker gets plain data (a path and ids), opens its own database connection (peewee
keeps one per thread) and reports percent done; cancelling leaves the target untouched.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from mentordesk.services.calendar_export import (
    ExportCancelled,
    ExportError,
    close_thread_connection,
    export_ics_with_progress,
)

log = logging.getLogger(__name__)


class ExportSignals(QObject):
    progress = Signal(int)  # percent
    finished = Signal(int)  # events written
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class ExportWorker(QRunnable):
    def __init__(self, path: str, filters: dict[str, int | None]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the page keeps it until it reports back
        self.path = path
        self.filters = dict(filters)
        self.signals = ExportSignals()  # made in the GUI thread, so its signals queue to it
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def start(self, pool: QThreadPool | None = None) -> None:
        (pool or QThreadPool.globalInstance()).start(self)

    def _progress(self, percent: int) -> bool:
        self.signals.progress.emit(percent)
        return not self._cancel.is_set()

    def run(self) -> None:
        try:
            count = export_ics_with_progress(self.path, progress=self._progress, **self.filters)
        except ExportCancelled:
            self.signals.cancelled.emit()
        except ExportError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # shown to the user; the traceback goes to the log
            log.exception("calendar export failed")
            self.signals.failed.emit(f"The export failed: {exc}")
        else:
            self.signals.finished.emit(count)
        finally:
            close_thread_connection()
