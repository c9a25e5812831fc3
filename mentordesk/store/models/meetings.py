"""Meetings (single or in a recurring series), attendance and the coordinator's contact log."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from mentordesk.core.vocab import ContactChannel, MeetingMode, MeetingStatus, choices
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, VersionField, utc_now
from mentordesk.store.models.matching import Match
from mentordesk.store.models.people import Participant, Programme


class CalendarRevision(BaseModel):
    """iCalendar's SEQUENCE and LAST-MODIFIED, kept per row: a saved change to a field a calendar shows
    bumps ``sequence``, so a calendar that imported an earlier .ics file takes the new one as an update."""

    sequence = IntegerField(default=0)
    modified_at = DateTimeField(null=True)  # None: never changed since created_at
    calendar_fields: frozenset[str] = frozenset()

    def save(self, force_insert: bool = False, only=None) -> int:  # type: ignore[override]
        changed = {field.name for field in self.dirty_fields}
        if not force_insert and self.get_id() is not None and changed & self.calendar_fields:
            self.sequence = (self.sequence or 0) + 1
            self.modified_at = utc_now()
            if only is not None:
                only = [*only, type(self).sequence, type(self).modified_at]
        return super().save(force_insert, only)


_SHOWN = frozenset({"starts_at", "duration_minutes", "place", "link", "mode", "agenda"})


class MeetingSeries(CalendarRevision):
    """A recurrence: an iCalendar RRULE anchored at a local start time in the programme's time zone."""

    match = ForeignKeyField(Match, backref="series", on_delete="CASCADE")
    match_id: int  # the key peewee adds beside the relation
    rrule = TextField()  # e.g. "FREQ=WEEKLY;INTERVAL=2;UNTIL=20270701T000000"
    starts_at = DateTimeField()  # local wall-clock time of the first occurrence
    duration_minutes = IntegerField(default=60)
    timezone = CharField(default="Europe/London")
    exceptions = JSONField(default=list)  # ISO dates skipped (term breaks, away dates, cancelled)
    place = TextField(default="")
    link = TextField(default="")  # meeting links can be long (tokens, tracking)
    mode = CharField(choices=choices(MeetingMode), default=MeetingMode.IN_PERSON.value)
    agenda = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    calendar_fields = _SHOWN | {"rrule", "timezone", "exceptions"}


class Meeting(CalendarRevision):
    match = ForeignKeyField(Match, backref="meetings", on_delete="CASCADE")
    match_id: int  # the key peewee adds beside the relation
    series = ForeignKeyField(MeetingSeries, backref="occurrences", null=True, on_delete="SET NULL")
    series_id: int | None  # the key peewee adds beside the relation
    starts_at = DateTimeField(index=True)  # local wall-clock time
    duration_minutes = IntegerField(default=60)
    place = TextField(default="")
    link = TextField(default="")  # meeting links can be long (tokens, tracking)
    mode = CharField(choices=choices(MeetingMode), default=MeetingMode.IN_PERSON.value)
    agenda = TextField(default="")
    status = CharField(choices=choices(MeetingStatus), default=MeetingStatus.PLANNED.value)
    cancelled_by = TextField(default="")
    actual_minutes = IntegerField(null=True)
    activity = TextField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    # For an occurrence of a series: the date and time the rule gave it (iCalendar's RECURRENCE-ID),
    # kept when that one meeting is moved so a calendar can tell the moved occurrence apart.
    original_starts_at = DateTimeField(null=True)
    version = VersionField()

    calendar_fields = _SHOWN | {"status", "match"}
    audited = True
    audit_values = ("status", "starts_at", "duration_minutes", "mode")

    class Meta:
        indexes = (
            (("match", "starts_at"), False),
            (("status", "starts_at"), False),
            # The overdue list asks, per match, for the last held and the oldest unrecorded meeting.
            (("match", "status", "starts_at"), False),
        )


class Attendance(BaseModel):
    meeting = ForeignKeyField(Meeting, backref="attendance", on_delete="CASCADE")
    meeting_id: int  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="attendance", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    attended = BooleanField(default=True)

    class Meta:
        indexes = ((("meeting", "participant"), True),)


class ContactLog(BaseModel):
    """A coordinator check-in with a mentor, a mentee or a guardian."""

    programme = ForeignKeyField(Programme, backref="contacts", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    match = ForeignKeyField(Match, backref="contacts", null=True, on_delete="CASCADE")
    match_id: int | None  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="contacts", null=True, on_delete="CASCADE")
    participant_id: int | None  # the key peewee adds beside the relation
    contacted_at = DateTimeField(index=True)
    with_whom = CharField(default="mentor")  # mentor, mentee, guardian
    channel = CharField(choices=choices(ContactChannel), default=ContactChannel.PHONE.value)
    summary = TextField(default="")
    relationship_quality = IntegerField(null=True)  # 1-5
    goal_progress = TextField(default="")
    safety_concern = BooleanField(default=False)
    follow_up_on = DateField(null=True)
    actions = TextField(default="")
    follow_up_done = BooleanField(default=False)  # the follow-up happened: no longer needs attention
    version = VersionField()

    audited = True
    audit_values = ("with_whom", "channel", "safety_concern", "follow_up_done")

    class Meta:
        indexes = ((("match", "contacted_at"), False),)
