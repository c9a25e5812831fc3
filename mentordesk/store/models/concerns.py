"""The safeguarding concerns register: concerns, the actions taken on them and their attachments.

Who a concern is about is kept twice: as links to the people (``mentee``, ``mentor``) and as the
names and youngest birth date at the time it was saved (``subject_names``, ``subject_born_on``), so a
concern kept after its subject was erased still says whom it was about and how long to keep it.
Attachments live in the database itself (``content``), so an encrypted file encrypts them too.
"""

from __future__ import annotations

from peewee import (
    BlobField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from mentordesk.core.vocab import ConcernAbout, ConcernActionKind, ConcernCategory, choices
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, VersionField, utc_now
from mentordesk.store.models.matching import Match
from mentordesk.store.models.people import Participant, Programme


class Concern(BaseModel):
    programme = ForeignKeyField(Programme, backref="concerns", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    raised_by = CharField()
    raised_on = DateField(index=True)
    about = CharField(choices=choices(ConcernAbout))
    # SET NULL: deleting a person (never done to someone in a match) keeps the concern and its names.
    mentee = ForeignKeyField(Participant, backref="concerns_as_mentee", null=True, on_delete="SET NULL")
    mentee_id: int | None  # the key peewee adds beside the relation
    mentor = ForeignKeyField(Participant, backref="concerns_as_mentor", null=True, on_delete="SET NULL")
    mentor_id: int | None  # the key peewee adds beside the relation
    match = ForeignKeyField(Match, backref="concerns", null=True, on_delete="SET NULL")
    match_id: int | None  # the key peewee adds beside the relation
    other_person = CharField(default="")
    subject_names = TextField(default="")
    subject_born_on = DateField(null=True)
    category = CharField(choices=choices(ConcernCategory))
    description = TextField()
    immediate_action = TextField(default="")
    dsl_name = CharField(default="")
    dsl_referred_on = DateField(null=True)
    referral_agency = CharField(default="")
    referral_name = CharField(default="")
    referral_reference = CharField(default="")
    referral_on = DateField(null=True)
    outcome = TextField(default="")
    closed_on = DateField(null=True, index=True)
    keep_until = DateField(null=True)  # set on closing, from the register's retention rule
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    version = VersionField()  # two desks editing one concern: the second save is shown the first's

    audited = True
    audit_values = ("about", "category", "referral_agency", "closed_on")


class ConcernAction(BaseModel):
    """Something done about a concern: a match or a mentor suspended, the guardian informed (or not)."""

    concern = ForeignKeyField(Concern, backref="actions", on_delete="CASCADE")
    concern_id: int  # the key peewee adds beside the relation
    kind = CharField(choices=choices(ConcernActionKind))
    taken_on = DateField()
    match = ForeignKeyField(Match, backref="concern_actions", null=True, on_delete="SET NULL")
    match_id: int | None  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="concern_actions", null=True, on_delete="SET NULL")
    participant_id: int | None  # the key peewee adds beside the relation
    meetings = CharField(default="")  # suspending a match: "cancel" or "keep" its planned meetings
    matches_paused = JSONField(default=list)  # ids of the matches this action paused
    meetings_cancelled = IntegerField(default=0)
    reason = TextField(default="")
    created_at = DateTimeField(default=utc_now)

    audited = True
    audit_values = ("kind", "taken_on", "meetings", "meetings_cancelled")


class ConcernAttachment(BaseModel):
    concern = ForeignKeyField(Concern, backref="attachments", on_delete="CASCADE")
    concern_id: int  # the key peewee adds beside the relation
    filename = CharField()
    mime = CharField(default="application/octet-stream")
    size = IntegerField()
    content = BlobField()
    added_at = DateTimeField(default=utc_now)

    audited = True
    audit_values = ("size",)
