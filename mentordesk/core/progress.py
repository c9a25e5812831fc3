"""Long work reports how far it got and stops when the user cancels: one protocol for every area.

A long operation (a matcher run, a CSV import, a batch of agreements, a calendar export) takes a
``progress: Progress`` argument and calls it as it goes::

    progress(done, total, "Scoring every pair")

The call raises ``Cancelled`` once the user has cancelled, so the work stops at the next step and
its transaction rolls back. ``progress.check()`` asks without reporting, and ``progress.report()``
reports without asking (for work that stops at safe points of its own). Work that is not watched
gets ``QUIET``, which reports nowhere and is never cancelled.
"""

from __future__ import annotations

from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled long work; it stopped, and what it was doing was not saved."""

    def __init__(self, message: str = "Cancelled: nothing was changed.") -> None:
        super().__init__(message)


Report = Callable[[int, int, str], None]  # done, total, what is happening


class Progress:
    """Handed to long work: report how far it got; raise ``Cancelled`` once the user cancelled."""

    def __init__(self, report: Report | None = None, is_cancelled: Callable[[], bool] | None = None) -> None:
        self._report = report
        self._is_cancelled = is_cancelled

    @property
    def cancelled(self) -> bool:
        return self._is_cancelled is not None and self._is_cancelled()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def report(self, done: int, total: int, text: str = "") -> None:
        """Report without asking: for work that stops at its own safe points (``cancelled``)."""
        if self._report is not None:
            self._report(done, total, text)

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self.check()
        self.report(done, total, text)


QUIET = Progress()
