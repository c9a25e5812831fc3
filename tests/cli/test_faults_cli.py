"""Faults of the machine end in one line naming the file and the fix, exit code 1, nothing half-written:
a full disk, a read-only database, a database another program keeps locked past the busy timeout."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentordesk.cli import main
from mentordesk.store import db as store_db
from tests import ROOT, protection_fixtures
from tests.protection_fixtures import file_digest


def big_roster(path: Path, rows: int = 3000) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["First name", "Last name", "E-mail", "Role", "Notes"])
        for i in range(rows):
            out.writerow([f"Person{i}", f"Family{i}", f"p{i}@example.org", "mentee", "n" * 2000])
    return path


demo_file = protection_fixtures.demo_file


def people(path: Path) -> int:
    store_db.open_database(path, backup=False)
    try:
        from mentordesk.store.models import Participant

        return Participant.select().count()
    finally:
        store_db.close_database()


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "cannot rollback" not in captured.err
    assert captured.err.count("\n") == 1, captured.err
    return captured.err


@pytest.fixture
def small_disk(tmp_path):
    """A real 3 MB file system (tmpfs): needs root, as on the test machine; skipped elsewhere."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_import_says_so_and_changes_nothing(demo_file, small_disk, tmp_path, capsys):
    target = small_disk / "scheme.db"
    shutil.copy(demo_file, target)
    roster = big_roster(tmp_path / "big.csv")
    assert main(["--db", str(target), "import", "participants", str(roster), "--programme", "1"]) == 1
    err = one_line_error(capsys)
    assert err.startswith(
        f"mentordesk: The disk is full: {target} could not be written, and nothing was changed."
    )
    assert f"Free some space on the disk holding {small_disk}" in err
    assert people(target) == 40  # not one row of the import: SQLite rolled the transaction back
    assert main(["--db", str(target), "check"]) == 0  # and the file is sound


def test_sqlite_reporting_a_full_file_is_the_same_message_not_cannot_rollback(
    demo_file, tmp_path, capsys, monkeypatch
):
    """SQLite's own SQLITE_FULL at the import's write (the file may not grow past a page limit)."""
    import sqlite3

    pages = sqlite3.connect(demo_file).execute("PRAGMA page_count").fetchone()[0]
    roster = big_roster(tmp_path / "big.csv", rows=400)
    monkeypatch.setitem(store_db.SQLITE_PRAGMAS, "max_page_count", pages + 20)
    before = people(demo_file)
    argv = ["--db", str(demo_file), "import", "participants", str(roster), "--programme", "1"]
    assert main(argv) == 1
    assert "The disk is full" in one_line_error(capsys)
    monkeypatch.delitem(store_db.SQLITE_PRAGMAS, "max_page_count")
    assert people(demo_file) == before


@pytest.fixture
def read_only_copy(demo_file, tmp_path):
    """The database on a read-only file system (root ignores file modes), else a 0444 file in a 0555 folder."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True
    )
    mounted = done.returncode == 0
    shutil.copy(demo_file, folder / "scheme.db")
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        (folder / "scheme.db").chmod(0o444)
        folder.chmod(0o555)
    yield folder / "scheme.db"
    if mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        folder.chmod(0o755)


@pytest.mark.parametrize(
    "command",
    [["info"], ["export", "participants", "OUT"], ["match", "--programme", "1"], ["backup"], ["check"]],
)
def test_a_read_only_database_gets_one_line_for_every_command(read_only_copy, tmp_path, capsys, command):
    before = file_digest(read_only_copy)
    argv = [str(tmp_path / "out.csv") if part == "OUT" else part for part in command]
    assert main(["--db", str(read_only_copy), *argv]) == 1
    err = one_line_error(capsys)
    assert f"{read_only_copy} cannot be written: the file or its folder is read-only" in err
    assert "copy the database to a folder you can write to" in err
    assert file_digest(read_only_copy) == before


LOCKER = textwrap.dedent(
    """
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(60)
    """
)


def test_a_database_locked_past_the_busy_timeout_says_who_to_close(demo_file, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(store_db.SQLITE_PRAGMAS, "busy_timeout", 300)  # the real wait is 5 s
    roster = big_roster(tmp_path / "small.csv", rows=3)
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(demo_file)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert locker.stdout.readline().strip() == "locked"
        argv = ["--db", str(demo_file), "import", "participants", str(roster), "--programme", "1"]
        assert main(argv) == 1
        err = one_line_error(capsys)
    finally:
        locker.kill()
        locker.wait()
        locker.stdout.close()
    assert f"{demo_file} is busy: another program kept it locked" in err and "then try again" in err
    assert people(demo_file) == 40


def test_two_processes_starting_in_the_same_second_never_end_in_a_traceback(demo_file, tmp_path):
    """Both want the daily backup and a write: one holds the file, the other says so in one line."""
    import os

    env = {**os.environ, "MENTORDESK_HOME": str(tmp_path / "home")}
    roster = big_roster(tmp_path / "small.csv", rows=3)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "mentordesk", "--db", str(demo_file), *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in (["backup"], ["import", "participants", str(roster), "--programme", "1"], ["backup"])
    ]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for code, _out, err in results:
        assert "Traceback" not in err, err
        assert code == 0 or (code == 1 and err.count("\n") == 1 and "is open in another MentorDesk" in err)
    assert any(code == 0 for code, _, _ in results)
    backups = sorted((tmp_path / "home").rglob("scheme-*.db"))
    for backup in backups:  # every backup written is whole
        copy = store_db.make_database(backup)
        assert store_db.integrity_problems(copy) == []
        copy.close()
