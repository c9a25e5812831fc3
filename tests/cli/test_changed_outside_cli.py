"""Issue 13.5 on the command line: a file changed since MentorDesk last closed it is reported, never backed up."""

from __future__ import annotations

import sqlite3

from mentordesk import config
from mentordesk.cli import main


def test_a_changed_file_is_reported_by_every_command_and_gets_no_daily_backup(tmp_path, capsys):
    path = tmp_path / "scheme.db"
    assert main(["--db", str(path), "demo"]) == 0
    con = sqlite3.connect(path)  # another program edits a note behind MentorDesk's back
    con.execute("UPDATE participant SET notes = 'edited elsewhere' WHERE id = 1")
    con.commit()
    programme = con.execute("SELECT name FROM programme ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    capsys.readouterr()
    for command in (["info"], ["check"], ["meetings", "overdue"], ["match", "--programme", programme]):
        assert main(["--db", str(path), *command]) == 0
        err = capsys.readouterr().err
        assert "scheme.db changed since MentorDesk last closed it" in err, command
    backups = config.backup_dir()
    assert not backups.exists() or not list(backups.glob("*-auto.db"))  # not even for the writing one
    assert main(["--db", str(path), "info"]) == 0  # the writing session accepted the file as it is now
    assert "changed since" not in capsys.readouterr().err
