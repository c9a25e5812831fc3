"""Backup copies made with SQLite's online backup API, and how a file is looked into or put back.

The backup API copies pages, so an encrypted database stays encrypted with the
same key in its copy (SQLCipher refuses to copy between differently keyed files),
and a copy taken while the app is writing is still consistent. A copy is switched
to the rollback journal so it is one self-contained file. Copies live in
``config.backup_dir()`` unless the caller names a file.

Copies MentorDesk takes on its own (daily, before an import or an erasure) are kept in
generations, as restic's ``forget --keep-within 7d --keep-weekly 5 --keep-monthly 12``
does: every copy of the last 7 days, the newest of each of the last 5 weeks and of the
last 12 months that have one. Copies the user asked for, and those taken before an
upgrade or a restore, stay until the user deletes them. Pruning never runs as part of
another operation, so work that fails or is refused cannot push a copy out.

A copy is written under a temporary name (``.partial``), created 0600 and locked while
it is written; what a killed process leaves is swept on the next start.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from peewee import Database

from mentordesk import config
from mentordesk.store import cipher
from mentordesk.store.cipher import sql_literal as sql_literal
from mentordesk.store.errors import is_encrypted_file, what_it_looks_like
from mentordesk.store.models import ALL_MODELS
from mentordesk.store.settings import VERSION_KEY

log = logging.getLogger(__name__)

_STAMP = re.compile(r"-(\d{8}-\d{6})-")

# The generations kept of the copies MentorDesk takes on its own.
KEEP_DAYS = 7
KEEP_WEEKS = 5
KEEP_MONTHS = 12
# Copies with these reasons (and their "-1", "-v3" variants) stay until the user deletes them.
KEPT_UNTIL_DELETED = ("manual", "before-migration", "before-restore")
# Temporary names: a copy being written, a restore being staged beside the database.
PARTIAL_SUFFIXES = (".partial", ".restore-partial")


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


def _lock(fd: int, blocking: bool) -> bool:
    """An advisory lock on an open temp file: held while it is written, so a sweep leaves it alone."""
    try:
        import fcntl
    except ImportError:  # Windows: an open file cannot be deleted there anyway
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


@contextlib.contextmanager
def private_partial(partial: Path) -> Iterator[Path]:
    """Create ``partial`` empty with mode 0600 (never readable by others, not even for a moment), locked.

    SQLite writes into the existing empty file and gives its journal the same mode. The file is
    removed if the block fails; on success the caller renames it into place.
    """
    partial.unlink(missing_ok=True)  # a leftover of a killed process
    fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        _lock(fd, blocking=True)
        try:
            yield partial
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    finally:
        os.close(fd)  # releases the lock


def copy_connection(source: Any, target: Path, passphrase: str | None) -> Path:
    """Copy an open DB-API ``source`` connection into ``target`` with the backup API (temp name, then rename)."""
    target = Path(target)
    config.ensure_dir(target.parent)
    driver = _driver(source)
    with private_partial(target.with_name(target.name + ".partial")) as partial:
        if driver.__name__.startswith("sqlcipher3"):
            dest = cipher.connect(str(partial), passphrase)
        else:
            dest = driver.connect(str(partial), isolation_level=None)
        try:
            source.backup(dest)
            # One self-contained file: no -wal beside it, readable read-only from anywhere.
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            dest.close()
        _fsync_file(partial)
        partial.replace(target)
    fsync_dir(target.parent)
    return target


def copy_to(db: Database, target: Path) -> Path:
    """Copy the open database ``db`` into ``target``; an encrypted database stays encrypted with its key."""
    return copy_connection(db.connection(), Path(target), _passphrase_of(db))


def new_backup_path(db_path: Path, reason: str) -> Path:
    """A free name in the backup folder for a copy of ``db_path`` taken now."""
    folder = config.ensure_dir(config.backup_dir())
    target = folder / backup_name(Path(db_path), reason)
    n = 1
    while target.exists():  # two backups in the same second
        target = folder / backup_name(Path(db_path), f"{reason}-{n}")
        n += 1
    return target


def make_backup(db: Database, db_path: Path, reason: str = "manual") -> Path:
    """A dated copy of the open database in the backup folder (nothing is pruned here: see ``prune``)."""
    target = copy_to(db, new_backup_path(Path(db_path), reason))
    log.info("backup written: %s", target.name)
    return target


def backup_file(db_path: Path, reason: str, passphrase: str | None) -> Path:
    """A dated copy of the database file as last committed, read through a connection of its own.

    A writer may hold an open transaction meanwhile: its uncommitted rows are not in the copy.
    """
    target = copy_file(Path(db_path), new_backup_path(Path(db_path), reason), passphrase)
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
        if p.is_file()
        and own.match(p.name)
        and not p.name.endswith((*PARTIAL_SUFFIXES, "-wal", "-shm", "-journal"))
    ]
    return sorted(found, key=lambda p: (backup_time(p), p.stat().st_mtime, p.name), reverse=True)


def kept_until_deleted(path: Path) -> bool:
    """True for a copy the user asked for, or one taken before an upgrade or a restore."""
    reason = backup_reason(path)
    return any(reason == kind or reason.startswith(kind + "-") for kind in KEPT_UNTIL_DELETED)


def generations_to_keep(taken: Iterable[datetime], now: datetime) -> set[datetime]:
    """Which of the times ``taken`` the generations keep: all of the last KEEP_DAYS days, and the
    newest of each of the KEEP_WEEKS most recent ISO weeks and KEEP_MONTHS most recent months that have one.

    Counting periods that have a copy (not calendar time) means a scheme that pauses for a summer
    keeps its older copies. A copy stamped in the future (a clock change) is kept.
    """
    newest_first = sorted(set(taken), reverse=True)
    keep = {t for t in newest_first if now - t < timedelta(days=KEEP_DAYS)}
    periods = (
        (lambda t: tuple(t.isocalendar())[:2], KEEP_WEEKS),
        (lambda t: (t.year, t.month), KEEP_MONTHS),
    )
    for period_of, count in periods:
        seen: set[tuple[int, int]] = set()
        for t in newest_first:
            period = period_of(t)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(t)
    return keep


def prune(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the copies of ``db_path`` the generations no longer keep; returns them."""
    rotating = [p for p in list_backups(db_path) if not kept_until_deleted(p)]
    times = {p: backup_time(p) for p in rotating}
    keep = generations_to_keep(times.values(), now or datetime.now())
    removed = []
    for old in rotating:
        if times[old] not in keep:
            old.unlink(missing_ok=True)
            removed.append(old)
    if removed:
        log.info("backups pruned: %d", len(removed))
    return removed


