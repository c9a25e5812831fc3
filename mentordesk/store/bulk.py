"""Fast bulk inserts for thousands of rows: one prepared statement, ``executemany``.

``Model.insert_many`` builds a single large SQL text through peewee's query
compiler, which costs more than SQLite's own work for a few thousand rows. These
paths bind the values with the driver's own parameters instead, on SQLite and on
PostgreSQL alike. Call them inside ``database.atomic()``.

Rows that must be linked before they are written (a person and their enrolment)
take their ids up front from ``IdSource``: on SQLite the table's maximum plus one,
safe under the file's write lock; on PostgreSQL the table's own sequence, so that
another coordinator adding a row at the same time never gets the same id.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from peewee import BooleanField, DateField, DateTimeField, SqliteDatabase, fn

from mentordesk.store.db import database

ID_BLOCK = 500  # ids reserved from a PostgreSQL sequence per round trip


def insert_rows(model: Any, rows: Sequence[dict[str, Any]], stored: Collection[str] = ()) -> int:
    """Insert ``rows`` (dicts of field name -> value; every row with the same keys); returns how many.

    ``stored``: fields whose values are already as the database keeps them (a JSON field's text,
    dumped once for many rows), passed through without the field's conversion."""
    if not rows:
        return 0
    meta = model._meta
    given = set(rows[0])
    fields = [
        f
        for f in meta.sorted_fields
        if f.name in given or (f is not meta.primary_key and f.default is not None)
    ]
    defaults = {}
    for f in fields:
        if f.name not in given:
            defaults[f.name] = f.db_value(f.default() if callable(f.default) else f.default)
    convert = [f.db_value if f.name not in stored else _same for f in fields]
    data = [
        [
            c(row[f.name]) if f.name in given else defaults[f.name]
            for f, c in zip(fields, convert, strict=True)
        ]
        for row in rows
    ]
    if isinstance(database.obj, SqliteDatabase):
        database.cursor().executemany(_insert_sql(model, fields), data)
    else:
        _insert_batches(model, fields, data)
    return len(data)


def _insert_batches(model: Any, fields: Sequence[Any], data: list[list[Any]]) -> None:
    """PostgreSQL: ``COPY ... FROM STDIN``, the server's own bulk path. psycopg's ``executemany`` sends
    a statement per row (pipelined, but with the driver's work per row, five times SQLite's)."""
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    with database.cursor().copy(f'COPY "{model._meta.table_name}" ({columns}) FROM STDIN') as copy:
        for row in data:
            copy.write_row(row)


def _same(value: Any) -> Any:
    return value


def insert_tuples(model: Any, fields: Sequence[Any], rows: Iterable[tuple], ignore_conflicts: bool = False) -> None:
    """``INSERT`` tuples of plain Python values (in ``fields`` order) with one prepared statement.

    Only date, time and boolean columns are converted, and only for SQLite (as peewee stores them:
    ISO text, 0/1); psycopg binds Python's dates and booleans itself.
    """
    sql = _insert_sql(model, fields, ignore_conflicts)
    typed = [i for i, f in enumerate(fields) if isinstance(f, DateField | DateTimeField | BooleanField)]
    if not typed or not isinstance(database.obj, SqliteDatabase):
        database.cursor().executemany(sql, rows)
        return

    forms = _SQLITE_FORMS

    def converted(row: tuple) -> tuple:
        values = list(row)
        for i in typed:
            value = values[i]
            form = forms.get(value.__class__)  # the exact type: one look-up instead of three isinstance tests
            values[i] = form(value) if form is not None else _sqlite_value(value)
        return tuple(values)

    database.cursor().executemany(sql, map(converted, rows))


def _insert_sql(model: Any, fields: Sequence[Any], ignore_conflicts: bool = False) -> str:
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join(database.param for _ in fields)
    # ON CONFLICT DO NOTHING: SQLite (3.24+) and PostgreSQL both read it.
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    return f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks}){conflict}'


def _datetime_text(value: datetime) -> str:
    return value.isoformat(" ")


_SQLITE_FORMS: dict[type, Callable[[Any], object]] = {
    datetime: _datetime_text,
    date: date.isoformat,
    bool: int,
    type(None): _same,
}


def _sqlite_value(value: object) -> object:
    """A value as peewee stores it in SQLite: ISO text for dates, 0/1 for booleans."""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


class IdSource:
    """Ids for new rows of ``model``, handed out before the rows are written."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self._sqlite = isinstance(database.obj, SqliteDatabase)
        self._next = (model.select(fn.MAX(model.id)).scalar() or 0) + 1 if self._sqlite else 0
        self._reserved: list[int] = []

    def take(self) -> int:
        if self._sqlite:
            self._next += 1
            return self._next - 1
        if not self._reserved:
            table = self.model._meta.table_name
            rows = database.execute_sql(
                f"SELECT nextval(pg_get_serial_sequence({database.param}, 'id')) "
                f"FROM generate_series(1, {ID_BLOCK})",
                (f'"{table}"',),
            ).fetchall()
            self._reserved = [row[0] for row in reversed(rows)]
        return self._reserved.pop()
