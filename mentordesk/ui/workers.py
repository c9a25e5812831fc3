"""Long work on the thread pool (a roster import, the dashboard's figures), with progress and cancel.

The worker gets plain data (a path, ids, options); peewee gives its thread its own
connection to the same database file, which the worker closes when it is done.

A worker is a plain object, not a QRunnable: the pool is handed its ``run`` as a callable,
and Qt's own runnable keeps it alive until the pool has finished with it, so its lifetime
does not hang on the page that started it keeping a reference.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal

from mentordesk.core.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(int, int, str)  # done, total, what is happening
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception: its message is for the user, the traceback goes to the log
    cancelled = Signal()  # the user cancelled and the work stopped


class Worker:
    """Runs ``func(*args, progress=..., **kwargs)``; results come back as signals.

    ``progress`` is a ``core.progress.Progress``: the work reports through it to the ``progress``
    signal, and it raises ``Cancelled`` once ``cancel()`` was called, which ends in ``cancelled``.
    """

    def __init__(self, func: Callable[..., object], *args: object, **kwargs: object) -> None:
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.signals = WorkerSignals()  # made in the GUI thread, so its signals queue to it
        self._cancelled = threading.Event()
        self.running = False
        self._done = threading.Event()
        from mentordesk.store.db import database

        # Held until the work is done: if the GUI swaps the database meanwhile (a restore, a new
        # passphrase), the old one must not be freed, with its connections, under this thread.
        self._database = database.obj

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        with _running_lock:
            _running.add(self)
        (pool or QThreadPool.globalInstance()).start(self.run)

    def call(self) -> object:
        progress = Progress(self._report, self._cancelled.is_set)
        return self.func(*self.args, progress=progress, **self.kwargs)

    def _report(self, done: int, total: int, text: str) -> None:
        self._emit(self.signals.progress, int(done), int(total), text)

    def run(self) -> None:
        try:
            result = self.call()
        except Cancelled:
            self.running = False  # before the signal: its receiver may start the next job
            self._emit(self.signals.cancelled)
        except Exception as exc:
            self.running = False
            if self.cancelled:
                # Cancelled work that then failed (its database was closed under it, say) was
                # abandoned on purpose: its error is not the user's to see.
                log.debug("cancelled worker failed", exc_info=True)
                self._emit(self.signals.cancelled)
            else:
                log.debug("worker failed", exc_info=True)
                self._emit(self.signals.failed, exc)
        else:
            self.running = False
            self._emit(self.signals.finished, result)
        finally:
            self.running = False
            self._close_thread_connections()
            with _running_lock:
                _running.discard(self)
            self._done.set()

    def _close_thread_connections(self) -> None:
        """Close this pool thread's own connections; run() called directly keeps the GUI thread's."""
        from mentordesk.store.db import database

        if threading.current_thread() is not threading.main_thread():
            for db in {id(d): d for d in (self._database, database.obj) if d is not None}.values():
                db.close()  # peewee closes only this thread's connection
        self._database = None

    def _emit(self, signal, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the page that asked was closed meanwhile: nobody is left to tell
            log.debug("worker result dropped: its receiver is gone")


_running: set[Worker] = set()
_running_lock = threading.Lock()


def settle(timeout_s: float = 10.0) -> bool:
    """Cancel every running worker and wait until each has stopped: called before the database is
    closed or swapped, so no background read carries on against the next one. False if one is
    still running after ``timeout_s``."""
    import time

    with _running_lock:
        workers = list(_running)
    for worker in workers:
        worker.cancel()
    deadline = time.monotonic() + timeout_s
    return all(worker._done.wait(max(0.0, deadline - time.monotonic())) for worker in workers)


def start(worker: Worker) -> Worker:
    worker.start()
    return worker
