"""Every report figure against a small hand-built set of rows, its answer worked out by hand below.

The period is 1 September - 31 October 2026 (61 days); "today" is 1 December, so the snapshot
figures are taken on 31 October. Matches should meet every 14 days.
"""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.core.reports import (
    FIGURE_KEYS,
    CheckinRow,
    ClearanceRow,
    EnrolmentRow,
    GoalRow,
    MatchRow,
    MeetingRow,
    Period,
    ReportRows,
    StatusChange,
    TrainingRow,
    activity_sentence,
    compute,
    goals_sentence,
    health_sentence,
    matches_sentence,
    pipeline_sentence,
    retention_sentence,
)
from mentordesk.core.reports.figures import status_on

D = date
PERIOD = Period(D(2026, 9, 1), D(2026, 10, 31))
TODAY = D(2026, 12, 1)

ENROLMENTS = (
    EnrolmentRow(1, 1, "mentor", "matched", D(2026, 6, 1)),
    EnrolmentRow(2, 2, "mentor", "matched", D(2026, 6, 1)),
    EnrolmentRow(3, 3, "mentor", "exited", D(2026, 1, 10), exited_on=D(2026, 8, 1)),  # left before the period
    EnrolmentRow(4, 4, "mentee", "matched", D(2026, 7, 1)),
    EnrolmentRow(5, 5, "mentee", "ready", D(2026, 9, 10)),
    EnrolmentRow(6, 6, "peer", "ready", D(2026, 11, 15)),  # joined after the period
    EnrolmentRow(7, 7, "mentee", "ready", D(2026, 8, 1)),  # no recorded history: status now
    EnrolmentRow(8, 8, "mentee", "matched", D(2026, 6, 1)),
    EnrolmentRow(9, 9, "mentee", "matched", D(2026, 6, 1)),
    EnrolmentRow(10, 10, "mentee", "matched", D(2026, 6, 1)),
)
CHANGES = (
    StatusChange(5, D(2026, 9, 10), None, "applied"),
    StatusChange(5, D(2026, 9, 20), "applied", "screening"),  # 10 days in applied
    StatusChange(5, D(2026, 10, 11), "screening", "ready"),  # 21 days in screening
    StatusChange(4, D(2026, 7, 1), None, "applied"),
    StatusChange(4, D(2026, 8, 15), "applied", "ready"),  # ended before the period: not counted
    StatusChange(4, D(2026, 9, 5), "ready", "matched"),  # 21 days in ready
)
CLEARANCE = (
    ClearanceRow(1, "mentor", "matched", check_expires_on=D(2026, 10, 1)),  # expired
    ClearanceRow(2, "mentor", "matched", check_expires_on=D(2026, 11, 20)),  # 20 days: expiring
    ClearanceRow(3, "mentor", "exited", check_expires_on=D(2026, 1, 1)),  # left: not chased
    ClearanceRow(4, "mentee", "matched", consent_missing=True),
    ClearanceRow(5, "mentee", "ready", check_expires_on=D(2026, 12, 1)),  # 31 days: not yet
)
MATCHES = (
    MatchRow(1, "active", D(2026, 5, 1), planned_end_on=D(2027, 5, 1)),
    MatchRow(2, "active", D(2026, 9, 15), members=4),  # a group of one mentor and three mentees
    MatchRow(3, "closed", D(2026, 3, 1), D(2026, 9, 30), D(2026, 9, 30), "planned", "Planned end"),
    MatchRow(4, "closed", D(2026, 10, 5), None, D(2026, 10, 5), "premature", "moved away"),  # same day
    MatchRow(5, "closed", D(2026, 6, 20), D(2027, 6, 1), D(2026, 9, 10), "premature", "Moved  away"),
    MatchRow(6, "paused", D(2026, 7, 1), paused_since=D(2026, 10, 15)),
    MatchRow(7, "paused", D(2026, 8, 1)),  # paused since a day nobody recorded
    MatchRow(8, "closed", D(2026, 1, 1), None, D(2026, 8, 20), "planned"),  # before the period
    MatchRow(9, "active", D(2026, 11, 10)),  # after the period
    MatchRow(10, "active", D(2026, 6, 1)),
)


