"""Following meetings up: recording outcomes and attendance, the contact log of coordinator
check-ins, cadence rules, and the overdue list the dashboard shows.

Scheduling, editing and conflicts are in tests/test_meetings_services.py; the shared set-up is in
tests/meetings_fixtures.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from mentordesk.core.meetings.cadence import CadenceRules
from mentordesk.core.meetings.validation import MeetingInputError
from mentordesk.services.meetings import cadence, contact_log, outcomes, queries, schedule
from mentordesk.services.meetings.contact_log import ContactInput
from mentordesk.store.models import Attendance, ContactLog, Meeting
from tests import meetings_fixtures
from tests.meetings_fixtures import HOUR, TUE, make_pair

pair = meetings_fixtures.pair_in_2027  # the shared fixture


# -- outcomes ------------------------------------------------------------------------------------


def test_record_held_with_attendance_duration_activity_and_notes(pair):
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    outcomes.record_outcome(
        mid,
        "held",
        attendance={pair.mentor.id: True, pair.mentee.id: False},
        actual_minutes=50,
        activity="Careers research",
        notes="Mentee ill; mentor prepared materials",
        now=TUE + HOUR,
    )
    detail = queries.meeting_detail(mid)
    assert (detail.status, detail.actual_minutes, detail.activity) == ("held", 50, "Careers research")
    assert detail.attendance == {pair.mentor.id: True, pair.mentee.id: False}
    assert queries.activities(pair.programme.id) == ["Careers research"]


def test_cancelled_needs_who_and_clears_attendance(pair):
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    with pytest.raises(MeetingInputError, match="who cancelled") as caught:
        outcomes.record_outcome(mid, "cancelled", now=TUE)
    assert caught.value.fields() == {"cancelled_by"}
    outcomes.record_outcome(mid, "held", attendance={pair.mentor.id: True}, now=TUE + HOUR)
    outcomes.record_outcome(mid, "cancelled", cancelled_by="mentor", now=TUE + HOUR)
    meeting = Meeting.get_by_id(mid)
    assert (meeting.status, meeting.cancelled_by) == ("cancelled", "mentor")
    assert Attendance.select().count() == 0


def test_outcome_problems_are_named(pair):
    future = schedule.schedule_meeting(
        pair.match.id, TUE + timedelta(days=30), TUE + timedelta(days=30, hours=1)
    )
    with pytest.raises(MeetingInputError, match="still to come"):
        outcomes.record_outcome(future, "held", now=TUE)
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    with pytest.raises(MeetingInputError, match="record the meeting as missed"):
        outcomes.record_outcome(
            mid, "held", attendance={pair.mentor.id: False, pair.mentee.id: False}, now=TUE
        )
    with pytest.raises(MeetingInputError, match="not in this match"):
        outcomes.record_outcome(mid, "held", attendance={9999: True}, now=TUE)
    with pytest.raises(MeetingInputError, match="between 1 minute and 24 hours"):
        outcomes.record_outcome(mid, "held", actual_minutes=0, now=TUE)
    with pytest.raises(MeetingInputError, match="Unknown outcome"):
        outcomes.record_outcome(mid, "postponed", now=TUE)
    assert Meeting.get_by_id(mid).status == "planned" and Attendance.select().count() == 0


def test_status_change_lands_in_the_audit_history(pair):
    from mentordesk.store import audit

    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    outcomes.record_outcome(mid, "missed", now=TUE + HOUR)
    assert [(old, new) for _, old, new in audit.history("meeting", mid)] == [
        (None, "planned"),
        ("planned", "missed"),
    ]


# -- contact log ---------------------------------------------------------------------------------


def _checkin(pair, when, **kw) -> ContactInput:
    values = dict(
        contacted_at=when, with_whom="mentor", channel="phone", summary="Going well", match_id=pair.match.id
    )
    values.update(kw)
    return ContactInput(**values)


def test_contact_log_round_trip_and_filters(pair):
    now = datetime(2027, 2, 1, 12)
    cid = contact_log.log_contact(
        pair.programme.id,
        _checkin(
            pair,
            datetime(2027, 1, 15, 10),
            with_whom="guardian",
            participant_id=pair.mentee.id,
            safety_concern=True,
            follow_up_on=date(2027, 1, 20),
        ),
        now=now,
    )
    contact_log.log_contact(pair.programme.id, _checkin(pair, datetime(2027, 1, 25, 10)), now=now)
    rows = contact_log.list_contacts(pair.programme.id)
    assert [r.contacted_at.day for r in rows] == [25, 15]  # newest first
    flagged = rows[1]
    assert (flagged.id, flagged.with_whom, flagged.safety_concern, flagged.person) == (
        cid,
        "guardian",
        True,
        "Ana Lopez",
    )
    assert flagged.match_who == "Sam Carter & Ana Lopez" and flagged.follow_up_open
    assert len(contact_log.list_contacts(pair.programme.id, participant_id=pair.mentor.id)) == 2
    contact_log.set_follow_up_done(cid)
    assert not contact_log.contact(cid).follow_up_open


def test_contact_log_bad_input_is_named_and_not_written(pair):
    now = datetime(2027, 2, 1, 12)
    cases = [
        (_checkin(pair, now, summary="  "), "summary"),
        (_checkin(pair, now + timedelta(days=1)), "contacted_at"),
        (_checkin(pair, now, with_whom="neighbour"), "with_whom"),
        (_checkin(pair, now, follow_up_on=date(2027, 1, 1)), "follow_up_on"),
        (_checkin(pair, now, relationship_quality=9), "relationship_quality"),
        (_checkin(pair, now, match_id=None), "match"),
    ]
    for data, field in cases:
        with pytest.raises(MeetingInputError) as caught:
            contact_log.log_contact(pair.programme.id, data, now=now)
        assert field in caught.value.fields()
    assert ContactLog.select().count() == 0


# -- cadence and the overdue list -----------------------------------------------------------------


def test_overdue_list_computes_days_and_the_dashboard_shows_it(pair):
    today = date(2027, 2, 20)
    held = schedule.schedule_meeting(pair.match.id, datetime(2027, 2, 1, 16), datetime(2027, 2, 1, 17))
    outcomes.record_outcome(held, "held", now=datetime(2027, 2, 1, 18))
    schedule.schedule_meeting(
        pair.match.id, datetime(2027, 2, 9, 16), datetime(2027, 2, 9, 17)
    )  # never recorded
    contact_log.log_contact(
        pair.programme.id, _checkin(pair, datetime(2027, 1, 10, 9)), now=datetime(2027, 1, 10, 10)
    )
    contact_log.log_contact(
        pair.programme.id,
        _checkin(
            pair,
            datetime(2027, 1, 12, 9),
            with_whom="mentee",
            participant_id=pair.mentee.id,
            match_id=None,
            follow_up_on=date(2027, 2, 10),
            safety_concern=True,
        ),
        now=datetime(2027, 1, 12, 10),
    )
    items = cadence.overdue_items(pair.programme.id, today=today)
    summary = [(i.kind, i.days_overdue) for i in items]
    # Safety first, then the most overdue.
    assert summary == [("follow_up", 10), ("outcome", 11), ("checkin", 9), ("meeting", 5)]
    assert items[0].problem.startswith("Safety concern") and items[0].who == "Ana Lopez"
    assert items[3].problem == "No meeting held for 19 days (expected every 14)"
    # Two check-ins (one names only the mentee), so the next is monthly from the last one.
    assert items[2].due_on == date(2027, 2, 11)


def test_rules_saved_per_programme_change_the_result(pair):
    today = date(2027, 1, 25)
    assert {i.kind for i in cadence.overdue_items(pair.programme.id, today=today)} == {"meeting", "checkin"}
    cadence.save_rules(
        pair.programme.id, CadenceRules(meet_every_days=30, first_checkin_days=30, month_one_checkins=1)
    )
    assert cadence.overdue_items(pair.programme.id, today=today) == []
    pair.programme = type(pair.programme).get_by_id(pair.programme.id)
    assert pair.programme.meeting_frequency_days == 30
    assert cadence.rules_for(pair.programme.id).first_checkin_days == 30
    with pytest.raises(MeetingInputError, match="out of range"):
        cadence.save_rules(pair.programme.id, CadenceRules(meet_every_days=0))


def test_only_active_matches_are_watched(pair):
    make_pair(pair.programme, mentor_name="Paused", status="paused")
    items = cadence.overdue_items(pair.programme.id, today=date(2027, 3, 1))
    assert {i.match_id for i in items} == {pair.match.id}


def test_dashboard_collects_attention_items(db):
    from mentordesk.services import dashboard

    started = make_pair(started_on=date.today() - timedelta(days=60))
    overview = dashboard.overview(started.programme.id)
    mine = [a for a in overview.attention if a.area == "meetings"]
    assert mine and all(a.subject == "Sam Carter & Ana Lopez" for a in mine)
    assert all(a.days_overdue > 0 for a in mine)


def test_demo_programme_has_a_drifting_match(demo_db):
    from mentordesk.store.models import Programme

    items = cadence.overdue_items(Programme.get().id)
    assert any(i.kind == "meeting" and "since the start" in i.problem for i in items)
