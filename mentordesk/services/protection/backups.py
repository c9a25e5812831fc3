"""Backups as the coordinator sees them: daily automatic copies, "back up now", preview and restore.

Restoring is itself safe: the backup is checked first, the current database is
backed up, the backup is copied beside the database under a temporary name and
checked again, and only then renamed over the database (an atomic swap).

Which copies are kept is ``store/backup.py``'s generations rule; it is applied after a
copy taken on its own (daily, or "back up now"), never by a copy taken before other work.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from mentordesk import config
from mentordesk.store import backup as store_backup, checksum, file_lock, settings
from mentordesk.store.backup import BackupUnreadable, FileInfo
from mentordesk.store.db import (
    DatabaseError,
    close_database,
    current_passphrase,
    database,
    open_database,
)

log = logging.getLogger(__name__)

__all__ = ["BackupEntry", "BackupUnreadable", "FileInfo", "RestoreError"]


class RestoreError(DatabaseError):
    """The backup could not be restored; the database is as it was."""


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    taken_at: datetime
    reason: str
    size: int


def generations() -> tuple[int, int, int]:
    """The generations of automatic copies kept: (days of every copy, weeks, months)."""
    return store_backup.KEEP_DAYS, store_backup.KEEP_WEEKS, store_backup.KEEP_MONTHS


def kept_generations() -> str:
    """Which backups are kept, in words (the CLI's; the GUI words the same with ``generations``)."""
    days, weeks, months = generations()
    return (
        f"MentorDesk keeps every backup of the last {days} days, one a week for {weeks} weeks and one a "
        f"month for {months} months. Backups you make yourself, and those taken before an upgrade or a "
        "restore, stay until you delete them."
    )


def backup_now(db_path: Path, reason: str = "manual", to: Path | None = None) -> Path:
    """Copy the open database: into the backup folder (then apply the generations), or to ``to`` if given."""
    if _on_server():  # a shared server: pg_dump (or a logical export) into the folder of ``to``
        return backup_server(folder=Path(to).parent if to is not None else None).path
    if to is not None:
        return store_backup.copy_to(database.obj, Path(to))
    copy = store_backup.make_backup(database.obj, Path(db_path), reason=reason)
    store_backup.prune(Path(db_path))
    return copy


def backup_before(db_path: Path, what: str) -> Path:
    """The copy every bulk change makes first (``what``: "import", "erase", "restore", ...).

    Nothing is pruned: if the change then fails, no older copy has been given up for it. On a
    shared server it is a server backup (pg_dump, else a logical export) in the backups folder.
    """
    if _on_server():
        return backup_server().path
    return store_backup.make_backup(database.obj, Path(db_path), reason=f"before-{what}")


def _on_server() -> bool:
    from mentordesk.store import server

    return server.is_server(database.obj)


def last_auto() -> date | None:
    value = settings.get("backups.last_auto") or ""
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def auto_backup_if_due(db_path: Path, today: date | None = None) -> Path | None:
    """At most one automatic backup a day, taken when the database is opened for work.

    Never of a file whose check has not passed yet, nor of one that changed outside MentorDesk
    since it last closed it: a bad file must not become "the latest backup".
    """
    db = database.obj
    if getattr(db, "pending_check", None) is not None or getattr(db, "changed_outside", False):
        return None
    today = today or date.today()
    previous = last_auto()
    if previous is not None and previous >= today:
        return None
    copy = backup_now(db_path, reason="auto")
    settings.put("backups.last_auto", today.isoformat())
    return copy


def list_entries(db_path: Path) -> list[BackupEntry]:
    out = []
    for path in store_backup.list_backups(Path(db_path)):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        out.append(BackupEntry(path, store_backup.backup_time(path), store_backup.backup_reason(path), size))
    return out


def preview(path: Path, passphrase: str | None = None) -> FileInfo:
    """What a backup holds (rows per table, schema version, integrity); tries the open database's key first.

    Raises ``BackupUnreadable`` (with ``needs_passphrase``) when it cannot be read.
    """
    key = passphrase if passphrase is not None else current_passphrase()
    return store_backup.describe_file(Path(path), key)


def latest_good_backup(db_path: Path, passphrase: str | None = None) -> FileInfo | None:
    """The newest backup of ``db_path`` that opens (with ``passphrase``) and passes its integrity check."""
    for entry in list_entries(db_path):
        try:
            info = store_backup.describe_file(entry.path, passphrase)
        except BackupUnreadable:
            continue
        if info.ok:
            return info
    return None


def restore(db_path: Path, backup_path: Path, passphrase: str | None = None) -> Path | None:
    """Put ``backup_path`` in place of the database at ``db_path`` and reopen it.

    ``passphrase`` opens the backup (and will open the restored database). When a
    database is open it is backed up first; the returned path is that safety copy.
    The database proxy is left bound to the restored file.
    """
    db_path, backup_path = Path(db_path), Path(backup_path)
    if backup_path.resolve() == db_path.resolve():
        raise RestoreError("That is the database itself; choose a backup file.")
    file_lock.refuse_if_shared(db_path, "restore")
    try:
        info = store_backup.describe_file(backup_path, passphrase)
    except BackupUnreadable as exc:
        raise RestoreError(str(exc)) from exc
    if not info.ok:
        raise RestoreError(f"{backup_path.name} is damaged ({info.problems[0]}); choose another backup.")
    if info.schema_version is None:
        raise RestoreError(f"{backup_path.name} is not a MentorDesk database.")

    safety = None
    open_db = database.obj
    is_open = open_db is not None and not open_db.is_closed()
    if is_open and Path(open_db.database).resolve() == db_path.resolve():
        safety = backup_before(db_path, "restore")
        reopen_key = current_passphrase()
    else:
        reopen_key = None
    staged = db_path.with_name(db_path.name + ".restore-partial")
    try:
        store_backup.copy_file(backup_path, staged, passphrase)
        staged_info = store_backup.describe_file(staged, passphrase)
        if not staged_info.ok or staged_info.counts != info.counts:
            raise RestoreError("The copied backup did not match the original; nothing was changed.")
    except BaseException:
        staged.unlink(missing_ok=True)
        raise

    close_database()
    for sidecar in ("-wal", "-shm"):
        # The old database closed cleanly, so these are empty; a stale -wal must never meet the new file.
        side = db_path.with_name(db_path.name + sidecar)
        if side.exists() and sidecar == "-wal" and side.stat().st_size > 0:
            staged.unlink(missing_ok=True)
            if safety is not None:
                open_database(db_path, reopen_key, migrate=False)
            raise RestoreError(
                "The database is still in use elsewhere; close other MentorDesk windows first."
            )
        side.unlink(missing_ok=True)
    checksum.forget(db_path)  # the file is replaced on purpose: not a change to report
    os.replace(staged, db_path)
    store_backup.fsync_dir(db_path.parent)
    log.info("restored %s from %s", db_path.name, backup_path.name)
    open_database(db_path, passphrase, backup=True)
    _follow_in_keyring(db_path, passphrase)
    return safety


def _follow_in_keyring(db_path: Path, passphrase: str | None) -> None:
    """A remembered passphrase must keep opening the file after a restore from an older key."""
    from mentordesk.services.protection import secrets

    remembered = secrets.get_passphrase(db_path)
    if remembered is None or remembered == passphrase:
        return
    if passphrase:
        secrets.store_passphrase(db_path, passphrase)
    else:
        secrets.forget_passphrase(db_path)


def set_damaged_aside(db_path: Path) -> Path:
    """Rename a damaged database (and its -wal/-shm) out of the way, unchanged, so a backup can take its place."""
    db_path = Path(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    close_database()
    checksum.forget(db_path)
    os.replace(db_path, aside)
    for sidecar in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + sidecar)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + sidecar))
    store_backup.fsync_dir(db_path.parent)
    log.warning("damaged database set aside as %s", aside.name)
    return aside


def restore_over_damaged(db_path: Path, backup_path: Path, passphrase: str | None = None) -> Path:
    """Replace a damaged database by a backup; the damaged file is kept, renamed, and never written to."""
    file_lock.refuse_if_shared(db_path, "restore")
    try:
        info = store_backup.describe_file(Path(backup_path), passphrase)
    except BackupUnreadable as exc:
        raise RestoreError(str(exc)) from exc
    if not info.ok:
        raise RestoreError(f"{Path(backup_path).name} is damaged too; choose an older backup.")
    aside = set_damaged_aside(db_path)
    restore(db_path, backup_path, passphrase)
    return aside


def backup_server(password: str | None = None, folder: Path | None = None, *, use_pg_dump: bool = True):
    """Back up the open shared-server database into the backups folder: pg_dump, else a logical export."""
    from mentordesk.store import server_backup

    target = folder or config.ensure_dir(config.backup_dir())
    return server_backup.backup(database.obj, Path(target), password, use_pg_dump=use_pg_dump)
