"""Key/value settings kept in the database (so they travel with the file and its backups)."""

from __future__ import annotations

from typing import Any

from peewee import EXCLUDED

from mentordesk.store.models import Setting

VERSION_KEY = "schema.version"  # the schema version a file is at (store/migrations.py moves it on)

DEFAULTS: dict[str, Any] = {
    "page_size": "A4",  # or "Letter"
    "organisation_name": "",
    "logo_path": "",
    "backups.last_auto": "",
    "lock.idle_minutes": 0,  # 0: never lock
}


def get(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return DEFAULTS.get(key, default) if default is None else default
    return row.value


def put(key: str, value: Any) -> None:
    # An upsert both SQLite and PostgreSQL understand (REPLACE is SQLite's and MySQL's only).
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: EXCLUDED.value}
    ).execute()

