"""``mentordesk --db PATH documents ...``."""

from __future__ import annotations

from pathlib import Path

from mentordesk.cli import is_cli_invocation, main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Enrolment
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


def test_consent_form_for_an_adult_is_refused(tmp_path, capsys):
    db = tmp_path / "cli.db"
    open_database(db)
    programme = make_programme()
    adult = person("Priya", "Patel")
    make_match(programme, [person("Ann", "Lee")], [adult])
    Enrolment.create(participant=adult, programme=programme, role="mentee")
    close_database()
    out = tmp_path / "out"
    args = ["--db", str(db), "documents", "generate", "consent_form", "--participant", str(adult.id)]
    assert main([*args, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Priya Patel is 18 or over" in err and "Traceback" not in err
    assert not out.exists() or not list(out.glob("*.pdf"))


def test_consent_form_for_a_participant_warns_about_names_it_cannot_print(tmp_path, capsys, monkeypatch):
    from mentordesk.services.documents import fonts

    db = tmp_path / "cli.db"
    open_database(db)
    young = person("美咲", "佐藤", minor=True, guardian="Grace")
    programme = make_programme()
    make_match(programme, [person("Ann", "Lee")], [young])
    Enrolment.create(participant=young, programme=programme, role="mentee")
    close_database()
    monkeypatch.setattr(fonts, "fallback_font", lambda: None)  # no CJK font on this computer
    args = ["--db", str(db), "documents", "generate", "consent_form", "--participant", str(young.id)]
    assert main([*args, "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "warning: '美咲 佐藤' will not print correctly" in err
