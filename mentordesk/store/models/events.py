"""Programme events (training sessions, group sessions, celebrations) and their registers."""

from __future__ import annotations

from peewee import CharField, DateTimeField, FloatField, ForeignKeyField, IntegerField, TextField

from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import VersionField, utc_now
from mentordesk.store.models.people import Participant, Programme, ScreeningCheck

EVENT_KIND_CHOICES = [(k, k) for k in ("training", "group_session", "celebration", "other")]
MARK_CHOICES = [(k, k) for k in ("", "attended", "apologies", "absent")]


class ProgrammeEvent(BaseModel):
    programme = ForeignKeyField(Programme, backref="events", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    kind = CharField(choices=EVENT_KIND_CHOICES, default="other")
    title = TextField()
    starts_at = DateTimeField(index=True)  # local wall-clock time in the programme's time zone
    duration_minutes = IntegerField(default=60)
    place = TextField(default="")
    notes = TextField(default="")
    # A training session credits each attendee with a training check of these hours and topics.
    training_hours = FloatField(null=True)
    training_topics = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    audit_values = ("kind", "starts_at", "duration_minutes", "training_hours")

    class Meta:
        table_name = "programme_event"
        indexes = ((("programme", "starts_at"), False),)


class EventInvitee(BaseModel):
    """One person invited to an event, and their mark in its register."""

    event = ForeignKeyField(ProgrammeEvent, backref="invitees", on_delete="CASCADE")
    event_id: int  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="event_invitations", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    mark = CharField(choices=MARK_CHOICES, default="")
    # The training check the register recorded for this attendee (training sessions only).
    training_check = ForeignKeyField(ScreeningCheck, null=True, on_delete="SET NULL")
    training_check_id: int | None  # the key peewee adds beside the relation
    version = VersionField()

    audited = True
    audit_values = ("mark",)

    class Meta:
        table_name = "event_invitee"
        indexes = ((("event", "participant"), True),)
