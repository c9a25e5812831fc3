"""The .ics export, parsed back with icalendar: RRULE, EXDATE, RECURRENCE-ID, TZID, VTIMEZONE, UIDs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from mentordesk.core.meetings.recurrence import Recurrence, Repeat
from mentordesk.services.meetings import calendar_export, constraints, outcomes, schedule
from mentordesk.services.meetings.calendar_export import ExportError, export_ics
from mentordesk.services.meetings.schedule import Details
from mentordesk.store.models import Meeting
from tests.meetings_fixtures import Pair, make_pair

LONDON = ZoneInfo("Europe/London")
TUE = datetime(2027, 1, 12, 16, 0)
HOUR = timedelta(hours=1)


@pytest.fixture
def pair(db) -> Pair:
    return make_pair()


def _read(path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _events(cal: Calendar) -> list:
    return list(cal.walk("VEVENT"))


def _occurrences(master) -> list[datetime]:
    """What a calendar app shows for a series: the rule's dates minus the EXDATEs."""
    start = master.decoded("dtstart")
    rule = master["rrule"].to_ical().decode()
    dates = list(rrulestr(rule, dtstart=start))
    exdates = master.get("exdate", [])
    if not isinstance(exdates, list):
        exdates = [exdates]
    excluded = {d.dt for ex in exdates for d in ex.dts}
    return [d for d in dates if d not in excluded]


def test_single_meeting_has_uid_stamp_tzid_and_a_timezone(pair, tmp_path):
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR, Details(place="Library", agenda="CV"))
    target = tmp_path / "one.ics"
    assert export_ics(target, meeting_id=mid) == 1
    text = target.read_text()
    assert "DTSTART;TZID=Europe/London:20270112T160000" in text
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/London" in text
    cal = _read(target)
    assert cal["version"] == "2.0" and "MentorDesk" in str(cal["prodid"])
    (event,) = _events(cal)
    assert event["uid"].endswith("@mentordesk") and "dtstamp" in event
    assert event.decoded("dtstart") == TUE.replace(tzinfo=LONDON)
    assert event.decoded("dtend") - event.decoded("dtstart") == HOUR
    assert str(event["summary"]) == "Mentoring: Sam Carter & Ana Lopez"
    assert str(event["location"]) == "Library" and "CV" in str(event["description"])
    # The zone is written as yearly rules, the form Outlook reads.
    (zone,) = cal.walk("VTIMEZONE")
    assert {str(part["rrule"].to_ical().decode()) for part in zone.subcomponents} == {
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    }


def test_series_round_trips_with_rrule_exdates_and_a_moved_occurrence(pair, tmp_path):
    constraints.save_term_breaks(
        pair.programme.id, [constraints.TermBreak("Half term", date(2027, 2, 15), date(2027, 2, 19))]
    )
    result = schedule.schedule_series(
        pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=6), Details(place="Library")
    )
    ids = result.meeting_ids
    outcomes.record_outcome(ids[1], "cancelled", cancelled_by="mentee", now=TUE)
    moved_to = datetime(2027, 1, 28, 17, 30)
    schedule.update_meeting(ids[2], moved_to, moved_to + HOUR, Details(place="Library"))
    target = tmp_path / "series.ics"
    count = export_ics(target, match_id=pair.match.id)
    cal = _read(target)
    events = _events(cal)
    assert count == len(events) == 2  # the series and its moved occurrence
    master = next(e for e in events if "rrule" in e)
    override = next(e for e in events if "recurrence-id" in e)
    assert master["uid"] == override["uid"]
    assert master["rrule"]["FREQ"] == ["WEEKLY"] and master["rrule"]["COUNT"] == [7]
    assert master["dtstart"].params["TZID"] == "Europe/London"
    exdates = sorted(d.dt for ex in master["exdate"] for d in ex.dts)
    assert exdates == [datetime(2027, 1, 19, 16, tzinfo=LONDON), datetime(2027, 2, 16, 16, tzinfo=LONDON)]
    assert override.decoded("recurrence-id") == datetime(2027, 1, 26, 16, tzinfo=LONDON)
    assert override.decoded("dtstart") == moved_to.replace(tzinfo=LONDON)
    # What a calendar app shows equals what MentorDesk has planned.
    shown = [d for d in _occurrences(master) if d != override.decoded("recurrence-id")]
    shown.append(override.decoded("dtstart"))
    planned = [
        m.starts_at.replace(tzinfo=LONDON) for m in Meeting.select().where(Meeting.status != "cancelled")
    ]
    assert sorted(shown) == sorted(planned)


