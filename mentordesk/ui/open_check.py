"""The two waits of start-up: for the window's first paint, and for the database's open check.

Both spin a local event loop, so the window paints and repaints while they last.
Clicks and keys typed meanwhile wait in the queue (``ExcludeUserInputEvents``) and
reach the window once it has been filled from the checked file. The check itself
runs on the thread pool (its own connection, which only reads); the file stays
read-only until it has passed.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot
from PySide6.QtWidgets import QMainWindow

from mentordesk.ui.workers import Worker, start

# Input waits until the window is filled: nothing can act on a file not yet open or checked.
NO_INPUT = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
# A window that is never exposed (started minimised, say) must not hold up opening the database.
PAINT_WAIT_MS = 1_000


def wait_for_first_paint(window: QMainWindow) -> None:
    """Return once ``window`` (which has a ``firstPainted`` signal) has painted, or after PAINT_WAIT_MS."""
    if getattr(window, "painted", False):
        return
    loop = QEventLoop()
    window.firstPainted.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(PAINT_WAIT_MS, loop, loop.quit)
    loop.exec(NO_INPUT)
    window.firstPainted.disconnect(loop.quit)  # type: ignore[attr-defined]


class _CheckWaiter(QObject):
    """Receives the check's result on the GUI thread and ends the wait."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.problems: list[str] | None = None

    @Slot(object)
    def finished(self, problems: object) -> None:
        self.problems = list(problems)  # type: ignore[call-overload]
        self.loop.quit()

    @Slot(object)
    def failed(self, exc: object) -> None:
        self.finished([str(exc)])

    def wait(self) -> list[str]:
        if self.problems is None:
            self.loop.exec(NO_INPUT)
        return self.problems or []


def run_open_check(window: QMainWindow) -> list[str]:
    """Run the open database's pending integrity check, if any; allow writes when it finds nothing.

    Returns the problems found (empty when the file is sound or needed no check).
    """
    from mentordesk.store import db as store_db

    if store_db.pending_check() is None:
        return []
    window.statusBar().showMessage(window.tr("Checking the database…"))
    waiter = _CheckWaiter()
    worker = Worker(lambda progress: store_db.run_pending_check())
    worker.signals.finished.connect(waiter.finished)
    worker.signals.failed.connect(waiter.failed)
    start(worker)
    problems = waiter.wait()
    window.statusBar().clearMessage()
    if not problems:
        store_db.allow_writes()
    return problems
