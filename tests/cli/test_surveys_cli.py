"""``mentordesk surveys due / print / import / export`` on a small programme."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader, PdfWriter

from mentordesk.cli import main
from mentordesk.services import surveys
from mentordesk.store.db import close_database, open_database
from tests.surveys_fixtures import make_scheme


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "scheme.db"
    open_database(path)
    make_scheme()
    close_database()
    return path


def test_surveys_commands(path, tmp_path, capsys):
    db = ["--db", str(path)]
    assert main([*db, "surveys", "due"]) == 0
    assert "no surveys yet" in capsys.readouterr().out
    assert main([*db, "surveys", "add-builtins"]) == 0
    assert "Added 6 built-in surveys." in capsys.readouterr().out
    assert main([*db, "surveys", "due"]) == 0
    out = capsys.readouterr().out
    assert "First-month fit check (mentee): Ζωή Παπαδοπούλου (mentee)" in out and "overdue." in out
    out_dir = tmp_path / "forms"
    assert (
        main(
            [
                *db,
                "surveys",
                "print",
                "--survey",
                "first-month fit check (mentee)",
                "--out",
                str(out_dir),
                "--fillable",
            ]
        )
        == 0
    )
    assert "Wrote 3 PDFs" in capsys.readouterr().out
    form = sorted(out_dir.glob("*.pdf"))[0]
    writer = PdfWriter(clone_from=PdfReader(form))
    writer.update_page_form_field_values(
        writer.pages[0], {"q_fit": "/v1", "q_continue": "/no"}, auto_regenerate=False
    )
    returned = tmp_path / "returned.pdf"
    with open(returned, "wb") as handle:
        writer.write(handle)
    assert main([*db, "surveys", "import", str(returned), "--dry-run"]) == 0
    assert "Would import 1 response." in capsys.readouterr().out
    assert main([*db, "surveys", "import", str(returned)]) == 0
    assert "Imported 1 response." in capsys.readouterr().out
    assert main([*db, "surveys", "import", str(returned)]) == 1
    err = capsys.readouterr().err
    assert "returned.pdf: " in err and "imported before" in err and "Nothing imported: 1 problem" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("Email,Fit,Carry on\nmentee1@example.org,9,yes\n", encoding="utf-8")
    assert (
        main(
            [
                *db,
                "surveys",
                "import",
                str(bad),
                "--survey",
                "fit_check_mentee",
                "--map",
                "Email=email",
                "--map",
                "Fit=fit",
                "--map",
                "Carry on=continue",
            ]
        )
        == 1
    )
    assert "row 2: Question “How well are you getting on with your mentor?”: '9'" in capsys.readouterr().err
    export = tmp_path / "responses.csv"
    assert main([*db, "surveys", "export", str(export)]) == 0
    assert "Wrote 1 response" in capsys.readouterr().out
    [row] = list(csv.DictReader(io.StringIO(export.read_text(encoding="utf-8-sig"))))
    assert row["fit_check_mentee.fit"] == "1" and row["fit_check_mentee.continue"] == "No"
    assert main([*db, "surveys", "print", "--survey", "Nope", "--out", str(out_dir)]) == 1
    assert "No survey called 'Nope'" in capsys.readouterr().err
    open_database(path)
    assert len(surveys.list_responses(surveys.list_templates(1)[0].programme_id)) == 1
    close_database()
