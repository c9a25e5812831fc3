"""One MentorDesk per database file, proven with real second processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from mentordesk.cli import main
from mentordesk.store import file_lock
from tests import ROOT, protection_fixtures
from tests.protection_fixtures import LOCK_HOLDER as HOLDER

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals")

demo_file = protection_fixtures.demo_file
start_holder, stop = protection_fixtures.start_lock_holder, protection_fixtures.stop_process


@pytest.fixture
def held(demo_file):
    child = start_holder(demo_file)
    yield child
    stop(child)


def test_the_lock_file_records_who_holds_it_and_is_private(held, demo_file):
    info = file_lock.read(demo_file)
    assert info.pid == held.pid and info.host and info.started
    assert oct(file_lock.lock_path(demo_file).stat().st_mode & 0o777) == "0o600"
    assert file_lock.holder(demo_file) == info


def test_a_writing_command_refuses_naming_the_holder_and_a_reading_one_runs(held, demo_file, capsys):
    roster = demo_file.with_name("roster.csv")
    roster.write_text("First name,Last name,Role\nNew,Person,mentee\n", encoding="utf-8")
    before = demo_file.read_bytes()
    assert main(["--db", str(demo_file), "import", "participants", str(roster), "--programme", "1"]) == 1
    err = capsys.readouterr().err
    assert f"scheme.db is open in another MentorDesk (by {file_lock.read(demo_file).user}" in err
    assert f"process {held.pid}" in err and "close it there, then open it for changes again" in err
    assert err.count("\n") == 1  # one line, no traceback
    assert main(["--db", str(demo_file), "info"]) == 0  # read-only commands still run
    assert "participant" in capsys.readouterr().out
    assert main(["--db", str(demo_file), "import", "participants", str(roster), "--dry-run"]) == 0
    assert demo_file.read_bytes() == before
    assert file_lock.read(demo_file).pid == held.pid  # nobody took the holder's lock


def test_restore_refuses_while_another_process_has_the_file_open(held, demo_file, tmp_path, capsys):
    backup = tmp_path / "older.db"
    backup.write_bytes(demo_file.read_bytes())
    before = demo_file.read_bytes()
    assert main(["--db", str(demo_file), "restore", "--yes", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "is open in another MentorDesk" in err and "then restore again. Nothing was changed." in err
    assert demo_file.read_bytes() == before


def test_changing_the_passphrase_refuses_while_another_process_has_the_file_open(held, demo_file):
    from mentordesk.services.protection import encryption
    from mentordesk.store.db import close_database, open_database

    open_database(demo_file)
    try:
        with pytest.raises(file_lock.DatabaseInUse, match="then change the passphrase again"):
            encryption.change("a long new passphrase", current=None)
    finally:
        close_database()
    assert demo_file.read_bytes()[:16] == b"SQLite format 3\x00"  # still plain: nothing was re-keyed


def test_a_lock_left_by_a_killed_process_is_taken_over(demo_file, capsys):
    child = start_holder(demo_file)
    os.kill(child.pid, signal.SIGKILL)
    stop(child)
    assert file_lock.lock_path(demo_file).exists() and file_lock.holder(demo_file) is None
    roster = demo_file.with_name("roster.csv")
    roster.write_text("First name,Last name,Role\nNew,Person,mentee\n", encoding="utf-8")
    assert main(["--db", str(demo_file), "import", "participants", str(roster), "--programme", "1"]) == 0
    assert not file_lock.lock_path(demo_file).exists()  # released when the command ended


def test_two_processes_starting_together_one_wins(demo_file):
    children = [
        subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(demo_file), "5"], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    first_lines = sorted(c.stdout.readline().split(":")[0].strip() for c in children)
    for child in children:
        stop(child)
    assert first_lines == ["locked", "refused"]
