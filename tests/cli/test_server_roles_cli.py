"""``mentordesk server init | grant | access`` on the test suite's real PostgreSQL server."""

from __future__ import annotations

import peewee
import pytest

from mentordesk.cli import main
from mentordesk.store.db import close_database, open_database
from mentordesk.store.models import Participant


def test_init_prints_then_applies_and_grant_gives_a_programme(pg_server, pg_database, capsys, tmp_path):
    url = pg_server.url(pg_database)
    assert main(["--db", url, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", url, "server", "init"]) == 0
    printed = capsys.readouterr().out
    assert "CREATE ROLE mentordesk_coordinator NOLOGIN" in printed and "ENABLE ROW LEVEL SECURITY" in printed
    open_database(url, migrate=False)  # printing changed nothing on the server
    assert Participant._meta.database.execute_sql("SELECT to_regclass('programme_access')").fetchone() == (None,)
    close_database()
    assert main(["--db", url, "server", "init", "--apply"]) == 0
    assert "Roles, grants and row-level security are set up" in capsys.readouterr().out
    user = f"head_{pg_database}"
    assert main(["--db", url, "server", "grant", user, "--role", "viewer", "--programme", "Nowhere"]) == 1
    assert "No programme called 'Nowhere'" in capsys.readouterr().err
    programme = "Riverside Futures 2026/27 (demo)"
    assert main(["--db", url, "server", "grant", user, "--role", "viewer", "--programme", programme]) == 0
    out = capsys.readouterr().out
    assert f"{user} is now a MentorDesk viewer for {programme}" in out and f"\\password {user}" in out
    assert main(["--db", url, "server", "access"]) == 0
    assert f"{user:<24} viewer        {programme}" in capsys.readouterr().out
    # The head teacher reads the programme and cannot change it.
    open_database(pg_server.url(pg_database, user))
    assert Participant.select().count() > 10
    with pytest.raises(peewee.ProgrammingError, match="permission denied"):
        Participant.update(notes="").execute()
    close_database()
    assert main(["--db", pg_server.url(pg_database, user), "info"]) == 0
    assert f"Connected as: {user} (MentorDesk role: viewer)" in capsys.readouterr().out
    # Through the command line the refusal is one line naming the grant, never a traceback.
    assert main(["--db", pg_server.url(pg_database, user), "demo", "--force"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"mentordesk server grant {user} --role coordinator" in err


def test_server_commands_refuse_a_local_file(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "a.db"), "server", "init"]) == 1
    assert "'server' works on a shared server" in capsys.readouterr().err
