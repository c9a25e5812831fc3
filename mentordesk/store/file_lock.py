"""One MentorDesk per database file: a lock file beside it, as KeePassXC and LibreOffice do.

``scheme.db`` is locked by ``scheme.db.lock`` (mode 0600), which records who holds it: process id,
host, user and start time. The lock is taken with an exclusive create, so two processes starting
at once cannot both win. A lock left by a process that has died on this host is stale and is taken
over; a lock from another host (a shared folder) is respected, since its process cannot be checked.
The holder keeps an advisory lock (flock) on the file while it runs, so "has it died?" is the
kernel's answer, not a guess from a process id that may have been reused.
A process holding the lock may claim it again (the GUI reopens the file after the idle lock).
"""

from __future__ import annotations

import atexit
import getpass
import json
import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mentordesk.store.errors import DatabaseError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SUFFIX = ".lock"


class DatabaseInUse(DatabaseError):
    """Another MentorDesk holds the file; the message says who and what to do."""

    def __init__(self, path: Path, holder: LockInfo, action: str = "") -> None:
        self.path = path
        self.holder = holder
        what = action or "open it for changes"
        message = (
            f"{path.name} is open in another MentorDesk ({holder.describe()}): close it there, "
            f"then {what} again."
        )
        if holder.host and holder.host != _host():
            message += (
                f" If MentorDesk is no longer running on {holder.host}, delete {lock_path(path)} first."
            )
        super().__init__(message)


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    started: str  # ISO local time

    def describe(self) -> str:
        if not self.pid:
            return "starting at this moment"
        try:
            since = datetime.fromisoformat(self.started).strftime("%H:%M on %d %b %Y")
        except ValueError:
            since = self.started or "an unknown time"
        return f"by {self.user or 'someone'} on {self.host or 'another computer'}, process {self.pid}, since {since}"

    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == _host()


def _host() -> str:
    return socket.gethostname()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers)
        return ""


def lock_path(db_path: Path | str) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + SUFFIX)


def read(db_path: Path | str) -> LockInfo | None:
    """Who holds the lock file, or None when there is none (or it is unreadable: treated as stale)."""
    try:
        data = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), str(data.get("user", "")), str(data["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(info: LockInfo) -> bool:
    if info.host != _host():
        return True  # cannot be checked from here: respect it
    try:
        os.kill(info.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    except OSError:
        return False
    return True


def holder(db_path: Path | str) -> LockInfo | None:
    """The other live process holding ``db_path``, or None (free, ours, or stale)."""
    path = Path(db_path).resolve()
    if path in _held:
        return None
    info = read(path)
    if info is None or info.is_this_process() or not _alive(info):
        return None
    if fcntl is not None and info.host == _host() and _lockable(lock_path(path)):
        return None  # the process id was reused by something else: nobody holds the file
    return info


def _lockable(target: Path) -> bool:
    """True when nobody holds ``target``'s advisory lock (so its holder has gone)."""
    try:
        fd = os.open(target, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # closing drops the test lock
    return True


# path -> the open descriptor whose advisory lock (flock) lasts as long as this process: the kernel
# drops it when the process dies, however it dies, which is what makes a stale lock detectable.
_held: dict[Path, int] = {}


def acquire(db_path: Path | str, action: str = "") -> None:
    """Take the lock for this process, or raise ``DatabaseInUse`` naming the holder (and ``action``,
    what to try again once it is closed)."""
    path = Path(db_path).resolve()
    if path in _held:
        return
    target = lock_path(path)
    if not target.parent.exists():
        return  # a new database in a new folder: the open creates it; the next start locks it
    for _ in range(5):
        try:
            fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:  # a read-only folder or disk: name the database, not its lock file
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                info = read(path)
                raise DatabaseInUse(path, info or LockInfo(0, "", "", ""), action) from None
            try:
                same = os.fstat(fd).st_ino == os.stat(target).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # the holder removed it while we waited: try the new file
                os.close(fd)
                continue
            info = read(path)
            if info is not None and info.host != _host() and not info.is_this_process():
                os.close(fd)  # another computer's lock on a shared folder: its flock does not reach us
                raise DatabaseInUse(path, info, action)
        else:  # no flock (Windows): the recorded process decides
            info = read(path)
            if info is not None and not info.is_this_process() and _alive(info):
                os.close(fd)
                raise DatabaseInUse(path, info, action)
        if info is not None:
            log.info("stale database lock taken over")
        _write(fd, LockInfo(os.getpid(), _host(), _user(), datetime.now().isoformat(timespec="seconds")))
        if not _held:
            atexit.register(release_all)
        _held[path] = fd
        return
    raise DatabaseInUse(path, read(path) or LockInfo(0, "", "", ""), action)


def _write(fd: int, info: LockInfo) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(info.__dict__).encode("utf-8"))
    os.fsync(fd)


def release(db_path: Path | str) -> None:
    path = Path(db_path).resolve()
    fd = _held.pop(path, None)
    if fd is None:
        return
    try:
        lock_path(path).unlink(missing_ok=True)  # while still holding it: nobody takes a file about to vanish
    except OSError as exc:
        log.warning("could not remove the database lock: %s", type(exc).__name__)
    os.close(fd)


def release_all() -> None:
    for path in list(_held):
        release(path)


def is_held(db_path: Path | str) -> bool:
    return Path(db_path).resolve() in _held


def refuse_if_shared(db_path: Path | str, action: str) -> None:
    """Raise ``DatabaseInUse`` when another live process holds ``db_path``: replacing the file under
    it (restore, a new passphrase) would lose whatever it saves next."""
    info = holder(db_path)
    if info is not None:
        raise DatabaseInUse(Path(db_path), info, action)
