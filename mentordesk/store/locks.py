"""A transaction that holds the write lock from its first read to its commit, on either backend.

A bulk change (a roster import) reads what is there, decides, then writes: nobody else may
write in between. SQLite's ``BEGIN IMMEDIATE`` takes the file's one write lock at once.
PostgreSQL has no such statement (and other writers may carry on with unrelated work): a
transaction-scoped advisory lock named after the job makes a second run of the same job wait
for the first to commit or roll back.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import SqliteDatabase

from mentordesk.store.base import database


@contextmanager
def exclusive_transaction(job: str) -> Iterator[None]:
    """``database.atomic()`` that no other run of ``job`` (nor, on SQLite, any writer) overlaps."""
    if isinstance(database.obj, SqliteDatabase):
        with database.atomic("IMMEDIATE"):
            yield
        return
    with database.atomic():
        key = zlib.crc32(f"mentordesk:{job}".encode())
        database.execute_sql(f"SELECT pg_advisory_xact_lock({database.param})", (key,))
        yield
