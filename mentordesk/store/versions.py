"""Record versions: saving a record someone else changed since it was read is refused, never silent.

Every editable model has an integer ``version`` (1 when created). Saving one writes
``UPDATE ... SET ..., version = <read + 1> WHERE id = ? AND version = <read>``; when no row matches,
another person (another connection, another process) saved it in between and ``RecordChanged``
is raised, carrying their values against mine field by field. The transaction the save ran in
rolls back whole, so nothing is half applied.

Which version counts as "read"? By default the one the instance was loaded with. An edit dialog
reads a record when it opens and saves it minutes later through a service that loads it again: an
``EditSession`` remembers the version (and the values) of every versioned record loaded while
it is active, and its saves are checked against those. After a conflict the session can be told
how it was resolved (``resolve``): the next save is checked against their version and keeps their
value for each field the user chose "theirs" for.

All of this runs in ``BaseModel.save``, for every model that has a ``version`` field: no service
repeats it. A bulk ``UPDATE`` (publishing a hundred drafts at once) does not go through ``save``:
a trigger on each versioned table bumps the version of every row such an update changes, so an
editor that read one of them before is told too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import ForeignKeyField, Model

from mentordesk.core.vocab import label

VERSION = "version"
# Kept by the store itself (timestamps, calendar sequence): never shown as a conflict, never merged.
BOOKKEEPING = frozenset({"id", VERSION, "created_at", "updated_at", "modified_at", "sequence"})

Key = tuple[str, Any]  # (table name, primary key)

_state = threading.local()


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between what is in the database now (theirs) and what I am saving."""

    name: str
    theirs: Any
    mine: Any
    base: Any = None  # the value when I opened the record (None when not known)
    base_known: bool = False
    # How to show theirs and mine when the raw value would not do: a person's name for a key,
    # a label for a vocabulary value ("on_hold" -> "On hold"). None: show the value itself.
    shown: tuple[str, str] | None = None

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()

    @property
    def suggested(self) -> str:
        """"theirs" when only they changed it, else "mine": the merge a careful person would make."""
        if self.base_known and _same(self.mine, self.base) and not _same(self.theirs, self.base):
            return "theirs"
        return "mine"


class RecordChanged(Exception):
    """Someone else saved (or deleted) this record after it was read: nothing was written."""

    def __init__(
        self,
        table: str,
        record_id: Any,
        changes: list[FieldChange],
        their_version: int | None,
        my_version: int,
        their_values: Mapping[str, Any] | None,
    ) -> None:
        self.table = table
        self.record_id = record_id
        self.changes = changes
        self.their_version = their_version
        self.my_version = my_version
        self.their_values = dict(their_values or {})
        what = table.replace("_", " ")
        if their_version is None:
            message = f"This {what} was deleted by someone else after you opened it; your changes were not saved."
        else:
            names = ", ".join(c.label.lower() for c in changes) or "no field you edited"
            message = (
                f"Someone else saved this {what} after you opened it (version {my_version} → "
                f"{their_version}; differences: {names}). Nothing was saved: choose what to keep."
            )
        super().__init__(message)

    @property
    def clean(self) -> bool:
        """True when every difference is mine alone: they changed only fields this save leaves as
        they are now, so saving mine over their version loses nothing of theirs."""
        return not self.deleted and all(c.base_known and _same(c.theirs, c.base) for c in self.changes)

    @property
    def deleted(self) -> bool:
        return self.their_version is None

    @property
    def key(self) -> Key:
        return (self.table, self.record_id)


def _same(a: Any, b: Any) -> bool:
    return _plain(a) == _plain(b)


def _plain(value: Any) -> Any:
    if hasattr(value, "_pk"):  # a related model instance: compare by key
        return value._pk
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


class EditSession:
    """The versions and values of the records an editor read, to check its later saves against.

    Use ``with session.active():`` around the call that loads what the editor shows and around the
    call that saves it; in between the user may take as long as they like.
    """

    def __init__(self) -> None:
        self.base: dict[Key, dict[str, Any]] = {}
        self.overrides: dict[Key, dict[str, Any]] = {}
        self._loaded: list[Any] = []

    @contextmanager
    def active(self) -> Iterator[EditSession]:
        previous = getattr(_state, "session", None)
        _state.session = self
        try:
            yield self
        finally:
            _state.session = previous
            loaded, self._loaded = self._loaded, []
            for instance in loaded:  # first read wins: later reads in a save see "theirs"
                key = _key_of(instance)
                if key is not None and key not in self.base:
                    self.base[key] = dict(instance.__data__)

    def watch(self, table: str, record_id: Any) -> int | None:
        """Read one record now (by table name), as an editor that shows it does; its version, or None."""
        from mentordesk.store.models import ALL_MODELS

        model = next((m for m in ALL_MODELS if m._meta.table_name == table and is_versioned(m)), None)
        if model is None:
            raise ValueError(f"{table} records carry no version")
        with self.active():
            model.get_or_none(model._meta.primary_key == record_id)
        return self.version_of(table, record_id)

    def version_of(self, table: str, record_id: Any) -> int | None:
        values = self.base.get((table, record_id))
        return None if values is None else values.get(VERSION)

    def resolve(self, conflict: RecordChanged, choices: Mapping[str, str]) -> None:
        """Take ``choices`` ({field: "theirs" | "mine"}) as settled; the next save builds on their version."""
        theirs = conflict.their_values
        self.base[conflict.key] = dict(theirs)
        self.overrides[conflict.key] = {
            name: theirs[name] for name, side in choices.items() if side == "theirs" and name in theirs
        }

    def _saved(self, key: Key, values: dict[str, Any]) -> None:
        self.base[key] = dict(values)
        self.overrides.pop(key, None)


