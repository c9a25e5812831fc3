"""Paperwork, templates, the audit trail and key/value settings."""

from __future__ import annotations

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from mentordesk.core.vocab import DocumentKind, choices
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, utc_now
from mentordesk.store.models.matching import Match
from mentordesk.store.models.people import Participant, Programme


class DocumentTemplate(BaseModel):
    programme = ForeignKeyField(Programme, backref="templates", null=True, on_delete="CASCADE")
    programme_id: int | None  # the key peewee adds beside the relation
    kind = CharField(choices=choices(DocumentKind))
    name = CharField(default="")
    body = TextField()
    updated_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("programme", "kind"), False),)


class Document(BaseModel):
    programme = ForeignKeyField(Programme, backref="documents", null=True, on_delete="CASCADE")
    programme_id: int | None  # the key peewee adds beside the relation
    match = ForeignKeyField(Match, backref="documents", null=True, on_delete="SET NULL")
    match_id: int | None  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="documents", null=True, on_delete="SET NULL")
    participant_id: int | None  # the key peewee adds beside the relation
    kind = CharField(choices=choices(DocumentKind))
    path = TextField()
    generated_at = DateTimeField(default=utc_now, index=True)
    signed_on = DateField(null=True)
    notes = TextField(default="")

    audited = True
    audit_values = ("kind", "signed_on")


class AuditEvent(BaseModel):
    """Who changed what and when. Personal values are never stored, only field names."""

    at = DateTimeField(default=utc_now, index=True)
    actor = CharField(default="")  # the person at the computer (the OS login)
    # Who the database knew: the PostgreSQL role (current_user) on a server, "local" on a file.
    db_user = CharField(default="")
    action = CharField()  # create, update, delete, or a service verb such as "import", "erase"
    entity = CharField()  # table name
    entity_id = IntegerField(null=True)
    fields = JSONField(default=list)  # names of changed fields
    changes = JSONField(default=dict)  # {field: [old, new]} for non-sensitive fields only
    summary = TextField(default="")  # free of personal data

    class Meta:
        indexes = ((("entity", "entity_id"), False),)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = JSONField(null=True)
