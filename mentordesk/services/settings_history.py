"""What the Settings page can undo: the chosen programme's own fields and rules, and the app-wide settings.

Every Settings tab saves as soon as a value changes; the page keeps a snapshot before and after
each change so the coordinator can step back (and forward again) without knowing which tab
stored what where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mentordesk.store.db import database
from mentordesk.store.models import Programme, Setting

# Programme fields that are not settings: who the programme is, and bookkeeping.
_NOT_SETTINGS = {"id", "name", "kind", "archived", "created_at", "version"}  # version: kept by the store


@dataclass(frozen=True)
class SettingsSnapshot:
    programme_id: int  # 0: no programme
    programme: dict[str, Any]
    app: dict[str, Any]


def _programme_fields() -> list[str]:
    return [name for name in Programme._meta.sorted_field_names if name not in _NOT_SETTINGS]


def snapshot(programme_id: int) -> SettingsSnapshot:
    programme = Programme.get_or_none(Programme.id == programme_id) if programme_id else None
    fields = {}
    if programme is not None:
        fields = {name: _copy(getattr(programme, name)) for name in _programme_fields()}
    app = {row.key: _copy(row.value) for row in Setting.select()}
    return SettingsSnapshot(programme_id if programme is not None else 0, fields, app)


def restore(state: SettingsSnapshot) -> None:
    """Put the settings back as they were in ``state`` (in one transaction, audited as any change)."""
    with database.atomic():
        if state.programme_id:
            programme = Programme.get_or_none(Programme.id == state.programme_id)
            if programme is not None:
                for name, value in state.programme.items():
                    setattr(programme, name, _copy(value))
                programme.save()
        current = {row.key for row in Setting.select(Setting.key)}
        gone = current - set(state.app)
        if gone:
            Setting.delete().where(Setting.key.in_(sorted(gone))).execute()
        for key, value in state.app.items():
            Setting.replace(key=key, value=_copy(value)).execute()


def _copy(value: Any) -> Any:
    """A deep copy of JSON-like values, so a snapshot never shares a dict with a model."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
