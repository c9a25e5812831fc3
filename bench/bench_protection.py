"""Issue 8 (data protection): opening an encrypted vs a plain database, backups, and a re-key.

All on the generated N-participant database (``env.database()``), copied and
encrypted here with the app's own re-key path, so both files hold the same rows.

Opening includes everything the app does before the first page appears: the
connection and pragmas, SQLCipher's key derivation (PBKDF2, 256,000 rounds by
default) for the encrypted file, ``PRAGMA integrity_check`` and
``foreign_key_check``. Each baseline is the floor of its work, measured in the
same run: a bare SQLCipher connection that derives the key and reads one row for
the encrypted open; bare sqlite3 with the same two checks for the plain open; a file copy
of the same bytes for each backup; a bare ``sqlcipher_export`` for a re-key.

Issue 8 sets no time targets. The targets here are this module's proposals: an
encrypted database should open in under a second (the coordinator is waiting at
start-up) and a backup should take under two seconds (it runs on open, daily).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.common import BenchEnv, Row, best_of

ISSUE = 8
PASSPHRASE = "bench passphrase, long enough"
OPEN_TARGET = 1.0
BACKUP_TARGET = 2.0


def _open_close(path: Path, passphrase: str | None, check: bool = True) -> None:
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Participant

    open_database(path, passphrase, backup=False, check=check)
    Participant.select().limit(1).count()  # the first query the dashboard would make
    close_database()


def _bare_cipher(path: Path, passphrase: str, export_to: Path | None = None) -> None:
    """The floors for the encrypted file: a bare SQLCipher connection that derives the key and
    reads one row (what any open must do), and with ``export_to`` a bare ``sqlcipher_export``
    into a new file under a new key (what any change of passphrase must do)."""
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA key = " + _literal(passphrase))
        conn.execute("SELECT count(*) FROM participant").fetchone()
        if export_to is not None:
            export_to.unlink(missing_ok=True)
            conn.execute(f"ATTACH DATABASE {_literal(str(export_to))} AS fresh KEY {_literal(passphrase + ' new')}")
            conn.execute("SELECT sqlcipher_export('fresh')").fetchone()
            conn.execute("DETACH DATABASE fresh")
    finally:
        conn.close()


def _bare_plain(path: Path) -> None:
    """The floor for a checked open: bare sqlite3, the same two checks the app runs, one query."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA quick_check").fetchall()
        conn.execute("PRAGMA foreign_key_check").fetchall()
        conn.execute("SELECT count(*) FROM participant").fetchone()
    finally:
        conn.close()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _backup(path: Path, passphrase: str | None, target: Path) -> None:
    from mentordesk.store import backup as store_backup
    from mentordesk.store.db import close_database, open_database

    db = open_database(path, passphrase, backup=False, check=False)
    try:
        target.unlink(missing_ok=True)
        store_backup.copy_to(db, target)
    finally:
        close_database()


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.store import backup as store_backup, crypto
    from mentordesk.store.db import close_database, open_database

    source = env.database()
    work = env.workdir / "protection"
    work.mkdir(parents=True, exist_ok=True)
    plain = work / "plain.db"
    encrypted = work / "encrypted.db"
    for target in (plain, encrypted):
        for leftover in (
            target,
            target.with_name(target.name + "-wal"),
            target.with_name(target.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
    # A checkpointed, single-file copy of the generated database.
    db = open_database(source, backup=False, check=False)
    store_backup.copy_to(db, plain)
    close_database()
    shutil.copyfile(plain, encrypted)
    crypto.change_encryption(encrypted, None, PASSPHRASE)
    _open_close(plain, None)  # warm the file cache for both, so neither pays for the disk
    _open_close(encrypted, PASSPHRASE)

    n = env.participants
    repeat = 3 if env.quick else 5
    open_plain = best_of(lambda: _open_close(plain, None), repeat)
    open_plain_bare = best_of(lambda: _bare_plain(plain), repeat)
    open_encrypted = best_of(lambda: _open_close(encrypted, PASSPHRASE), repeat)
    copy_baseline = best_of(lambda: shutil.copyfile(plain, work / "raw-copy.db"), repeat)
    copy_encrypted = best_of(lambda: shutil.copyfile(encrypted, work / "raw-copy-encrypted.db"), repeat)
    open_bare_cipher = best_of(lambda: _bare_cipher(encrypted, PASSPHRASE), repeat)
    export_bare = best_of(lambda: _bare_cipher(encrypted, PASSPHRASE, work / "bare-export.db"), 2 if env.quick else 3)
    backup_plain = best_of(lambda: _backup(plain, None, work / "backup-plain.db"), repeat)
    backup_encrypted = best_of(lambda: _backup(encrypted, PASSPHRASE, work / "backup-encrypted.db"), repeat)
    keys = iter([f"{PASSPHRASE} {i}" for i in range(10)])
    current = [PASSPHRASE]

    def rekey() -> None:
        new = next(keys)
        crypto.change_encryption(encrypted, current[0], new)
        current[0] = new

    rekey_time = best_of(rekey, 2 if env.quick else 3)
    size_mb = plain.stat().st_size / 1e6
    return [
        Row(
            ISSUE,
            f"open encrypted database ({n:,} participants, checks included)",
            open_encrypted,
            "bare SQLCipher connect, key derivation and one query",
            open_bare_cipher,
            f"< {OPEN_TARGET:g} s",
            open_encrypted < OPEN_TARGET,
            "includes SQLCipher key derivation (256,000 PBKDF2 rounds) and the integrity check",
            floor="a bare SQLCipher connection: the key derivation any open of the file must do, and one read",
        ),
        Row(
            ISSUE,
            f"open plain database ({n:,} participants, checks included)",
            open_plain,
            "bare sqlite3 connect, quick_check, foreign_key_check and one query",
            open_plain_bare,
            note="the ratio is what the app adds to the checks: pragmas, schema version, the lock file",
            floor="bare sqlite3 running the same two checks and one query",
        ),
        Row(
            ISSUE,
            f"backup of the plain database ({size_mb:.1f} MB)",
            backup_plain,
            "file copy of the same database",
            copy_baseline,
            f"< {BACKUP_TARGET:g} s",
            backup_plain < BACKUP_TARGET,
            "SQLite online backup API, then a rollback-journal single file",
            floor="a file copy of the same bytes",
        ),
        Row(
            ISSUE,
            "backup of the encrypted database",
            backup_encrypted,
            "file copy of the same encrypted database",
            copy_encrypted,
            f"< {BACKUP_TARGET:g} s",
            backup_encrypted < BACKUP_TARGET,
            "pages are copied still encrypted with the same key",
            floor="a file copy of the same encrypted bytes",
        ),
        Row(
            ISSUE,
            "change passphrase (new file, verify, atomic swap)",
            rekey_time,
            "bare sqlcipher_export of the same file under a new key",
            export_bare,
            note="sqlcipher_export + integrity check + row counts; runs with the database closed",
            floor="a bare sqlcipher_export of the file under a new key: the re-encryption itself",
        ),
    ]
