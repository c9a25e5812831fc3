"""The report service on a small database whose figures are worked out by hand (report_fixtures.py)."""

from __future__ import annotations

import csv

import pytest

from mentordesk.core.reports import FIGURE_KEYS, Period
from mentordesk.services import reports
from mentordesk.store import audit
from tests.services.reports.report_fixtures import PERIOD, TODAY, D, build_programme

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


@pytest.fixture
def built(db):
    return build_programme()


def test_figures_from_the_database(built):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    f = report.current.figures
    # Mentors Zoë and Ελένη; mentees Łukasz, 花子, ليلى, יעל.
    assert (f["participants_mentors"], f["participants_mentees"]) == (2, 4)
    # ليلى: ready since 11 October (audit trail), 20 days on 31 October.
    assert (f["mentees_waiting"], f["median_wait_days"]) == (1, 20)
    assert report.current.lists["mentees_waiting"] == (built["waiting"].id,)
    assert report.current.stage_days == {"applied": 31.0}  # 10 September -> 11 October
    # Zoë's check expired on 1 October, Ελένη's expires on 20 November; ليلى is a minor with no guardian.
    assert (f["checks_expired"], f["checks_expiring"], f["consent_missing"]) == (1, 1, 1)
    # The pair and the group (counted once) are active; the group and the same-day match started; the
    # same-day match closed early with length 0; the draft counts nowhere.
    assert (f["matches_active"], f["matches_started"], f["matches_closed"], f["matches_closed_early"]) == (
        2,
        2,
        1,
        1,
    )
    assert f["median_match_length_days"] == 0
    assert f["retention_planned_end_pct"] == 0.0
    assert report.current.closures_by_reason == {"moved away": 1}
    # Held: five of the pair's, two of the group's; 6 × 60 + 90 minutes = 7.5 hours.
    assert (f["meetings_held"], f["mentoring_hours"]) == (7, 7.5)
    assert report.current.meetings_per_month == {"2026-09": 3, "2026-10": 4}
    # Cadence: the pair met 5 times in 61 days (needs 4); the group twice in 47 (needs 3); 1 of 2.
    assert f["cadence_met_pct"] == 50.0
    # Health on 31 October: the pair met on 29 October; the group last on 10 October (7 days late).
    assert report.current.lists["health_on_track"] == (built["pair"].id,)
    assert report.current.lists["health_drifting"] == (built["group"].id,)
    assert (f["goals_achieved"], f["goals_in_progress"], f["training_hours"], f["checkins_held"]) == (
        1,
        1,
        2.0,
        1,
    )
    # The standard: the pair's one check-in (3 September) left its second month-one check-in overdue since
    # 31 May; the group has none. 0 of 2.
    assert f["checkins_standard_met_pct"] == 0.0
    assert report.current.lists["checkins_behind"] == tuple(sorted((built["pair"].id, built["group"].id)))


def test_the_previous_period_is_compared(built):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    assert report.previous is not None
    assert report.previous.period == Period(D(2026, 7, 2), D(2026, 8, 31))
    before = report.previous.figures
    # Only the pair ran (from 1 May), with no meeting; ليلى had not enrolled.
    assert (before["matches_active"], before["matches_started"], before["meetings_held"]) == (1, 0, 0)
    assert before["participants_mentees"] == 3
    # Its last meeting before September still counts for health in September.
    september = reports.programme_report(
        built["programme"].id, Period(D(2026, 9, 20), D(2026, 9, 30)), today=TODAY
    )
    assert built["pair"].id in september.current.lists["health_on_track"]


def test_a_status_saved_through_the_app_is_read_back(built):
    from mentordesk.store.models import Enrolment

    enrolment = Enrolment.get(Enrolment.participant == built["waiting"])
    enrolment.status = "matched"
    enrolment.save()
    assert audit.history("enrolment", enrolment.id)  # the app's own trail
    today = D.today()
    report = reports.programme_report(built["programme"].id, Period(today, today), today=today)
    assert report.current.figures["mentees_waiting"] == 0


def test_csv_has_one_row_per_figure(built, tmp_path):
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    target = reports.write_report_csv(report, tmp_path / "report.csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["figure", "value", "period_start", "period_end"]
    values = {r[0]: r[1] for r in rows[1:]}
    assert [r[0] for r in rows[1:]] == list(FIGURE_KEYS)
    assert {r[2] for r in rows[1:]} == {"2026-09-01"} and {r[3] for r in rows[1:]} == {"2026-10-31"}
    assert values["matches_active"] == "2"
    assert values["mentoring_hours"] == "7.5"
    assert values["retention_12m_pct"] == ""  # nothing old enough: no value, not 0
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_empty_programme_gives_an_empty_report(db):
    from mentordesk.store.models import Programme

    empty = Programme.create(name="Nothing yet")
    report = reports.programme_report(empty.id, PERIOD, today=TODAY)
    assert report.current.empty


def test_appendix_lists_matches_by_initials_only_when_asked(built):
    plain = reports.programme_report(built["programme"].id, PERIOD, today=TODAY)
    assert plain.appendix == ()
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY, appendix=True)
    by_id = {row.match_id: row.initials for row in report.appendix}
    assert by_id[built["pair"].id] == "Z.Ó. & Ł.K."
    assert by_id[built["group"].id] == "Ε.Π. & 花.佐. & י.כ."


