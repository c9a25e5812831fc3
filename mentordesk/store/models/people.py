"""Programmes, people, their enrolments, tags, availability, guardians, consent and screening."""

from __future__ import annotations

from datetime import date
from typing import Any

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
    fn,
)

from mentordesk.core.participants import display_name
from mentordesk.core.vocab import (
    CheckKind,
    CheckOutcome,
    ConsentKind,
    EnrolmentStatus,
    ProgrammeKind,
    Role,
    TagDirection,
    TagKind,
    choices,
)
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, VersionField, utc_now


class Programme(BaseModel):
    name = CharField(unique=True)
    kind = CharField(choices=choices(ProgrammeKind), default=ProgrammeKind.ONE_TO_ONE.value)
    description = TextField(default="")
    starts_on = DateField(null=True)
    ends_on = DateField(null=True)
    meeting_frequency_days = IntegerField(default=14)
    meeting_length_minutes = IntegerField(default=60)
    meeting_places = TextField(default="")
    coordinator_name = CharField(default="")
    timezone = CharField(default="Europe/London")
    # Criteria weights, clearance rules, cadence rules, retention: see the services that own them.
    settings = JSONField(default=dict)
    archived = BooleanField(default=False)
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True

    def __str__(self) -> str:
        return self.name


class Participant(BaseModel):
    first_name = CharField()
    last_name = CharField(default="")
    preferred_name = CharField(default="")
    pronouns = CharField(default="")
    email = CharField(default="", index=True)
    phone = CharField(default="")
    date_of_birth = DateField(null=True)
    age_band = CharField(default="")  # e.g. "11-13" when the exact date is not held
    organisation = CharField(default="", index=True)
    department = CharField(default="")  # year group, class or department
    seniority = IntegerField(null=True)  # years of experience or grade; reverse schemes flip it
    accessibility_needs = TextField(default="")
    emergency_contact = TextField(default="")
    notes = TextField(default="")
    anonymised = BooleanField(default=False)  # an erased person's stub keeps statistics whole
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    # Everything here is personal: the audit trail names changed fields, never their values.
    audit_values: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.preferred_name)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_on(self, day: date) -> int | None:
        dob = self.date_of_birth
        if dob is None:
            return None
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def __str__(self) -> str:
        return self.display_name


def display_name_sql(person: Any = Participant) -> Any:
    """``core.participants.display_name`` as a query expression (``person``: Participant or an alias)."""
    first = fn.COALESCE(fn.NULLIF(person.preferred_name, ""), person.first_name)
    return fn.TRIM(first.concat(" ").concat(person.last_name))


class Enrolment(BaseModel):
    participant = ForeignKeyField(Participant, backref="enrolments", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    programme = ForeignKeyField(Programme, backref="enrolments", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    role = CharField(choices=choices(Role))
    status = CharField(choices=choices(EnrolmentStatus), default=EnrolmentStatus.APPLIED.value)
    capacity = IntegerField(default=1)  # how many mentees a mentor can take
    # Drives participants for the programme: the driver checks apply (None, from a bulk import: no).
    drives = BooleanField(null=True, default=False)
    referral_source = CharField(default="")
    preferences = TextField(default="")  # "prefers a mentor who ..."
    enrolled_on = DateField(default=date.today)
    exited_on = DateField(null=True)
    exit_reason = TextField(default="")
    version = VersionField()

    audited = True
    audit_values = ("role", "status", "capacity", "drives")

    class Meta:
        indexes = (
            (("participant", "programme"), True),
            (("programme", "role", "status"), False),
        )


class Tag(BaseModel):
    name = CharField()
    kind = CharField(choices=choices(TagKind))

    class Meta:
        indexes = ((("kind", "name"), True),)

    def __str__(self) -> str:
        return self.name


class ParticipantTag(BaseModel):
    participant = ForeignKeyField(Participant, backref="tag_links", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    tag = ForeignKeyField(Tag, backref="participant_links", on_delete="CASCADE")
    tag_id: int  # the key peewee adds beside the relation
    direction = CharField(choices=choices(TagDirection), default=TagDirection.BOTH.value)

    class Meta:
        indexes = ((("participant", "tag", "direction"), True),)


class AvailabilitySlot(BaseModel):
    """A weekly window: weekday 0 = Monday, minutes from midnight, end exclusive."""

    participant = ForeignKeyField(Participant, backref="availability", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    weekday = IntegerField()
    start_minute = IntegerField()
    end_minute = IntegerField()

    class Meta:
        indexes = ((("participant", "weekday"), False),)


class AwayPeriod(BaseModel):
    participant = ForeignKeyField(Participant, backref="away_periods", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    starts_on = DateField()
    ends_on = DateField()
    reason = TextField(default="")


class Exclusion(BaseModel):
    """ "Not with X": never match these two people (the rule holds both ways)."""

    participant = ForeignKeyField(Participant, backref="exclusions", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    other = ForeignKeyField(Participant, backref="excluded_by", on_delete="CASCADE")
    other_id: int  # the key peewee adds beside the relation
    reason = TextField(default="")

    class Meta:
        indexes = ((("participant", "other"), True),)


class Guardian(BaseModel):
    participant = ForeignKeyField(Participant, backref="guardians", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    name = CharField()
    relationship = CharField(default="")
    email = CharField(default="")
    phone = CharField(default="")
    address = TextField(default="")
    is_emergency_contact = BooleanField(default=False)
    notes = TextField(default="")
    version = VersionField()

    audited = True
    audit_values: tuple[str, ...] = ()


class ConsentRecord(BaseModel):
    participant = ForeignKeyField(Participant, backref="consents", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    guardian = ForeignKeyField(Guardian, backref="consents", null=True, on_delete="SET NULL")
    guardian_id: int | None  # the key peewee adds beside the relation
    kind = CharField(choices=choices(ConsentKind))
    given = BooleanField(default=True)
    given_on = DateField(null=True)
    expires_on = DateField(null=True)
    withdrawn_on = DateField(null=True)
    notes = TextField(default="")
    version = VersionField()

    audited = True
    audit_values = ("kind", "given")

    class Meta:
        indexes = ((("participant", "kind"), False),)


class ScreeningCheck(BaseModel):
    """One step of screening. Clearance is derived from these rows, never stored as a flag."""

    participant = ForeignKeyField(Participant, backref="checks", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    programme = ForeignKeyField(Programme, backref="checks", null=True, on_delete="CASCADE")
    programme_id: int | None  # the key peewee adds beside the relation
    kind = CharField(choices=choices(CheckKind))
    outcome = CharField(choices=choices(CheckOutcome), default=CheckOutcome.PENDING.value)
    check_type = TextField(default="")  # e.g. "Enhanced DBS with barred list"
    reference_number = CharField(default="")
    completed_on = DateField(null=True)  # cleared on / interviewed on / trained on
    expires_on = DateField(null=True, index=True)
    person_name = CharField(default="")  # interviewer or referee
    relationship = CharField(default="")  # referee's relationship to the applicant
    hours = FloatField(null=True)  # training hours
    topics = TextField(default="")
    notes = TextField(default="")
    version = VersionField()

    audited = True
    audit_values = ("kind", "outcome")

    class Meta:
        indexes = ((("participant", "kind"), False),)
