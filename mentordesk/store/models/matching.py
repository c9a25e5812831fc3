"""Matches and their members (one shape for pairs, groups and peers)."""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    TextField,
)

from mentordesk.core.vocab import ClosureKind, MatchStatus, Role, choices
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, VersionField, utc_now
from mentordesk.store.models.people import Participant, Programme


class Match(BaseModel):
    programme = ForeignKeyField(Programme, backref="matches", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    status = CharField(choices=choices(MatchStatus), default=MatchStatus.DRAFT.value)
    score = FloatField(null=True)  # 0-100
    score_breakdown = JSONField(default=list)  # [{"criterion", "points", "reason"}, ...]
    rationale = TextField(default="")  # why the coordinator made or kept this match
    pinned = BooleanField(default=False)
    # A draft the coordinator has reviewed and approved; kept (like a pin) when the matcher re-runs.
    accepted = BooleanField(default=False)
    started_on = DateField(null=True)
    planned_end_on = DateField(null=True)
    first_meeting_on = DateField(null=True)
    first_meeting_staff = CharField(default="")  # who from the programme was at the first meeting
    first_meeting_covered_agreement = BooleanField(default=False)  # introductions went through it
    agreement_signed_on = DateField(null=True)
    closed_on = DateField(null=True)
    resumes_on = DateField(null=True)  # a paused match's expected resume day (None: open-ended)
    closure_kind = CharField(choices=choices(ClosureKind), null=True)
    closure_code = CharField(default="")  # the programme's reason code (core.pairing.closure)
    closure_reason = TextField(default="")  # the reason in words
    closure_meeting_held = BooleanField(null=True)  # None: not recorded
    closure_meeting_on = DateField(null=True)
    contact_after = CharField(default="")  # core.pairing.CONTACT_PLANS key; "": not recorded
    guardian_exit_on = DateField(null=True)  # the exit conversation with the guardian(s)
    closure_initiated_by = CharField(default="")
    exit_notes_mentor = TextField(default="")
    exit_notes_mentee = TextField(default="")
    exit_notes_guardian = TextField(default="")
    rematch_eligible = BooleanField(default=True)
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    audit_values = ("status", "closure_kind", "closure_code", "pinned", "accepted", "score")

    class Meta:
        indexes = ((("programme", "status"), False),)


class MatchMember(BaseModel):
    # RESTRICT: a person in a match cannot vanish and leave the match without a member.
    match = ForeignKeyField(Match, backref="members", on_delete="CASCADE")
    match_id: int  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="memberships", on_delete="RESTRICT")
    participant_id: int  # the key peewee adds beside the relation
    role = CharField(choices=choices(Role))
    # For each mentee: the score of their pairing with the mentor and its breakdown (in a group,
    # every mentee has their own; Match.score is then the group's mean).
    score = FloatField(null=True)
    score_breakdown = JSONField(default=list)
    exit_conversation_on = DateField(null=True)  # when this member's exit conversation happened
    # Network mentoring: the focus areas (programme setting) this mentor covers for the mentee.
    focus_areas = JSONField(default=list)

    class Meta:
        indexes = ((("match", "participant"), True),)
