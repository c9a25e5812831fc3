"""What unlocks MentorDesk after it locked itself when idle.

An encrypted database unlocks with its own passphrase: nothing new to remember
and nothing more stored. A plain database has no passphrase, so the lock needs
one of its own; only a salted scrypt hash of it is kept, in the database's
settings. (A lock on a plain database guards the open window, not the file: the
settings tab says so and recommends encryption.)

Locking seals the database: ``seal`` closes it and drops every reference MentorDesk holds to
its key (the peewee database and its connection parameters), keeping only the file's path and,
for a plain database, the lock passphrase's hash. ``unseal`` checks the passphrase and opens the
file again; for an encrypted file the check *is* opening it with that key.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets as pysecrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mentordesk.store import settings
from mentordesk.store.db import WrongPassphrase, current_passphrase, database, open_database

log = logging.getLogger(__name__)

HASH_KEY = "lock.hash"
IDLE_KEY = "lock.idle_minutes"
MIN_LENGTH = 6
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def idle_minutes() -> int:
    try:
        return max(0, int(settings.get(IDLE_KEY) or 0))
    except (TypeError, ValueError):
        return 0


def set_idle_minutes(minutes: int) -> None:
    if minutes < 0:
        raise ValueError("Minutes cannot be negative.")
    settings.put(IDLE_KEY, int(minutes))


def _hash(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **params)


def set_lock_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise ValueError(f"Use at least {MIN_LENGTH} characters.")
    salt = pysecrets.token_bytes(16)
    settings.put(HASH_KEY, {"salt": salt.hex(), "hash": _hash(passphrase, salt, _SCRYPT).hex(), **_SCRYPT})


def has_lock_passphrase() -> bool:
    return bool(settings.get(HASH_KEY))


def uses_database_passphrase() -> bool:
    return current_passphrase() is not None


def can_lock() -> bool:
    """The lock can be undone: the database is encrypted, or a lock passphrase is set."""
    return uses_database_passphrase() or has_lock_passphrase()


def verify(passphrase: str) -> bool:
    key = current_passphrase()
    if key is not None:
        return hmac.compare_digest(key.encode("utf-8"), passphrase.encode("utf-8"))
    return _matches_hash(settings.get(HASH_KEY), passphrase)


def _matches_hash(stored: Any, passphrase: str) -> bool:
    if not stored:
        return False
    params = {k: int(stored[k]) for k in ("n", "r", "p")}
    expected = bytes.fromhex(stored["hash"])
    return hmac.compare_digest(expected, _hash(passphrase, bytes.fromhex(stored["salt"]), params))


@dataclass(frozen=True)
class Sealed:
    """What a locked MentorDesk still knows about its database: where it is, never its key."""

    path: Path
    encrypted: bool
    lock_hash: Any = None  # a plain database's lock passphrase hash (salted scrypt), else None


def seal() -> Sealed:
    """Close the open database and forget its key; ``unseal`` opens it again."""
    db = database.obj
    if db is None:
        raise RuntimeError("no database is open")
    encrypted = current_passphrase() is not None
    sealed = Sealed(Path(db.database), encrypted, None if encrypted else settings.get(HASH_KEY))
    if not db.is_closed():
        db.close()
    db.connect_params.clear()  # the passphrase lived here
    database.initialize(None)
    log.info("database closed by the idle lock")
    return sealed


def unseal(sealed: Sealed, passphrase: str) -> bool:
    """Open the sealed database again if ``passphrase`` unlocks it; False (nothing opened) if not.

    Raises ``DatabaseError`` when the file itself cannot be opened (moved, damaged).
    """
    if sealed.encrypted:
        try:
            open_database(sealed.path, passphrase, backup=False)
        except WrongPassphrase:
            return False
    else:
        if not _matches_hash(sealed.lock_hash, passphrase):
            return False
        open_database(sealed.path, None, backup=False)
    log.info("database reopened after the idle lock")
    return True
