"""Fast bulk inserts for thousands of rows: one prepared statement, ``executemany``.

``Model.insert_many`` builds a single large SQL text through peewee's query
compiler, which costs more than SQLite's own work for a few thousand rows. This
path converts each value with the field's own ``db_value`` (so JSON, dates and
foreign keys are stored exactly as ``insert_many`` stores them) and fills
Python-side defaults the same way. Call it inside ``database.atomic()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mentordesk.store.db import database


def insert_rows(model: Any, rows: Sequence[dict[str, Any]]) -> int:
    """Insert ``rows`` (dicts of field name -> value; every row with the same keys); returns how many."""
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
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{meta.table_name}" ({columns}) VALUES ({marks})'
    data = [
        [f.db_value(row[f.name]) if f.name in given else defaults[f.name] for f in fields] for row in rows
    ]
    cursor = database.cursor()
    cursor.executemany(sql, data)
    return len(data)
