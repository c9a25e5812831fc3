"""Encrypt, decrypt or change the passphrase of the open database, then reopen it.

The file work (new file, verify, atomic swap) is ``store.crypto``; this module
closes the database first, reopens it afterwards with the new key whatever
happened, and keeps the keyring in step.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Iterable
from pathlib import Path

from mentordesk.services.protection import secrets
from mentordesk.store import backup as store_backup, crypto, file_lock
from mentordesk.store.db import (
    DatabaseError,
    WrongPassphrase,
    close_database,
    current_passphrase,
    database,
    is_encrypted_file,
    open_database,
)

log = logging.getLogger(__name__)

MIN_LENGTH = 8


class PassphraseRejected(ValueError):
    """A new passphrase that will not do; the message says why."""


def check_new_passphrase(passphrase: str, confirmation: str) -> None:
    """Raise ``PassphraseRejected`` unless the new passphrase is usable and typed the same twice."""
    if not passphrase:
        raise PassphraseRejected("Enter a passphrase.")
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseRejected(
            f"Use at least {MIN_LENGTH} characters; a few unrelated words are easy to remember and hard to guess."
        )
    if passphrase.strip() != passphrase:
        raise PassphraseRejected("The passphrase starts or ends with a space; remove it to avoid surprises.")
    if passphrase != confirmation:
        raise PassphraseRejected("The two passphrases differ; type the same one in both fields.")


def is_encrypted() -> bool:
    return current_passphrase() is not None


def matches_current(passphrase: str) -> bool:
    current = current_passphrase() or ""
    return hmac.compare_digest(current.encode(), passphrase.encode())


def _db_path() -> Path:
    return Path(database.obj.database)


def change(
    new_passphrase: str | None,
    *,
    current: str | None,
    remember: bool | None = None,
    progress: crypto.Progress | None = None,
) -> None:
    """Swap the open database's encryption for ``new_passphrase`` (None: decrypt) and reopen it.

    ``current`` must be the passphrase the database is open with (None when plain): asking
    for it again stops someone at an unlocked laptop from changing it. ``remember``: True
    stores the new passphrase in the keyring, False forgets it, None keeps what was there.
    """
    path = _db_path()
    open_key = current_passphrase()
    if open_key is not None and not (current and matches_current(current)):
        raise WrongPassphrase("The current passphrase is not right; nothing was changed.")
    file_lock.refuse_if_shared(path, "change the passphrase")
    if new_passphrase is None and open_key is None:
        raise DatabaseError("The database is not encrypted.")
    was_remembered = secrets.is_remembered(path)
    database.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    try:
        crypto.change_encryption(path, open_key, new_passphrase, progress, keep_previous=True)
    except BaseException:
        # Whatever failed, the original is intact: reopen it so the app carries on.
        open_database(path, open_key, backup=False)
        raise
    open_database(path, new_passphrase, backup=False)  # the final proof: opens, integrity and keys ok
    crypto.clean_leftovers(path)
    if remember is True and new_passphrase:
        secrets.store_passphrase(path, new_passphrase)
    elif remember is False or new_passphrase is None:
        secrets.forget_passphrase(path)
    elif was_remembered and new_passphrase:
        secrets.store_passphrase(path, new_passphrase)


def plaintext_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path`` that are not encrypted (left from before the database was encrypted)."""
    return [p for p in store_backup.list_backups(Path(db_path)) if not is_encrypted_file(p)]


# The kinds of backup, as the encrypt dialog names them; all but "automatic" stay until the user deletes them.
BACKUP_KINDS = ("automatic", "manual", "before-restore", "before-upgrade")


def backup_kind(path: Path) -> str:
    """Which of ``BACKUP_KINDS`` a backup is: one made with Back up now, before a restore or an upgrade, or
    one MentorDesk made on its own (daily, before an import or an erasure), which the generations rule prunes."""
    if not store_backup.kept_until_deleted(path):
        return "automatic"
    reason = store_backup.backup_reason(path)
    if reason.startswith("before-restore"):
        return "before-restore"
    if reason.startswith("before-migration"):
        return "before-upgrade"
    return "manual"


def plaintext_backup_kinds(db_path: Path) -> dict[str, int]:
    """How many unencrypted backups of each kind there are (every kind of ``BACKUP_KINDS``, 0 when none)."""
    counts = dict.fromkeys(BACKUP_KINDS, 0)
    for path in plaintext_backups(db_path):
        counts[backup_kind(path)] += 1
    return counts


def remove_plaintext_backups(db_path: Path, *, kinds: Iterable[str]) -> int:
    """Delete the unencrypted backups of ``kinds`` (of ``BACKUP_KINDS``) once the database is encrypted, so
    the readable copies go too; unfinished copies always go. Which kinds is the user's choice: those other
    than "automatic" are restore points kept until the user deletes them.
    """
    chosen = set(kinds)
    unknown = chosen - set(BACKUP_KINDS)
    if unknown:
        raise ValueError(f"Unknown kind of backup: {', '.join(sorted(unknown))}.")
    removed = len(store_backup.sweep_partials(Path(db_path)))  # unfinished copies are readable too
    for path in plaintext_backups(db_path):
        if backup_kind(path) in chosen:
            path.unlink(missing_ok=True)
            removed += 1
    log.info("removed %d unencrypted backup(s)", removed)
    return removed
