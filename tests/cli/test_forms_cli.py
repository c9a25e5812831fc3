"""``mentordesk forms print`` and ``import participants FOLDER`` with returned PDF forms."""

from __future__ import annotations

from pypdf import PdfReader

from mentordesk.cli import is_cli_invocation, main
from tests.forms_fixtures import PEOPLE, fill, mentee_values


def test_print_fillable_fill_and_import_a_folder(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo"]) == 0
    assert is_cli_invocation(["--db", str(db), "forms", "print", "--role", "mentee", "--out", "f.pdf"])
    blank = tmp_path / "blank.pdf"
    assert (
        main(["--db", str(db), "forms", "print", "--role", "mentee", "--fillable", "--out", str(blank)]) == 0
    )
    assert "Wrote the fillable mentee application form" in capsys.readouterr().out
    assert PdfReader(blank).get_fields()["md_role"]["/V"] == "mentee"
    folder = tmp_path / "returned"
    folder.mkdir()
    for i, person in enumerate(PEOPLE[:3]):
        fill(blank, folder / f"{i}.pdf", mentee_values(*person))
    fill(blank, folder / "bad.pdf", mentee_values(*PEOPLE[3], date_of_birth="31/02/2012"))
    assert main(["--db", str(db), "import", "participants", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "(form bad.pdf), column 'Date of birth'" in err and "nothing was imported" in err
    (folder / "bad.pdf").unlink()
    assert main(["--db", str(db), "import", "participants", str(folder), "--dry-run"]) == 0
    assert "3 returned PDF forms" in capsys.readouterr().out
    assert main(["--db", str(db), "import", "participants", str(folder)]) == 0
    assert "3 added" in capsys.readouterr().out


def test_print_refuses_a_bad_role_and_name(tmp_path, capsys):
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo"]) == 0
    capsys.readouterr()
    assert (
        main(["--db", str(db), "forms", "print", "--role", "mentee", "--out", str(tmp_path / "f.txt")]) == 1
    )
    assert "ending in .pdf" in capsys.readouterr().err
    assert (
        main(["--db", str(db), "forms", "print", "--role", "mentee", "--out", str(tmp_path / "p.pdf")]) == 0
    )
    assert (tmp_path / "p.pdf").exists() and not PdfReader(tmp_path / "p.pdf").get_fields()