def held(match_id: int, day: date, minutes: int = 60) -> MeetingRow:
    return MeetingRow(match_id, day, "held", minutes)


MEETINGS = (
    *(held(1, D(2026, m, d)) for m, d in ((9, 5), (9, 19), (10, 3), (10, 17), (10, 29))),
    held(2, D(2026, 9, 15)),
    held(2, D(2026, 10, 10), 90),
    held(3, D(2026, 9, 10), 50),
    *(held(6, D(2026, 9, d)) for d in (2, 16, 30)),
    held(8, D(2026, 8, 1)),
    held(10, D(2026, 8, 1)),
    MeetingRow(10, D(2026, 10, 20), "planned", 60),
    MeetingRow(10, D(2026, 10, 21), "cancelled", 60),
)
GOALS = (
    GoalRow(1, 1, "achieved", D(2026, 9, 20)),
    GoalRow(2, 1, "achieved", D(2026, 4, 1)),  # achieved before the period
    GoalRow(3, 2, "in_progress"),
    GoalRow(4, 3, "dropped"),
    GoalRow(5, 8, "achieved", D(2026, 8, 1)),  # its match did not run in the period
    GoalRow(6, 10, "not_started"),
    GoalRow(7, 1, "achieved"),  # achieved on a day nobody recorded
)
TRAINING = (
    TrainingRow(1, D(2026, 9, 10), 2.0),
    TrainingRow(2, D(2026, 10, 1), 1.5),
    TrainingRow(1, D(2026, 5, 1), 3.0),  # before the period
)
CHECKINS = (
    CheckinRow(1, D(2026, 5, 5)),  # match 1's month one: two check-ins
    CheckinRow(1, D(2026, 5, 20)),
    CheckinRow(1, D(2026, 9, 3)),
    CheckinRow(None, D(2026, 10, 10)),  # with a person, not a match
    CheckinRow(1, D(2026, 10, 12)),
    CheckinRow(2, D(2026, 8, 30)),  # before match 2 started: not one of its check-ins
)

ROWS = ReportRows(
    today=TODAY,
    meet_every_days=14,
    enrolments=ENROLMENTS,
    changes=CHANGES,
    clearance=CLEARANCE,
    matches=MATCHES,
    meetings=MEETINGS,
    goals=GOALS,
    training=TRAINING,
    checkins=CHECKINS,
)


@pytest.fixture(scope="module")
def report():
    return compute(ROWS, PERIOD)


def test_snapshot_day_is_the_period_end_or_today(report):
    assert report.as_of == D(2026, 10, 31)
    assert compute(ROWS, Period(D(2026, 11, 1), D(2026, 12, 31))).as_of == TODAY


def test_people_and_pipeline(report):
    f = report.figures
    # Mentors 1 and 2 (3 left on 1 August); mentees 4, 5, 7, 8, 9, 10 (6 joined in November).
    assert (f["participants_mentors"], f["participants_mentees"]) == (2, 6)
    # Waiting on 31 October: 5 (ready since 11 October: 20 days) and 7 (no history: since it enrolled on
    # 1 August, 91 days). Median of 20 and 91 = 55.5.
    assert f["mentees_waiting"] == 2
    assert report.lists["mentees_waiting"] == (5, 7)
    assert f["median_wait_days"] == 55.5
    # Stays ended in the period: applied 10 days (5), screening 21 (5), ready 21 (4).
    assert report.stage_days == {"applied": 10.0, "screening": 21.0, "ready": 21.0}
    assert report.pipeline == {
        ("mentor", "matched"): 2,
        ("mentor", "exited"): 1,
        ("mentee", "matched"): 4,  # 4 (since 5 September), 8, 9, 10
        ("mentee", "ready"): 2,
    }


