"""Programmes: list, create, rename, archive, and their settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from mentordesk.core.vocab import ProgrammeKind
from mentordesk.store.models import Programme

# What a programme of a kind starts with, unless the caller says otherwise.
KIND_DEFAULTS: dict[str, dict[str, Any]] = {
    # A board sits monthly for an hour and a half; its sessions are the board's own, not a match's meetings.
    ProgrammeKind.SHADOW_BOARD.value: {"meeting_frequency_days": 28, "meeting_length_minutes": 90},
}


class ProgrammeError(ValueError):
    pass


@dataclass(frozen=True)
class ProgrammeRow:
    id: int
    name: str
    kind: str
    starts_on: date | None
    ends_on: date | None
    archived: bool


def _row(p: Programme) -> ProgrammeRow:
    return ProgrammeRow(p.id, p.name, p.kind, p.starts_on, p.ends_on, p.archived)


def list_programmes(include_archived: bool = False) -> list[ProgrammeRow]:
    query = Programme.select().order_by(
        Programme.archived, Programme.starts_on.desc(nulls="LAST"), Programme.name
    )
    if not include_archived:
        query = query.where(Programme.archived == False)  # noqa: E712 (peewee expression)
    return [_row(p) for p in query]


def create_programme(
    name: str,
    kind: str = ProgrammeKind.ONE_TO_ONE.value,
    starts_on: date | None = None,
    ends_on: date | None = None,
    **fields: Any,
) -> ProgrammeRow:
    name = name.strip()
    if not name:
        raise ProgrammeError("A programme needs a name.")
    if kind not in {k.value for k in ProgrammeKind}:
        raise ProgrammeError(f"Unknown programme kind {kind!r}.")
    if starts_on and ends_on and ends_on < starts_on:
        raise ProgrammeError("The programme ends before it starts: check the dates.")
    if Programme.select().where(Programme.name == name).exists():
        raise ProgrammeError(f"A programme called {name!r} already exists: choose another name.")
    values = KIND_DEFAULTS.get(kind, {}) | fields
    if "settings" not in values:
        from mentordesk.services import pairing  # the kind's starting settings (light: no numpy)

        values["settings"] = pairing.starting_settings(kind)
    return _row(Programme.create(name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, **values))


def get_programme(programme_id: int) -> Programme:
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise ProgrammeError(f"No programme with id {programme_id}.")
    return programme


def find_programme(name_or_id: str) -> Programme:
    """For the CLI: a programme by exact name, or by id."""
    programme = Programme.get_or_none(Programme.name == name_or_id)
    if programme is None and name_or_id.isdigit():
        programme = Programme.get_or_none(Programme.id == int(name_or_id))
    if programme is None:
        names = ", ".join(p.name for p in Programme.select().order_by(Programme.name)) or "none yet"
        raise ProgrammeError(f"No programme called {name_or_id!r}. Programmes: {names}.")
    return programme


def update_programme_settings(programme_id: int, **values: Any) -> None:
    programme = get_programme(programme_id)
    merged = dict(programme.settings or {})
    merged.update(values)
    programme.settings = merged
    programme.save()
