"""Facts about the open database: schema version and row counts."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from mentordesk.store import migrations
from mentordesk.store.db import database
from mentordesk.store.models import ALL_MODELS


@dataclass(frozen=True)
class DatabaseInfo:
    schema_version: int
    counts: dict[str, int | None]  # None: a table the shared server does not let this user read


def describe() -> DatabaseInfo:
    version = migrations.read_version(database.obj) or migrations.LATEST_VERSION
    return DatabaseInfo(version, {model._meta.table_name: _count(model) for model in ALL_MODELS})


def _count(model) -> int | None:
    """Rows of one table; None when the server refuses this user (the safeguarding-only register)."""
    try:
        with database.atomic():  # a savepoint: a refused table leaves the others countable
            return model.select().count()
    except peewee.ProgrammingError as exc:
        if "permission denied" in str(exc):
            return None
        raise
