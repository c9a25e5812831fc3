"""A speed-mentoring night: the event, who was invited (and came), its rounds, and wishes to meet again."""

from __future__ import annotations

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import VersionField, utc_now
from mentordesk.store.models.people import Participant, Programme


class SpeedEvent(BaseModel):
    programme = ForeignKeyField(Programme, backref="speed_events", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    title = CharField(default="")
    held_on = DateField()
    starts_at = CharField(default="")  # "18:30": the time of the first round, as the coordinator wrote it
    venue = TextField(default="")
    rounds = IntegerField(default=6)
    round_minutes = IntegerField(default=8)
    rounds_held = IntegerField(default=0)  # rounds already held: a re-plan keeps them as they were
    notes = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    audit_values = ("held_on", "rounds", "rounds_held")

    class Meta:
        indexes = ((("programme", "held_on"), False),)


class SpeedSeat(BaseModel):
    """One invited person: a mentor keeps a numbered table all night; a mentee moves."""

    event = ForeignKeyField(SpeedEvent, backref="seats", on_delete="CASCADE")
    event_id: int  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="speed_seats", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    role = CharField()  # mentor, mentee
    table_no = IntegerField(null=True)  # mentors only
    attendance = CharField(default="invited")  # invited, present, no_show
    checked_in_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("event", "participant"), True),)


class SpeedMeeting(BaseModel):
    """One conversation in one round at one mentor's table."""

    event = ForeignKeyField(SpeedEvent, backref="meetings", on_delete="CASCADE")
    event_id: int  # the key peewee adds beside the relation
    round_no = IntegerField()  # from 1
    mentor = ForeignKeyField(Participant, backref="+", on_delete="CASCADE")
    mentor_id: int  # the key peewee adds beside the relation
    mentee = ForeignKeyField(Participant, backref="+", on_delete="CASCADE")
    mentee_id: int  # the key peewee adds beside the relation
    score = FloatField(null=True)

    class Meta:
        indexes = ((("event", "round_no", "mentor"), True), (("event", "round_no", "mentee"), True))


class SpeedWish(BaseModel):
    """After the night: ``wisher`` would like to meet ``wished`` again."""

    event = ForeignKeyField(SpeedEvent, backref="wishes", on_delete="CASCADE")
    event_id: int  # the key peewee adds beside the relation
    wisher = ForeignKeyField(Participant, backref="+", on_delete="CASCADE")
    wisher_id: int  # the key peewee adds beside the relation
    wished = ForeignKeyField(Participant, backref="+", on_delete="CASCADE")
    wished_id: int  # the key peewee adds beside the relation
    created_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("event", "wisher", "wished"), True),)
