"""The dashboard's overview of a programme that is not there is empty, not an error."""

from __future__ import annotations

import pytest

from mentordesk.services import dashboard
from mentordesk.store.models import Programme

pytestmark = pytest.mark.both_backends


def test_a_programme_that_is_not_there_gives_an_empty_overview(programme):
    """Found by a fresh-clone run: the dashboard refresh of the local file's programme ran on the
    shared server just connected to, where that programme does not exist, and crashed the window."""
    missing = programme.id + 1000
    assert Programme.get_or_none(Programme.id == missing) is None
    empty = dashboard.overview(missing)
    assert (empty.mentors, empty.mentees, empty.active_matches, empty.attention, empty.report) == (0, 0, 0, [], None)
    assert dashboard.overview(programme.id).report is not None  # the programme itself still has its figures
