"""Plain rows from a peewee query, for reads of thousands of rows.

peewee converts every value of every row (dates, booleans, JSON) on its way out; for lists of
thousands that conversion costs more than SQLite's own work. These are SQLite's own tuples: dates
stay ISO text and booleans 0/1, so the caller converts only the columns it needs.
"""

from __future__ import annotations

from typing import Any

from mentordesk.store.db import database


def raw_rows(query: Any) -> list[tuple]:
    """Run ``query`` and return the cursor's tuples, without peewee's per-value conversion."""
    sql, params = query.sql()
    return database.execute_sql(sql, params).fetchall()
