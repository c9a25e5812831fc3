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
    assert count == len(events) == 3  # the series, its cancelled and its moved occurrence
    master = next(e for e in events if "rrule" in e)
    cancelled = next(e for e in events if e.get("status") == "CANCELLED")
    override = next(e for e in events if "recurrence-id" in e and e is not cancelled)
    assert master["uid"] == override["uid"] == cancelled["uid"]
    assert cancelled.decoded("recurrence-id") == datetime(2027, 1, 19, 16, tzinfo=LONDON)
    assert master["rrule"]["FREQ"] == ["WEEKLY"] and master["rrule"]["COUNT"] == [7]
    assert master["dtstart"].params["TZID"] == "Europe/London"
    listed = master["exdate"] if isinstance(master["exdate"], list) else [master["exdate"]]
    exdates = sorted(d.dt for ex in listed for d in ex.dts)
    assert exdates == [datetime(2027, 2, 16, 16, tzinfo=LONDON)]  # half term: no meeting at all
    assert override.decoded("recurrence-id") == datetime(2027, 1, 26, 16, tzinfo=LONDON)
    assert override.decoded("dtstart") == moved_to.replace(tzinfo=LONDON)
    # What a calendar app shows equals what MentorDesk has planned.
    replaced = {override.decoded("recurrence-id"), cancelled.decoded("recurrence-id")}
    shown = [d for d in _occurrences(master) if d not in replaced]
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


def test_filters_by_person_programme_and_cancelled_singles_stay_as_cancelled(pair, tmp_path):
    other = make_pair(pair.programme, mentor_name="Kim", mentee_name="Lee")
    mine = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    schedule.schedule_meeting(other.match.id, TUE, TUE + HOUR)
    cancelled = schedule.schedule_meeting(
        other.match.id, TUE + timedelta(days=1), TUE + timedelta(days=1, hours=1)
    )
    outcomes.record_outcome(cancelled, "cancelled", cancelled_by="mentor", now=TUE)
    assert export_ics(tmp_path / "person.ics", participant_id=pair.mentee.id) == 1
    assert export_ics(tmp_path / "all.ics", programme_id=pair.programme.id) == 3
    assert export_ics(tmp_path / "everything.ics") == 3
    statuses = {str(e["uid"]): str(e["status"]) for e in _events(_read(tmp_path / "all.ics"))}
    assert sorted(statuses.values()) == ["CANCELLED", "CONFIRMED", "CONFIRMED"]
    assert statuses[next(u for u in statuses if f"meeting-{cancelled}-" in u)] == "CANCELLED"
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


def _apply(earlier: Calendar, later: Calendar) -> Calendar:
    """What a calendar that imported ``earlier`` holds after importing ``later``, as a strict client does it:
    an event (UID, RECURRENCE-ID) is replaced only by one with a higher SEQUENCE."""
    held: dict[tuple[str, object], object] = {}
    for source in (earlier, later):
        for event in _events(source):
            key = (str(event["uid"]), event.decoded("recurrence-id") if "recurrence-id" in event else None)
            known = held.get(key)
            if known is None or int(event.get("sequence", 0)) > int(known.get("sequence", 0)):
                held[key] = event
    merged = Calendar()
    for zone in later.walk("VTIMEZONE"):
        merged.add_component(zone)
    for event in held.values():
        merged.add_component(event)
    return merged


def test_a_calendar_applying_the_second_export_shows_cancellations_and_moves(pair, tmp_path):
    import recurring_ical_events

    series = schedule.schedule_series(pair.match.id, TUE, TUE + HOUR, Recurrence(Repeat.WEEKLY, count=4))
    one_off = schedule.schedule_meeting(pair.match.id, TUE + timedelta(days=2), TUE + timedelta(days=2) + HOUR)
    other = schedule.schedule_meeting(pair.match.id, TUE + timedelta(days=3), TUE + timedelta(days=3) + HOUR)
    first = tmp_path / "first.ics"
    export_ics(first, match_id=pair.match.id)
    # Cancel a one-off and a series occurrence; move another one-off and another occurrence.
    outcomes.record_outcome(one_off, "cancelled", cancelled_by="mentee", now=TUE)
    outcomes.record_outcome(series.meeting_ids[1], "cancelled", cancelled_by="mentor", now=TUE)
    schedule.move_meeting(other, datetime(2027, 1, 22, 10, 0))
    schedule.move_meeting(series.meeting_ids[2], datetime(2027, 1, 27, 17, 0))
    second = tmp_path / "second.ics"
    export_ics(second, match_id=pair.match.id)
    for event in _events(_read(second)):
        assert {"sequence", "dtstamp", "last-modified"} <= {k.lower() for k in event}
    seen = _apply(_read(first), _read(second))
    shown = sorted(
        e.decoded("dtstart")
        for e in recurring_ical_events.of(seen).between(datetime(2027, 1, 1), datetime(2027, 3, 1))
        if str(e.get("status", "")) != "CANCELLED"
    )
    planned = sorted(
        m.starts_at.replace(tzinfo=LONDON) for m in Meeting.select().where(Meeting.status != "cancelled")
    )
    assert len(planned) == 4
    assert shown == planned


def test_sequence_rises_with_every_change_and_not_otherwise(pair, tmp_path):
    mid = schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    assert Meeting.get_by_id(mid).sequence == 0
    schedule.move_meeting(mid, TUE + timedelta(days=1))
    schedule.move_meeting(mid, TUE + timedelta(days=2))
    meeting = Meeting.get_by_id(mid)
    assert meeting.sequence == 2 and meeting.modified_at is not None
    meeting.notes = "private coordinator note"  # not shown in calendars
    meeting.save()
    assert Meeting.get_by_id(mid).sequence == 2
    export_ics(tmp_path / "one.ics", meeting_id=mid)
    (event,) = _events(_read(tmp_path / "one.ics"))
    assert int(event["sequence"]) == 2


def test_titles_name_people_as_the_programme_chose(pair, tmp_path):
    from mentordesk.services import meetings

    schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    titles = {}
    for choice in meetings.NAME_CHOICES:
        meetings.set_calendar_names(pair.programme.id, choice)
        export_ics(tmp_path / f"{choice}.ics", programme_id=pair.programme.id)
        (event,) = _events(_read(tmp_path / f"{choice}.ics"))
        titles[choice] = str(event["summary"])
    assert titles == {
        "full": "Mentoring: Sam Carter & Ana Lopez",
        "first": "Mentoring: Sam & Ana",
        "initials": "Mentoring: S.C. & A.L.",
    }
    assert all("Carter" not in (tmp_path / f"{c}.ics").read_text() for c in ("first", "initials"))


def test_programmes_with_minors_default_to_first_names(pair, tmp_path):
    from mentordesk.services import meetings

    assert meetings.calendar_names(pair.programme.id) == "full"  # adults only
    pair.mentee.date_of_birth = date.today().replace(year=date.today().year - 14, day=1)
    pair.mentee.save()
    assert meetings.calendar_names(pair.programme.id) == "first"
    schedule.schedule_meeting(pair.match.id, TUE, TUE + HOUR)
    export_ics(tmp_path / "minors.ics", programme_id=pair.programme.id)
    (event,) = _events(_read(tmp_path / "minors.ics"))
    assert str(event["summary"]) == "Mentoring: Sam & Ana"
    with pytest.raises(ExportError, match="one of full, first, initials"):
        meetings.set_calendar_names(pair.programme.id, "surnames")
