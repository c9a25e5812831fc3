"""Backup copies made with SQLite's online backup API.

The backup API copies pages, so an encrypted database stays encrypted with the
same key in its copy, and a copy taken while the app is writing is still
consistent. Copies live in ``config.backup_dir()`` unless the caller names a file.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from pathlib import Path

from peewee import Database

from mentordesk import config

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    return f"{db_path.stem}-{stamp}-{safe_reason}{db_path.suffix or '.db'}"


def copy_to(db: Database, target: Path) -> Path:
    """Copy the open database ``db`` into ``target`` (written to a temp name, then renamed)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = db.connection()
    module = type(source).__module__.split(".")[0]  # sqlite3 or sqlcipher3
    driver = __import__(module)
    dest = driver.connect(str(partial))
    try:
        key = getattr(db, "_passphrase", None) or getattr(db, "connect_params", {}).get("passphrase")
        if module == "sqlcipher3" and key:
            dest.execute("PRAGMA key = " + _quote(key))
        source.backup(dest)
    finally:
        dest.close()
    partial.replace(target)
    target.chmod(0o600)
    return target


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def make_backup(db: Database, db_path: Path, reason: str = "manual", keep: int | None = None) -> Path:
    """A dated copy in the backup folder; older automatic copies beyond ``keep`` are pruned."""
    folder = config.ensure_dir(config.backup_dir())
    target = folder / backup_name(Path(db_path), reason)
    n = 1
    while target.exists():  # two backups in the same second
        target = folder / backup_name(Path(db_path), f"{reason}-{n}")
        n += 1
    copy_to(db, target)
    prune(Path(db_path), keep if keep is not None else DEFAULT_KEEP)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path`` in the backup folder, newest first."""
    folder = config.backup_dir()
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    found = [p for p in folder.glob(f"{stem}-*") if not p.name.endswith((".partial", "-wal", "-shm"))]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def prune(db_path: Path, keep: int) -> list[Path]:
    removed = []
    for old in list_backups(db_path)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed
