"""What can go wrong when a database file is opened, and how to tell an encrypted file from a plain one.

Apart from ``db`` (the open path) so that the modules ``db`` uses (migrations, backups, the server
connection, the file lock) can raise and recognise these without importing the open path back.
"""

from __future__ import annotations

from pathlib import Path


class DatabaseError(Exception):
    """A database could not be opened; the message says what to do."""


class WrongPassphrase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseDamaged(DatabaseError):
    """The file failed SQLite's integrity or foreign-key check; it was not written to."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


SQLITE_HEADER = b"SQLite format 3\x00"


def is_encrypted_file(path: Path | str) -> bool:
    """True when ``path`` holds data but not SQLite's plain header: encrypted (or not a database)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER
