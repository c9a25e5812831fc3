"""Custom fields: questions a coordinator adds to a programme's application form, and each person's answers."""

from __future__ import annotations

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, VersionField, utc_now
from mentordesk.store.models.people import Participant, Programme

FIELD_KINDS = ("text", "choice", "multiple", "yes_no", "date")
FIELD_ROLES = ("mentor", "mentee", "both")


class CustomField(BaseModel):
    programme = ForeignKeyField(Programme, backref="custom_fields", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    role = CharField(choices=[(r, r) for r in FIELD_ROLES], default="both")
    label = CharField()
    kind = CharField(choices=[(k, k) for k in FIELD_KINDS], default="text")
    choices = JSONField(default=list)
    help_text = TextField(default="")
    required = BooleanField(default=False)
    position = IntegerField(default=0)
    version = VersionField()

    audited = True

    class Meta:
        indexes = ((("programme", "label"), True),)

    def __str__(self) -> str:
        return self.label


class CustomValue(BaseModel):
    participant = ForeignKeyField(Participant, backref="custom_values", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    field = ForeignKeyField(CustomField, backref="values", on_delete="CASCADE")
    field_id: int  # the key peewee adds beside the relation
    # text and choice: a string; multiple: a list of strings; yes_no: true/false; date: "YYYY-MM-DD"
    value = JSONField(null=True)
    updated_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("participant", "field"), True),)