def partial_files(db_path: Path) -> list[Path]:
    """Temporary copies of ``db_path``: being written now, or left by a process that was killed."""
    db_path = Path(db_path)
    found = [db_path.with_name(db_path.name + ".restore-partial")]
    folder = config.backup_dir()
    if folder.is_dir():
        own = re.compile(re.escape(db_path.stem) + r"-\d{8}-\d{6}-.*\.partial$")
        found.extend(p for p in folder.iterdir() if own.match(p.name))
    return [p for p in found if p.is_file()]


def sweep_partials(db_path: Path) -> list[Path]:
    """Delete the temporary copies of ``db_path`` nobody is writing (a writer holds a lock on its own)."""
    removed = []
    for partial in partial_files(db_path):
        try:
            fd = os.open(partial, os.O_RDONLY)
        except OSError:
            continue
        try:
            if not _lock(fd, blocking=False):
                continue  # another process is writing it right now
            partial.unlink(missing_ok=True)
            for sidecar in ("-journal", "-wal", "-shm"):
                partial.with_name(partial.name + sidecar).unlink(missing_ok=True)
            removed.append(partial)
        finally:
            os.close(fd)
    if removed:
        log.info("swept %d unfinished copy file(s)", len(removed))
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

    path = Path(path)
    if not path.is_file():
        raise BackupUnreadable(f"{path} does not exist.")
    what = what_it_looks_like(path)
    if what is not None:  # a text file, a PDF...: no passphrase to ask for
        raise BackupUnreadable(
            f"{path.name} is not a MentorDesk database or backup: it looks like {what}. Choose another file."
        )
    encrypted = is_encrypted_file(path)
    if encrypted and not passphrase:
        raise BackupUnreadable(f"{path.name} is encrypted: enter its passphrase to look inside.", True)
    # mode=ro never writes; a WAL-mode file without its -shm needs immutable=1 to be read at all.
    last_error: Exception | None = None
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        uri = path.resolve().as_uri() + "?" + flags
        try:
            if encrypted:  # the key tried with SQLCipher's own log quiet: a wrong one is no fault
                return cipher.connect(uri, passphrase, uri=True)
            conn = sqlite3.connect(uri, uri=True, isolation_level=None)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except BaseException:
                conn.close()
                raise
            return conn
        except Exception as exc:
            last_error = exc
            if "not a database" in str(exc) or "encrypted" in str(exc):
                break
    text = str(last_error)
    if encrypted and ("not a database" in text or "encrypted" in text):
        raise BackupUnreadable(f"The passphrase does not open {path.name}.", True)
    raise BackupUnreadable(f"{path.name} cannot be read as a database: {text}")


def table_counts(conn: Any) -> dict[str, int]:
    """Rows per MentorDesk table, in schema order; tables the file lacks are left out."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counts = {}
    for model in ALL_MODELS:
        name = model._meta.table_name
        if name in present:
            counts[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
    return counts


def _schema_version(conn: Any) -> int | None:
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (VERSION_KEY,)).fetchone()
    except Exception:
        return None
    if row is None:
        return 1
    return int(str(row[0]).strip('"'))


def describe_file(path: Path, passphrase: str | None = None, *, check: bool = True) -> FileInfo:
    """What a database file holds: schema version, rows per table and (with ``check``) its integrity."""
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
