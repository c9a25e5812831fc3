"""Edit sessions and conflicts, as the editors see them (the checking itself is in store/versions.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mentordesk.store.versions import EditSession, FieldChange, RecordChanged

__all__ = ["EditSession", "FieldChange", "RecordChanged", "show_value"]


def show_value(value: Any) -> str:
    """A field's value as one line of text for the conflict table."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return " ".join(text.split())
