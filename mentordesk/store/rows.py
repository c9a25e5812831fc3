"""Plain rows from a peewee query, for reads of thousands of rows.

peewee converts every value of every row (dates, booleans, JSON) on its way out; for lists of
thousands that conversion costs more than the database's own work. These are the driver's own
tuples: from SQLite dates stay ISO text and booleans 0/1; from PostgreSQL (psycopg converts in C)
they arrive as ``date``/``datetime`` and ``bool``. The caller converts only the columns it needs,
with ``as_date``/``as_datetime``, which take either form.

``tuples``/``dicts`` are peewee's own ``.tuples()``/``.dicts()`` (values converted as usual), typed for
what they yield: peewee's stubs give ``query.tuples()`` the query's own type, whose iteration yields
model instances, so a type checker cannot see ``for a, b in query.tuples()`` unpack a row.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any, ParamSpec, TypeVar

from peewee import BaseQuery

from mentordesk.store.db import database


def raw_rows(query: Any) -> list[tuple]:
    """Run ``query`` and return the cursor's tuples, without peewee's per-value conversion."""
    sql, params = query.sql()
    return database.execute_sql(sql, params).fetchall()


def stream_rows(query: Any) -> Iterator[tuple]:
    """``raw_rows`` one row at a time, for reads whose rows are turned into something else as they come:
    each row is freed once read, rather than tens of thousands living at once (which costs the cyclic
    garbage collector passes over all of them). Read the rows to the end before the next query."""
    sql, params = query.sql()
    return iter(database.execute_sql(sql, params))


P = ParamSpec("P")
R = TypeVar("R")
_paused = 0  # how many bulk reads are running (in any thread)
_paused_lock = threading.Lock()
_was_enabled = False


def in_bulk(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the cyclic garbage collector paused: for reads that build tens of thousands of
    plain rows at once (the dashboard's refresh, the Participants table).

    Every 700 new objects start a collection pass, and the passes that reach the older objects walk
    everything the refresh has built so far: a fifth of a refresh's time, for rows of ids, dates and
    text that hold no cycles at all. Reference counting still frees everything as usual; the
    collector resumes when the last bulk read ends (they may overlap on the thread pool)."""

    @functools.wraps(func)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        global _paused, _was_enabled
        with _paused_lock:
            if _paused == 0:
                _was_enabled = gc.isenabled()
                gc.disable()
            _paused += 1
        try:
            return func(*args, **kwargs)
        finally:
            with _paused_lock:
                _paused -= 1
                if _paused == 0 and _was_enabled:
                    gc.enable()

    return paused


def tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """Iterate ``query.tuples()``: its rows as tuples, as iterating that query would yield them."""
    return iter(query.tuples())


def dicts(query: BaseQuery) -> Iterator[dict[str, Any]]:
    """Iterate ``query.dicts()``: its rows as dicts of column name -> value."""
    return iter(query.dicts())


def as_date(value: object) -> date | None:
    """A raw date column's value (ISO text from SQLite, a date or datetime from PostgreSQL) as a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def as_datetime(value: object) -> datetime | None:
    """A raw timestamp column's value (ISO text or a datetime) as a naive datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
