"""Faults of the machine, not of the program: a full disk, a read-only file, a file another program
keeps busy. ``explain`` turns one into a single line naming the file and the fix, for the command
line (exit code 1) and for a dialog in the window; anything else is a bug and stays a traceback.

SQLite rolls a transaction back by itself when the disk fills; peewee then fails to roll back
again ("cannot rollback - no transaction is active") and that error hides the real one. The
explanation looks through the chain of exceptions for the cause.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

from mentordesk.store.versions import RecordChanged

FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
# What psycopg says when the server side of a connection went away in the middle of something.
_CONNECTION_LOST = (
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
    "the connection is closed",
    "connection is lost",
    "consuming input failed",
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _file(exc: BaseException, fallback: Path | None) -> str:
    name = getattr(exc, "filename", None)
    if name:
        return str(name)
    return str(fallback) if fallback else "the database"


def explain(exc: BaseException, db_path: Path | str | None = None) -> str | None:
    """One line saying what went wrong, with which file, and what to do; None when it is not a known fault."""
    path = Path(db_path) if db_path else None
    for cause in _chain(exc):
        if isinstance(cause, RecordChanged):  # a save outside an editor that asks (store/versions.py)
            what = cause.table.replace("_", " ")
            return (
                f"Someone else saved this {what} at the same moment, so nothing of this change was saved. "
                "Refresh (F5) to see theirs, then make the change again."
            )
        if getattr(cause, "sqlstate", None) == "42501":  # PostgreSQL: insufficient privilege (a role's grant)
            from mentordesk.store import server_roles

            return server_roles.explain_denied(str(cause), _server_user())
        if getattr(cause, "sqlstate", None) == "22001":  # PostgreSQL: text longer than its column
            limit = str(cause).split("(", 1)[-1].split(")", 1)[0] if "(" in str(cause) else "255"
            return (
                f"A text is longer than the {limit} characters that field holds on the shared server, so "
                "nothing was saved. Shorten it (a long note belongs in the notes field), then try again."
            )
        text = str(cause).lower()
        if any(words in text for words in _CONNECTION_LOST):
            return (
                "The connection to the database server was lost, so nothing of this change was saved "
                "(what was saved before is safe). Check the network or ask whether the server was "
                "restarted, then try again: MentorDesk reconnects by itself."
            )
        if "unable to open database file" in text and path is not None and not _writable(path.parent):
            text = "read-only file system"  # WAL needs its -wal and -shm files beside the database
        code = getattr(cause, "errno", None)
        if code in FULL or "database or disk is full" in text or "no space left" in text:
            where = _file(cause, path)
            return (
                f"The disk is full: {where} could not be written, and nothing was changed. "
                f"Free some space on the disk holding {Path(where).parent} (empty the bin, delete old "
                "exports or backups), then try again."
            )
        if code in READ_ONLY or "readonly database" in text or "read-only file system" in text:
            where = _file(cause, path)
            if path is not None and not Path(where).name.startswith(path.name):
                return (
                    f"{where} cannot be written: the file or its folder is read-only. Choose a folder "
                    "you can write to, then try again."
                )
            return (
                f"{where} cannot be written: the file or its folder is read-only (or on a read-only "
                "disk). Make it writable, or copy the database to a folder you can write to and open "
                "that copy, then try again."
            )
        if "database is locked" in text or "database table is locked" in text or "database is busy" in text:
            where = _file(cause, path)
            return (
                f"{where} is busy: another program kept it locked for longer than MentorDesk waits "
                "(5 seconds), so nothing was changed. Close the other program using it (a backup or sync "
                "tool, a database browser), then try again."
            )
    return None


def _writable(folder: Path) -> bool:
    import os

    return folder.exists() and os.access(folder, os.W_OK)


def _server_user() -> str | None:
    """The database user of the open server database, for a message (None on a file)."""
    from mentordesk.store.base import database

    address = getattr(database.obj, "server_address", None)
    return getattr(address, "user", None)
