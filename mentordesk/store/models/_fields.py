"""Small helpers shared by the model modules."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from peewee import SQL, IntegerField, TextField


def utc_now() -> datetime:
    """Naive UTC: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class JSONField(TextField):
    """JSON kept as text so SQLite and PostgreSQL store it alike."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


class VersionField(IntegerField):
    """A record's save counter (store/versions.py): 1 when created, also for rows inserted in bulk
    without naming it (the column has the default in the database, not only in Python)."""

    def __init__(self) -> None:
        super().__init__(default=1, constraints=[SQL("DEFAULT 1")])
