"""The one progress-and-cancel protocol long work uses."""

from __future__ import annotations

import pytest

from mentordesk.core.progress import QUIET, Cancelled, Progress


def test_reports_until_cancelled_then_raises():
    seen = []
    stop = []
    progress = Progress(lambda done, total, text: seen.append((done, total, text)), lambda: bool(stop))
    progress(1, 4, "Reading")
    stop.append(True)
    with pytest.raises(Cancelled, match="nothing was changed"):
        progress(2, 4, "Checking")
    with pytest.raises(Cancelled):
        progress.check()
    assert seen == [(1, 4, "Reading")] and progress.cancelled


def test_report_alone_never_raises():
    """For work that stops at safe points of its own (a batch keeps the files already written)."""
    seen = []
    progress = Progress(lambda done, total, text: seen.append(done), lambda: True)
    progress.report(2, 5)
    assert seen == [2] and progress.cancelled


def test_quiet_progress_never_cancels():
    QUIET(3, 3, "Done")
    QUIET.check()
    assert not QUIET.cancelled
