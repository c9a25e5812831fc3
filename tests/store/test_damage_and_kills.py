"""Issue 13.5 and the kill tests: flipped bytes never crash or slip through; killed backups and restores
leave the database and the backup folder consistent. ``bench/reliability.py`` runs more cases."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from mentordesk.services.protection import backups
from mentordesk.store import checksum
from mentordesk.store.db import DatabaseDamaged, close_database, open_database
from mentordesk.store.models import Participant
from tests import fault_trials
from tests.protection_fixtures import add_marker_person


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pristine")
    path = folder / "demo.db"
    rows = fault_trials.make_demo_file(path)
    return path, rows


def test_a_clean_close_records_a_checksum_that_the_next_open_verifies(tmp_path):
    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person()
    assert not checksum.record_path(path).exists()  # a writing session has no record: a crash leaves none
    close_database()
    assert checksum.verify(path) is checksum.SinceClose.SAME
    assert not open_database(path).changed_outside
    close_database()


def test_a_changed_text_value_passes_sqlites_checks_but_is_reported(tmp_path):
    """A flip inside a note: integrity_check passes it, only the checksum sees it."""
    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person(notes="Prefers quiet rooms")
    close_database()
    data = path.read_bytes()
    at = data.index(b"Prefers quiet")
    path.write_bytes(data[:at] + b"X" + data[at + 1 :])  # a valid UTF-8 change of one byte
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    db = open_database(path)
    assert db.changed_outside
    assert backups.auto_backup_if_due(path) is None  # never the daily copy of a file that changed
    assert not list(backups.list_entries(path))


def test_text_that_is_not_utf8_is_damage_and_gets_no_backup(tmp_path):
    """The file 13.5 found: a decode error was not damage, so the daily backup copied the bad file."""
    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person()
    close_database()
    checksum.forget(path)  # as a file from elsewhere: no record to compare
    data = path.read_bytes()
    at = data.index("Zoë".encode()) + 2  # the first byte of "ë"
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    assert any("UTF-8" in p for p in caught.value.problems)
    assert not any("Zo" in p for p in caught.value.problems)  # no value quoted: messages may be logged
    assert not list(backups.list_entries(path))


def test_a_deferred_open_compares_the_checksum_on_the_worker_and_reads_every_row(tmp_path):
    """The window's open (``defer_check``) leaves hashing the file to the check on the thread pool:
    a file changed since its clean close still gets the full check, every row read back, and the flag."""
    from mentordesk.store import db as store_db

    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person()
    close_database()
    open_database(path)  # today's full check is recorded: a clean file would get the quick one
    close_database()
    data = path.read_bytes()
    at = data.index("Zoë".encode()) + 2
    path.write_bytes(data[:at] + b"\xff" + data[at + 1 :])  # changed since the close, and not UTF-8
    db = open_database(path, defer_check=True)
    assert store_db.pending_check() is False and not db.changed_outside  # not hashed yet
    problems = store_db.run_pending_check()
    assert any("UTF-8" in p for p in problems)  # only reading every row finds this
    assert db.changed_outside and store_db.pending_check() is True
    close_database()


def test_a_broken_date_is_damage(tmp_path):
    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person(date_of_birth="2011-04-05")
    close_database()
    checksum.forget(path)
    data = path.read_bytes()
    at = data.index(b"2011-04-05")
    path.write_bytes(data[:at] + b"2011-04-0u" + data[at + 10 :])
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    assert any("date_of_birth" in p for p in caught.value.problems)


def test_single_byte_flips_open_identical_or_are_reported_never_crash_never_back_up(pristine, tmp_path):
    path, rows = pristine
    outcomes = {}
    for offset in fault_trials.flip_offsets(path.stat().st_size, 48):
        outcomes[offset] = fault_trials.flip_trial(path, rows, offset, tmp_path / "work")
    bad = {o: what for o, what in outcomes.items() if what not in fault_trials.GOOD_OUTCOMES}
    assert not bad, bad
    assert fault_trials.CHANGED in outcomes.values()  # the checksum catches what SQLite cannot


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("what", ["backup", "restore"])
@pytest.mark.parametrize("delay", [0.15, 0.4, 0.7])
def test_killed_backup_or_restore_leaves_database_and_folder_consistent(pristine, tmp_path, what, delay):
    path, _ = pristine
    older = tmp_path / "older.db"
    import shutil

    shutil.copyfile(path, older)
    open_database(older)
    add_marker_person()
    Participant.update(notes="changed in the older copy").where(Participant.id == 1).execute()
    close_database()
    passed, why = fault_trials.kill_trial(path, older, what, delay, tmp_path / "run")
    assert passed, why


def test_a_date_sqlite_would_quietly_move_is_damage_too(tmp_path):
    """date('2011-02-31') is '2011-03-03' to SQLite; to MentorDesk a stored 31 February is damage."""
    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person(date_of_birth="2011-02-21")
    close_database()
    con = sqlite3.connect(path)  # another program writes it
    con.execute("UPDATE participant SET date_of_birth = '2011-02-31' WHERE date_of_birth = '2011-02-21'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)  # the checksum no longer matches: every value is read back
    assert any("participant row" in p and "date_of_birth" in p for p in caught.value.problems)


def test_the_checksum_is_recorded_though_a_finished_worker_keeps_its_connection(tmp_path):
    """The window's workers open their own connections; an idle one must not stop the record at exit."""
    import threading

    path = tmp_path / "s.db"
    open_database(path)
    add_marker_person(notes="written by the window")

    def worker() -> None:
        Participant.select().count()  # its own connection, left open as a pool thread leaves it
        add_marker_person(notes="written by a worker")

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    close_database()  # what app.py does once the event loop ends
    assert checksum.verify(path) is checksum.SinceClose.SAME
