"""Backups are kept in generations, refused work costs none, and temporary copies are private and swept."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

from mentordesk import config
from mentordesk.services import participants, protection
from mentordesk.store import backup as store_backup, crypto
from mentordesk.store.models import Participant
from tests.roster_fixtures import GOOD_ROWS, roster_file

NOW = datetime(2026, 11, 20, 12, 0, 0)  # a Friday


def _fake_backup(db_path: Path, reason: str, when: datetime) -> Path:
    folder = config.ensure_dir(config.backup_dir())
    path = folder / store_backup.backup_name(db_path, reason, when)
    path.write_bytes(b"copy")
    return path


def test_generations_keep_every_day_of_a_week_then_weekly_then_monthly():
    daily = [NOW - timedelta(hours=6 * i) for i in range(28)]  # four a day for the last 7 days
    monthly = [datetime(2024 + (m // 12), m % 12 + 1, 1) for m in range(0, 35)]  # 1 Jan 2024 .. 1 Nov 2026
    same_week = [NOW - timedelta(days=15), NOW - timedelta(days=17)]  # Thursday and Tuesday of one week
    keep = store_backup.generations_to_keep(daily + monthly + same_week, NOW)
    assert set(daily) <= keep
    assert same_week[0] in keep and same_week[1] not in keep  # one a week: the newer
    assert datetime(2026, 11, 1) in keep  # its week is one of the last 5 with a copy
    # One a month for 12 months (November 2026 counts, its newest copy is today's): back to December 2025.
    assert datetime(2025, 12, 1) in keep and datetime(2025, 11, 1) not in keep
    assert not any(t < datetime(2025, 12, 1) for t in keep)
    assert len({(t.year, t.month) for t in keep}) == store_backup.KEEP_MONTHS


def test_a_pause_of_months_keeps_the_older_copies():
    before_summer = [datetime(2026, 6, d) for d in (1, 10, 20)]
    keep = store_backup.generations_to_keep([*before_summer, NOW], NOW)
    assert datetime(2026, 6, 20) in keep  # the newest of its week and of its month


def test_prune_never_touches_manual_pre_migration_or_pre_restore_copies(db, tmp_path):
    path = tmp_path / "test.db"
    old = NOW - timedelta(days=900)
    forever = [
        _fake_backup(path, reason, old - timedelta(minutes=n))
        for n, reason in enumerate(("manual", "manual-2", "before-migration-v3", "before-restore"))
    ]
    rotating = [_fake_backup(path, "auto", old - timedelta(days=n)) for n in range(40)]
    removed = store_backup.prune(path, now=NOW)
    assert all(p.exists() for p in forever)
    assert set(removed) <= set(rotating) and len(removed) > 20
    assert {p.name for p in rotating[:1]} <= {p.name for p in store_backup.list_backups(path)}


def test_refused_imports_take_no_backup_and_push_none_out(demo_db, tmp_path):
    """Issue 13.1: ten refused imports used to push out every good backup."""
    path = tmp_path / "test.db"
    programme_id = Participant.select().first().enrolments.first().programme_id
    good = [protection.backup_now(path)] + [
        _fake_backup(path, "auto", NOW - timedelta(days=d)) for d in (1, 2)
    ]
    before = sorted(p.name for p in config.backup_dir().iterdir())
    bad = roster_file(tmp_path, [GOOD_ROWS[0], "Bo,Chen,bo@,,31/02/2001,teacher,,,,"])
    for _ in range(10):
        try:
            participants.import_roster(bad, programme_id)
        except participants.RosterImportError:
            pass
        else:  # pragma: no cover - the file has a bad row
            raise AssertionError("the import should have been refused")
    assert sorted(p.name for p in config.backup_dir().iterdir()) == before
    assert all(p.exists() for p in good)


def test_a_good_import_backs_up_the_database_as_it_was(demo_db, tmp_path):
    from mentordesk.store.db import close_database, open_database

    programme_id = Participant.select().first().enrolments.first().programme_id
    people = Participant.select().count()
    summary = participants.import_roster(roster_file(tmp_path), programme_id)
    assert summary.added == 3 and summary.backup is not None
    close_database()
    open_database(summary.backup)
    assert Participant.select().count() == people  # the copy holds none of the imported rows


def test_partial_copies_are_private_while_written_and_swept_afterwards(db, tmp_path, monkeypatch):
    """Issue 13.6: a killed backup left a 0644 .partial holding every e-mail address."""
    path = tmp_path / "test.db"
    seen = {}
    real_connect = store_backup._driver

    def watching_driver(connection):
        driver = real_connect(connection)

        class Spy:
            @staticmethod
            def connect(name, **kwargs):
                seen[name] = stat.S_IMODE(os.stat(name).st_mode)  # before SQLite writes a byte
                return driver.connect(name, **kwargs)

        return Spy

    monkeypatch.setattr(store_backup, "_driver", watching_driver)
    copy = protection.backup_now(path)
    assert list(seen.values()) == [0o600] and next(iter(seen)).endswith(".partial")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    # What a killed backup and a killed restore leave behind:
    stale = copy.with_name(store_backup.backup_name(path, "auto", NOW) + ".partial")
    stale.write_bytes(b"SQLite format 3\x00 plaintext")
    staged = path.with_name(path.name + ".restore-partial")
    staged.write_bytes(b"SQLite format 3\x00 plaintext")
    assert stale.name not in {p.name for p in store_backup.list_backups(path)}
    assert all(e.path != stale for e in protection.list_entries(path))
    crypto.clean_leftovers(path)  # what every start runs once the database opened
    assert not stale.exists() and not staged.exists() and copy.exists()


def test_a_partial_being_written_by_another_process_is_not_swept(db, tmp_path):
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "test.db"
    partial = config.ensure_dir(config.backup_dir()) / (
        store_backup.backup_name(path, "auto", NOW) + ".partial"
    )
    holder = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from mentordesk.store.backup import private_partial
        with private_partial(Path({str(partial)!r})):
            print("holding", flush=True)
            sys.stdin.read()
        """
    )
    from tests import ROOT

    child = subprocess.Popen(
        [sys.executable, "-c", holder],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "holding"
        assert store_backup.sweep_partials(path) == []
        assert partial.exists()
    finally:
        child.communicate("", timeout=30)
    assert store_backup.sweep_partials(path) == [partial]  # its writer is gone: now it is a leftover


def test_deleting_the_unencrypted_backups_deletes_unfinished_copies_too(db, tmp_path):
    """Issue 13.6: after "Encrypt" with "delete the unencrypted backups", two partials still held every e-mail."""
    path = tmp_path / "test.db"
    protection.backup_now(path)
    stale = config.backup_dir() / (store_backup.backup_name(path, "auto", NOW) + ".partial")
    stale.write_bytes(b"SQLite format 3\x00 marker@example.org")
    assert protection.remove_plaintext_backups(path, kinds=protection.BACKUP_KINDS) == 2
    assert list(config.backup_dir().iterdir()) == []
