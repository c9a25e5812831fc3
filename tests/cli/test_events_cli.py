"""``mentordesk events list / register / sign-in / ics`` on a small programme."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from mentordesk.cli import main
from mentordesk.core.events import EventFields
from mentordesk.services import events
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import EventInvitee, ScreeningCheck
from tests.events_fixtures import PAST, make_scheme


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "scheme.db"
    open_database(path)
    scheme = make_scheme()
    events.save_event(
        scheme.programme.id,
        EventFields("training", "Mentor training", PAST, 120, "Room 12", "", 2.0, "Safeguarding"),
        invitee_ids=scheme.ids(0, 1),
    )
    close_database()
    return path


def test_events_commands(path, tmp_path, capsys):
    db = ["--db", str(path)]
    assert main([*db, "events", "list"]) == 0
    out = capsys.readouterr().out
    assert "Mentor training (training session, Room 12): 2 invitees; 0 attended" in out
    register = tmp_path / "register.csv"
    register.write_text(
        "Name,Email,Mark\nZoë Ó'Brien,,present\n,p1@example.org,apologies\nДмитрий Иванов,,attended\n",
        encoding="utf-8",
    )
    assert main([*db, "events", "register", "mentor training", "--csv", str(register), "--dry-run"]) == 0
    assert "Would record 3 marks" in capsys.readouterr().out
    assert main([*db, "events", "register", "Mentor training", "--csv", str(register)]) == 0
    out = capsys.readouterr().out
    assert "Recorded 3 marks for 'Mentor training', 1 walk-in added; 2 training checks recorded" in out
    open_database(path)
    assert {i.participant.first_name: i.mark for i in EventInvitee.select()} == {
        "Zoë": "attended",
        "Αθηνά": "apologies",
        "Дмитрий": "attended",
    }
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 2
    close_database()
    sheet = tmp_path / "sheet.pdf"
    assert main([*db, "events", "sign-in", "1", "--out", str(sheet)]) == 0
    assert "3 names" in capsys.readouterr().out
    assert "Дмитрий Иванов" in PdfReader(str(sheet)).pages[0].extract_text()
    ics = tmp_path / "events.ics"
    assert main([*db, "events", "ics", "--out", str(ics)]) == 0
    assert [str(e["SUMMARY"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")] == [
        "Mentor training"
    ]


def test_a_bad_register_names_the_rows_and_records_nothing(path, tmp_path, capsys):
    db = ["--db", str(path)]
    register = tmp_path / "register.csv"
    register.write_text("name,mark\nZoë Ó'Brien,maybe\nNobody Known,attended\n", encoding="utf-8")
    assert main([*db, "events", "register", "Mentor training", "--csv", str(register)]) == 1
    err = capsys.readouterr().err
    assert "Row 2: 'maybe' is not a mark" in err
    register.write_text("name,mark\nNobody Known,attended\n", encoding="utf-8")
    assert main([*db, "events", "register", "Mentor training", "--csv", str(register)]) == 1
    err = capsys.readouterr().err
    assert "Row 2: nobody called 'Nobody Known' is enrolled" in err and "Nothing recorded" in err
    assert main([*db, "events", "register", "No such event", "--csv", str(register)]) == 1
    assert "No event titled 'No such event'" in capsys.readouterr().err
    open_database(path)
    assert {i.mark for i in EventInvitee.select()} == {""}
    close_database()
