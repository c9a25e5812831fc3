"""``mentordesk board show / summary / outcome / recommend`` on a shadow board; refusals name the fix."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from mentordesk.cli import main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import BoardRecommendation
from tests.board_fixtures import TODAY, full_board
from tests.documents_fixtures import pdf_text


@pytest.fixture
def scheme(tmp_path):
    path = tmp_path / "board.db"
    open_database(path)
    b = full_board()
    ids = b.recommendations
    from mentordesk.services import programmes

    programmes.create_programme("Pairs", "one_to_one")
    close_database()
    return path, ids


def test_show_and_summary(scheme, tmp_path, capsys):
    path, ids = scheme
    db = ["--db", str(path)]
    main([*db, "info"])  # the day's first open (backup, bookkeeping) is behind us
    capsys.readouterr()
    before = path.read_bytes()
    assert main([*db, "board", "show", "-p", "Youth shadow board 2027"]) == 0
    out = capsys.readouterr().out
    assert "6 member(s), 2 sponsor(s), 2 session(s)" in out
    assert "Ελένη Παπαδοπούλου (mentee, ready; at 2 of 2 session(s))" in out
    assert f"#{ids[0]} 2027-01-19 Open the library until 18:00 [Accepted on 2027-02-01]" in out
    target = tmp_path / "out" / "board.pdf"
    assert main([*db, "board", "summary", "-p", "Youth shadow board 2027", str(target)]) == 0
    assert "Shadow board: Youth shadow board 2027" in pdf_text(target)
    assert path.read_bytes() == before  # reading commands leave the file as it was


def test_outcome_and_recommend(scheme, capsys, time_machine):
    time_machine.move_to(datetime.combine(TODAY, time(12, 0)))  # the board's dates are in the past
    path, ids = scheme
    db = ["--db", str(path)]
    assert main([*db, "board", "outcome", str(ids[3]), "accepted", "--on", "2026-01-01"]) == 1
    err = capsys.readouterr().err
    assert "is before the recommendation was made" in err and "Nothing was changed." in err
    assert (
        main([*db, "board", "outcome", str(ids[3]), "accepted", "--on", "2027-02-20", "--note", "Room 7"])
        == 0
    )
    assert "A quiet room at lunch: Accepted on 2027-02-20" in capsys.readouterr().out
    assert (
        main(
            [
                *db,
                "board",
                "recommend",
                "-p",
                "Youth shadow board 2027",
                "Later start",
                "--made-on",
                "2027-03-02",
            ]
        )
        == 0
    )
    assert "Added recommendation #" in capsys.readouterr().out
    assert main([*db, "board", "recommend", "-p", "Pairs", "Nothing"]) == 1
    assert "Pairs is a one to one programme" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*db, "board", "outcome", str(ids[3]), "accepted", "--on", "1 March"])
    assert "is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err
    open_database(path)
    try:
        row = BoardRecommendation.get_by_id(ids[3])
        assert (row.outcome, row.decided_on, row.outcome_note) == ("accepted", date(2027, 2, 20), "Room 7")
        assert BoardRecommendation.select().count() == 5
    finally:
        close_database()
