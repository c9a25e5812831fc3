"""Shared set-up for the meetings tests: a programme with one active mentor-mentee match.

The services tests schedule at fixed dates in 2027 after a match that starts on 4 January 2027;
the page tests (tests/test_meetings_ui*.py) work around the real today, with a match that started
60 days ago and the Meetings page open on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from mentordesk.store.models import AvailabilitySlot, Match, MatchMember, Participant, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.meetings.page import MeetingsPage

TODAY = date.today()
HOUR = timedelta(hours=1)
TUE = datetime(2027, 1, 12, 16, 0)  # the services tests' Tuesday: both people of make_pair() are free


@dataclass
class Pair:
    programme: Programme
    match: Match
    mentor: Participant
    mentee: Participant


def make_pair(
    programme: Programme | None = None,
    *,
    mentor_name: str = "Sam",
    mentee_name: str = "Ana",
    started_on: date = date(2027, 1, 4),
    status: str = "active",
) -> Pair:
    programme = programme or Programme.create(name="Meetings test", timezone="Europe/London")
    mentor = Participant.create(first_name=mentor_name, last_name="Carter")
    mentee = Participant.create(first_name=mentee_name, last_name="Lopez")
    match = Match.create(programme=programme, status=status, started_on=started_on)
    MatchMember.create(match=match, participant=mentor, role="mentor")
    MatchMember.create(match=match, participant=mentee, role="mentee")
    # Both free on Tuesdays 15:30-18:00; the mentor also on Thursdays 16:00-17:00.
    for person in (mentor, mentee):
        AvailabilitySlot.create(participant=person, weekday=1, start_minute=15 * 60 + 30, end_minute=18 * 60)
    AvailabilitySlot.create(participant=mentor, weekday=3, start_minute=16 * 60, end_minute=17 * 60)
    return Pair(programme, match, mentor, mentee)


def next_weekday(weekday: int, weeks: int = 1) -> date:
    """A day comfortably in the future on ``weekday`` (0 = Monday)."""
    day = TODAY + timedelta(weeks=weeks)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


# The fixtures below are shared by binding them in a test module, e.g.
# ``pair = meetings_fixtures.pair_in_2027  # the shared fixture``; both are called ``pair`` there.


@pytest.fixture(name="pair")
def pair_in_2027(db) -> Pair:
    """The services tests' match, started on 4 January 2027."""
    return make_pair()


@pytest.fixture(name="pair")
def pair_started_60_days_ago(db) -> Pair:
    """The page tests' match, started 60 days before the real today."""
    return make_pair(started_on=TODAY - timedelta(days=60))


@pytest.fixture
def page(qtbot, pair, tmp_path):
    """The Meetings page, shown, on the programme of the module's ``pair``."""
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = pair.programme.id
    widget = MeetingsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.refresh()
    return widget
