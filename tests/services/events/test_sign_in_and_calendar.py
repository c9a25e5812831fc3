"""The sign-in sheet (read back with pypdf: every script's names) and the .ics file (read by icalendar)."""

from __future__ import annotations

import stat
from datetime import datetime

from icalendar import Calendar
from pypdf import PdfReader

from mentordesk.core.events import EventFields
from mentordesk.services import events
from tests.events_fixtures import NAMES, PAST, TODAY, make_scheme


def test_sign_in_sheet_lists_every_invitee_in_their_own_script(db, tmp_path):
    scheme = make_scheme()
    event_id = events.save_event(
        scheme.programme.id,
        EventFields(
            "training",
            "Mentor training; safeguarding, boundaries",
            PAST,
            120,
            "Room 12",
            "",
            2,
            "Safeguarding",
        ),
        invitee_ids=[p.id for p in scheme.people],
        today=TODAY,
    )
    path, count = events.write_sign_in_sheet(event_id, tmp_path / "out" / "sheet.pdf")
    assert count == len(NAMES)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = "".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "Mentor training; safeguarding, boundaries" in text and "Room 12" in text
    for first, *_ in NAMES:
        if first.isascii() or first[0] in "ZΑДŁ美":  # right-to-left names are drawn in visual order
            assert first in text, first


def test_ics_holds_each_event_once_in_utc_with_its_text_escaped(db, tmp_path):
    scheme = make_scheme()
    pid = scheme.programme.id
    events.save_event(
        pid, EventFields("celebration", "Party, with cake; and more", datetime(2026, 7, 1, 18)), today=TODAY
    )
    events.save_event(
        pid,
        EventFields(
            "training", "Training", datetime(2026, 1, 15, 9), 90, "Hall", "Bring ID", 1.5, "Boundaries"
        ),
        today=TODAY,
    )
    path, count = events.export_events_ics(pid, tmp_path / "events.ics")
    assert count == 2
    calendar = Calendar.from_ical(path.read_bytes())
    found = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(found) == {"Party, with cake; and more", "Training"}
    party = found["Party, with cake; and more"]
    assert party.decoded("DTSTART").isoformat() == "2026-07-01T17:00:00+00:00"  # BST in summer
    training = found["Training"]
    assert training.decoded("DTSTART").isoformat() == "2026-01-15T09:00:00+00:00"
    assert training.decoded("DTEND").isoformat() == "2026-01-15T10:30:00+00:00"
    assert "1.5 hours" in str(training["DESCRIPTION"]) and str(training["LOCATION"]) == "Hall"
    assert len({str(e["UID"]) for e in found.values()}) == 2
    again, _ = events.export_events_ics(pid, tmp_path / "again.ics")
    uids = {str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")}
    assert uids == {str(e["UID"]) for e in found.values()}  # importing again updates, never duplicates
