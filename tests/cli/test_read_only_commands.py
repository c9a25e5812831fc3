"""Issue 13.12: read-only commands, run as real processes, leave the database file byte-identical."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT
from tests.roster_fixtures import GOOD_ROWS, roster_file


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _state(db: Path) -> tuple:
    """The file's bytes and its -wal's (an empty -wal holds nothing: the same as none)."""
    wal = db.with_name(db.name + "-wal")
    return _digest(db), _digest(wal) if wal.exists() and wal.stat().st_size else None


def _run(home: Path, db: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, MENTORDESK_HOME=str(home), PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("MENTORDESK_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "mentordesk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """A demo database made yesterday as far as its bookkeeping knows: no daily backup taken today."""
    folder = tmp_path_factory.mktemp("readonly")
    home, db = folder / "home", folder / "scheme.db"
    assert _run(home, db, "demo").returncode == 0
    return home, db


def _programme(home: Path, db: Path) -> str:
    import sqlite3

    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("SELECT name FROM programme ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        con.close()


COMMANDS = {
    "info": lambda out, p: ["info"],
    "export participants": lambda out, p: ["export", "participants", str(out / "p.csv"), "--programme", p],
    "export matches": lambda out, p: ["export", "matches", str(out / "m.csv"), "--programme", p],
    "export meetings": lambda out, p: ["export", "meetings", str(out / "mt.csv"), "--programme", p],
    "match --dry-run": lambda out, p: ["match", "--programme", p, "--dry-run"],
    "import --dry-run": lambda out, p: [
        "import",
        "participants",
        str(out / "in.csv"),
        "--programme",
        p,
        "--dry-run",
    ],
    "goals due": lambda out, p: ["goals", "due", "--programme", p],
    "goals export": lambda out, p: ["goals", "export", str(out / "g.csv"), "--programme", p],
    "meetings list": lambda out, p: ["meetings", "list"],
    "export meetings --ics": lambda out, p: [
        "export",
        "meetings",
        "--ics",
        str(out / "c.ics"),
        "--programme",
        p,
    ],
    "meetings overdue": lambda out, p: ["meetings", "overdue"],
    "documents list": lambda out, p: ["documents", "list"],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_read_only_commands_leave_the_file_byte_identical(demo_file, tmp_path, command):
    home, db = demo_file
    roster_file(tmp_path, [GOOD_ROWS[0]], name="in.csv")
    args = COMMANDS[command](tmp_path, _programme(home, db))
    if "--ics" in args:  # the database's first calendar export records the namespace of its events' UIDs
        assert _run(home, db, *args).returncode == 0
    backups_before = (
        sorted(p.name for p in (home / "data" / "backups").glob("*")) if (home / "data").exists() else []
    )
    before = _state(db)
    done = _run(home, db, *args)
    assert done.returncode in (0, 1), done.stderr  # 1: a dry run that finds problems
    assert "Traceback" not in done.stderr
    assert _state(db) == before, f"{command} changed the database file"
    backups_after = (
        sorted(p.name for p in (home / "data" / "backups").glob("*")) if (home / "data").exists() else []
    )
    assert backups_after == backups_before, f"{command} took a backup"


def test_a_writing_command_still_takes_the_daily_backup(tmp_path):
    home, db = tmp_path / "home", tmp_path / "scheme.db"
    assert _run(home, db, "demo").returncode == 0
    assert not list((home / "data" / "backups").glob("*auto*"))
    done = _run(
        home, db, "import", "participants", str(roster_file(tmp_path)), "--programme", _programme(home, db)
    )
    assert done.returncode == 0, done.stderr
    assert len(list((home / "data" / "backups").glob("*-auto.db"))) == 1
    assert len(list((home / "data" / "backups").glob("*-before-import.db"))) == 1
