"""``backup`` of a shared server: pg_dump's custom format when it is installed, else a logical export; each says which."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from mentordesk.cli import main
from mentordesk.services import protection
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Participant


def test_backup_uses_pg_dump_in_custom_format_private_to_the_user(pg_server, pg_database, tmp_path, capsys):
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed (Debian: postgresql-client)")
    url = pg_server.url(pg_database)
    assert main(["--db", url, "demo"]) == 0
    folder = tmp_path / "backups"
    capsys.readouterr()
    assert main(["--db", url, "backup", "--to", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "pg_dump custom format" in out and "pg_restore" in out
    (dump,) = folder.glob("*.dump")
    assert dump.stat().st_mode & 0o777 == 0o600 and folder.stat().st_mode & 0o777 == 0o700
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True)
    assert "TABLE DATA public participant" in listing.stdout  # pg_restore reads it: a real custom-format dump


def test_without_pg_dump_the_backup_is_a_verified_logical_export(pg_server, pg_database, tmp_path, monkeypatch, capsys):
    url = pg_server.url(pg_database)
    assert main(["--db", url, "demo"]) == 0
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump on this PATH
    folder = tmp_path / "backups"
    capsys.readouterr()
    assert main(["--db", url, "backup", "--to", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "logical export (pg_dump is not installed)" in out and "move-to" in out
    (export,) = folder.glob("*.mentordesk.db")
    assert export.stat().st_mode & 0o777 == 0o600
    open_database(url)
    on_server = Participant.select().count()
    close_database()
    open_database(export)
    assert Participant.select().count() == on_server > 10
    close_database()


def test_a_failing_pg_dump_falls_back_and_says_why(pg_server, pg_database, tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "pg_dump"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'pg_dump: error: aborting because of server version mismatch' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    open_database(pg_server.url(pg_database))
    made = protection.backup_server(folder=tmp_path / "out")
    close_database()
    assert made.method == "logical export" and "pg_dump failed: aborting because of server version" in made.note
    assert [p.name for p in (tmp_path / "out").iterdir()] == [made.path.name]  # no half-written .dump left


def test_the_backup_before_an_erasure_on_a_server_is_a_server_backup(pg_server, pg_database, tmp_path):
    from mentordesk import config

    open_database(pg_server.url(pg_database))
    made = protection.backup_before(tmp_path / "unused.db", "erase")
    close_database()
    assert made.parent == config.backup_dir() and made.is_file() and made.stat().st_mode & 0o777 == 0o600
    assert made.name.startswith(pg_database) and made.suffix in (".dump", ".db")