def test_status_on_reads_the_history():
    enrolment = ENROLMENTS[3]  # 4: applied 1 July, ready 15 August, matched 5 September
    history = [c for c in CHANGES if c.enrolment_id == 4]
    assert status_on(enrolment, history, D(2026, 6, 30)) is None  # not enrolled yet
    assert status_on(enrolment, history, D(2026, 7, 15)) == "applied"
    assert status_on(enrolment, history, D(2026, 9, 4)) == "ready"
    # Without the creation event, the days before the first recorded move take that move's old status.
    only_move = [StatusChange(4, D(2026, 8, 15), "screening", "ready")]
    assert status_on(enrolment, only_move, D(2026, 8, 1)) == "screening"


def test_clearance_problems(report):
    f = report.figures
    assert (f["checks_expired"], f["checks_expiring"], f["consent_missing"]) == (1, 1, 1)
    assert report.lists["checks_expired"] == (1,)
    assert report.lists["checks_expiring"] == (2,)
    assert report.lists["consent_missing"] == (4,)


def test_matches(report):
    f = report.figures
    # Open on 31 October: 1, 2, 10 active; 6 and 7 paused. 3, 4 and 5 closed; 9 not started.
    assert f["matches_active"] == 3
    assert report.lists["matches_active"] == (1, 2, 10)
    assert f["matches_paused"] == 2
    # Started in the period: 2 (a group of four, counted once) and 4.
    assert f["matches_started"] == 2
    # Closed in the period: 3 (30 Sep, planned), 4 (5 Oct, same day it started), 5 (10 Sep); 8 closed in August.
    assert f["matches_closed"] == 3
    assert f["matches_closed_early"] == 2
    assert report.closures_by_reason == {"moved away": 2, "Planned end": 1}
    # Lengths: 3: 1 March → 30 September = 30+30+31+30+31+31+30 = 213 days; 4: 0; 5: 20 June → 10 September
    # = 10+31+31+10 = 82. Median 82.
    assert f["median_match_length_days"] == 82
    # Reached the planned end: 3 only, 1 of 3 = 33.3 %.
    assert f["retention_planned_end_pct"] == 33.3


def test_retention(report):
    f = report.figures
    # Ran in the period: 1, 2, 3, 4, 5, 6, 7, 10. 91 days old by 31 October: 1 (mark 31 Jul), 3 (31 May),
    # 5 (19 Sep), 6 (30 Sep), 7 (31 Oct), 10 (31 Aug). Closed before its mark: 5 (10 Sep). 5 of 6 = 83.3 %.
    assert f["retention_3m_pct"] == 83.3
    # 182 days old: 1 (mark 30 Oct) and 3 (30 Aug, closed 30 Sep: still going then). 2 of 2.
    assert f["retention_6m_pct"] == 100.0
    assert f["retention_12m_pct"] is None  # none is a year old
    curve = dict(report.retention_curve)
    assert curve[3] == 83.3
    assert curve[12] is None


def test_health(report):
    f = report.figures
    # 1: last held 29 Oct, next due 12 Nov: on track. 2: last held 10 Oct, due 24 Oct, 7 days late (≤ 14):
    # drifting. 10: last held 1 Aug, due 15 Aug, 77 days late: overdue. 6 and 7 are paused.
    assert (f["health_on_track"], f["health_drifting"], f["health_overdue"]) == (1, 1, 1)
    assert report.lists["health_drifting"] == (2,)
    assert report.lists["health_overdue"] == (10,)


