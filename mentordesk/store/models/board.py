"""Shadow boards: the executive sponsors, the board's sessions with their attendance, and its recommendations.

A shadow board's members are the people enrolled in its programme (usually junior staff or students);
its sponsors are the leaders it shadows, named here whether or not they are participants. Nothing of
a board is paired by the matcher.
"""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from mentordesk.core.vocab import BoardPresence, RecommendationOutcome, choices
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import VersionField, utc_now
from mentordesk.store.models.people import Participant, Programme


class BoardSponsor(BaseModel):
    """An executive sponsor: a leader the board shadows and reports to (not necessarily a participant)."""

    programme = ForeignKeyField(Programme, backref="board_sponsors", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    name = CharField()
    role = CharField(default="")  # their post: "Headteacher", "Chief operating officer"
    email = CharField(default="")
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True

    def __str__(self) -> str:
        return self.name


class BoardSession(BaseModel):
    """One sitting of the board: its date, the topics it took up, and who came."""

    programme = ForeignKeyField(Programme, backref="board_sessions", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    held_on = DateField(index=True)
    title = TextField(default="")
    topics = TextField(default="")  # one topic per line
    place = TextField(default="")
    notes = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    audit_values = ("held_on",)


class BoardSessionAttendance(BaseModel):
    """Whether one member came to one session (present, sent apologies, absent)."""

    session = ForeignKeyField(BoardSession, backref="attendance", on_delete="CASCADE")
    session_id: int  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="board_attendance", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    status = CharField(choices=choices(BoardPresence), default=BoardPresence.PRESENT.value)

    class Meta:
        indexes = ((("session", "participant"), True),)


class BoardRecommendation(BaseModel):
    """A recommendation the board made, to whom, and what became of it."""

    programme = ForeignKeyField(Programme, backref="board_recommendations", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    session = ForeignKeyField(BoardSession, backref="recommendations", null=True, on_delete="SET NULL")
    session_id: int | None  # the key peewee adds beside the relation
    sponsor = ForeignKeyField(BoardSponsor, backref="recommendations", null=True, on_delete="SET NULL")
    sponsor_id: int | None  # the key peewee adds beside the relation
    made_on = DateField(index=True)
    title = TextField()
    detail = TextField(default="")
    outcome = CharField(choices=choices(RecommendationOutcome), default=RecommendationOutcome.AWAITING.value)
    decided_on = DateField(null=True)
    outcome_note = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    audit_values = ("outcome", "decided_on")
