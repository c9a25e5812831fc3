"""The command line: backup, restore, backups, check, and opening encrypted databases."""

from __future__ import annotations

import io

import pytest

from mentordesk.cli import main
from mentordesk.services.protection import secrets
from mentordesk.store.db import close_database, is_encrypted_file, open_database
from mentordesk.store.models import Participant, Programme
from tests import protection_fixtures
from tests.protection_fixtures import PASSPHRASE, file_digest


@pytest.fixture(autouse=True)
def no_tty(monkeypatch):
    """Tests run without a terminal unless a test says otherwise."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.delenv("MENTORDESK_PASSPHRASE", raising=False)


demo_file = protection_fixtures.demo_file


def test_backup_then_restore_brings_the_rows_back(demo_file, tmp_path, capsys):
    target = tmp_path / "copies" / "before.db"
    assert main(["--db", str(demo_file), "backup", "--to", str(target)]) == 0
    assert "Backup written to" in capsys.readouterr().out and target.exists()
    open_database(demo_file)
    Programme.create(name="Added after the backup")
    close_database()
    assert main(["--db", str(demo_file), "restore", str(target)]) == 1
    assert "--yes" in capsys.readouterr().err  # no terminal to confirm in
    assert main(["--db", str(demo_file), "restore", str(target), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "participant" in out and "Restored" in out and "backed up in" in out
    open_database(demo_file)
    assert Programme.select().count() == 1 and Participant.select().count() == 40
    close_database()


def test_backup_into_the_backup_folder_and_list_them(demo_file, capsys):
    assert main(["--db", str(demo_file), "backups"]) == 0
    assert "No backups" in capsys.readouterr().out
    assert main(["--db", str(demo_file), "backup"]) == 0
    capsys.readouterr()
    assert main(["--db", str(demo_file), "backups"]) == 0
    assert "manual" in capsys.readouterr().out


def test_backup_refuses_a_folder_or_the_database_itself(demo_file, tmp_path, capsys):
    assert main(["--db", str(demo_file), "backup", "--to", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["--db", str(demo_file), "backup", "--to", str(demo_file)]) == 1
    assert "database itself" in capsys.readouterr().err


def test_restore_of_a_missing_file_says_how_to_list_backups(demo_file, tmp_path, capsys):
    assert main(["--db", str(demo_file), "restore", str(tmp_path / "nope.db"), "--yes"]) == 1
    assert "backups" in capsys.readouterr().err


def test_encrypted_database_needs_a_passphrase_and_says_where_from(tmp_path, capsys, monkeypatch):
    path = tmp_path / "secret.db"
    monkeypatch.setenv("MENTORDESK_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(path), "demo"]) == 0  # the variable asks for a new database to be encrypted
    assert is_encrypted_file(path)
    monkeypatch.delenv("MENTORDESK_PASSPHRASE")
    capsys.readouterr()
    before = file_digest(path)
    assert main(["--db", str(path), "info"]) == 1
    err = capsys.readouterr().err
    assert "encrypted" in err and "MENTORDESK_PASSPHRASE" in err
    monkeypatch.setenv("MENTORDESK_PASSPHRASE", "wrong passphrase")
    assert main(["--db", str(path), "info"]) == 1
    assert "does not open" in capsys.readouterr().err
    assert file_digest(path) == before
    monkeypatch.delenv("MENTORDESK_PASSPHRASE")
    secrets.store_passphrase(path, PASSPHRASE)  # the keyring is tried first
    assert main(["--db", str(path), "info"]) == 0
    assert "participant" in capsys.readouterr().out


def test_passphrase_prompt_on_a_terminal(tmp_path, capsys, monkeypatch):
    path = tmp_path / "secret.db"
    open_database(path, PASSPHRASE)
    close_database()

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSPHRASE)
    assert main(["--db", str(path), "check"]) == 0
    assert "ok" in capsys.readouterr().out


def test_damaged_database_names_the_backup_to_restore(demo_file, capsys):
    from tests.services.protection.test_protection_backup import damage

    assert main(["--db", str(demo_file), "backup"]) == 0
    capsys.readouterr()
    from mentordesk.services.protection import backups

    good = backups.list_entries(demo_file)[0].path
    damage(demo_file)
    before = file_digest(demo_file)
    assert main(["--db", str(demo_file), "check"]) == 1
    err = capsys.readouterr().err
    assert "integrity" in err and f"restore {good}" in err
    assert main(["--db", str(demo_file), "info"]) == 1
    assert f"restore {good}" in capsys.readouterr().err
    assert file_digest(demo_file) == before
    assert main(["--db", str(demo_file), "restore", str(good), "--yes"]) == 0
    assert "kept, unchanged" in capsys.readouterr().out
    assert main(["--db", str(demo_file), "check"]) == 0