def test_activity(report):
    f = report.figures
    # Held in the period: match 1 five, 2 two, 3 one, 6 three = 11 (Sep 2+1+1+3 = 7, Oct 3+1 = 4).
    assert f["meetings_held"] == 11
    assert report.meetings_per_month == {"2026-09": 7, "2026-10": 4}
    # Minutes: nine meetings of 60, one of 90, one of 50 = 680 → 11.3 hours.
    assert f["mentoring_hours"] == 11.3
    # Cadence (every 14 days): 1: 61-day window, expects 4, held 5: met. 2: 15 Sep-31 Oct = 47 days,
    # expects 3, held 2. 3: 1-30 Sep = 30 days, expects 2, held 1. 6: 1 Sep-15 Oct (paused) = 45 days,
    # expects 3, held 3: met. 10: expects 4, held none. 4 (1 day) and 5 (10 days) too short; 7 paused since
    # an unknown day. 2 of 5 = 40 %.
    assert (report.cadence_met, report.cadence_judged) == (2, 5)
    assert report.lists["cadence_met"] == (1, 6)
    assert f["cadence_met_pct"] == 40.0
    assert f["checkins_held"] == 3  # 3 September, 10 and 12 October


def test_checkins_against_the_standard(report):
    # Open and not paused on 31 October: 1, 2, 10. Match 1: two check-ins in month one, then 3 September
    # and 12 October; the next is due 30 days after the last, 11 November: kept. Match 2 (from
    # 15 September) has none of its own: the first was due by 29 September. Match 10 has none. 1 of 3.
    assert report.lists["checkins_kept"] == (1,)
    assert report.lists["checkins_behind"] == (2, 10)
    assert report.figures["checkins_standard_met_pct"] == 33.3


def test_a_checkin_naming_a_person_counts_for_their_matches():
    """As the dashboard's "check-in due" counts it: a check-in with match 2's mentee, logged against the
    person rather than the match, keeps match 2 to the standard (once, in checkins_held)."""
    from dataclasses import replace

    days = (D(2026, 9, 18), D(2026, 10, 1), D(2026, 10, 20))  # match 2 started on 15 September
    person = tuple(CheckinRow(None, day, via_person=(2,)) for day in days)
    changed = compute(replace(ROWS, checkins=(*CHECKINS, *person)), PERIOD)
    assert changed.lists["checkins_kept"] == (1, 2)
    assert changed.lists["checkins_behind"] == (10,)
    assert changed.figures["checkins_held"] == 6  # each check-in once


def test_goals_and_training(report):
    f = report.figures
    # Goals of matches that ran: 1, 2, 3, 4, 6, 7 (5 belongs to match 8). Achieved in the period: 1 and 7.
    assert (f["goals_achieved"], f["goals_in_progress"], f["goals_not_started"], f["goals_dropped"]) == (
        2,
        1,
        1,
        1,
    )
    assert f["training_hours"] == 3.5  # 2.0 + 1.5; the May training is outside


def test_every_key_is_computed(report):
    assert set(report.figures) == set(FIGURE_KEYS)


def test_narrative_sentences(report):
    assert activity_sentence(report) == (
        "11 meetings held, 11.3 hours of mentoring. 2 of 5 matches (40 %) met at least fortnightly. "
        "Coordinator check-ins were up to the standard for 1 of 3 active matches (33 %)."
    )
    assert (
        health_sentence(report)
        == "Of 3 active matches, 1 is on track, 1 drifting and 1 overdue for a meeting."
    )
    assert "2 matches started and 3 closed (2 early)" in matches_sentence(report)
    assert "median of 82 days" in matches_sentence(report)
    assert "2 mentors and 6 mentees took part" in pipeline_sentence(report)
    assert goals_sentence(report).startswith("2 goals achieved, 1 in progress")
    assert retention_sentence(report) == "Matches still going: 83 % at 3 months, 100 % at 6 months."


def test_no_rows_is_an_empty_report_not_an_error():
    report = compute(ReportRows(today=TODAY), PERIOD)
    assert report.empty
    assert report.figures["matches_active"] == 0
    assert report.figures["median_match_length_days"] is None
    assert report.figures["cadence_met_pct"] is None
    assert report.meetings_per_month == {"2026-09": 0, "2026-10": 0}
    assert health_sentence(report) == "No active matches to judge."
    assert not compute(ROWS, PERIOD).empty


