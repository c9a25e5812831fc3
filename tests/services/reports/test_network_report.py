"""The programme report of a network programme: each mentor-mentee link is one match, and the network
figures count the mentees those links serve (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.core.reports import MatchRow, Period, ReportRows, compute
from mentordesk.services import reports
from mentordesk.store.models import Match, MatchMember, Participant, Programme

pytestmark = pytest.mark.both_backends

PERIOD = Period(date(2026, 9, 1), date(2026, 10, 31))
TODAY = date(2026, 12, 1)


def _link(programme, mentor, mentee, status="active", closed_on=None):
    match = Match.create(programme=programme, status=status, started_on=date(2026, 9, 7), closed_on=closed_on)
    MatchMember.create(match=match, participant=mentor, role="mentor", focus_areas=["Careers"])
    MatchMember.create(match=match, participant=mentee, role="mentee")
    return match


def test_links_count_as_matches_and_mentees_once(db):
    programme = Programme.create(name="Network", kind="network", starts_on=date(2026, 9, 1))
    people = [Participant.create(first_name=n) for n in ("Zoë", "Ελένη", "Сергей", "美咲", "نور", "דוד")]
    a, b, c, zoe, eleni, other = people
    _link(programme, a, zoe)
    _link(programme, b, zoe)
    _link(programme, c, zoe, status="paused")
    _link(programme, a, eleni)
    _link(programme, b, other, status="closed", closed_on=date(2026, 10, 1))  # not open on 31 October
    Match.create(programme=programme, status="draft")  # a draft counts nowhere
    report = reports.programme_report(programme.id, PERIOD, today=TODAY).current
    f = report.figures
    # Each link is a match: four open (the paused one has no pause date recorded, so it reads as open).
    assert (f["matches_active"] + f["matches_paused"], f["matches_closed"]) == (4, 1)
    assert f["network_mentees"] == 2  # Zoë (three links) and Ελένη (one)
    assert f["network_mentors_per_mentee"] == 2.0  # 4 open links / 2 mentees
    assert report.lists["network_mentees"] == tuple(sorted((zoe.id, eleni.id)))


def test_other_kinds_have_no_network_figures():
    rows = ReportRows(today=TODAY, matches=(MatchRow(1, "active", date(2026, 9, 7), mentee_ids=(5,)),))
    f = compute(rows, PERIOD).figures
    assert f["network_mentees"] is None and f["network_mentors_per_mentee"] is None
    f = compute(ReportRows(today=TODAY, network=True), PERIOD).figures
    assert f["network_mentees"] == 0 and f["network_mentors_per_mentee"] is None
