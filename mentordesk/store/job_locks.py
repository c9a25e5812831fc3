"""One run at a time of a long job (a matcher run, publishing) per programme, and who holds it.

PostgreSQL: a session advisory lock keyed (job, programme) — ``pg_try_advisory_lock`` never
waits; the holder's connection carries ``application_name`` = ``MentorDesk|<job>|<programme>|
<unix time>|<name>``, so a second person is told who runs it (their name and database user,
from ``pg_stat_activity``) and since when. A holder that crashes or loses its connection
releases the lock with it: nothing is left to clean up.

SQLite: one file is open in one MentorDesk at a time (store/file_lock.py), so the lock is held in
this process, between the threads that may start the same job.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from peewee import SqliteDatabase

from mentordesk.store.base import database

APP_PREFIX = "MentorDesk|"
_NAME_LIMIT = 63  # PostgreSQL keeps this many bytes of application_name

_local_lock = threading.Lock()
_local_holders: dict[tuple[str, int], JobHolder] = {}


@dataclass(frozen=True)
class JobHolder:
    job: str
    programme_id: int
    name: str  # the person's name as their MentorDesk knows it
    db_user: str | None  # None on SQLite
    since: datetime  # local time


class JobBusy(Exception):
    """Someone else runs this job for this programme; ``holder`` says who and since when."""

    def __init__(self, holder: JobHolder | None, job: str, programme_id: int) -> None:
        self.holder = holder
        self.job = job
        self.programme_id = programme_id
        super().__init__(f"{job} is already running for programme {programme_id}")


def job_key(job: str) -> int:
    return zlib.crc32(f"mentordesk-job:{job}".encode()) & 0x7FFFFFFF


def _is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def _application_name(job: str, programme_id: int, name: str) -> str:
    text = f"{APP_PREFIX}{job}|{programme_id}|{int(time.time())}|{name}"
    raw = text.encode()[:_NAME_LIMIT]
    return raw.decode("utf-8", errors="ignore")


def _parse_application_name(text: str, db_user: str) -> JobHolder | None:
    if not text.startswith(APP_PREFIX):
        return None
    parts = text[len(APP_PREFIX):].split("|", 3)
    if len(parts) != 4 or not parts[1].isdigit() or not parts[2].isdigit():
        return None
    job, programme, stamp, name = parts
    return JobHolder(job, int(programme), name or db_user, db_user, datetime.fromtimestamp(int(stamp)))


@contextmanager
def job_lock(job: str, programme_id: int, name: str) -> Iterator[None]:
    """Hold the (job, programme) lock for the block; ``JobBusy`` at once when another holds it."""
    if _is_sqlite():
        with _local_lock:
            holder = _local_holders.get((job, programme_id))
            if holder is not None:
                raise JobBusy(holder, job, programme_id)
            _local_holders[(job, programme_id)] = JobHolder(job, programme_id, name, None, datetime.now())
        try:
            yield
        finally:
            with _local_lock:
                _local_holders.pop((job, programme_id), None)
        return
    p = database.param
    key = job_key(job)
    got = database.execute_sql(f"SELECT pg_try_advisory_lock({p}, {p})", (key, programme_id)).fetchone()[0]
    if not got:
        raise JobBusy(job_holder(job, programme_id), job, programme_id)
    previous = database.execute_sql("SELECT current_setting('application_name')").fetchone()[0]
    try:
        database.execute_sql(
            f"SELECT set_config('application_name', {p}, false)", (_application_name(job, programme_id, name),)
        )
        yield
    finally:
        try:
            database.execute_sql(f"SELECT set_config('application_name', {p}, false)", (previous,))
            database.execute_sql(f"SELECT pg_advisory_unlock({p}, {p})", (key, programme_id))
        except Exception:  # the connection is gone: the server released the lock with it
            pass


_HOLDER_SQL = """
SELECT a.usename, a.application_name
FROM pg_locks AS l JOIN pg_stat_activity AS a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND l.classid = {p}::bigint::oid AND l.objid = {p}::bigint::oid
"""


def job_holder(job: str, programme_id: int) -> JobHolder | None:
    """Who holds the (job, programme) lock now, if anyone (and if the server lets us see them)."""
    if _is_sqlite():
        with _local_lock:
            return _local_holders.get((job, programme_id))
    sql = _HOLDER_SQL.format(p=database.param)
    for db_user, app in database.execute_sql(sql, (job_key(job), programme_id)).fetchall():
        holder = _parse_application_name(app or "", db_user or "")
        if holder is not None:
            return holder
        return JobHolder(job, programme_id, db_user or "someone", db_user, datetime.now())
    return None
