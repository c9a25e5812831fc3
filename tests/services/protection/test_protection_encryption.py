"""Encryption at rest: SQLCipher files, wrong passphrases, re-key / encrypt / decrypt, the keyring wrapper."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from mentordesk.services.protection import encryption, secrets
from mentordesk.store import crypto
from mentordesk.store.db import (
    DatabaseError,
    WrongPassphrase,
    close_database,
    current_passphrase,
    is_encrypted_file,
    open_database,
)
from mentordesk.store.models import Participant
from tests import protection_fixtures
from tests.protection_fixtures import (
    MARKER_FIRST,
    MARKER_LAST,
    PASSPHRASE,
    add_marker_person,
    file_digest,
    sidecars,
    snapshot,
)

MARKERS = (MARKER_FIRST.encode(), MARKER_LAST.encode(), b"marker@example.org", "Zoë".encode())

encrypted_db = protection_fixtures.encrypted_db  # the shared fixture


def assert_no_plaintext(path: Path) -> None:
    for candidate in [path, *sidecars(path)]:
        data = candidate.read_bytes()
        for marker in MARKERS:
            assert marker not in data, f"{marker!r} readable in {candidate.name}"


def test_names_never_appear_in_the_encrypted_file_or_its_wal(encrypted_db, tmp_path):
    path = Path(encrypted_db.database)
    # While open: the main file and the -wal (pages written since the last checkpoint) are ciphertext.
    assert path.with_name(path.name + "-wal").exists()
    assert_no_plaintext(path)
    encrypted_db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    add_marker_person(notes="second copy")
    assert_no_plaintext(path)
    close_database()
    # After close SQLite checkpoints and removes the sidecars; whatever is left must be ciphertext too.
    assert_no_plaintext(path)
    assert is_encrypted_file(path)
    # ... while the same data in a plain database is readable, so the check above can fail.
    plain = tmp_path / "plain.db"
    open_database(plain)
    add_marker_person()
    close_database()
    assert MARKER_LAST.encode() in plain.read_bytes()


def test_wrong_passphrase_leaves_the_file_byte_identical(encrypted_db):
    path = Path(encrypted_db.database)
    close_database()
    before, mtime = file_digest(path), path.stat().st_mtime_ns
    assert sidecars(path) == []
    for attempt in ("wrong one", "Correct horse battery", ""):
        with pytest.raises(WrongPassphrase) as caught:
            open_database(path, attempt or None)
        assert "passphrase" in str(caught.value)
    assert file_digest(path) == before
    assert path.stat().st_mtime_ns == mtime
    assert sidecars(path) == []
    open_database(path, PASSPHRASE)
    assert Participant.select().where(Participant.last_name == MARKER_LAST).count() == 1


def test_a_passphrase_for_a_plain_file_is_refused_without_touching_it(db, tmp_path):
    path = tmp_path / "test.db"
    close_database()
    before = file_digest(path)
    with pytest.raises(DatabaseError, match="not encrypted"):
        open_database(path, "anything at all")
    assert file_digest(path) == before


def test_change_passphrase_keeps_every_row(encrypted_db):
    path = Path(encrypted_db.database)
    before = snapshot(encrypted_db)
    encryption.change("a brand new passphrase", current=PASSPHRASE)
    assert current_passphrase() == "a brand new passphrase"
    from mentordesk.store.db import database

    assert snapshot(database.obj) == before
    close_database()
    with pytest.raises(WrongPassphrase):
        open_database(path, PASSPHRASE)
    open_database(path, "a brand new passphrase")
    assert not crypto.partial_path(path).exists() and not crypto.previous_path(path).exists()
    assert_no_plaintext(path)


def test_change_with_the_wrong_current_passphrase_changes_nothing(encrypted_db):
    path = Path(encrypted_db.database)
    encrypted_db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = file_digest(path)
    with pytest.raises(WrongPassphrase):
        encryption.change("a brand new passphrase", current="not it")
    assert file_digest(path) == before
    assert current_passphrase() == PASSPHRASE


def test_encrypt_then_decrypt_round_trip(demo_db, tmp_path):
    path = tmp_path / "test.db"
    add_marker_person()
    before = snapshot(demo_db)
    encryption.change(PASSPHRASE, current=None, remember=True)
    from mentordesk.store.db import database

    assert is_encrypted_file(path)
    assert snapshot(database.obj) == before
    assert secrets.get_passphrase(path) == PASSPHRASE
    close_database()
    assert_no_plaintext(path)
    open_database(path, PASSPHRASE)
    encryption.change(None, current=PASSPHRASE)
    assert not is_encrypted_file(path)
    assert snapshot(database.obj) == before
    assert secrets.get_passphrase(path) is None  # a plain database has nothing to remember


def test_a_new_file_that_does_not_verify_is_discarded(encrypted_db, monkeypatch):
    path = Path(encrypted_db.database)
    before = snapshot(encrypted_db)
    encrypted_db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    digest = file_digest(path)
    real = crypto.table_counts
    calls = []

    def lying_counts(conn):
        counts = real(conn)
        calls.append(1)
        if len(calls) == 2:  # the count of the new file: pretend a row went missing
            counts["participant"] -= 1
        return counts

    monkeypatch.setattr(crypto, "table_counts", lying_counts)
    with pytest.raises(crypto.EncryptionChangeFailed, match="participant"):
        crypto.change_encryption(path, PASSPHRASE, "another passphrase")
    assert file_digest(path) == digest
    assert not crypto.partial_path(path).exists()
    database = open_database(path, PASSPHRASE)
    assert snapshot(database) == before


def test_change_refuses_while_the_wal_holds_unsaved_pages(encrypted_db):
    path = Path(encrypted_db.database)
    add_marker_person()  # pages now sit in the -wal of the still-open connection
    with pytest.raises(DatabaseError, match="still open"):
        crypto.change_encryption(path, PASSPHRASE, "another passphrase")
    assert not crypto.partial_path(path).exists()


def test_remembered_passphrase_follows_a_change(encrypted_db):
    path = Path(encrypted_db.database)
    secrets.store_passphrase(path, PASSPHRASE)
    encryption.change("the next passphrase", current=PASSPHRASE)  # remember=None: keep remembering
    assert secrets.get_passphrase(path) == "the next passphrase"


@pytest.mark.parametrize(
    ("typed", "again", "problem"),
    [
        ("", "", "Enter a passphrase"),
        ("short", "short", "at least 8"),
        ("long enough one", "long enough two", "differ"),
        (" padded passphrase", " padded passphrase", "space"),
    ],
)
def test_new_passphrases_are_checked(typed, again, problem):
    with pytest.raises(encryption.PassphraseRejected, match=problem):
        encryption.check_new_passphrase(typed, again)


# -- the keyring wrapper ----------------------------------------------------------------------------


def test_keyring_keeps_one_secret_per_database(memory_keyring, tmp_path):
    assert secrets.status().available
    secrets.store_passphrase(tmp_path / "a.db", "first secret")
    secrets.store_passphrase(tmp_path / "b.db", "second secret")
    assert secrets.get_passphrase(tmp_path / "a.db") == "first secret"
    assert memory_keyring.store[("MentorDesk", str((tmp_path / "b.db").resolve()))] == "second secret"
    assert secrets.forget_passphrase(tmp_path / "a.db")
    assert secrets.get_passphrase(tmp_path / "a.db") is None
    assert not secrets.forget_passphrase(tmp_path / "a.db")


def test_fail_backend_is_reported_and_nothing_is_stored(tmp_path, isolated_home):
    keyring.set_keyring(fail.Keyring())
    state = secrets.status()
    assert not state.available
    assert "no keyring" in state.reason
    assert secrets.get_passphrase(tmp_path / "a.db") is None
    with pytest.raises(secrets.KeyringUnavailable, match="cannot be remembered"):
        secrets.store_passphrase(tmp_path / "a.db", "top secret value")
    # never silently written anywhere else instead
    for found in isolated_home.rglob("*"):
        if found.is_file():
            assert b"top secret value" not in found.read_bytes()


@pytest.mark.parametrize("module", ["keyring.backends.null", "keyring.backends.fail"])
def test_null_and_fail_backends_are_refused_with_a_reason(module, tmp_path):
    import importlib

    keyring.set_keyring(importlib.import_module(module).Keyring())
    state = secrets.status()
    assert not state.available and "no keyring service is running" in state.reason
    with pytest.raises(secrets.KeyringUnavailable, match="cannot be remembered: no keyring service"):
        secrets.store_passphrase(tmp_path / "a.db", "secret")


def test_only_allow_listed_backends_are_used_even_in_a_chain(memory_keyring, tmp_path):
    """An unknown backend (here one a package could register) is refused by name, not guessed at;
    in a chain the allow-listed member is used and the unknown one never sees the secret."""
    from keyring.backends.chainer import ChainerBackend

    from tests.conftest import MemoryKeyring

    class VendorKeyring(MemoryKeyring):
        priority = 20  # type: ignore[assignment]

    vendor = VendorKeyring()
    keyring.set_keyring(vendor)
    state = secrets.status()
    assert not state.available
    assert (
        "is not one MentorDesk knows to be secure" in state.reason
        and "Secret Service, KWallet" in state.reason
    )
    with pytest.raises(secrets.KeyringUnavailable):
        secrets.store_passphrase(tmp_path / "a.db", "secret")

    class Chain(ChainerBackend):
        backends = [vendor, memory_keyring]  # type: ignore[assignment]

    keyring.set_keyring(Chain())
    secrets.store_passphrase(tmp_path / "a.db", "secret")
    assert vendor.store == {} and list(memory_keyring.store.values()) == ["secret"]
    assert secrets.get_passphrase(tmp_path / "a.db") == "secret"


def test_plaintext_keyring_backends_are_refused(tmp_path):
    from tests.conftest import MemoryKeyring

    class PlaintextKeyring(MemoryKeyring):
        pass

    keyring.set_keyring(PlaintextKeyring())
    assert not secrets.status().available
    with pytest.raises(secrets.KeyringUnavailable):
        secrets.store_passphrase(tmp_path / "a.db", "secret")
