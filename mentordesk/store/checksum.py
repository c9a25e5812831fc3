"""A checksum of the database file taken at clean close and checked at the next open.

A plain SQLite file has no checksums of its own: a flipped byte inside a name or a
date passes ``integrity_check`` and changes a record without anyone noticing. So when
MentorDesk closes a file cleanly (every page in the file, no -wal left) it writes the
file's SHA-256 beside it (``<name>.sum``); the next open compares. A writing session
deletes the record as it starts, so a crash leaves no record rather than a wrong one.

``verify`` answers SAME (the file is as MentorDesk left it), CHANGED (something else
wrote to it between sessions) or UNKNOWN (no record: a new file, a crash, a copy).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from datetime import datetime
from enum import Enum
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = ".sum"
CHUNK = 1 << 20


class SinceClose(Enum):
    SAME = "same"
    CHANGED = "changed"
    UNKNOWN = "unknown"


def record_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + SUFFIX)


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while block := handle.read(CHUNK):
            sha.update(block)
    return sha.hexdigest()


def _read(db_path: Path) -> dict | None:
    try:
        value = json.loads(record_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) and "sha256" in value else None


def recorded(db_path: Path) -> dict | None:
    """The record of the last clean close (None without one), for ``verify`` to compare later."""
    return _read(Path(db_path))


def verify(db_path: Path, record: dict | None | bool = True) -> SinceClose:
    """Compare the file with the checksum recorded when MentorDesk last closed it.

    ``record``: the record read earlier with ``recorded`` (it is deleted as a writing session
    starts); by default it is read now.
    """
    db_path = Path(db_path)
    recorded = _read(db_path) if record is True else record
    if not isinstance(recorded, dict) or not db_path.is_file():
        return SinceClose.UNKNOWN
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return SinceClose.CHANGED  # MentorDesk left no -wal at close: someone has written since
    try:
        same = recorded.get("size") == db_path.stat().st_size and recorded["sha256"] == digest(db_path)
    except OSError:
        return SinceClose.UNKNOWN
    if not same:
        log.warning("%s changed since MentorDesk last closed it", db_path.name)
    return SinceClose.SAME if same else SinceClose.CHANGED


def closed_at(db_path: Path) -> str:
    """When the record was written (ISO time), or "" without one."""
    recorded = _read(db_path) or {}
    return str(recorded.get("closed_at", ""))


def forget(db_path: Path) -> None:
    """A writing session starts: the record would soon be wrong."""
    try:
        record_path(db_path).unlink(missing_ok=True)
    except OSError as exc:  # a read-only folder: the next open reports a change, which is true
        log.warning("could not remove %s: %s", record_path(db_path).name, exc.strerror)


def record(db_path: Path) -> bool:
    """After a clean close: write the checksum beside the file (0600, atomically). False if it cannot."""
    db_path = Path(db_path)
    wal = db_path.with_name(db_path.name + "-wal")
    if not db_path.is_file() or (wal.exists() and wal.stat().st_size > 0):
        return False  # another connection still has it open: its pages are not all in the file yet
    target = record_path(db_path)
    partial = target.with_name(target.name + ".partial")
    try:
        text = json.dumps(
            {
                "sha256": digest(db_path),
                "size": db_path.stat().st_size,
                "closed_at": datetime.now().isoformat(timespec="seconds"),
            }
        )
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        log.warning("could not record the checksum of %s: %s", db_path.name, exc.strerror)
        return False
    return True