def test_the_demo_fills_every_chart(demo_db):
    from datetime import date, timedelta

    from mentordesk.store.models import Programme

    programme = Programme.get(Programme.kind == "one_to_one")
    today = date.today()
    # The demo's story covers the last four months: its matches started, met, one closed.
    report = reports.programme_report(programme.id, Period(today - timedelta(days=120), today), today=today)
    now = report.current
    assert not now.empty
    assert now.figures["meetings_held"] > 0 and now.figures["matches_active"] > 0
    assert now.closures_by_reason  # the closure chart
    assert now.stage_days  # median days per stage, from the demo's status history
    assert sum(now.goals.values()) > 0
    assert any(value is not None for _months, value in now.retention_curve)
    assert now.figures["mentees_waiting"] > 0 and now.figures["median_wait_days"] is not None


def test_the_demo_report_csv_carries_the_before_and_after_measures(demo_db, tmp_path):
    """Issue 18: each outcome scale's pairs, mean change and share improved, after the figure keys."""
    from mentordesk.core.reports import this_term
    from mentordesk.services import demo, surveys

    programme_id = demo.main_programme_id()
    expected = surveys.outcome_figures(programme_id)
    assert expected["confidence"]["outcome_pairs"]  # the demo has people who answered both
    report = reports.programme_report(programme_id, this_term(TODAY))
    target = reports.write_report_csv(report, tmp_path / "report.csv")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    keys = [r[0] for r in rows]
    assert keys[: len(FIGURE_KEYS)] == list(FIGURE_KEYS)
    values = {r[0]: r[1] for r in rows}
    assert values["outcome_pairs.confidence"] == str(expected["confidence"]["outcome_pairs"])
    assert {"outcome_mean_change.belonging", "outcome_improved_pct.hope"} <= set(values)


def test_a_checkin_with_a_person_counts_for_their_match_as_on_the_dashboard(built):
    """A check-in logged against the group's mentee (not the match) is one of the group's check-ins,
    as the dashboard's "check-in due" counts it; checkins_held counts it once."""
    from datetime import datetime

    from mentordesk.services.reports import load_rows
    from mentordesk.store.models import ContactLog, MatchMember

    group = built["group"]
    mentee = MatchMember.get((MatchMember.match == group) & (MatchMember.role == "mentee")).participant
    ContactLog.create(programme=built["programme"], participant=mentee, contacted_at=datetime(2026, 10, 2, 9))
    rows = load_rows(built["programme"].id, PERIOD.start, PERIOD.end, TODAY)
    named = [c for c in rows.checkins if c.match_id is None]
    assert [c.via_person for c in named] == [(group.id,)]
    report = reports.programme_report(built["programme"].id, PERIOD, today=TODAY).current
    assert report.figures["checkins_held"] == 2


def test_the_dashboards_judged_clearance_gives_the_same_consent_figure(built):
    """The dashboard judges everyone's clearance once and hands it to the report rows: the consent
    figure read from it equals the one the report judges itself, for a minor without a guardian, one
    whose guardian withdrew permission and one with valid permission."""
    from mentordesk.services import participants
    from mentordesk.store.models import ConsentRecord, Enrolment, Guardian
    from tests.services.reports.report_fixtures import enrol, person

    p = built["programme"]
    withdrawn = person("Мария", "Иванова", D(2013, 1, 1))
    valid = person("Chen", "Wei", D(2014, 2, 2))
    for minor, withdrawn_on in ((withdrawn, D(2026, 10, 1)), (valid, None)):
        enrol(minor, p, "mentee", "screening", D(2026, 9, 1))
        Guardian.create(participant=minor, name="Guardian", relationship="parent")
        ConsentRecord.create(
            participant=minor,
            kind="parental_permission",
            given=True,
            given_on=D(2026, 9, 1),
            withdrawn_on=withdrawn_on,
        )
    facts = participants.screening_facts(p.id)
    judged = participants.clearance_map(p.id, TODAY, facts=facts)
    alone = reports.load_rows(p.id, PERIOD.start, TODAY, TODAY)
    shared = reports.load_rows(p.id, PERIOD.start, TODAY, TODAY, facts, judged)
    assert sorted(shared.clearance) == sorted(alone.clearance)
    missing = {row.participant_id for row in shared.clearance if row.consent_missing}
    assert missing == {built["waiting"].id, withdrawn.id}
    # The judged clearance is what is read (not judged again): a different verdict shows through.
    judged[valid.id] = judged[valid.id]._replace(guardian_consent_missing=True)
    again = reports.load_rows(p.id, PERIOD.start, TODAY, TODAY, facts, judged)
    assert {row.participant_id for row in again.clearance if row.consent_missing} == missing | {valid.id}
    assert Enrolment.select().where(Enrolment.programme == p).count() == 8
