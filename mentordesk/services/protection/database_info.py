"""Facts about the open database: schema version and row counts."""

from __future__ import annotations

from dataclasses import dataclass

from mentordesk.store import migrations
from mentordesk.store.db import database
from mentordesk.store.models import ALL_MODELS


@dataclass(frozen=True)
class DatabaseInfo:
    schema_version: int
    counts: dict[str, int]


def describe() -> DatabaseInfo:
    version = migrations.read_version(database.obj) or migrations.LATEST_VERSION
    counts = {model._meta.table_name: model.select().count() for model in ALL_MODELS}
    return DatabaseInfo(version, counts)
