"""The audit trail as plain rows for the audit browser, filtered in SQL by date, entity and action."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from mentordesk.core.vocab import label
from mentordesk.services.protection.audit_subjects import subjects
from mentordesk.store.models import AuditEvent
from mentordesk.store.rows import dicts, tuples

DEFAULT_LIMIT = 20_000

ENTITY_LABELS = {
    "programme": "Programme",
    "participant": "Participant",
    "enrolment": "Enrolment",
    "guardian": "Guardian",
    "consent_record": "Consent",
    "screening_check": "Screening check",
    "match": "Match",
    "meeting": "Meeting",
    "contact_log": "Contact log",
    "goal": "Goal",
    "reflection": "Reflection",
    "document": "Document",
    "programme_event": "Event",
    "event_invitee": "Event register",
    "concern": "Safeguarding concern",
    "concern_action": "Concern action",
    "concern_attachment": "Concern attachment",
    "concern_register": "Concerns register",
}

ACTION_LABELS = {
    "create": "Created",
    "update": "Changed",
    "delete": "Deleted",
    "erase": "Erased",
    "view": "Viewed",
    "unlock": "Opened",
    "unlock_refused": "Wrong passphrase",
}


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity) or entity.replace("_", " ").capitalize()


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action) or action.replace("_", " ").capitalize()


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # UTC, naive
    actor: str
    action: str
    entity: str
    entity_id: int | None
    fields: tuple[str, ...]
    changes: dict[str, list[Any]]
    summary: str
    subject: str = ""  # whom or what the record is about, when it still exists
    db_user: str = ""  # the server's role that wrote it ("local" for a file, "" before it was recorded)

    @property
    def who(self) -> str:
        """The login, and on a shared server the database user it connected as: "jsmith (as ana)"."""
        if self.db_user and self.db_user != "local" and self.db_user != self.actor:
            return f"{self.actor} (as {self.db_user})"
        return self.actor

    @property
    def record(self) -> str:
        kind = entity_label(self.entity)
        if self.subject:
            return f"{kind}: {self.subject}"
        return f"{kind} #{self.entity_id}" if self.entity_id is not None else kind

    @property
    def fields_text(self) -> str:
        """The changed fields in words: "date of birth, status"."""
        return ", ".join(name.replace("_", " ") for name in self.fields)

    @property
    def changes_text(self) -> str:
        """ "status: ready → matched" for the fields whose values may be shown."""
        parts = []
        for name, pair in sorted(self.changes.items()):
            old, new = (list(pair) + [None, None])[:2]
            parts.append(f"{name.replace('_', ' ')}: {_value(old)} → {_value(new)}")
        return "; ".join(parts)

    def matches_text(self, needle: str) -> bool:
        needle = needle.casefold().strip()
        if not needle:
            return True
        haystack = " ".join(
            [
                self.who,
                action_label(self.action),
                self.record,
                f"#{self.entity_id}",
                " ".join(self.fields),
                self.fields_text,
                self.changes_text,
                self.summary,
            ]
        )
        return needle in haystack.casefold()


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and value.replace("_", "").isalpha() and value.islower():
        return label(value)  # a stored status or kind: "on_hold" -> "On hold"
    return str(value)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    truncated: bool  # more events matched than were loaded


def load(
    since: date | None = None,
    until: date | None = None,
    entity: str | None = None,
    action: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> AuditPage:
    """Events newest first; ``until`` is inclusive (the whole day)."""
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if since is not None:
        query = query.where(AuditEvent.at >= datetime.combine(since, datetime.min.time()))
    if until is not None:
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), datetime.min.time()))
    if entity:
        query = query.where(AuditEvent.entity == entity)
    if action:
        query = query.where(AuditEvent.action == action)
    events = list(dicts(query.limit(limit + 1)))
    names = subjects((e["entity"], e["entity_id"]) for e in events[:limit])
    rows = []
    for event in events[:limit]:
        rows.append(
            AuditRow(
                id=event["id"],
                at=event["at"],
                actor=event["actor"],
                db_user=event.get("db_user") or "",
                action=event["action"],
                entity=event["entity"],
                entity_id=event["entity_id"],
                fields=tuple(event["fields"] or ()),
                changes=event["changes"] or {},
                summary=event["summary"] or "",
                subject=names.get((event["entity"], event["entity_id"]), ""),
            )
        )
    return AuditPage(rows, truncated=len(events) > limit)


def entities() -> list[str]:
    return [e for (e,) in tuples(AuditEvent.select(AuditEvent.entity).distinct().order_by(AuditEvent.entity))]


def actions() -> list[str]:
    return [a for (a,) in tuples(AuditEvent.select(AuditEvent.action).distinct().order_by(AuditEvent.action))]
