"""The two waits of start-up: for the window's first paint, and for the database's open check.

Both spin a local event loop, so the window paints and repaints while they last.
Clicks and keys typed meanwhile wait in the queue (``ExcludeUserInputEvents``) and
reach the window only once the file has passed its check. The check itself runs on
the thread pool (its own connection, which only reads), so the window can read its
first page from the file meanwhile (``start_open_check``, then ``OpenCheck.wait``);
the file stays read-only until the check has passed.
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


FILL_WAIT_MS = 2_000  # the first page's read is waited for at most this long before input is let in


def wait_for_first_page(window: QMainWindow) -> None:
    """Return once the window's first page shows the file's data (its ``filled``), or after FILL_WAIT_MS.

    Start-up's other work after the check (the daily backup, the protection states, the file
    watcher) waits for it: beside the page's read on the thread pool it would only slow that read.
    """
    page = window.current_page()  # type: ignore[attr-defined]
    if not getattr(page, "filling", False):
        return
    loop = QEventLoop()
    page.filled.connect(loop.quit)
    QTimer.singleShot(FILL_WAIT_MS, loop, loop.quit)
    failed = QTimer(loop)  # a read that failed (the crash report tells) sends no ``filled``
    failed.timeout.connect(lambda: None if page.filling else loop.quit())
    failed.start(20)
    loop.exec(NO_INPUT)
    page.filled.disconnect(loop.quit)


class OpenCheck(QObject):
    """The open check running on the thread pool: its result arrives on the GUI thread; ``wait`` for it."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = QEventLoop()
        self.problems: list[str] | None = None
        self.window: QMainWindow | None = None
        self.worker: Worker | None = None

    @Slot(object)
    def finished(self, problems: object) -> None:
        self.problems = list(problems)  # type: ignore[call-overload]
        self.loop.quit()

    @Slot(object)
    def failed(self, exc: object) -> None:
        self.finished([str(exc)])

    def wait(self) -> list[str]:
        """The problems found (empty when the file is sound); writes are allowed when there are none.

        Until the result is in, user input waits in the queue: nothing may act on a file not yet checked.
        """
        from mentordesk.store import db as store_db

        if self.problems is None:
            self.loop.exec(NO_INPUT)
        problems = self.problems or []
        if self.window is not None:
            self.window.statusBar().clearMessage()
        if not problems:
            store_db.allow_writes()
        return problems


def start_open_check(window: QMainWindow) -> OpenCheck | None:
    """Start the open database's pending integrity check on the thread pool; None when none is due."""
    from mentordesk.store import db as store_db

    if store_db.pending_check() is None:
        return None
    window.statusBar().showMessage(window.tr("Checking the database…"))
    check = OpenCheck()
    check.window = window
    worker = Worker(lambda progress: store_db.run_pending_check())
    worker.signals.finished.connect(check.finished)
    worker.signals.failed.connect(check.failed)
    # Both live as long as the window: freed when the wait returns, the check (the receiver) here
    # and the worker's signals (the sender) on the pool thread could be destroyed at the same moment.
    check.worker = worker
    window.open_check = check  # type: ignore[attr-defined]
    start(worker)
    return check


def run_open_check(window: QMainWindow) -> list[str]:
    """Run the open database's pending integrity check, if any, and wait for it; allow writes when it
    finds nothing. Returns the problems found (empty when the file is sound or needed no check)."""
    check = start_open_check(window)
    return check.wait() if check is not None else []
