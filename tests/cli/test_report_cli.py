"""``mentordesk report``: figures printed, PDF and CSV written, an empty period reported, bad dates refused."""

from __future__ import annotations

import csv

import pytest
from pypdf import PdfReader

from mentordesk.cli import main
from mentordesk.store.db import close_database, open_database
from tests.services.reports.report_fixtures import build_programme


@pytest.fixture
def report_db(tmp_path):
    path = tmp_path / "report.db"
    open_database(str(path))
    build_programme("Report school")
    close_database()
    return path


def test_report_writes_pdf_and_csv(report_db, tmp_path, capsys):
    pdf, table = tmp_path / "out" / "report.pdf", tmp_path / "report.csv"
    args = ["--db", str(report_db), "report", "--programme", "Report school"]
    code = main([*args, "--from", "2026-09-01", "--to", "2026-10-31", "--pdf", str(pdf), "--csv", str(table)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Report school: 2026-09-01 to 2026-10-31" in out
    assert "Meetings held" in out and "Mentoring hours" in out
    with table.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["figure"]: row for row in csv.DictReader(handle)}
    assert rows["meetings_held"]["value"] == "7"
    assert rows["matches_started"] == {
        "figure": "matches_started",
        "value": "2",
        "period_start": "2026-09-01",
        "period_end": "2026-10-31",
    }
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Programme report: Report school" in text and "7 meetings held" in text


def test_an_empty_period_is_a_report_not_an_error(report_db, tmp_path, capsys):
    table = tmp_path / "empty.csv"
    args = [
        "--db",
        str(report_db),
        "report",
        "-p",
        "Report school",
        "--from",
        "2019-01-01",
        "--to",
        "2019-06-30",
    ]
    assert main([*args, "--csv", str(table)]) == 0
    assert "Nothing was recorded in this period" in capsys.readouterr().out
    assert "matches_active,0,2019-01-01,2019-06-30" in table.read_text(encoding="utf-8-sig")


def test_an_end_before_the_start_is_refused(report_db, tmp_path, capsys):
    pdf = tmp_path / "never.pdf"
    code = main(
        [
            "--db",
            str(report_db),
            "report",
            "-p",
            "Report school",
            "--from",
            "2026-10-01",
            "--to",
            "2026-09-01",
        ]
        + ["--pdf", str(pdf)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "The end date 2026-09-01 is before the start date 2026-10-01" in err
    assert "Traceback" not in err
    assert not pdf.exists()


def test_a_bad_date_is_named(report_db, capsys):
    assert main(["--db", str(report_db), "report", "-p", "Report school", "--from", "01/09/2026"]) == 2
    assert "--from '01/09/2026' is not a date: write it as YYYY-MM-DD" in capsys.readouterr().err


def test_an_unknown_programme_is_named(report_db, capsys):
    assert main(["--db", str(report_db), "report", "-p", "Nope"]) == 1
    assert "Nope" in capsys.readouterr().err


def test_files_go_into_new_folders_and_an_unwritable_place_is_named(report_db, tmp_path, capsys):
    table = tmp_path / "new" / "folder" / "r.csv"
    assert main(["--db", str(report_db), "report", "-p", "Report school", "--csv", str(table)]) == 0
    assert table.exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["--db", str(report_db), "report", "-p", "Report school", "--pdf", str(blocker / "r.pdf")])
    assert code == 1
    err = capsys.readouterr().err
    assert "Cannot write" in err and "Traceback" not in err
