"""``mentordesk speed``: an event, check-in with no-shows, the rounds, wishes, badges and a pair made a match."""

from __future__ import annotations

import stat

from mentordesk.cli import is_cli_invocation, main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Match
from tests.documents_fixtures import pdf_text
from tests.pairing_fixtures import make_programme, mentee, mentor


def _database(path) -> None:
    open_database(path)
    programme = make_programme("Speed night", kind="speed")
    for name in ["Ana", "Ben", "Ελένη", "Dmitri"]:
        mentee(programme, name)
    for name in ["Xia", "Yusuf", "Zofia"]:
        mentor(programme, name, capacity=2)
    close_database()


def test_a_speed_night_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "speed.db"
    _database(db)
    base = ["--db", str(db), "speed"]
    assert is_cli_invocation([*base, "events"])
    assert (
        main([*base, "event", "--date", "2026-03-12", "--rounds", "3", "--start", "18:30", "--venue", "Hall"])
        == 0
    )
    out = capsys.readouterr().out
    assert "4 mentees and 3 mentors invited" in out and "Table 1: Xia Mentor" in out
    assert (
        main([*base, "checkin", "ana mentee", "Ben Mentee", "Ελένη Mentee", "Xia Mentor", "Yusuf Mentor"])
        == 0
    )
    assert "Present 5, absent 0, not ticked in 2" in capsys.readouterr().out
    assert main([*base, "checkin", "--close", "--held", "0"]) == 0
    out = capsys.readouterr().out
    assert "2 marked as no-shows" in out and "Zofia" not in out and "Dmitri" not in out
    assert main([*base, "checkin", "Nobody"]) == 1
    assert "not invited" in capsys.readouterr().err
    assert main([*base, "rounds"]) == 0
    rounds_text = capsys.readouterr().out
    line = next(x for x in rounds_text.splitlines() if x.strip().startswith("Table 1: Xia Mentor — "))
    met = line.split("—")[1].strip()
    wishes = tmp_path / "wishes.csv"
    wishes.write_text(f"Participant,Meet again\n{met},Xia Mentor\nXia Mentor,{met}\n", encoding="utf-8")
    assert main([*base, "wishes", "--import", str(wishes)]) == 0
    assert "2 wishes to meet again from 2 people" in capsys.readouterr().out
    assert main([*base, "pair", "--mentee", met, "--mentor", "Xia"]) == 0
    assert "is active" in capsys.readouterr().out
    pdf = tmp_path / "out" / "badges.pdf"
    assert main([*base, "badges", "--out", str(pdf)]) == 0
    assert "7 badges written" in capsys.readouterr().out
    assert "Ελένη Mentee" in pdf_text(pdf) and stat.S_IMODE(pdf.stat().st_mode) == 0o600
    cards = tmp_path / "cards.pdf"
    assert main([*base, "cards", "--out", str(cards)]) == 0
    assert "2 table cards" in capsys.readouterr().out  # Zofia did not come: no card for an empty table
    assert main([*base, "event", "--date", "12/03/2026"]) == 1
    assert "--date" in capsys.readouterr().err


def test_pairing_someone_not_met_is_refused_and_nothing_changes(tmp_path, capsys):
    db = tmp_path / "speed.db"
    _database(db)
    base = ["--db", str(db), "speed"]
    assert main([*base, "event", "--date", "2026-03-12", "--rounds", "1"]) == 0
    rounds = capsys.readouterr().out
    line = next(x for x in rounds.splitlines() if x.strip().startswith("Table 1:"))
    met = line.split("—")[1].strip()
    other = next(n for n in ["Ana Mentee", "Ben Mentee", "Ελένη Mentee", "Dmitri Mentee"] if n not in rounds)
    assert main([*base, "pair", "--mentee", other, "--mentor", "Xia"]) == 1
    assert "did not meet" in capsys.readouterr().err
    assert main([*base, "pair", "--mentee", met, "--mentor", "Xia Mentor"]) == 0
    open_database(db)
    assert Match.select().where(Match.status == "active").count() == 1
    close_database()
