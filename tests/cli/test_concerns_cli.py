"""``mentordesk concerns``: the lead's passphrase first (a prompt, or the variable), refused without it."""

from __future__ import annotations

from pypdf import PdfReader

from mentordesk.cli import main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import AuditEvent, Concern, Participant

PASS = "lead passphrase"


def demo(tmp_path, capsys, monkeypatch):
    path = tmp_path / "demo.db"
    main(["--db", str(path), "demo"])
    capsys.readouterr()
    return str(path)


def test_without_a_register_passphrase_the_register_says_how_to_set_one(tmp_path, capsys, monkeypatch):
    path = demo(tmp_path, capsys, monkeypatch)
    monkeypatch.delenv("MENTORDESK_REGISTER_PASSPHRASE", raising=False)
    assert main(["--db", path, "concerns", "list"]) == 1
    assert "set-passphrase" in capsys.readouterr().err
    # Non-interactive and no variable: refused, nothing set.
    assert main(["--db", path, "concerns", "set-passphrase"]) == 1
    assert "run this in a terminal" in capsys.readouterr().err.lower()
    monkeypatch.setenv("MENTORDESK_REGISTER_PASSPHRASE", "short")
    assert main(["--db", path, "concerns", "set-passphrase"]) == 1
    assert "at least 8" in capsys.readouterr().err


def test_list_show_add_and_summary_with_the_passphrase(tmp_path, capsys, monkeypatch):
    path = demo(tmp_path, capsys, monkeypatch)
    monkeypatch.setenv("MENTORDESK_REGISTER_PASSPHRASE", PASS)
    assert main(["--db", path, "concerns", "set-passphrase"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "concerns", "list"]) == 0
    out = capsys.readouterr().out
    assert "2 concern(s), 1 open." in out and "Online safety" in out and "Wellbeing" in out
    open_database(path)
    open_id = Concern.get(Concern.closed_on.is_null()).id
    mentee = Participant.get_by_id(Concern.get_by_id(open_id).mentee_id)
    close_database()
    assert main(["--db", path, "concerns", "show", str(open_id)]) == 0
    out = capsys.readouterr().out
    assert (
        f"Safeguarding concern #{open_id}" in out
        and mentee.last_name in out
        and "Guardian not informed" in out
    )
    # A concern without a category (or a description) is refused with the field named; nothing written.
    base = [
        "--db",
        path,
        "concerns",
        "add",
        "--raised-by",
        "Ms Okafor",
        "--about",
        "mentee",
        "--mentee",
        str(mentee.id),
    ]
    assert main([*base, "--category", "", "--description", "Said she was hit"]) == 1
    assert "Category: choose" in capsys.readouterr().err
    assert main([*base, "--category", "wellbeing", "--description", " "]) == 1
    assert "What was said or seen" in capsys.readouterr().err
    assert main([*base, "--category", "wellbeing", "--description", "x", "--raised-on", "2999-01-01"]) == 1
    assert "in the future" in capsys.readouterr().err
    assert main([*base, "--category", "disclosure", "--description", "Said she was hit at home"]) == 0
    assert "recorded" in capsys.readouterr().out
    out_pdf = tmp_path / "summary.pdf"
    assert main(["--db", path, "concerns", "summary", str(open_id), "--out", str(out_pdf)]) == 0
    assert "Safeguarding concern" in PdfReader(out_pdf).pages[0].extract_text()
    open_database(path)
    assert Concern.select().count() == 3
    views = (
        AuditEvent.select().where((AuditEvent.entity == "concern") & (AuditEvent.action == "view")).count()
    )
    assert views == 3  # the list, show and the summary
    close_database()


def test_a_wrong_passphrase_and_no_terminal_are_refused(tmp_path, capsys, monkeypatch):
    path = demo(tmp_path, capsys, monkeypatch)
    monkeypatch.setenv("MENTORDESK_REGISTER_PASSPHRASE", PASS)
    main(["--db", path, "concerns", "set-passphrase"])
    monkeypatch.setenv("MENTORDESK_REGISTER_PASSPHRASE", "not the passphrase")
    capsys.readouterr()
    assert main(["--db", path, "concerns", "list"]) == 1
    assert "not the register's passphrase" in capsys.readouterr().err
    monkeypatch.delenv("MENTORDESK_REGISTER_PASSPHRASE")
    assert main(["--db", path, "concerns", "show", "1"]) == 1  # stdin is not a terminal under pytest
    assert "run this in a terminal" in capsys.readouterr().err
    open_database(path)
    assert AuditEvent.select().where(AuditEvent.action == "unlock_refused").count() == 1
    assert (
        AuditEvent.select().where((AuditEvent.entity == "concern") & (AuditEvent.action == "view")).count()
        == 0
    )
    close_database()
