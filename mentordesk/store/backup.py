"""Backup copies made with SQLite's online backup API, and how a file is looked into or put back.

The backup API copies pages, so an encrypted database stays encrypted with the
same key in its copy (SQLCipher refuses to copy between differently keyed files),
and a copy taken while the app is writing is still consistent. A copy is switched
to the rollback journal so it is one self-contained file. Copies live in
``config.backup_dir()`` unless the caller names a file.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from peewee import Database

from mentordesk import config

log = logging.getLogger(__name__)

DEFAULT_KEEP = 10
_STAMP = re.compile(r"-(\d{8}-\d{6})-")


def backup_name(db_path: Path, reason: str, when: datetime | None = None) -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe_reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    return f"{db_path.stem}-{stamp}-{safe_reason}{db_path.suffix or '.db'}"


def backup_time(path: Path) -> datetime:
    """When a backup was taken: from its name, else the file's modification time."""
    found = _STAMP.search(Path(path).name)
    if found:
        try:
            return datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    return datetime.fromtimestamp(Path(path).stat().st_mtime)


def backup_reason(path: Path) -> str:
    """The reason part of a backup's name ("auto", "manual", "before-import", ...)."""
    name = Path(path).name
    found = _STAMP.search(name)
    if not found:
        return ""
    return Path(name[found.end() :]).stem


def _driver(connection: Any):
    module = type(connection).__module__.split(".")[0]  # sqlite3 or sqlcipher3
    if module == "sqlcipher3":
        from sqlcipher3 import dbapi2

        return dbapi2
    import sqlite3

    return sqlite3


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _passphrase_of(db: Database) -> str | None:
    return getattr(db, "connect_params", {}).get("passphrase") or None


