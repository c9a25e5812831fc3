"""Surveys: a programme's questionnaires, when they go out, and the answers that came back.

The questions live as JSON on the template (their shape is checked by ``core.surveys``); a
response keeps its answers keyed by question id, so editing a template never rewrites old answers
(the template's ``edition`` goes up instead, and a returned PDF says which edition it was;
not ``version``, which is the record's own save counter in store/versions.py).
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from mentordesk.store.base import BaseModel
from mentordesk.store.models._fields import JSONField, utc_now
from mentordesk.store.models.matching import Match
from mentordesk.store.models.people import Participant, Programme


class SurveyTemplate(BaseModel):
    programme = ForeignKeyField(Programme, backref="survey_templates", on_delete="CASCADE")
    programme_id: int  # the key peewee adds beside the relation
    name = CharField()
    key = CharField(default="")  # the built-in it came from ("fit_check_mentee"); "" for the programme's own
    audience = CharField(default="both")  # mentor, mentee, both
    purpose = CharField(default="pulse")  # fit_check, pulse, exit, outcome
    questions = JSONField(default=list)  # [{"id", "text", "kind", "choices", "labels", "scale", ...}]
    edition = IntegerField(default=1)  # goes up when its questions change
    archived = BooleanField(default=False)
    created_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("programme", "name"), True),)


class SurveySchedule(BaseModel):
    template = ForeignKeyField(SurveyTemplate, backref="schedules", on_delete="CASCADE")
    template_id: int  # the key peewee adds beside the relation
    when = CharField()  # days_after_start, every_days, at_closure, programme_start, programme_end
    days = IntegerField(default=0)  # N for days_after_start and every_days


class SurveyResponse(BaseModel):
    template = ForeignKeyField(SurveyTemplate, backref="responses", on_delete="CASCADE")
    template_id: int  # the key peewee adds beside the relation
    participant = ForeignKeyField(Participant, backref="survey_responses", on_delete="CASCADE")
    participant_id: int  # the key peewee adds beside the relation
    match = ForeignKeyField(Match, backref="survey_responses", null=True, on_delete="SET NULL")
    match_id: int | None  # the key peewee adds beside the relation
    answered_on = DateField()
    source = CharField(default="typed")  # typed, pdf, csv
    template_edition = IntegerField(default=1)
    answers = JSONField(default=dict)  # question id -> int, str, bool or list of str
    created_at = DateTimeField(default=utc_now)

    class Meta:
        indexes = ((("template", "participant", "match", "answered_on"), True),)
