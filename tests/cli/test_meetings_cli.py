"""``mentordesk meetings overdue`` and ``meetings list``."""

from __future__ import annotations

from datetime import date

from mentordesk.cli import main


def test_overdue_lists_the_demo_matches_with_days(tmp_path, capsys):
    path = tmp_path / "demo.db"
    main(["--db", str(path), "demo"])
    capsys.readouterr()
    assert main(["--db", str(path), "meetings", "overdue"]) == 0
    out = capsys.readouterr().out
    assert "No meeting held since the start" in out
    lines = [line for line in out.splitlines()[1:] if line.strip() and not line.endswith("overdue.")]
    days = [int(line.split()[0]) for line in lines]
    assert days and days == sorted(days, reverse=True) and all(d > 0 for d in days)


def test_list_shows_the_coming_fortnight(tmp_path, capsys):
    path = tmp_path / "demo.db"
    main(["--db", str(path), "demo"])
    capsys.readouterr()
    assert (
        main(["--db", str(path), "meetings", "list", "--from", date.today().isoformat(), "--days", "28"]) == 0
    )
    out = capsys.readouterr().out
    assert "planned" in out and "meetings from" in out


def test_bad_input_is_named(tmp_path, capsys):
    path = tmp_path / "demo.db"
    main(["--db", str(path), "demo"])
    capsys.readouterr()
    assert main(["--db", str(path), "meetings", "list", "--from", "12/01/2027"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["--db", str(path), "meetings", "overdue", "--programme", "Nope"]) == 1
    assert "No programme called 'Nope'" in capsys.readouterr().err
    main(["--db", str(path), "demo", "--force"])
    capsys.readouterr()
    assert main(["--db", str(path), "meetings", "overdue"]) == 1
    assert "--programme" in capsys.readouterr().err