def test_a_period_that_cuts_a_match_counts_only_its_part():
    # Match 1 runs from 1 May on; in September alone it started nothing, closed nothing and held two meetings.
    report = compute(ROWS, Period(D(2026, 9, 1), D(2026, 9, 30)))
    assert 1 not in report.lists["matches_started"]
    assert 1 not in report.lists["matches_closed"]
    assert report.meetings_per_month == {"2026-09": 7}
    # 3 closed on 30 September, the period's last day: closed in it, and not open on that day.
    assert 3 in report.lists["matches_closed"]
    assert 3 not in report.lists["matches_active"]


def test_a_match_started_and_closed_the_same_day():
    report = compute(ROWS, Period(D(2026, 10, 5), D(2026, 10, 5)))
    assert report.lists["matches_started"] == (4,)
    assert report.lists["matches_closed"] == (4,)
    assert report.figures["median_match_length_days"] == 0


def test_previous_period_has_the_same_length():
    before = PERIOD.previous()
    assert before == Period(D(2026, 7, 2), D(2026, 8, 31))
    assert before.days == PERIOD.days == 61


def test_the_lists_behind_the_charts(report):
    # Pipeline bars open the people in them; closure bars the matches closed for that reason (the most
    # frequent first); goal bars the matches with such a goal.
    assert report.lists["pipeline_mentee_ready"] == (5, 7)
    assert report.lists["pipeline_mentor_exited"] == (3,)
    assert report.lists["closed_reason_1"] == (4, 5)  # "moved away"
    assert report.lists["closed_reason_2"] == (3,)  # "Planned end"
    assert report.lists["goals_achieved"] == (1,)
    assert report.lists["goals_dropped"] == (3,)
    assert report.lists["matches_ran"] == (1, 2, 3, 4, 5, 6, 7, 10)


def test_the_readme_documents_every_figure_key():
    from tests import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [key for key in FIGURE_KEYS if f"| `{key}` |" not in readme]
    assert not missing, f"document these figure keys in README.md: {missing}"


def test_today_the_record_itself_is_the_status():
    # A change saved without an audit event (an old import, a bulk fix) must not leave today's figures
    # behind: from today on the enrolment's own status counts; earlier days still read the history.
    enrolment = EnrolmentRow(1, 1, "mentee", "matched", D(2026, 9, 1))
    history = [
        StatusChange(1, D(2026, 9, 1), None, "applied"),
        StatusChange(1, D(2026, 9, 10), "applied", "ready"),
    ]
    assert status_on(enrolment, history, TODAY, TODAY) == "matched"
    assert status_on(enrolment, history, D(2026, 10, 1), TODAY) == "ready"


def test_retention_in_one_pass_equals_the_definition_mark_by_mark():
    """still_going_by reads every mark off two sorted lists; the definition walks the matches per mark."""
    import random
    from datetime import timedelta

    from mentordesk.core.reports.figures import still_going_by
    from mentordesk.core.reports.rows import MatchRow

    def by_definition(matches, days, day):
        old = going = 0
        for m in matches:
            mark = m.started_on + timedelta(days=days)
            if mark > day:
                continue
            old += 1
            going += m.closed_on is None or m.closed_on >= mark
        return going, old

    rng = random.Random(16)
    day = date(2026, 12, 1)
    matches = []
    for n in range(300):
        start = day - timedelta(days=rng.randint(-20, 800))  # some not started yet
        closed = None if rng.random() < 0.4 else start + timedelta(days=rng.randint(-3, 500))
        matches.append(MatchRow(n, "closed" if closed else "active", start, closed_on=closed))
    marks = [0, 1, 30, 91, 182, 365, 730, 1000]
    assert still_going_by(matches, marks, day) == {d: by_definition(matches, d, day) for d in marks}
