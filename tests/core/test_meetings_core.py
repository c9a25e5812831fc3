"""Pure meeting logic: recurrence, validation, conflicts, free slots, cadence, time-zone rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

from mentordesk.core.meetings.cadence import CadenceRules, MatchActivity, OverdueKind, check_rules, overdue
from mentordesk.core.meetings.conflicts import (
    Booking,
    ConflictKind,
    PersonCalendar,
    WeeklyWindow,
    common_windows,
    conflicts_at,
    suggest_slots,
)
from mentordesk.core.meetings.recurrence import (
    DateSpan,
    Recurrence,
    Repeat,
    expand,
    nth_weekday_of,
    plan_series,
    recurrence_of,
    rule_text,
    truncate_rule,
    utc_offset_minutes,
)
from mentordesk.core.meetings.time_zones import yearly_rules
from mentordesk.core.meetings.validation import check_local_times, check_recurrence, check_times

TUE = datetime(2027, 1, 12, 16, 0)  # the second Tuesday of January 2027


# -- recurrence ----------------------------------------------------------------------------------


def test_weekly_until_a_date_includes_the_last_day():
    plan = plan_series(TUE, Recurrence(Repeat.WEEKLY, until=date(2027, 2, 2)))
    assert plan.meetings == [TUE + timedelta(weeks=n) for n in range(4)]
    assert "FREQ=WEEKLY" in plan.rule and "BYDAY=TU" in plan.rule and "UNTIL=20270202T235959" in plan.rule


def test_fortnightly_n_times():
    plan = plan_series(TUE, Recurrence(Repeat.FORTNIGHTLY, count=5))
    assert plan.meetings == [TUE + timedelta(weeks=2 * n) for n in range(5)]
    assert "INTERVAL=2" in plan.rule and "COUNT=5" in plan.rule


def test_monthly_on_the_nth_weekday_keeps_that_weekday():
    plan = plan_series(TUE, Recurrence(Repeat.MONTHLY_NTH_WEEKDAY, count=6))
    assert all(m.weekday() == 1 and nth_weekday_of(m.date()) == 2 for m in plan.meetings)
    assert [m.month for m in plan.meetings] == [1, 2, 3, 4, 5, 6]
    assert "BYDAY=2TU" in plan.rule


def test_monthly_on_a_fifth_weekday_means_the_last():
    fifth = datetime(2027, 3, 30, 16)  # the fifth (and last) Tuesday of March 2027
    plan = plan_series(fifth, Recurrence(Repeat.MONTHLY_NTH_WEEKDAY, count=3))
    assert "BYDAY=-1TU" in plan.rule
    assert [m.date() for m in plan.meetings] == [date(2027, 3, 30), date(2027, 4, 27), date(2027, 5, 25)]


def test_term_breaks_and_away_dates_are_skipped_and_do_not_count():
    half_term = DateSpan(date(2027, 2, 15), date(2027, 2, 19), "Half term")
    away = DateSpan(date(2027, 1, 26), date(2027, 1, 26), "Sam away")
    plan = plan_series(TUE, Recurrence(Repeat.WEEKLY, count=4), [half_term, away])
    assert [m.date() for m in plan.meetings] == [
        date(2027, 1, 12),
        date(2027, 1, 19),
        date(2027, 2, 2),
        date(2027, 2, 9),
    ]
    assert [(s.day, s.reason) for s in plan.skipped] == [(date(2027, 1, 26), "Sam away")]
    # iCalendar's COUNT counts the excluded dates too, so other calendars show the same 4 meetings.
    assert "COUNT=5" in plan.rule
    generated = expand(plan.rule, plan.starts_at)
    assert len([g for g in generated if g.date() not in {s.day for s in plan.skipped}]) == 4


def test_rule_round_trips_to_the_dialog_choices():
    for recurrence in (
        Recurrence(Repeat.WEEKLY, count=3),
        Recurrence(Repeat.FORTNIGHTLY, until=date(2027, 6, 1)),
        Recurrence(Repeat.MONTHLY_NTH_WEEKDAY, count=4, nth=2),
    ):
        assert recurrence_of(rule_text(recurrence, TUE), TUE) == recurrence


def test_truncated_rule_ends_before_the_cut():
    rule = rule_text(Recurrence(Repeat.WEEKLY, count=10), TUE)
    cut = TUE + timedelta(weeks=3)
    shorter = truncate_rule(rule, cut)
    assert "COUNT" not in shorter
    assert expand(shorter, TUE) == [TUE + timedelta(weeks=n) for n in range(3)]


def test_series_across_the_clocks_going_forward_stays_at_the_same_local_hour():
    start = datetime(2027, 3, 16, 16, 0)  # British Summer Time starts on 28 March 2027
    plan = plan_series(start, Recurrence(Repeat.WEEKLY, count=4))
    assert {m.hour for m in plan.meetings} == {16}
    offsets = [utc_offset_minutes(m, "Europe/London") for m in plan.meetings]
    assert offsets == [0, 0, 60, 60]
    utc_hours = [
        m.replace(tzinfo=ZoneInfo("Europe/London")).astimezone(ZoneInfo("UTC")).hour for m in plan.meetings
    ]
    assert utc_hours == [16, 16, 15, 15]


@settings(max_examples=40, deadline=None)
@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=7, max_value=20),
    st.sampled_from(list(Repeat)[1:]),
    st.integers(min_value=1, max_value=30),
)
def test_every_occurrence_keeps_the_wall_clock_time(day, hour, repeat, count):
    start = datetime(day.year, day.month, day.day, hour, 30)
    plan = plan_series(start, Recurrence(repeat, count=count))
    assert len(plan.meetings) == count
    assert all((m.hour, m.minute) == (hour, 30) for m in plan.meetings)
    assert all(m.weekday() == start.weekday() for m in plan.meetings)


def test_plan_refuses_a_rule_without_end():
    with pytest.raises(ValueError, match="needs an end"):
        plan_series(TUE, Recurrence(Repeat.WEEKLY))


# -- validation ----------------------------------------------------------------------------------


def test_end_before_start_is_refused_with_the_times():
    problems = check_times(TUE, TUE - timedelta(minutes=30))
    assert [p.field for p in problems] == ["end"]
    assert "ends (12 Jan 15:30) before it starts (12 Jan 16:00)" in problems[0].message


def test_zero_minute_meeting_is_refused():
    problems = check_times(TUE, TUE)
    assert problems and "0 minutes" in problems[0].message


@pytest.mark.parametrize("hours", [24, 30])
def test_a_meeting_of_a_day_or_more_is_refused(hours):
    problems = check_times(TUE, TUE + timedelta(hours=hours))
    assert problems and "shorter than 24 hours" in problems[0].message


def test_a_long_but_sane_meeting_is_fine():
    assert check_times(TUE, TUE + timedelta(hours=23, minutes=59)) == []


def test_recurrence_with_no_end_is_refused():
    problems = check_recurrence(Recurrence(Repeat.WEEKLY), TUE)
    assert problems[0].field == "until"
    assert "needs an end" in problems[0].message


def test_recurrence_ending_before_it_starts_or_too_long_is_refused():
    assert (
        "before its first meeting"
        in check_recurrence(Recurrence(Repeat.WEEKLY, until=date(2026, 1, 1)), TUE)[0].message
    )
    assert "more than" in check_recurrence(Recurrence(Repeat.WEEKLY, until=date(2040, 1, 1)), TUE)[0].message
    assert check_recurrence(Recurrence(Repeat.WEEKLY, count=0), TUE)[0].field == "count"
    assert check_recurrence(Recurrence(Repeat.WEEKLY, until=date(2027, 2, 1), count=3), TUE)
    assert check_recurrence(Recurrence(Repeat.NONE), TUE) == []


def test_a_local_time_lost_when_the_clocks_go_forward_is_refused():
    gap = datetime(2027, 3, 28, 1, 30)
    problems = check_local_times([datetime(2027, 3, 21, 1, 30), gap], "Europe/London")
    assert problems and "does not exist" in problems[0].message and "28 Mar 2027" in problems[0].message


# -- conflicts and free slots ----------------------------------------------------------------------


def _sam(**kwargs) -> PersonCalendar:
    defaults = dict(availability=(WeeklyWindow(1, 15 * 60, 18 * 60), WeeklyWindow(3, 16 * 60, 17 * 60)))
    defaults.update(kwargs)
    return PersonCalendar(1, "Sam", **defaults)


def _ana(**kwargs) -> PersonCalendar:
    defaults = dict(availability=(WeeklyWindow(1, 16 * 60, 19 * 60),))
    defaults.update(kwargs)
    return PersonCalendar(2, "Ana", **defaults)


def test_double_booking_is_reported_per_person():
    other = Booking(TUE + timedelta(minutes=30), TUE + timedelta(minutes=90), 99, "with Kim")
    found = conflicts_at(TUE, TUE + timedelta(hours=1), [_sam(bookings=[other]), _ana()])
    assert [(c.kind, c.participant_id, c.meeting_id) for c in found] == [(ConflictKind.DOUBLE_BOOKED, 1, 99)]
    assert "Sam is already booked" in found[0].message and "with Kim" in found[0].message


def test_back_to_back_meetings_do_not_conflict_and_the_edited_meeting_is_ignored():
    before = Booking(TUE - timedelta(hours=1), TUE, 5)
    same = Booking(TUE, TUE + timedelta(hours=1), 6)
    people = [_sam(bookings=[before, same]), _ana()]
    assert conflicts_at(TUE, TUE + timedelta(hours=1), people, ignore_meeting_ids=frozenset({6})) == []


def test_outside_availability_names_the_person_and_their_windows():
    found = conflicts_at(TUE.replace(hour=18), TUE.replace(hour=19), [_sam(), _ana()])
    assert [c.participant_id for c in found] == [1]
    assert "outside Sam's availability (Tue 15:00-18:00, Thu 16:00-17:00)" in found[0].message


def test_people_without_availability_on_record_raise_no_availability_warning():
    nobody = PersonCalendar(3, "Lee")
    assert conflicts_at(TUE.replace(hour=6), TUE.replace(hour=7), [nobody]) == []


def test_away_dates_and_term_breaks_are_reported():
    away = DateSpan(date(2027, 1, 10), date(2027, 1, 14), "Holiday")
    half_term = DateSpan(date(2027, 1, 11), date(2027, 1, 15), "Spring half term")
    found = conflicts_at(TUE, TUE + timedelta(hours=1), [_sam(away=[away]), _ana()], [half_term])
    kinds = {c.kind for c in found}
    assert kinds == {ConflictKind.AWAY, ConflictKind.TERM_BREAK}
    assert any("Sam is away 10 Jan-14 Jan (Holiday)" in c.message for c in found)


def test_common_windows_intersect_everyone_with_availability():
    assert common_windows([_sam(), _ana()]) == {1: [(16 * 60, 18 * 60)]}
    assert common_windows([_sam(), PersonCalendar(3, "Lee")]) == {1: [(900, 1080)], 3: [(960, 1020)]}
    assert common_windows([PersonCalendar(3, "Lee")]) == {}


def test_suggestions_skip_bookings_away_days_and_term_breaks():
    monday = datetime(2027, 1, 11, 9, 0)
    busy = Booking(datetime(2027, 1, 12, 16, 0), datetime(2027, 1, 12, 17, 0), 1)
    away = DateSpan(date(2027, 1, 19), date(2027, 1, 19), "Dentist")
    half_term = DateSpan(date(2027, 1, 25), date(2027, 1, 29), "Half term")
    slots = suggest_slots(
        [_sam(bookings=[busy], away=[away]), _ana()], 60, monday, limit=3, term_breaks=[half_term]
    )
    assert slots == [
        datetime(2027, 1, 12, 17, 0),  # after the booked hour, within both windows
        datetime(2027, 2, 2, 16, 0),  # 19th away, 26th half term
        datetime(2027, 2, 9, 16, 0),
    ]


def test_suggestions_start_after_the_given_moment_on_the_step_grid():
    slots = suggest_slots([_sam(), _ana()], 30, datetime(2027, 1, 12, 16, 7), limit=1)
    assert slots == [datetime(2027, 1, 12, 16, 15)]


def test_no_suggestions_without_any_availability():
    assert suggest_slots([PersonCalendar(1, "Lee")], 60, TUE) == []


# -- cadence -------------------------------------------------------------------------------------

START = date(2027, 1, 4)


def test_default_rules_follow_common_practice_and_validate():
    rules = CadenceRules()
    assert (rules.meet_every_days, rules.first_checkin_days, rules.month_one_checkins) == (14, 14, 2)
    assert check_rules(rules) == []
    assert "out of range" in check_rules(CadenceRules(meet_every_days=0))[0]


def test_rules_from_settings_ignore_junk_and_use_fallbacks():
    assert CadenceRules.from_dict(None, meet_every_days=7).meet_every_days == 7
    assert CadenceRules.from_dict({"meet_every_days": 21, "bogus": 1}).meet_every_days == 21
    assert CadenceRules.from_dict({"meet_every_days": "soon"}) == CadenceRules()
    assert CadenceRules.from_dict({"checkin_every_days": 5000}) == CadenceRules()


def test_meeting_overdue_counts_days_past_the_cadence():
    activity = MatchActivity(
        1, START, last_meeting_on=date(2027, 2, 1), checkins=5, last_checkin_on=date(2027, 2, 20)
    )
    items = overdue(activity, CadenceRules(), date(2027, 2, 20))
    assert [(i.kind, i.days_overdue, i.due_on) for i in items] == [
        (OverdueKind.MEETING, 5, date(2027, 2, 15))
    ]
    assert items[0].problem == "No meeting held for 19 days (expected every 14)"
    assert overdue(activity, CadenceRules(), date(2027, 2, 15)) == []  # due today is not overdue


def test_a_match_that_never_met_is_overdue_from_its_start():
    items = overdue(
        MatchActivity(1, START, checkins=9, last_checkin_on=date(2027, 1, 30)),
        CadenceRules(),
        date(2027, 1, 30),
    )
    assert items[0].kind == OverdueKind.MEETING and items[0].days_overdue == 12


def test_first_checkin_is_due_within_two_weeks_of_the_start():
    activity = MatchActivity(1, START, last_meeting_on=date(2027, 1, 20))
    items = overdue(activity, CadenceRules(), date(2027, 1, 21))
    assert [(i.kind, i.days_overdue) for i in items] == [(OverdueKind.CHECKIN, 3)]
    assert "No coordinator check-in yet" in items[0].problem


def test_second_checkin_of_month_one_then_monthly_then_quarterly():
    rules = CadenceRules()
    one = MatchActivity(
        1, START, last_meeting_on=date(2027, 2, 4), checkins=1, last_checkin_on=date(2027, 1, 10)
    )
    late = overdue(one, rules, date(2027, 2, 10))
    assert [(i.kind, i.due_on, i.days_overdue) for i in late] == [(OverdueKind.CHECKIN, date(2027, 2, 3), 7)]
    assert "Only 1 of 2 check-ins in the first month" in late[0].problem
    two = MatchActivity(
        1, START, last_meeting_on=date(2027, 3, 1), checkins=2, last_checkin_on=date(2027, 1, 30)
    )
    assert overdue(two, rules, date(2027, 3, 1)) == []  # monthly: due 30 days after the last
    assert [(i.due_on, i.days_overdue) for i in overdue(two, rules, date(2027, 3, 3))] == [
        (date(2027, 3, 1), 2)
    ]
    year_two = MatchActivity(
        1, START, last_meeting_on=date(2028, 3, 1), checkins=14, last_checkin_on=date(2028, 1, 10)
    )
    assert overdue(year_two, rules, date(2028, 3, 1)) == []  # quarterly after the first year
    checkin = [i for i in overdue(year_two, rules, date(2028, 4, 15)) if i.kind == OverdueKind.CHECKIN]
    assert [(i.due_on, i.days_overdue) for i in checkin] == [(date(2028, 4, 9), 6)]


def test_custom_rules_change_the_dates():
    rules = CadenceRules(meet_every_days=7, first_checkin_days=3, month_one_checkins=1)
    activity = MatchActivity(1, START, last_meeting_on=date(2027, 1, 5))
    items = {i.kind: i.days_overdue for i in overdue(activity, rules, date(2027, 1, 14))}
    assert items == {OverdueKind.MEETING: 2, OverdueKind.CHECKIN: 7}


def test_past_meetings_without_an_outcome_are_flagged():
    activity = MatchActivity(
        1,
        START,
        last_meeting_on=date(2027, 1, 20),
        checkins=2,
        last_checkin_on=date(2027, 1, 20),
        unrecorded=2,
        oldest_unrecorded_on=date(2027, 1, 18),
    )
    items = overdue(activity, CadenceRules(), date(2027, 1, 25))
    assert [(i.kind, i.days_overdue, i.problem) for i in items] == [
        (OverdueKind.OUTCOME, 7, "2 past meetings have no outcome recorded")
    ]


# -- time-zone rules for .ics --------------------------------------------------------------------


def test_london_and_new_york_as_yearly_rules():
    london = yearly_rules("Europe/London", 2026, 2029)
    assert london is not None
    assert [(p.daylight, p.rule, p.local_start.hour) for p in london] == [
        (True, "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", 1),
        (False, "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", 2),
    ]
    new_york = yearly_rules("America/New_York", 2026, 2028)
    assert new_york is not None and [p.rule for p in new_york] == [
        "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
    ]


def test_zone_without_daylight_saving_has_one_part():
    tokyo = yearly_rules("Asia/Tokyo", 2026, 2027)
    assert tokyo is not None and len(tokyo) == 1 and tokyo[0].rule is None
    assert tokyo[0].offset_to == timedelta(hours=9)


def test_zone_that_changed_its_rules_is_not_forced_into_one_rule():
    # Turkey stopped daylight saving in 2016: 2015-2017 cannot be one yearly pair.
    assert yearly_rules("Europe/Istanbul", 2015, 2017) is None
