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
from mentordesk.store.models._fields import JSONField, VersionField, utc_now
from mentordesk.store.models.matching import Match
from mentordesk.store.models.people import Participant, Programme


class DocumentTemplate(BaseModel):
    programme = ForeignKeyField(Programme, backref="templates", null=True, on_delete="CASCADE")
    programme_id: int | None  # the key peewee adds beside the relation
    kind = CharField(choices=choices(DocumentKind))
    name = CharField(default="")
    body = TextField()
    updated_at = DateTimeField(default=utc_now)
    version = VersionField()

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
    version = VersionField()

    audited = True
    audit_values = ("kind", "signed_on")


class Signature(BaseModel):
    """One signatory's signature on an agreement (core.documents.signatures says who must sign)."""

    document = ForeignKeyField(Document, backref="signatures", on_delete="CASCADE")
    document_id: int  # the key peewee adds beside the relation
    role = CharField()  # mentor, mentee, peer, guardian (for the mentee named) or coordinator
    # The member who signed; for a guardian the mentee they signed for; None for the coordinator.
    participant = ForeignKeyField(Participant, backref="signatures", null=True, on_delete="CASCADE")
    participant_id: int | None  # the key peewee adds beside the relation
    signed_on = DateField()

    audited = True
    audit_values = ("role", "signed_on")

    class Meta:
        indexes = ((("document", "role", "participant"), True),)


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