def current_session() -> EditSession | None:
    return getattr(_state, "session", None)


def note_loaded(instance: Any) -> None:
    """Called for every model instance built from a query row while a session is active."""
    session = getattr(_state, "session", None)
    if session is not None and VERSION in type(instance)._meta.fields:
        session._loaded.append(instance)


def _key_of(instance: Any) -> Key | None:
    data = instance.__data__
    pk_name = type(instance)._meta.primary_key.name
    if VERSION not in data or data.get(pk_name) is None:
        return None
    return (type(instance)._meta.table_name, data[pk_name])


def is_versioned(model: type) -> bool:
    return VERSION in model._meta.fields  # type: ignore[attr-defined]


_PG_BUMP = """
CREATE OR REPLACE FUNCTION mentordesk_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version IS NOT DISTINCT FROM OLD.version THEN
        NEW.version := COALESCE(OLD.version, 1) + 1;
    END IF;
    RETURN NEW;
END $$;
"""


def install_triggers(db: Any, models: list[Any]) -> None:
    """A trigger per versioned table that bumps ``version`` when an UPDATE leaves it as it was."""
    from peewee import SqliteDatabase

    sqlite = isinstance(db, SqliteDatabase)
    if not sqlite:
        db.execute_sql(_PG_BUMP)
    for model in models:
        if not is_versioned(model):
            continue
        table = model._meta.table_name
        if sqlite:
            db.execute_sql(f"DROP TRIGGER IF EXISTS mentordesk_version_{table}")  # recursive triggers are off: the inner UPDATE does not fire this again
            db.execute_sql(
                f'CREATE TRIGGER mentordesk_version_{table} AFTER UPDATE ON "{table}" FOR EACH ROW '
                f"WHEN NEW.version IS OLD.version BEGIN "
                f'UPDATE "{table}" SET version = COALESCE(OLD.version, 1) + 1 WHERE id = NEW.id; END'
            )
        else:
            db.execute_sql(f'DROP TRIGGER IF EXISTS mentordesk_version ON "{table}"')
            db.execute_sql(
                f'CREATE TRIGGER mentordesk_version BEFORE UPDATE ON "{table}" FOR EACH ROW '
                "EXECUTE FUNCTION mentordesk_bump_version()"
            )


def checked_save(instance: Any, save: Any, force_insert: bool, only: Any) -> int:
    """Save ``instance``; for an update of a versioned record, only if nobody saved it since it was read."""
    cls = type(instance)
    meta = cls._meta
    if not is_versioned(cls) or force_insert or instance._pk is None:
        return save(force_insert=force_insert, only=only)
    key = (meta.table_name, instance._pk)
    session = current_session()
    expected = instance.version
    if session is not None:
        read = session.version_of(*key)
        if read is not None:
            expected = read
        for name, value in session.overrides.get(key, {}).items():
            setattr(instance, name, value)
    if expected is None:  # loaded without its version column: nothing to check against
        return save(force_insert=force_insert, only=only)  # (the trigger still moves the version on)
    instance.version = expected + 1
    if only is not None:
        only = [*only, meta.fields[VERSION]]
    instance.__dict__["_version_guard"] = expected
    try:
        rows = save(force_insert=False, only=only)
    finally:
        instance.__dict__.pop("_version_guard", None)
    if not rows:
        instance.version = expected
        raise _conflict(instance, expected, session)
    if session is not None:
        session._saved(key, instance.__data__)
    return rows


def guard(instance: Any, expression: Any) -> Any:
    """The WHERE of an update: the key, and during a checked save the version it was read at."""
    expected = instance.__dict__.get("_version_guard")
    if expected is None:
        return expression
    return expression & (type(instance)._meta.fields[VERSION] == expected)


def _shown(model_field: Any, theirs: Any, mine: Any) -> tuple[str, str] | None:
    if isinstance(model_field, ForeignKeyField):
        related = model_field.rel_model
        if related.__str__ is Model.__str__:  # no readable name (a match, a goal): the number will do
            return None

        def name(value: Any) -> str:
            key = _plain(value)
            row = related.get_or_none(related._meta.primary_key == key) if key is not None else None
            return "" if row is None else str(row)

        return name(theirs), name(mine)
    if model_field.choices:
        return tuple(label(str(v)) if v else "" for v in (theirs, mine))  # type: ignore[return-value]
    return None


def _conflict(instance: Any, expected: int, session: EditSession | None) -> RecordChanged:
    cls = type(instance)
    meta = cls._meta
    theirs = cls.select().where(meta.primary_key == instance._pk).dicts().first()
    base = session.base.get((meta.table_name, instance._pk)) if session is not None else None
    changes: list[FieldChange] = []
    if theirs is not None:
        for model_field in meta.sorted_fields:
            name = model_field.name
            if name in BOOKKEEPING:
                continue
            mine = instance.__data__.get(name)
            if _same(theirs.get(name), mine):
                continue
            changes.append(
                FieldChange(
                    name,
                    theirs.get(name),
                    mine,
                    base.get(name) if base is not None else None,
                    base is not None and name in base,
                    _shown(model_field, theirs.get(name), mine),
                )
            )
    return RecordChanged(
        meta.table_name,
        instance._pk,
        changes,
        None if theirs is None else theirs.get(VERSION),
        expected,
        theirs,
    )


__all__ = [
    "FieldChange",
    "RecordChanged",
    "EditSession",
    "checked_save",
    "current_session",
]
