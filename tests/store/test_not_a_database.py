"""A file that is not a database (a shopping list, a PDF, a zip) is said to be so, not "encrypted",
and is left exactly as it was: bytes, mode, and no -wal, -shm, -journal or lock file beside it.

Only a file that could really be an encrypted (SQLCipher) database is treated as one: a whole number
of pages (at least 512 bytes) of what looks like random bytes.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from mentordesk.store import file_lock
from mentordesk.store.db import (
    DatabaseError,
    NotADatabase,
    WrongPassphrase,
    close_database,
    is_encrypted_file,
    not_a_database,
    open_database,
)
from mentordesk.store.models import Programme
from tests import protection_fixtures

_close_db = protection_fixtures.close_db_after_each_test


def text_file(folder: Path) -> Path:
    path = folder / "notadb.txt"
    path.write_text("Shopping list\nmilk\neggs\n", encoding="utf-8")
    return path


def text_of_whole_pages(folder: Path) -> Path:
    """Text in another encoding, exactly 4096 bytes long: its length alone would pass for pages."""
    path = folder / "notes.db"
    line = "Zoë Müller, Ἀθηνᾶ, Ана — ".encode("cp1252", errors="replace")
    path.write_bytes((line * 400)[:4096])
    return path


def pdf_file(folder: Path) -> Path:
    path = folder / "letter.db"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + os.urandom(4096 - 15))  # binary after its magic
    return path


def zip_file(folder: Path) -> Path:
    path = folder / "export.db"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("participants.csv", "First name,Last name\nAna,Silva\n")
    return path


def random_odd_length(folder: Path) -> Path:
    path = folder / "random.db"
    path.write_bytes(os.urandom(4096 * 3 + 7))
    return path


def zeros(folder: Path) -> Path:
    path = folder / "zeros.db"
    path.write_bytes(bytes(8192))
    return path


def foreign_sqlite(folder: Path) -> Path:
    """Another program's SQLite file, in the default (rollback journal) mode."""
    import sqlite3

    path = folder / "invoices.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER, customer TEXT)")
    con.execute("INSERT INTO invoices VALUES (1, 'Zoë')")
    con.commit()
    con.close()
    return path


NOT_DATABASES = {
    "text": (text_file, "it looks like a text file"),
    "text of whole pages": (text_of_whole_pages, "it looks like a text file"),
    "pdf": (pdf_file, "it looks like a PDF document"),
    "zip": (zip_file, "it looks like a zip file"),
    "random, odd length": (random_odd_length, "12,295 bytes, which is not a whole number of database pages"),
    "zeros": (zeros, "8,192 bytes that holds no database, plain or encrypted"),
}


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in ``folder``: its bytes and its mode."""
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in sorted(folder.iterdir())}


def test_another_programs_sqlite_file_is_refused_without_switching_it_to_wal(tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    path = foreign_sqlite(folder)
    path.chmod(0o644)
    before = state(folder)
    with pytest.raises(NotADatabase, match=r"^invoices\.db is an SQLite database, but not a MentorDesk one\."):
        open_database(path)
    assert state(folder) == before  # the journal mode in its header too
    assert not file_lock.is_held(path)


@pytest.mark.parametrize("kind", list(NOT_DATABASES))
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, kind):
    make, looks = NOT_DATABASES[kind]
    folder = tmp_path / "files"
    folder.mkdir()
    path = make(folder)
    path.chmod(0o644)
    before = state(folder)
    assert not is_encrypted_file(path)
    for passphrase in (None, "a passphrase"):
        with pytest.raises(NotADatabase) as caught:
            open_database(path, passphrase)
        message = str(caught.value)
        assert message.startswith(f"{path.name} is not a MentorDesk database: ")
        assert looks in message and "passphrase" not in message
        assert "Choose the .db file MentorDesk made" in message and "File › Open local file…" in message
        assert state(folder) == before  # same bytes, still 0644, no -wal/-shm/-journal/.lock beside it
    assert not file_lock.is_held(path)


def test_only_a_file_of_unknown_bytes_is_told_it_may_be_a_database_cut_short(tmp_path):
    assert "cut short, restore a backup" in not_a_database(random_odd_length(tmp_path))
    assert "cut short" not in not_a_database(text_file(tmp_path))


def test_an_empty_file_is_refused_by_a_read_only_open_and_filled_by_a_writing_one(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    path.chmod(0o644)
    before = state(tmp_path)
    with pytest.raises(NotADatabase, match=r"^empty\.db is empty: it is not a MentorDesk database \(yet\)"):
        open_database(path, read_only=True)
    with pytest.raises(DatabaseError, match="No database at .*missing.db. Nothing was created"):
        open_database(tmp_path / "missing.db", read_only=True)
    assert state(tmp_path) == before
    open_database(path)  # a writing open starts a new database in it, as before
    assert Programme.select().count() == 0 and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_databases_we_encrypt_are_still_recognised(tmp_path):
    current = tmp_path / "current.db"
    open_database(current, "correct horse")
    Programme.create(name="Ἀθηνᾶ")
    close_database()
    assert is_encrypted_file(current) and not_a_database(current) is None
    assert current.stat().st_size % 4096 == 0
    with pytest.raises(WrongPassphrase, match="^current.db is encrypted: enter its passphrase"):
        open_database(current)


def test_a_database_of_an_older_sqlcipher_with_1024_byte_pages_is_recognised(tmp_path):
    from sqlcipher3 import dbapi2 as sqlcipher

    old = tmp_path / "old.db"
    con = sqlcipher.connect(str(old))
    con.execute("PRAGMA key = 'correct horse'")
    con.execute("PRAGMA cipher_compatibility = 3")  # SQLCipher 3: 1024-byte pages, SHA1
    con.execute("CREATE TABLE t (x TEXT)")
    con.executemany("INSERT INTO t VALUES (?)", [(f"row {i}",) for i in range(200)])
    con.commit()
    con.close()
    assert old.stat().st_size % 1024 == 0 and old.stat().st_size % 4096 != 0
    assert is_encrypted_file(old) and not_a_database(old) is None


def test_a_wrong_passphrase_leaves_the_mode_of_the_file_as_it_was(tmp_path):
    path = tmp_path / "secret.db"
    open_database(path, "correct horse")
    close_database()
    path.chmod(0o644)
    before = state(tmp_path)
    with pytest.raises(WrongPassphrase):
        open_database(path, "wrong horse")
    assert state(tmp_path) == before
    open_database(path, "correct horse")  # once it opens, it is narrowed
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("start", [b"MZ", b"\x1f\x8b", b"\xff\xfe", b"\xfe\xff", b"BZh", b"\xff\xd8\xff"])
def test_an_encrypted_file_whose_random_salt_starts_like_another_format_is_still_encrypted(tmp_path, start):
    """The salt is random: once in 65,536 files it starts with gzip's 2 bytes. Its owner must not be
    told for ever that their database is a gzip file."""
    path = tmp_path / "secret.db"
    path.write_bytes(start + os.urandom(4096 * 2 - len(start)))
    assert is_encrypted_file(path) and not_a_database(path) is None
