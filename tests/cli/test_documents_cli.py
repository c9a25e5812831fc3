"""``mentordesk --db PATH documents ...``."""

from __future__ import annotations

from pathlib import Path

from mentordesk.cli import is_cli_invocation, main
from mentordesk.store.db import close_database, open_database
from tests.documents_fixtures import make_match, make_programme, pdf_text, person, standard_match


def _database(path):
    open_database(path)
    match = standard_match()
    other = make_match(match.programme, [person("Björn", "Larsen")], [person("Ewa", "Nowak", minor=True)])
    ids = (match.id, other.id)
    close_database()
    return ids


def test_agreements_for_new_matches_then_nothing_left(tmp_path, capsys):
    db = tmp_path / "cli.db"
    _database(db)
    out = tmp_path / "out"
    assert is_cli_invocation(["--db", str(db), "documents", "agreements"])
    assert main(["--db", str(db), "documents", "agreements", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "2 agreements written."
    files = sorted(out.glob("*.pdf"))
    assert len(files) == 2 and {str(f) for f in files} == set(lines[:2])
    assert "Zoë Ó'Brien" in pdf_text(next(f for f in files if "Zoë" in f.name))
    assert main(["--db", str(db), "documents", "agreements", "--out", str(out)]) == 0
    assert "No new matches need an agreement" in capsys.readouterr().out
    assert main(["--db", str(db), "documents", "agreements", "--all", "--combined", "--out", str(out)]) == 0
    assert "2 agreements written." in capsys.readouterr().out
    assert len(list(out.glob("*2 matches*.pdf"))) == 1


def test_one_match_and_a_missing_match(tmp_path, capsys):
    db = tmp_path / "cli.db"
    first, _second = _database(db)
    out = tmp_path / "out"
    assert main(["--db", str(db), "documents", "agreements", "--out", str(out), "--match", str(first)]) == 0
    assert len(list(out.glob("*.pdf"))) == 1
    capsys.readouterr()
    assert main(["--db", str(db), "documents", "agreements", "--out", str(out), "--match", "999"]) == 1
    assert "No match with id 999" in capsys.readouterr().err
    assert len(list(out.glob("*.pdf"))) == 1


def test_other_kinds_listing_and_signing(tmp_path, capsys):
    db = tmp_path / "cli.db"
    first, _second = _database(db)
    out = tmp_path / "out"
    assert (
        main(
            [
                "--db",
                str(db),
                "documents",
                "generate",
                "goal_worksheet",
                "--match",
                str(first),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    path = capsys.readouterr().out.strip()
    assert "Goal worksheet" in path and "Speak up confidently" in pdf_text(Path(path))
    assert main(["--db", str(db), "documents", "generate", "closure_letter", "--match", str(first)]) == 1
    assert "close the match first" in capsys.readouterr().err
    main(["--db", str(db), "documents", "agreements", "--out", str(out), "--match", str(first)])
    capsys.readouterr()
    assert main(["--db", str(db), "documents", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Mentoring agreement" in listing and "Goal worksheet" in listing
    agreement_id = next(line for line in listing.splitlines() if "Mentoring agreement" in line).split()[0][1:]
    assert main(["--db", str(db), "documents", "sign", agreement_id, "--on", "2026-09-21"]) == 0
    assert main(["--db", str(db), "documents", "list"]) == 0
    assert "signed 2026-09-21" in capsys.readouterr().out
    assert main(["--db", str(db), "documents", "sign", agreement_id, "--on", "2999-01-01"]) == 1
    assert "future" in capsys.readouterr().err


def test_programme_filter_and_unknown_programme(tmp_path, capsys):
    db = tmp_path / "cli.db"
    open_database(db)
    make_programme("Empty one")
    close_database()
    assert main(["--db", str(db), "documents", "agreements", "--programme", "Nope"]) == 1
    assert "No programme called 'Nope'" in capsys.readouterr().err
    assert main(["--db", str(db), "documents", "agreements", "--programme", "Empty one"]) == 0
    assert "No new matches" in capsys.readouterr().out
