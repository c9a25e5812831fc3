"""Closing or pausing a match decides the fate of its planned meetings: none stays "planned" by accident
on the calendar, the dashboard's "Coming up" or the .ics export."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import recurring_ical_events
from icalendar import Calendar

from mentordesk.core.meetings.recurrence import Recurrence, Repeat
from mentordesk.services import dashboard, meetings, pairing
from mentordesk.services.meetings.schedule import Details
from mentordesk.store.models import Match, Meeting
from tests.meetings_fixtures import make_pair

TUE = datetime(2027, 1, 12, 16, 0)
NOW = datetime(2027, 1, 10, 9, 0)
HOUR = timedelta(hours=1)


@pytest.fixture
def pair(db):
    pair = make_pair()  # started 4 January 2027
    meetings.schedule_series(
        pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=6), Details(place="Library")
    )
    return pair


def planned() -> list[date]:
    return [
        m.starts_at.date()
        for m in Meeting.select().where(Meeting.status == "planned").order_by(Meeting.starts_at)
    ]


def closure(**fields) -> pairing.Closure:
    values = dict(
        closed_on=date(2027, 1, 13), kind="planned", reason="End of term", initiated_by="coordinator"
    )
    values.update(fields)
    return pairing.Closure(**values)


def test_closing_cancels_every_meeting_after_the_closure_date(pair, tmp_path):
    done = pairing.close_match(pair.match.id, closure(), now=NOW)
    assert done == meetings.WindDown(cancelled=5)
    assert planned() == [date(2027, 1, 12)]  # before the closure: it still needs its outcome
    assert {m.cancelled_by for m in Meeting.select().where(Meeting.status == "cancelled")} == {"coordinator"}
    # Nothing after the closure is shown as coming up, nor exported as a planned event.
    assert dashboard.upcoming_meetings(pair.programme.id, days=90, today=date(2027, 1, 14)) == []
    target = tmp_path / "after.ics"
    meetings.export_ics(target, match_id=pair.match.id)
    # What a calendar app shows: cancelled occurrences travel as STATUS:CANCELLED overrides.
    shown = [
        e.decoded("dtstart").date()
        for e in recurring_ical_events.of(Calendar.from_ical(target.read_bytes())).between(
            datetime(2027, 1, 1), datetime(2027, 12, 31)
        )
        if str(e.get("status", "")).upper() != "CANCELLED"
    ]
    assert shown == [date(2027, 1, 12)]


def test_closing_can_keep_the_next_meeting_as_a_goodbye(pair):
    done = pairing.close_match(pair.match.id, closure(future_meetings="keep_goodbye"), now=NOW)
    assert done == meetings.WindDown(cancelled=4, kept=datetime(2027, 1, 19, 16))
    assert planned() == [date(2027, 1, 12), date(2027, 1, 19)]


def test_a_refused_closure_cancels_nothing(pair):
    with pytest.raises(pairing.PairingError, match="reason"):
        pairing.close_match(pair.match.id, closure(reason=" "), now=NOW)
    assert len(planned()) == 6


def test_pausing_cancels_the_meetings_before_the_resume_date_or_keeps_them(pair):
    done = pairing.pause_match(pair.match.id, until=date(2027, 2, 2), now=NOW)
    assert done.cancelled == 3
    assert planned() == [date(2027, 2, 2), date(2027, 2, 9), date(2027, 2, 16)]
    pairing.resume_match(pair.match.id)
    assert (
        pairing.pause_match(pair.match.id, until=date(2027, 3, 1), future_meetings="keep", now=NOW).cancelled == 0
    )
    assert len(planned()) == 3


def test_a_resume_date_in_the_past_is_refused(pair):
    with pytest.raises(pairing.PairingError, match="Resume date"):
        pairing.pause_match(pair.match.id, until=date(2027, 1, 10), now=NOW)
    assert len(planned()) == 6 and pair.match.status == "active"


def test_the_resume_date_is_kept_on_the_match_until_it_resumes(pair):
    pairing.pause_match(pair.match.id, until=date(2027, 2, 2), now=NOW)
    assert Match.get_by_id(pair.match.id).resumes_on == date(2027, 2, 2)
    row = next(r for r in pairing.published_matches(pair.programme.id) if r.id == pair.match.id)
    assert row.resumes_on == date(2027, 2, 2)
    pairing.resume_match(pair.match.id)
    assert Match.get_by_id(pair.match.id).resumes_on is None
    pairing.pause_match(pair.match.id, now=NOW)  # open-ended
    assert Match.get_by_id(pair.match.id).resumes_on is None