def fsync_dir(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def copy_connection(source: Any, target: Path, passphrase: str | None) -> Path:
    """Copy an open DB-API ``source`` connection into ``target`` with the backup API (temp name, then rename)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    driver = _driver(source)
    dest = driver.connect(str(partial), isolation_level=None)
    try:
        if passphrase:
            dest.execute("PRAGMA key = " + _quote(passphrase))
        source.backup(dest)
        # One self-contained file: no -wal beside it, readable read-only from anywhere.
        dest.execute("PRAGMA journal_mode = DELETE").fetchone()
    except BaseException:
        dest.close()
        partial.unlink(missing_ok=True)
        raise
    dest.close()
    partial.chmod(0o600)
    _fsync_file(partial)
    partial.replace(target)
    fsync_dir(target.parent)
    return target


def copy_to(db: Database, target: Path) -> Path:
    """Copy the open database ``db`` into ``target``; an encrypted database stays encrypted with its key."""
    return copy_connection(db.connection(), Path(target), _passphrase_of(db))


def configured_keep() -> int:
    """The ``backups.keep`` setting, or the default when the settings table cannot be read yet."""
    try:
        from mentordesk.store import settings

        return max(1, int(settings.get("backups.keep") or DEFAULT_KEEP))
    except Exception:  # during a migration from an old schema: fall back quietly
        return DEFAULT_KEEP


def make_backup(db: Database, db_path: Path, reason: str = "manual", keep: int | None = None) -> Path:
    """A dated copy in the backup folder; copies beyond ``keep`` (the setting by default) are pruned."""
    folder = config.ensure_dir(config.backup_dir())
    target = folder / backup_name(Path(db_path), reason)
    n = 1
    while target.exists():  # two backups in the same second
        target = folder / backup_name(Path(db_path), f"{reason}-{n}")
        n += 1
    copy_to(db, target)
    prune(Path(db_path), keep if keep is not None else configured_keep())
    log.info("backup written: %s", target.name)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """Backups of ``db_path`` in the backup folder, newest first."""
    folder = config.backup_dir()
    if not folder.is_dir():
        return []
    stem = Path(db_path).stem
    # The stamp must follow the stem directly: "school.db" must not claim "school-2.db"'s backups.
    own = re.compile(re.escape(stem) + r"-\d{8}-\d{6}-")
    found = [
        p
        for p in folder.iterdir()
        if p.is_file() and own.match(p.name) and not p.name.endswith((".partial", "-wal", "-shm", "-journal"))
    ]
    return sorted(found, key=lambda p: (backup_time(p), p.stat().st_mtime, p.name), reverse=True)


def prune(db_path: Path, keep: int) -> list[Path]:
    removed = []
    for old in list_backups(db_path)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed


# -- looking into a file without opening it as "the" database ---------------------------------------


class BackupUnreadable(Exception):
    """A backup (or any database file) could not be read; ``needs_passphrase`` says whether a key might help."""

    def __init__(self, message: str, needs_passphrase: bool = False) -> None:
        super().__init__(message)
        self.needs_passphrase = needs_passphrase


@dataclass
class FileInfo:
    path: Path
    encrypted: bool
    schema_version: int | None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    size: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def open_readonly(path: Path, passphrase: str | None = None) -> Any:
    """A read-only DB-API connection to ``path`` (plain or encrypted), proven readable.

    Raises ``BackupUnreadable`` (``needs_passphrase`` set when the file looks encrypted).
    """
    from mentordesk.store.db import is_encrypted_file

    path = Path(path)
    if not path.is_file():
        raise BackupUnreadable(f"{path} does not exist.")
    encrypted = is_encrypted_file(path)
    if encrypted and not passphrase:
        raise BackupUnreadable(f"{path.name} is encrypted: enter its passphrase to look inside.", True)
    if encrypted:
        from sqlcipher3 import dbapi2 as driver
    else:
        import sqlite3 as driver  # type: ignore[no-redef]
    # mode=ro never writes; a WAL-mode file without its -shm needs immutable=1 to be read at all.
    last_error: Exception | None = None
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        uri = path.resolve().as_uri() + "?" + flags
        conn = driver.connect(uri, uri=True, isolation_level=None)
        try:
            if encrypted:
                conn.execute("PRAGMA key = " + _quote(passphrase or ""))
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except Exception as exc:
            conn.close()
            last_error = exc
            if "not a database" in str(exc) or "encrypted" in str(exc):
                break
    text = str(last_error)
    if encrypted and ("not a database" in text or "encrypted" in text):
        raise BackupUnreadable(f"The passphrase does not open {path.name}.", True)
    raise BackupUnreadable(f"{path.name} cannot be read as a database: {text}")


def table_counts(conn: Any) -> dict[str, int]:
    """Rows per MentorDesk table, in schema order; tables the file lacks are left out."""
    from mentordesk.store.models import ALL_MODELS

    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {}
    for model in ALL_MODELS:
        name = model._meta.table_name
        if name in present:
            counts[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    return counts


def _schema_version(conn: Any) -> int | None:
    from mentordesk.store.migrations import VERSION_KEY

    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (VERSION_KEY,)).fetchone()
    except Exception:
        return None
    if row is None:
        return 1
    return int(str(row[0]).strip('"'))


def describe_file(path: Path, passphrase: str | None = None, *, check: bool = True) -> FileInfo:
    """What a database file holds: schema version, rows per table and (with ``check``) its integrity."""
    from mentordesk.store.db import is_encrypted_file

    path = Path(path)
    conn = open_readonly(path, passphrase)
    try:
        problems: list[str] = []
        if check:
            try:
                rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
                problems = [] if rows == ["ok"] else rows
                for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
                    problems.append(f"{table} row {rowid} points at a missing {parent} row")
            except Exception as exc:  # too damaged for the check itself to finish
                problems.append(str(exc))
        version = _schema_version(conn)
        if version is None:
            problems.append("this is not a MentorDesk database (it has no settings table)")
        try:
            counts = table_counts(conn)
        except Exception as exc:  # damage beyond what integrity_check reported
            counts = {}
            problems.append(str(exc))
    finally:
        conn.close()
    return FileInfo(path, is_encrypted_file(path), version, counts, problems, path.stat().st_size)


def copy_file(source: Path, target: Path, passphrase: str | None = None) -> Path:
    """Copy the database file ``source`` to ``target`` page by page (keeping its encryption)."""
    conn = open_readonly(Path(source), passphrase)
    try:
        return copy_connection(conn, Path(target), passphrase)
    finally:
        conn.close()
