"""Commands that join two areas: roster export hands meetings to the calendar export."""

from __future__ import annotations

from icalendar import Calendar

from mentordesk.cli import main


def test_export_meetings_as_ics_for_one_match(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo"]) == 0
    from mentordesk.store.db import open_database
    from mentordesk.store.models import Match, Meeting

    open_database(db)
    match = Match.select().where(Match.status == "active").first()
    surnames = {m.participant.last_name for m in match.members}
    expected = Meeting.select().where(Meeting.match == match).count()
    cancelled = Meeting.select().where((Meeting.match == match) & (Meeting.status == "cancelled")).count()
    from mentordesk.store.db import close_database

    close_database()
    capsys.readouterr()
    out = tmp_path / "match.ics"
    assert main(["--db", str(db), "export", "meetings", "--ics", str(out), "--match", str(match.id)]) == 0
    assert f"({expected} events)" in capsys.readouterr().out
    calendar = Calendar.from_ical(out.read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == expected
    # Cancelled meetings stay in the file, so a calendar that has them removes them.
    assert sum(1 for e in events if str(e.get("status")) == "CANCELLED") == cancelled
    assert calendar.walk("VTIMEZONE"), "time zone included for Outlook"
    # The demo is a school programme with minors: titles carry first names only.
    assert all(not any(s in str(e["summary"]) for s in surnames) for e in events)


def test_ics_needs_meetings_and_match_needs_ics(tmp_path, capsys):
    db = tmp_path / "demo.db"
    main(["--db", str(db), "demo"])
    capsys.readouterr()
    assert main(["--db", str(db), "export", "participants", "--ics", str(tmp_path / "x.ics")]) == 1
    assert "export meetings --ics" in capsys.readouterr().err
    assert main(["--db", str(db), "export", "meetings", str(tmp_path / "m.csv"), "--match", "1"]) == 1
    assert "--match goes with --ics" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()
