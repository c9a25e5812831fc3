"""The schema as MentorDesk 0.0.1 created it (schema version 1), frozen.

Only migrations and their tests use this: it lets a test build a version-1
file and prove that migrating it gives the same schema as a fresh database.
Never edit these classes; add a migration instead.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


class _V1(Model):
    class Meta:
        legacy_table_names = False


class Setting(_V1):
    key = CharField(primary_key=True)
    value = TextField(null=True)


class Programme(_V1):
    name = CharField(unique=True)
    kind = CharField(default="one_to_one")
    description = TextField(default="")
    starts_on = DateField(null=True)
    ends_on = DateField(null=True)
    meeting_frequency_days = IntegerField(default=14)
    settings = TextField(default="{}")
    archived = BooleanField(default=False)
    created_at = DateTimeField()


class Participant(_V1):
    first_name = CharField()
    last_name = CharField(default="")
    email = CharField(default="", index=True)
    phone = CharField(default="")
    date_of_birth = DateField(null=True)
    organisation = CharField(default="", index=True)
    notes = TextField(default="")
    created_at = DateTimeField()
    updated_at = DateTimeField()


class Enrolment(_V1):
    participant = ForeignKeyField(Participant, on_delete="CASCADE")
    programme = ForeignKeyField(Programme, on_delete="CASCADE")
    role = CharField()
    status = CharField(default="applied")
    capacity = IntegerField(default=1)
    enrolled_on = DateField()

    class Meta:
        indexes = (
            (("participant", "programme"), True),
            (("programme", "role", "status"), False),
        )


class Tag(_V1):
    name = CharField()
    kind = CharField()

    class Meta:
        indexes = ((("kind", "name"), True),)


class ParticipantTag(_V1):
    participant = ForeignKeyField(Participant, on_delete="CASCADE")
    tag = ForeignKeyField(Tag, on_delete="CASCADE")
    direction = CharField(default="both")

    class Meta:
        indexes = ((("participant", "tag", "direction"), True),)


V1_MODELS = [Setting, Programme, Participant, Enrolment, Tag, ParticipantTag]
