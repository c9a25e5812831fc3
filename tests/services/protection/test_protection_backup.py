"""Backups: encrypted copies, pruning, the daily automatic copy, exact restores, integrity checks on open."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from mentordesk.services.protection import backups
from mentordesk.store import backup as store_backup
from mentordesk.store.db import (
    DatabaseDamaged,
    close_database,
    database,
    is_encrypted_file,
    make_database,
    open_database,
)
from mentordesk.store.models import Participant, Programme
from tests import protection_fixtures
from tests.protection_fixtures import (
    MARKER_LAST,
    PASSPHRASE,
    add_marker_person,
    file_digest,
    sidecars,
    snapshot,
)

encrypted_db = protection_fixtures.encrypted_db  # the shared fixture


def test_backup_of_an_encrypted_database_stays_encrypted(encrypted_db, tmp_path):
    path = Path(encrypted_db.database)
    copy = backups.backup_now(path)
    assert copy.parent == store_backup.config.backup_dir()
    assert is_encrypted_file(copy)
    assert MARKER_LAST.encode() not in copy.read_bytes()
    assert sidecars(copy) == []  # one self-contained file
    with pytest.raises(store_backup.BackupUnreadable) as caught:
        store_backup.describe_file(copy, None)
    assert caught.value.needs_passphrase
    info = backups.preview(copy)  # the open database's key is tried first
    assert info.ok and info.encrypted
    assert info.counts["participant"] == Participant.select().count()
    # The copy opens as a database in its own right, with the same passphrase.
    before = snapshot(encrypted_db)
    close_database()
    assert snapshot(open_database(copy, PASSPHRASE)) == before


def test_backup_to_a_chosen_file(db, tmp_path):
    add_marker_person()
    target = tmp_path / "usb" / "copy.db"
    backups.backup_now(tmp_path / "test.db", to=target)
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM participant WHERE last_name = ?", (MARKER_LAST,)).fetchone() == (
        1,
    )
    assert con.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    con.close()


def test_backups_of_one_database_are_kept_apart_and_manual_ones_are_never_pruned(db, tmp_path):
    path = tmp_path / "test.db"
    other = tmp_path / "test-2.db"
    folder = store_backup.config.ensure_dir(store_backup.config.backup_dir())
    (folder / store_backup.backup_name(other, "manual", datetime(2026, 1, 1))).write_bytes(b"not ours")
    made = [backups.backup_now(path, reason=f"manual-{i}") for i in range(12)]
    kept = backups.list_entries(path)
    assert [e.path for e in kept] == made[::-1]
    assert (folder / store_backup.backup_name(other, "manual", datetime(2026, 1, 1))).exists()


def test_automatic_backup_at_most_once_a_day(db, tmp_path):
    path = tmp_path / "test.db"
    first = backups.auto_backup_if_due(path, today=date(2026, 11, 2))
    assert first is not None and first.exists()
    assert backups.auto_backup_if_due(path, today=date(2026, 11, 2)) is None
    assert backups.last_auto() == date(2026, 11, 2)
    assert backups.auto_backup_if_due(path, today=date(2026, 11, 3)) is not None
    assert [e.reason for e in backups.list_entries(path)] == ["auto", "auto"] or len(
        backups.list_entries(path)
    ) == 2


def test_restore_brings_back_exactly_the_backed_up_rows(encrypted_db):
    path = Path(encrypted_db.database)
    before = snapshot(encrypted_db)
    copy = backups.backup_now(path)
    # Work after the backup: added, changed and deleted rows.
    add_marker_person(notes="added after the backup")
    person = Participant.get(Participant.first_name == "Zoë")
    person.notes = "changed after the backup"
    person.save()
    Programme.create(name="Later programme")
    after = snapshot(database.obj)
    assert after != before
    safety = backups.restore(path, copy, PASSPHRASE)
    assert snapshot(database.obj) == before
    # The state it replaced was backed up first, and can itself be restored.
    assert safety is not None and is_encrypted_file(safety)
    backups.restore(path, safety, PASSPHRASE)
    now = snapshot(database.obj)
    assert {k: v for k, v in now.items() if k != "audit_event"} == {
        k: v for k, v in after.items() if k != "audit_event"
    }


def test_a_damaged_backup_is_refused_and_the_database_is_untouched(db, tmp_path, isolated_home):
    path = tmp_path / "test.db"
    add_marker_person()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before = snapshot(database.obj)
    with pytest.raises(backups.RestoreError):
        backups.restore(path, bad)
    with pytest.raises(backups.RestoreError, match="itself"):
        backups.restore(path, path)
    assert snapshot(database.obj) == before


def test_restore_into_a_database_with_another_passphrase_updates_the_keyring(encrypted_db):
    from mentordesk.services.protection import encryption, secrets

    path = Path(encrypted_db.database)
    copy = backups.backup_now(path)
    encryption.change("a later passphrase", current=PASSPHRASE, remember=True)
    backups.restore(path, copy, PASSPHRASE)
    assert secrets.get_passphrase(path) == PASSPHRASE  # what the restored file now opens with


def test_migration_backup_of_an_encrypted_v1_file_is_encrypted(tmp_path, isolated_home):
    from mentordesk.store import schema_v1

    path = tmp_path / "old.db"
    old = make_database(path, PASSPHRASE)
    old.connect()
    with old.bind_ctx(schema_v1.V1_MODELS):
        old.create_tables(schema_v1.V1_MODELS)
        schema_v1.Participant.create(
            first_name="Zoë", created_at=date(2025, 9, 1), updated_at=date(2025, 9, 1)
        )
    old.close()
    open_database(path, PASSPHRASE)
    copies = list((isolated_home / "data" / "backups").glob("old-*before-migration-v1.db"))
    assert len(copies) == 1 and is_encrypted_file(copies[0])
    assert store_backup.describe_file(copies[0], PASSPHRASE).schema_version == 1
    close_database()


# -- integrity ------------------------------------------------------------------------------------


def damage(path: Path, page: int = -3) -> None:
    """Overwrite one b-tree page in the middle of the file with garbage."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    count = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    number = page if page > 0 else count + page
    with path.open("r+b") as handle:
        handle.seek(page_size * (number - 1))
        handle.write(bytes((i * 7 + 3) % 251 for i in range(page_size)))


