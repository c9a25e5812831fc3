"""A wrong passphrase is a person's mistake, not a fault: SQLCipher's own log lines ("ERROR CORE
sqlcipher_page_cipher: hmac check failed for pgno=1") stay off stderr while a key is tried, on
every path that tries one; MentorDesk's own message still says what happened, and SQLCipher's log
is back on afterwards, so a damaged page found later is still reported by it.

SQLCipher writes to file descriptor 2 from C, so ``capfd`` (not ``capsys``) sees it.
"""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2

from mentordesk.store import cipher
from mentordesk.store.backup import BackupUnreadable, open_readonly
from mentordesk.store.crypto import change_encryption
from mentordesk.store.db import DatabaseDamaged, WrongPassphrase, close_database, open_database
from tests import protection_fixtures
from tests.protection_fixtures import PASSPHRASE, add_marker_person, file_digest

_close_db = protection_fixtures.close_db_after_each_test

SQLCIPHER_NOISE = ("sqlcipher", "hmac check failed", "ERROR CORE", "error decrypting page")


def noise(text: str) -> list[str]:
    return [line for line in text.splitlines() if any(n.lower() in line.lower() for n in SQLCIPHER_NOISE)]


def log_level() -> str:
    conn = dbapi2.connect(":memory:")
    try:
        return conn.execute("PRAGMA cipher_log_level").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def locked(tmp_path):
    path = tmp_path / "locked.db"
    open_database(path, PASSPHRASE)
    add_marker_person()
    close_database()
    return path


def test_sqlcipher_here_can_be_quietened():
    """The installed SQLCipher has the log level this relies on (4.5 or later), at its default."""
    conn = dbapi2.connect(":memory:")
    version = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    assert tuple(int(part) for part in version.split()[0].split(".")[:2]) >= (4, 5)
    assert log_level() == "WARN"


def test_a_wrong_passphrase_opens_nothing_and_sqlcipher_says_nothing(locked, capfd):
    before = file_digest(locked)
    with pytest.raises(WrongPassphrase, match="The passphrase does not open this database"):
        open_database(locked, "not the passphrase")
    assert noise(capfd.readouterr().err) == []
    assert file_digest(locked) == before
    assert log_level() == "WARN"  # back as it was for anything that goes wrong later
    open_database(locked, PASSPHRASE)  # and the right one still opens it
    close_database()


def test_without_the_quiet_spell_sqlcipher_would_have_spoken(locked, capfd):
    """The check above can fail: the same wrong key, tried the plain way, writes the lines."""
    conn = dbapi2.connect(str(locked))
    conn.execute("PRAGMA key = 'not the passphrase'")
    with pytest.raises(dbapi2.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    assert noise(capfd.readouterr().err)


def test_a_backup_or_a_passphrase_change_with_a_wrong_key_is_quiet_too(locked, capfd):
    with pytest.raises(BackupUnreadable, match="The passphrase does not open locked.db"):
        open_readonly(locked, "not the passphrase")
    with pytest.raises(WrongPassphrase, match="current passphrase does not open"):
        change_encryption(locked, "not the passphrase", "a new passphrase")
    assert noise(capfd.readouterr().err) == []
    assert log_level() == "WARN"
    open_readonly(locked, PASSPHRASE).close()


def test_a_page_damaged_after_the_key_fits_is_still_reported(locked, capfd):
    """Only the key's first read (page 1 and the schema) is quiet: damage the check finds later
    is logged by SQLCipher and reported by MentorDesk, as before."""
    database = open_database(locked, PASSPHRASE)
    page_size = int(database.execute_sql("PRAGMA page_size").fetchone()[0])
    page = database.execute_sql("SELECT rootpage FROM sqlite_master WHERE name = 'participant'").fetchone()[0]
    close_database()
    assert page > 1
    with locked.open("r+b") as handle:
        handle.seek((page - 1) * page_size + 100)  # inside the participant table's first page
        handle.write(b"\xff" * 64)
    capfd.readouterr()
    with pytest.raises(DatabaseDamaged, match="locked.db failed its integrity check"):
        open_database(locked, PASSPHRASE)
    err = capfd.readouterr().err
    assert any(f"hmac check failed for pgno={page}" in line for line in noise(err)), err


def test_quiet_spells_of_several_connections_overlap():
    first, second = dbapi2.connect(":memory:"), dbapi2.connect(":memory:")
    with cipher.quiet_log(first):
        with cipher.quiet_log(second):
            assert log_level() == "NONE"
        assert log_level() == "NONE"  # the first spell is not over
    assert log_level() == "WARN"
    first.close()
    second.close()
