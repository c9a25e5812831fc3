"""The audit trail, written as a side effect of saving or deleting an audited model.

A model opts in with ``audited = True``; ``audit_values`` names the fields whose
old and new values may be kept (statuses, dates of record). For every other
field only its name is recorded, so personal data never lands in the trail.
Bulk writes (``insert_many``) bypass ``save``; the services that do them call
``record`` once with a summary instead.
"""

from __future__ import annotations

import getpass
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from mentordesk.store.models import AuditEvent

_state = threading.local()


@lru_cache(maxsize=1)
def current_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record the change
        return "coordinator"


LOCAL_USER = "local"  # what a local file records as its database user: nobody else can write to it


def database_user() -> str:
    """Who the database knows is writing: PostgreSQL's ``current_user`` on a server, ``local`` on a file.

    Asked once per open database (a role cannot change under a MentorDesk connection). On a
    server set up by ``mentordesk server init`` the row-level security of ``audit_event`` refuses
    any other value, so the column cannot be forged by a coordinator.
    """
    from peewee import PostgresqlDatabase

    db = AuditEvent._meta.database
    db = getattr(db, "obj", db)
    if not isinstance(db, PostgresqlDatabase):
        return LOCAL_USER
    known = getattr(db, "mentordesk_user", None)
    if known is None:
        known = str(db.execute_sql("SELECT current_user").fetchone()[0])
        db.mentordesk_user = known  # type: ignore[attr-defined]
    return known


@contextmanager
def suspended() -> Iterator[None]:
    """Skip per-row events, e.g. while seeding demo data that is recorded as one event."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def is_suspended() -> bool:
    return getattr(_state, "suspended", False)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "_pk"):  # a model instance behind a foreign key
        return value._pk
    return value


def record(
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    fields: list[str] | None = None,
    changes: dict[str, list[Any]] | None = None,
    summary: str = "",
) -> None:
    AuditEvent.insert(
        actor=current_actor(),
        db_user=database_user(),
        action=action,
        entity=entity,
        entity_id=entity_id,
        fields=fields or [],
        changes=changes or {},
        summary=summary,
    ).execute()


def audited_save(instance: Any, save: Callable[..., int], force_insert: bool, only: Any) -> int:
    cls = type(instance)
    if not getattr(cls, "audited", False) or is_suspended():
        return save(force_insert=force_insert, only=only)
    meta = cls._meta
    creating = force_insert or instance._pk is None
    if not creating and "updated_at" in meta.fields:
        instance.updated_at = datetime.now(UTC).replace(tzinfo=None)
    changed = sorted(name for name in instance._dirty if name not in ("updated_at", "version"))
    kept = [name for name in changed if name in getattr(cls, "audit_values", ())]
    old: dict[str, Any] = {}
    with meta.database.atomic():
        if not creating and kept:
            row = (
                cls.select(*[meta.fields[name] for name in kept])
                .where(meta.primary_key == instance._pk)
                .dicts()
                .first()
            )
            old = row or {}
        result = save(force_insert=force_insert, only=only)
        if creating or changed:
            changes = {
                name: [_plain(old.get(name)), _plain(getattr(instance, name))]
                for name in kept
                if creating or _plain(old.get(name)) != _plain(getattr(instance, name))
            }
            record(
                "create" if creating else "update",
                meta.table_name,
                instance._pk,
                fields=changed,
                changes=changes,
            )
    return result


def audited_delete(instance: Any, delete: Callable[[], int]) -> int:
    cls = type(instance)
    if not getattr(cls, "audited", False) or is_suspended():
        return delete()
    with cls._meta.database.atomic():
        pk = instance._pk
        result = delete()
        record("delete", cls._meta.table_name, pk)
    return result


def history(entity: str, entity_id: int, field: str = "status") -> list[tuple[datetime, Any, Any]]:
    """The changes of one field of one record, oldest first: the status history."""
    events = (
        AuditEvent.select()
        .where((AuditEvent.entity == entity) & (AuditEvent.entity_id == entity_id))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    out = []
    for event in events:
        if field in (event.changes or {}):
            old, new = event.changes[field]
            out.append((event.at, old, new))
    return out