@pytest.fixture
def damaged_with_backup(demo_db, tmp_path):
    path = tmp_path / "test.db"
    good = backups.backup_now(path)
    expected = snapshot(demo_db)
    close_database()
    damage(path)
    return path, good, expected


def test_damaged_database_is_detected_and_never_written_to(damaged_with_backup):
    path, good, _ = damaged_with_backup
    before = file_digest(path)
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    assert caught.value.problems
    assert "not written" in str(caught.value) or "not changed" in str(caught.value)
    assert file_digest(path) == before
    assert backups.latest_good_backup(path).path == good


def test_latest_good_backup_skips_damaged_ones(damaged_with_backup):
    path, good, _ = damaged_with_backup
    newer = store_backup.config.backup_dir() / store_backup.backup_name(path, "manual", datetime(2099, 1, 1))
    newer.write_bytes(path.read_bytes())  # a copy of the damaged file, dated later
    assert backups.list_entries(path)[0].path == newer
    assert backups.latest_good_backup(path).path == good


def test_restore_over_a_damaged_database_keeps_it_aside_unchanged(damaged_with_backup):
    path, good, expected = damaged_with_backup
    damaged_bytes = file_digest(path)
    aside = backups.restore_over_damaged(path, good)
    assert file_digest(aside) == damaged_bytes
    assert snapshot(database.obj) == expected
    close_database()
    assert open_database(path) is not None


def test_dangling_foreign_keys_count_as_damage(db, tmp_path):
    path = tmp_path / "test.db"
    close_database()
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(
        "INSERT INTO enrolment (participant_id, programme_id, role, status, capacity, referral_source,"
        " preferences, enrolled_on, exit_reason) VALUES (999, 999, 'mentee', 'applied', 1, '', '', '2026-01-01', '')"
    )
    con.commit()
    con.close()
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(path)
    assert any("enrolment" in p for p in caught.value.problems)
