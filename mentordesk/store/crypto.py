"""Encrypt, decrypt or re-key a database file without ever leaving it half done.

Each change writes a complete new file beside the old one (``sqlcipher_export``),
proves that the new file opens with the new key, passes the integrity check and
holds exactly as many rows per table, and only then swaps it in with an atomic
rename. Until the swap the original is untouched; after it the original stays
reachable as ``<name>.previous`` until the swapped-in file has opened once more.
A crash at any moment leaves a file that opens with either the old or the new
passphrase and holds all the data.

The database must be closed (by every connection) while this runs: a -wal file
left beside the old database would otherwise be replayed onto the new one.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from mentordesk.store import checksum, cipher
from mentordesk.store.backup import fsync_dir, open_readonly, sql_literal, sweep_partials, table_counts
from mentordesk.store.errors import DatabaseError, WrongPassphrase, is_encrypted_file

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

# stage names reported to ``progress`` (the crash tests kill the process at each of them)
STAGES = ("reading", "exporting", "verifying", "swapping", "swapped", "done")


class EncryptionChangeFailed(DatabaseError):
    """The new file could not be made or did not verify; the original is unchanged."""


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".rekey-partial")


def previous_path(path: Path) -> Path:
    return path.with_name(path.name + ".previous")


def wal_in_use(path: Path) -> bool:
    """True when a non-empty -wal file sits beside ``path`` (someone still has it open, or it crashed)."""
    wal = path.with_name(path.name + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def change_encryption(
    path: Path | str,
    old_passphrase: str | None,
    new_passphrase: str | None,
    progress: Progress | None = None,
    *,
    keep_previous: bool = False,
) -> None:
    """Give the closed database at ``path`` a new passphrase (None on either side: plain).

    ``None`` -> text encrypts, text -> ``None`` decrypts, text -> other text re-keys.
    Raises ``WrongPassphrase`` if ``old_passphrase`` does not open the file and
    ``EncryptionChangeFailed`` if the new file does not verify; either way the file is unchanged.
    With ``keep_previous`` the old file stays as ``<name>.previous`` for the caller to remove
    (``clean_leftovers``) once it has opened the new one itself.
    """
    path = Path(path)
    report = progress or (lambda stage: None)
    if not path.is_file():
        raise DatabaseError(f"No database at {path}.")
    if old_passphrase is None and new_passphrase is None:
        raise ValueError("Nothing to change: both passphrases are empty.")
    if bool(old_passphrase) != is_encrypted_file(path):
        kind = "is encrypted" if is_encrypted_file(path) else "is not encrypted"
        raise DatabaseError(f"{path.name} {kind}; nothing was changed.")
    if wal_in_use(path):
        raise DatabaseError(
            f"{path.name} is still open somewhere (its -wal file holds unsaved pages). "
            "Close every MentorDesk window using it and try again; nothing was changed."
        )
    partial = partial_path(path)
    partial.unlink(missing_ok=True)
    # Private before a byte is written: SQLCipher fills the existing empty file.
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))

    report("reading")
    try:
        source = cipher.connect(str(path), old_passphrase)  # None: a plain file, to be encrypted
    except Exception as exc:
        partial.unlink(missing_ok=True)
        if "not a database" in str(exc):
            raise WrongPassphrase("The current passphrase does not open this database.") from exc
        raise
    try:
        expected = table_counts(source)
        source.execute(f"ATTACH DATABASE {sql_literal(str(partial))} AS fresh KEY {sql_literal(new_passphrase or '')}")
        report("exporting")
        try:
            source.execute("SELECT sqlcipher_export('fresh')").fetchone()
        finally:
            source.execute("DETACH DATABASE fresh")
    except BaseException:
        source.close()
        partial.unlink(missing_ok=True)
        raise
    source.close()

    report("verifying")
    try:
        partial.chmod(0o600)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        _verify(partial, new_passphrase, expected)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

    report("swapping")
    previous = previous_path(path)
    previous.unlink(missing_ok=True)
    try:
        os.link(path, previous)  # the old file keeps a name until the new one has proved itself
    except OSError:  # file systems without hard links: the export is verified, swap without a spare
        log.info("no hard link for %s; swapping without a spare copy", path.name)
    verified = os.stat(partial)
    checksum.forget(path)  # re-keyed on purpose: not a change to report at the next open
    os.replace(partial, path)
    fsync_dir(path.parent)
    report("swapped")

    # The rename is atomic, so the file now at ``path`` is the one just verified; make sure of it
    # without paying for another key derivation, then let the old one go.
    now = os.stat(path)
    if (now.st_ino, now.st_size) != (verified.st_ino, verified.st_size):
        raise EncryptionChangeFailed(
            f"{path.name} changed during the swap; the old file is kept as {previous.name}."
        )
    if not keep_previous:
        previous.unlink(missing_ok=True)
        fsync_dir(path.parent)
    report("done")
    log.info("database %s: encryption changed (encrypted=%s)", path.name, bool(new_passphrase))


def _verify(path: Path, passphrase: str | None, expected: dict[str, int]) -> None:
    try:
        conn = open_readonly(path, passphrase)
    except Exception as exc:
        raise EncryptionChangeFailed(f"The new file does not open: {exc}. Nothing was changed.") from exc
    try:
        check = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if check != ["ok"]:
            raise EncryptionChangeFailed(f"The new file failed its integrity check: {check[:3]}")
        counts = table_counts(conn)
    finally:
        conn.close()
    if counts != expected:
        differ = sorted(k for k in set(counts) | set(expected) if counts.get(k) != expected.get(k))
        raise EncryptionChangeFailed(f"The new file's row counts differ in {', '.join(differ)}.")


def clean_leftovers(path: Path | str) -> list[Path]:
    """Remove what an interrupted change, backup or restore left; call only after ``path`` opened fine."""
    path = Path(path)
    removed = sweep_partials(path)
    for leftover in (partial_path(path), previous_path(path)):
        if leftover.exists():
            leftover.unlink()
            removed.append(leftover)
    return removed
