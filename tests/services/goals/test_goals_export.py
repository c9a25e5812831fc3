"""CSV export of goals and reflections (roster conventions), and the ``goals`` commands."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from mentordesk.cli import main
from mentordesk.core.goals.rules import MilestoneDraft, ReflectionDraft
from mentordesk.services.goals import changes, export, reflections
from mentordesk.services.goals.rows import GoalError
from tests.goals_fixtures import TODAY, good_draft, make_match


@pytest.fixture
def pair(db):
    pair = make_match()
    changes.create_goal(
        pair.match.id,
        good_draft(title='=HYPERLINK("http://evil")', why='Says "hi", twice\nand a new line'),
        owner_id=pair.mentee.id,
        milestones=[
            MilestoneDraft("-1 step", TODAY + timedelta(days=3), TODAY - timedelta(days=1)),
            MilestoneDraft("@mention", TODAY - timedelta(days=2)),
        ],
        today=TODAY,
    )
    reflections.create_reflection(
        pair.match.id,
        ReflectionDraft(TODAY, successes="+44 called", challenges="-2 in maths", next_steps="Zoë's plan"),
        author_id=pair.mentee.id,
        today=TODAY,
    )
    return pair


def read_back(path):
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    return data, list(csv.DictReader(io.StringIO(text, newline="")))


def test_goal_export_neutralises_formulas_and_round_trips(pair, tmp_path):
    path = tmp_path / "goals.csv"
    assert export.export_goals(pair.programme.id, path, today=TODAY) == 1
    data, rows = read_back(path)
    assert data.startswith(b"\xef\xbb\xbf")
    header_line, _, body = data.partition(b"\r\n")
    assert header_line.endswith(b"created_on") and body.endswith(b"\r\n")
    [row] = rows
    assert list(row) == export.GOAL_COLUMNS
    assert row["goal"] == '\'=HYPERLINK("http://evil")'
    assert row["why_it_matters"] == 'Says "hi", twice\nand a new line'
    assert (
        row["mentors"] == "Zoë Ó'Brien" and row["mentees"] == "Priya Test0" and row["owner"] == "Priya Test0"
    )
    assert (row["progress_percent"], row["milestones_done"], row["milestones_total"]) == ("50", "1", "2")
    assert row["milestones_overdue"] == "1"
    assert "[x] -1 step (done 2026-11-25)" in row["milestones"] and "overdue" in row["milestones"]
    assert row["target_date"] == (TODAY + timedelta(days=90)).isoformat()
    assert row["review_reason"] == "scheduled review"


def test_reflection_export_without_bom(pair, tmp_path):
    path = tmp_path / "reflections.csv"
    assert export.export_reflections(pair.programme.id, path, bom=False) == 1
    data, rows = read_back(path)
    assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    [row] = rows
    assert list(row) == export.REFLECTION_COLUMNS
    assert row["successes"] == "'+44 called" and row["challenges"] == "'-2 in maths"
    assert row["next_steps"] == "Zoë's plan" and row["author_role"] == "mentee"


def test_export_to_a_missing_folder_says_so(pair, tmp_path):
    with pytest.raises(GoalError, match="does not exist"):
        export.export_goals(pair.programme.id, tmp_path / "nope" / "g.csv")
    with pytest.raises(GoalError, match="is a folder"):
        export.export_goals(pair.programme.id, tmp_path)


def test_cli_export_due_and_summary(pair, tmp_path, capsys, db):
    db_file = db.database
    out = tmp_path / "out.csv"
    assert main(["--db", db_file, "goals", "export", "--programme", "Year 10", str(out)]) == 0
    assert "Wrote 1 goal to" in capsys.readouterr().out
    assert read_back(out)[1][0]["goal"].startswith("'=")
    assert (
        main(["--db", db_file, "goals", "export", "-p", "Year 10", "--reflections", "--no-bom", str(out)])
        == 0
    )
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["--db", db_file, "goals", "export", "-p", "Nope", str(out)]) == 1
    assert "No programme called 'Nope'" in capsys.readouterr().err
    assert main(["--db", db_file, "goals", "due", "-p", "Year 10", "--within", "400"]) == 0
    assert "1 goal review due." in capsys.readouterr().out
    assert main(["--db", db_file, "goals", "due", "-p", "Year 10", "--within", "-1"]) == 1
    assert "--within" in capsys.readouterr().err
    assert main(["--db", db_file, "goals", "summary", "-p", "Year 10"]) == 0
    out_text = capsys.readouterr().out
    assert "Goals: 1" in out_text and "Reviews due:" in out_text


def test_benchmark_runs_in_quick_mode(tmp_path):
    from bench.bench_goals import run
    from bench.common import BenchEnv

    rows = run(BenchEnv(tmp_path, quick=True))
    assert [r.issue for r in rows] == [6, 6, 6]
    assert all(r.seconds > 0 and r.baseline_seconds > 0 and r.ratio for r in rows)
    assert "200 matches, 600 goals" in rows[0].note