def test_series_across_a_dst_change_exports_at_the_same_local_hour(pair, tmp_path):
    start = datetime(2027, 3, 16, 16, 0)
    schedule.schedule_series(
        pair.match.id, start, start + HOUR, Recurrence(Repeat.WEEKLY, until=date(2027, 4, 6))
    )
    target = tmp_path / "dst.ics"
    export_ics(target, programme_id=pair.programme.id)
    (master,) = _events(_read(target))
    # UNTIL is in UTC next to a TZID start, as RFC 5545 requires.
    assert "UNTIL=20270406T225959Z" in master["rrule"].to_ical().decode()
    shown = _occurrences(master)
    assert [d.date() for d in shown] == [
        date(2027, 3, 16),
        date(2027, 3, 23),
        date(2027, 3, 30),
        date(2027, 4, 6),
    ]
    assert {d.astimezone(LONDON).hour for d in shown} == {16}
    assert [d.utcoffset() for d in shown] == [timedelta(0), timedelta(0), HOUR, HOUR]


def test_split_series_exports_history_and_the_new_rule(pair, tmp_path):
    result = schedule.schedule_series(pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=6))
    now = TUE + timedelta(days=10)
    outcomes.record_outcome(result.meeting_ids[0], "held", now=now)
    new_start = datetime(2027, 1, 28, 17, 0)
    schedule.update_series(
        result.series_id, new_start, new_start + HOUR, Recurrence(Repeat.WEEKLY, count=2), now=now
    )
    target = tmp_path / "split.ics"
    assert export_ics(target, match_id=pair.match.id) == 2
    masters = sorted(_events(_read(target)), key=lambda e: e.decoded("dtstart"))
    first, second = (_occurrences(m) for m in masters)
    assert first == [TUE.replace(tzinfo=LONDON), (TUE + timedelta(weeks=1)).replace(tzinfo=LONDON)]
    assert second == [
        new_start.replace(tzinfo=LONDON),
        (new_start + timedelta(weeks=1)).replace(tzinfo=LONDON),
    ]
    assert masters[0]["uid"] != masters[1]["uid"]


def test_filters_by_person_programme_and_cancelled_singles_are_left_out(pair, tmp_path):
    other = make_pair(pair.programme, mentor_name="Kim", mentee_name="Lee")
    mine = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    schedule.schedule_meeting(other.match.id, TUE, TUE + HOUR)
    cancelled = schedule.schedule_meeting(
        other.match.id, TUE + timedelta(days=1), TUE + timedelta(days=1, hours=1)
    )
    outcomes.record_outcome(cancelled, "cancelled", cancelled_by="mentor", now=TUE)
    assert export_ics(tmp_path / "person.ics", participant_id=pair.mentee.id) == 1
    assert export_ics(tmp_path / "all.ics", programme_id=pair.programme.id) == 2
    assert export_ics(tmp_path / "everything.ics") == 2
    (event,) = _events(_read(tmp_path / "person.ics"))
    assert f"meeting-{mine}-" in str(event["uid"])


def test_uids_are_stable_between_exports(pair, tmp_path):
    schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    export_ics(tmp_path / "a.ics", programme_id=pair.programme.id)
    export_ics(tmp_path / "b.ics", programme_id=pair.programme.id)
    uid = [str(e["uid"]) for e in _events(_read(tmp_path / "a.ics"))]
    assert uid == [str(e["uid"]) for e in _events(_read(tmp_path / "b.ics"))]


def test_unknown_ids_and_bad_paths_give_clear_errors_and_write_nothing(pair, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportError, match="No match with id 999"):
        export_ics(tmp_path / "x.ics", match_id=999)
    with pytest.raises(ExportError, match="does not exist"):
        export_ics(tmp_path / "missing" / "x.ics", programme_id=pair.programme.id)
    with pytest.raises(ExportError, match="is a folder"):
        export_ics(tmp_path, programme_id=pair.programme.id)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_target_leaves_no_temporary_file(pair, tmp_path, monkeypatch):
    schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    from mentordesk.core import private_files  # every export is renamed into place there

    monkeypatch.setattr(private_files.os, "replace", refuse)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportError, match="Permission denied"):
        export_ics(tmp_path / "x.ics", programme_id=pair.programme.id)
    assert list(tmp_path.iterdir()) == []


def test_a_zone_without_daylight_saving_and_one_with_changed_rules(pair, tmp_path):
    pair.programme.timezone = "Asia/Tokyo"
    pair.programme.save()
    schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    export_ics(tmp_path / "tokyo.ics", programme_id=pair.programme.id)
    (zone,) = _read(tmp_path / "tokyo.ics").walk("VTIMEZONE")
    assert zone["tzid"] == "Asia/Tokyo" and len(zone.subcomponents) == 1
    # Turkey dropped daylight saving in 2016: the file lists the real changes instead of a rule.
    timezone = calendar_export._vtimezone("Europe/Istanbul", 2015, 2017)
    assert all("rrule" not in part for part in timezone.subcomponents)
    assert timezone.to_tz().utcoffset(datetime(2017, 7, 1)) == timedelta(hours=3)
