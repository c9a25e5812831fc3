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


def test_a_stage_maps_onto_its_share_of_the_whole():
    seen = []
    whole = Progress(lambda done, total, text: seen.append((done, total, text)))
    stage = whole.part(50, 90)
    stage(0, 10, "Writing")
    stage(5, 10, "Writing")
    stage(10, 10, "Writing")
    assert seen == [(50, 100, "Writing"), (70, 100, "Writing"), (90, 100, "Writing")]


def test_quiet_progress_never_cancels():
    QUIET(3, 3, "Done")
    QUIET.check()
    assert not QUIET.cancelled
