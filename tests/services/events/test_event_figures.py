"""The programme report counts events and attendance (on SQLite and PostgreSQL), in the CSV and the PDF."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pypdf import PdfReader

from mentordesk.core.events import EventFields
from mentordesk.core.reports import Period
from mentordesk.services import events, reports
from tests.events_fixtures import TODAY, make_scheme


@pytest.mark.both_backends
def test_report_counts_events_and_attendance(backend, db, tmp_path):
    scheme = make_scheme()
    pid = scheme.programme.id
    people = scheme.ids(0, 1, 2, 3)
    course = events.save_event(
        pid,
        EventFields("training", "Training", datetime(2026, 10, 5, 18), 120, "", "", 2, "Safeguarding"),
        invitee_ids=people,
        today=TODAY,
    )
    events.record_marks(
        course, dict(zip(people, ["attended", "attended", "apologies", "absent"], strict=True)), TODAY
    )
    party = events.save_event(
        pid, EventFields("celebration", "Party", datetime(2026, 11, 1, 16)), invitee_ids=people, today=TODAY
    )
    events.record_marks(party, dict.fromkeys(people[:3], "attended"), TODAY)  # one not marked: not counted
    events.save_event(pid, EventFields("group_session", "Before", datetime(2026, 8, 1, 16)), today=TODAY)
    events.save_event(pid, EventFields("group_session", "Next", datetime(2026, 11, 28, 16)), today=TODAY)
    report = reports.programme_report(pid, Period(date(2026, 9, 1), date(2026, 11, 30)), today=TODAY)
    f = report.current.figures
    # "Next" is after the as-of day (today), "Before" before the period.
    assert (f["events_held"], f["training_sessions_held"], f["event_attendances"]) == (2, 1, 5)
    assert f["event_attendance_pct"] == 71.4  # 5 attended of 7 marked
    assert report.current.lists["events_held"] == (course, party)
    assert report.previous is not None and report.previous.figures["events_held"] == 1
    assert report.previous.figures["event_attendance_pct"] is None  # nobody marked: no share, not 0
    rows = dict((key, value) for key, value, *_ in report.csv_rows())
    assert (rows["events_held"], rows["event_attendance_pct"], rows["event_attendance_pct"]) == (
        "2",
        "71.4",
        "71.4",
    )
    pdf = reports.write_report_pdf(report, tmp_path / "report.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "Events held" in text and "Event attendance (%)" in text
