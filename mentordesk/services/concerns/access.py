"""Who may read the register: only someone who confirms they are the safeguarding lead (or act for them).

Confirming is typing a passphrase again: the register's own passphrase when one is set (only a salted
scrypt hash of it is kept, in the database's settings), else the passphrase of the encrypted database.
A plain (or server) database without a register passphrase has nothing to type, so the first person
to open the register sets one. The confirmation holds for the open database: it lapses when the
register is locked again, when the idle lock closes the database, or when another database opens.
Every confirmation, refused or accepted, is in the audit log; no passphrase ever is.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets as pysecrets
import weakref
from typing import Any

from mentordesk.store import audit, settings
from mentordesk.store.db import current_passphrase, database

log = logging.getLogger(__name__)

HASH_KEY = "concerns.register_hash"
MIN_LENGTH = 8
ENTITY = "concern_register"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}

# The database object the register was unlocked for (weak: a sealed or closed database drops it).
_unlocked_for: weakref.ref[Any] | None = None


class RegisterLocked(PermissionError):
    """The register was asked for before the safeguarding lead's confirmation."""

    def __init__(self) -> None:
        super().__init__(
            "The concerns register is locked: confirm you are the safeguarding lead (or act for them) "
            "by typing the register's passphrase."
        )


def _hash(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **params)


def has_register_passphrase() -> bool:
    return bool(settings.get(HASH_KEY))


def unlock_method() -> str:
    """What unlocks the register: "register" (its own passphrase), "database" (the database's) or
    "setup" (nothing yet: the first unlock sets the register's passphrase)."""
    if has_register_passphrase():
        return "register"
    if current_passphrase() is not None:
        return "database"
    return "setup"


def is_unlocked() -> bool:
    obj = database.obj
    return obj is not None and _unlocked_for is not None and _unlocked_for() is obj


def require_unlocked() -> None:
    if not is_unlocked():
        raise RegisterLocked()


def _grant() -> None:
    global _unlocked_for
    _unlocked_for = weakref.ref(database.obj)


def lock_register() -> None:
    """Close the register again (the next view needs the confirmation again)."""
    global _unlocked_for
    if _unlocked_for is not None and database.obj is not None:
        audit.record("lock", ENTITY, summary="concerns register locked")
    _unlocked_for = None


def _matches(passphrase: str) -> bool:
    stored = settings.get(HASH_KEY)
    if stored:
        params = {k: int(stored[k]) for k in ("n", "r", "p")}
        expected = bytes.fromhex(stored["hash"])
        return hmac.compare_digest(expected, _hash(passphrase, bytes.fromhex(stored["salt"]), params))
    key = current_passphrase()
    return key is not None and hmac.compare_digest(key.encode("utf-8"), passphrase.encode("utf-8"))


def unlock(passphrase: str) -> bool:
    """Open the register for this session if ``passphrase`` confirms the lead; False (and audited) if not.

    With nothing to confirm against yet (``unlock_method() == "setup"``) use ``set_up`` instead.
    """
    if unlock_method() == "setup":
        raise RegisterLocked()
    if not _matches(passphrase):
        audit.record("unlock_refused", ENTITY, summary="concerns register: wrong passphrase")
        log.info("concerns register: unlock refused")
        return False
    _grant()
    audit.record("unlock", ENTITY, summary="concerns register opened by the safeguarding lead")
    return True


def passphrase_problem(passphrase: str, repeated: str) -> str:
    if len(passphrase) < MIN_LENGTH:
        return f"Register passphrase: use at least {MIN_LENGTH} characters."
    if passphrase != repeated:
        return "Register passphrase: the two entries differ; type the same passphrase twice."
    return ""


def set_up(passphrase: str, repeated: str) -> None:
    """Set the register's own passphrase: the first time (nothing to confirm against yet), or to change
    it once the register is open. It unlocks the register for this session."""
    if unlock_method() != "setup":
        require_unlocked()
    problem = passphrase_problem(passphrase, repeated)
    if problem:
        raise ValueError(problem)
    salt = pysecrets.token_bytes(16)
    settings.put(HASH_KEY, {"salt": salt.hex(), "hash": _hash(passphrase, salt, _SCRYPT).hex(), **_SCRYPT})
    _grant()
    audit.record("set_passphrase", ENTITY, summary="concerns register passphrase set")
