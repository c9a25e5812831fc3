"""Scheduling meetings: bad input leaves the database as it was, single meetings and series (term
breaks, away dates, daylight saving), editing one occurrence or a whole series, moving and deleting,
and conflicts with free-slot suggestions.

Outcomes, the contact log and cadence are in tests/test_meetings_services_follow_up.py; the shared
set-up is in tests/meetings_fixtures.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mentordesk.core.meetings.conflicts import ConflictKind
from mentordesk.core.meetings.recurrence import Recurrence, Repeat
from mentordesk.core.meetings.validation import MeetingInputError
from mentordesk.services.meetings import constraints, outcomes, queries, schedule
from mentordesk.services.meetings.schedule import Details
from mentordesk.store.models import Attendance, AuditEvent, AwayPeriod, Meeting, MeetingSeries
from tests import meetings_fixtures
from tests.meetings_fixtures import HOUR, TUE, make_pair

pair = meetings_fixtures.pair_in_2027  # the shared fixture


def _table_counts() -> tuple[int, int, int]:
    return Meeting.select().count(), MeetingSeries.select().count(), Attendance.select().count()


# -- bad input leaves the database as it was ------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "words"),
    [
        (TUE - timedelta(minutes=15), "before it starts"),
        (TUE, "0 minutes"),
        (TUE + timedelta(hours=24), "shorter than 24 hours"),
    ],
)
def test_bad_times_are_refused_and_nothing_is_written(pair, end, words):
    before = _table_counts()
    with pytest.raises(MeetingInputError, match=words) as caught:
        schedule.schedule_meeting(pair.match.id, TUE, end)
    assert caught.value.fields() == {"end"}
    with pytest.raises(MeetingInputError, match=words):
        schedule.schedule_series(pair.match.id, TUE, end, Recurrence(Repeat.WEEKLY, count=3))
    assert _table_counts() == before


def test_recurrence_with_no_end_is_refused_and_nothing_is_written(pair):
    with pytest.raises(MeetingInputError, match="needs an end") as caught:
        schedule.schedule_series(pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY))
    assert caught.value.fields() == {"until"}
    assert _table_counts() == (0, 0, 0)


def test_closed_match_or_no_match_is_refused(pair):
    with pytest.raises(MeetingInputError, match="Choose the match"):
        schedule.schedule_meeting(0, TUE, TUE + HOUR)
    closed = make_pair(pair.programme, mentor_name="Kim", status="closed")
    with pytest.raises(MeetingInputError, match="closed"):
        schedule.schedule_meeting(closed.match.id, TUE, TUE + HOUR)


def test_a_time_that_does_not_exist_in_the_programme_zone_is_refused(pair):
    with pytest.raises(MeetingInputError, match="clocks go forward"):
        schedule.schedule_meeting(pair.match.id, datetime(2027, 3, 28, 1, 15), datetime(2027, 3, 28, 3, 0))


# -- scheduling ----------------------------------------------------------------------------------


def test_schedule_single_meeting_with_details(pair):
    details = Details(place="Library", link="", mode="in_person", agenda="Revision plan")
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + timedelta(minutes=45), details)
    detail = queries.meeting_detail(mid)
    assert (detail.starts_at, detail.duration_minutes, detail.place, detail.agenda) == (
        TUE,
        45,
        "Library",
        "Revision plan",
    )
    assert detail.status == "planned" and detail.series_id is None
    assert detail.who == "Sam Carter & Ana Lopez"


def test_series_skips_term_breaks_and_away_dates(pair):
    constraints.save_term_breaks(
        pair.programme.id, [constraints.TermBreak("Spring half term", date(2027, 2, 15), date(2027, 2, 19))]
    )
    AwayPeriod.create(
        participant=pair.mentee, starts_on=date(2027, 1, 26), ends_on=date(2027, 1, 26), reason="Trip"
    )
    result = schedule.schedule_series(pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=5))
    days = [m.starts_at.date() for m in Meeting.select().order_by(Meeting.starts_at)]
    assert days == [
        date(2027, 1, 12),
        date(2027, 1, 19),
        date(2027, 2, 2),
        date(2027, 2, 9),
        date(2027, 2, 23),
    ]
    assert {s.reason for s in result.skipped} == {"Ana Lopez away (Trip)", "Spring half term"}
    series = MeetingSeries.get_by_id(result.series_id)
    assert series.exceptions == ["2027-01-26", "2027-02-16"]
    assert "COUNT=7" in series.rrule
    # One audit event for the series, not one per meeting.
    assert AuditEvent.select().where(AuditEvent.entity == "meeting_series").count() == 1


def test_skipping_can_be_switched_off(pair):
    AwayPeriod.create(participant=pair.mentee, starts_on=date(2027, 1, 19), ends_on=date(2027, 1, 19))
    result = schedule.schedule_series(
        pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=3), skip_away=False
    )
    assert result.skipped == [] and len(result.meeting_ids) == 3


def test_a_series_that_is_all_skipped_is_refused(pair):
    constraints.save_term_breaks(
        pair.programme.id, [constraints.TermBreak("Summer", date(2027, 1, 1), date(2027, 3, 1))]
    )
    with pytest.raises(MeetingInputError, match="Every date of this series is skipped"):
        schedule.schedule_series(
            pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, until=date(2027, 2, 1))
        )
    assert _table_counts() == (0, 0, 0)


def test_term_breaks_are_validated(pair):
    with pytest.raises(MeetingInputError, match="ends before it starts"):
        constraints.save_term_breaks(
            pair.programme.id, [constraints.TermBreak("Easter", date(2027, 4, 10), date(2027, 4, 1))]
        )
    with pytest.raises(MeetingInputError, match="needs a name"):
        constraints.save_term_breaks(
            pair.programme.id, [constraints.TermBreak(" ", date(2027, 4, 1), date(2027, 4, 1))]
        )
    assert constraints.term_breaks(pair.programme.id) == []


def test_series_across_daylight_saving_stays_at_the_same_local_hour(pair):
    start = datetime(2027, 10, 19, 16, 0)  # clocks go back on 31 October 2027
    schedule.schedule_series(pair.match.id, start, start + HOUR, Recurrence(Repeat.WEEKLY, count=4))
    stored = [m.starts_at for m in Meeting.select().order_by(Meeting.starts_at)]
    assert [s.date() for s in stored] == [
        date(2027, 10, 19),
        date(2027, 10, 26),
        date(2027, 11, 2),
        date(2027, 11, 9),
    ]
    assert {(s.hour, s.minute) for s in stored} == {(16, 0)}


# -- editing -------------------------------------------------------------------------------------


def _weekly_series(pair, count=6):
    return schedule.schedule_series(
        pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=count), Details(place="Library")
    )


def test_editing_one_occurrence_moves_only_it_and_remembers_its_slot(pair):
    result = _weekly_series(pair)
    third = result.meeting_ids[2]
    slot = Meeting.get_by_id(third).starts_at
    moved = slot + timedelta(days=2, hours=1)
    schedule.update_meeting(third, moved, moved + timedelta(minutes=30), Details(place="Room 12"))
    meeting = Meeting.get_by_id(third)
    assert (meeting.starts_at, meeting.duration_minutes, meeting.place, meeting.original_starts_at) == (
        moved,
        30,
        "Room 12",
        slot,
    )
    others = Meeting.select().where(Meeting.id != third)
    assert {m.place for m in others} == {"Library"} and {m.starts_at.hour for m in others} == {16}
    assert [r.moved for r in queries.series_meetings(result.series_id)] == [
        False,
        False,
        True,
        False,
        False,
        False,
    ]


def test_editing_a_series_with_held_past_meetings_keeps_history(pair):
    result = _weekly_series(pair)
    first, second = result.meeting_ids[:2]
    members = {pair.mentor.id: True, pair.mentee.id: True}
    now = TUE + timedelta(days=10)  # two meetings are past
    outcomes.record_outcome(
        first, "held", attendance=members, actual_minutes=55, notes="Good start", activity="Chess", now=now
    )
    outcomes.record_outcome(second, "cancelled", cancelled_by="mentee", now=now)
    held_before = Meeting.get_by_id(first).__data__.copy()
    new_start = datetime(2027, 1, 28, 17, 0)  # Thursdays at 17:00 from now on
    changed = schedule.update_series(
        result.series_id,
        new_start,
        new_start + timedelta(minutes=45),
        Recurrence(Repeat.WEEKLY, count=3),
        Details(place="Café"),
        now=now,
    )
    assert changed.kept == 2
    assert Meeting.get_by_id(first).__data__ == held_before  # not a single field rewritten
    assert Meeting.get_by_id(second).status == "cancelled"
    assert Attendance.select().where(Attendance.meeting == first).count() == 2
    # The old series now ends before the new one; the kept meetings are still its own.
    old = MeetingSeries.get_by_id(result.series_id)
    assert "COUNT" not in old.rrule and "UNTIL=20270128T165959" in old.rrule
    assert {m.id for m in old.occurrences} == {first, second}
    new = MeetingSeries.get_by_id(changed.series_id)
    assert new.id != old.id and new.place == "Café"
    future = [m.starts_at for m in new.occurrences.order_by(Meeting.starts_at)]
    assert future == [new_start + timedelta(weeks=n) for n in range(3)]
    assert Meeting.select().count() == 5


def test_editing_a_series_cannot_start_before_kept_history(pair):
    result = _weekly_series(pair)
    now = TUE + timedelta(days=10)
    outcomes.record_outcome(result.meeting_ids[0], "held", now=now)
    before = _table_counts()
    with pytest.raises(MeetingInputError, match="kept as they were"):
        schedule.update_series(result.series_id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=2), now=now)
    assert _table_counts() == before


def test_editing_a_series_with_nothing_past_updates_it_in_place(pair):
    result = _weekly_series(pair, count=4)
    later = TUE + timedelta(hours=1)
    changed = schedule.update_series(
        result.series_id,
        later,
        later + HOUR,
        Recurrence(Repeat.FORTNIGHTLY, count=2),
        now=TUE - timedelta(days=1),
    )
    assert changed.series_id == result.series_id and changed.kept == 0
    assert [m.starts_at for m in Meeting.select().order_by(Meeting.starts_at)] == [
        later,
        later + timedelta(weeks=2),
    ]


def test_move_meeting_keeps_its_length_but_refuses_held_ones(pair):
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + timedelta(minutes=40))
    schedule.move_meeting(mid, TUE + timedelta(days=2))
    assert (Meeting.get_by_id(mid).starts_at, Meeting.get_by_id(mid).duration_minutes) == (
        TUE + timedelta(days=2),
        40,
    )
    outcomes.record_outcome(mid, "held", now=TUE + timedelta(days=3))
    with pytest.raises(MeetingInputError, match="has been held"):
        schedule.move_meeting(mid, TUE)


def test_deleting_an_occurrence_records_the_exception_and_held_ones_stay(pair):
    result = _weekly_series(pair, count=3)
    schedule.delete_meeting(result.meeting_ids[1])
    assert MeetingSeries.get_by_id(result.series_id).exceptions == ["2027-01-19"]
    outcomes.record_outcome(result.meeting_ids[0], "held", now=TUE + HOUR)
    with pytest.raises(MeetingInputError, match="part of the match's record"):
        schedule.delete_meeting(result.meeting_ids[0])
    assert Meeting.select().count() == 2


def test_stop_series_removes_planned_meetings_from_a_date(pair):
    result = _weekly_series(pair, count=6)
    removed = schedule.stop_series(result.series_id, TUE + timedelta(weeks=3))
    assert removed == 3 and Meeting.select().count() == 3
    assert "UNTIL=" in MeetingSeries.get_by_id(result.series_id).rrule


# -- conflicts and suggestions --------------------------------------------------------------------


def test_conflicts_double_booking_across_matches_and_away(pair):
    other = make_pair(pair.programme, mentee_name="Kim")
    # The mentor of ``pair`` also mentors Kim: make them the same person.
    from mentordesk.store.models import MatchMember

    MatchMember.update(participant=pair.mentor).where(
        (MatchMember.match == other.match) & (MatchMember.role == "mentor")
    ).execute()
    schedule.schedule_meeting(other.match.id, TUE + timedelta(minutes=30), TUE + timedelta(minutes=90))
    AwayPeriod.create(participant=pair.mentee, starts_on=TUE.date(), ends_on=TUE.date(), reason="Trip")
    report = constraints.check(pair.match.id, [(TUE, TUE + HOUR)], now=TUE - timedelta(days=1))
    kinds = {(c.kind, c.participant_id) for c in report.conflicts}
    assert kinds == {(ConflictKind.DOUBLE_BOOKED, pair.mentor.id), (ConflictKind.AWAY, pair.mentee.id)}
    assert any("with Sam Carter & Kim Lopez" in c.message for c in report.conflicts)
    # Tuesday is out (away), so the next common Tuesday slot is a week later.
    assert report.suggestions[0] == datetime(2027, 1, 19, 15, 30)


def test_outside_availability_and_the_meeting_itself_is_ignored(pair):
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    report = constraints.check(pair.match.id, [(TUE, TUE + HOUR)], ignore_meeting_ids=[mid])
    assert report.conflicts == [] and report.suggestions == []
    thursday = datetime(2027, 1, 14, 16, 0)
    report = constraints.check(pair.match.id, [(thursday, thursday + HOUR)], now=TUE)
    assert [c.participant_id for c in report.conflicts] == [pair.mentee.id]
    assert report.suggestions and all(s.weekday() == 1 for s in report.suggestions)
