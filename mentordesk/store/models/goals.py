"""Goals, milestones, reflections and goal templates."""

from __future__ import annotations

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from mentordesk.core.vocab import GoalStatus, choices
from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, VersionField, utc_now
from mentordesk.store.models.matching import Match
from mentordesk.store.models.meetings import Meeting
from mentordesk.store.models.people import Participant, Programme


class GoalTemplate(BaseModel):
    programme = ForeignKeyField(Programme, backref="goal_templates", null=True, on_delete="CASCADE")
    programme_id: int | None  # the key peewee adds beside the relation
    title = TextField()
    why = TextField(default="")
    specific = TextField(default="")
    measurable = TextField(default="")
    achievable = TextField(default="")
    relevant = TextField(default="")
    milestones = JSONField(default=list)  # titles, in order
    version = VersionField()


class Goal(BaseModel):
    match = ForeignKeyField(Match, backref="goals", on_delete="CASCADE")
    match_id: int  # the key peewee adds beside the relation
    owner = ForeignKeyField(Participant, backref="goals", null=True, on_delete="SET NULL")  # None: shared
    owner_id: int | None  # the key peewee adds beside the relation
    template = ForeignKeyField(GoalTemplate, null=True, on_delete="SET NULL")
    template_id: int | None  # the key peewee adds beside the relation
    title = TextField()
    why = TextField(default="")
    specific = TextField(default="")
    measurable = TextField(default="")
    achievable = TextField(default="")
    relevant = TextField(default="")
    target_date = DateField(null=True)
    status = CharField(choices=choices(GoalStatus), default=GoalStatus.NOT_STARTED.value)
    progress = IntegerField(default=0)  # used when the goal has no milestones
    achieved_on = DateField(null=True)
    dropped_reason = TextField(default="")
    review_on = DateField(null=True, index=True)
    created_at = DateTimeField(default=utc_now)
    # The last review (yearly and at closure, say the standards); earlier ones are in the audit trail.
    reviewed_on = DateField(null=True)
    review_notes = TextField(default="")
    version = VersionField()

    audited = True
    audit_values = ("status", "progress", "target_date", "review_on", "reviewed_on", "achieved_on")

    class Meta:
        indexes = ((("match", "status"), False),)


class Milestone(BaseModel):
    goal = ForeignKeyField(Goal, backref="milestones", on_delete="CASCADE")
    goal_id: int  # the key peewee adds beside the relation
    title = TextField()
    due_on = DateField(null=True)
    done_on = DateField(null=True)
    position = IntegerField(default=0)
    version = VersionField()


class Reflection(BaseModel):
    match = ForeignKeyField(Match, backref="reflections", on_delete="CASCADE")
    match_id: int  # the key peewee adds beside the relation
    author = ForeignKeyField(Participant, backref="reflections", null=True, on_delete="SET NULL")
    author_id: int | None  # the key peewee adds beside the relation
    author_role = CharField(default="mentee")  # mentor, mentee, coordinator
    written_on = DateField()
    meeting = ForeignKeyField(Meeting, backref="reflections", null=True, on_delete="SET NULL")
    meeting_id: int | None  # the key peewee adds beside the relation
    successes = TextField(default="")
    challenges = TextField(default="")
    what_helped = TextField(default="")
    next_steps = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    version = VersionField()

    audited = True
    audit_values = ("author_role",)

    class Meta:
        indexes = ((("match", "written_on"), False),)


class ReflectionGoal(BaseModel):
    reflection = ForeignKeyField(Reflection, backref="goal_links", on_delete="CASCADE")
    reflection_id: int  # the key peewee adds beside the relation
    goal = ForeignKeyField(Goal, backref="reflection_links", on_delete="CASCADE")
    goal_id: int  # the key peewee adds beside the relation

    class Meta:
        indexes = ((("reflection", "goal"), True),)
