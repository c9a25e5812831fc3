"""All models, importable from one place, and the list the schema is built from."""

from mentordesk.store.models._fields import JSONField, utc_now
from mentordesk.store.models.board import (
    BoardRecommendation,
    BoardSession,
    BoardSessionAttendance,
    BoardSponsor,
)
from mentordesk.store.models.concerns import Concern, ConcernAction, ConcernAttachment
from mentordesk.store.models.events import EventInvitee, ProgrammeEvent
from mentordesk.store.models.forms import FIELD_KINDS, FIELD_ROLES, CustomField, CustomValue
from mentordesk.store.models.goals import Goal, GoalTemplate, Milestone, Reflection, ReflectionGoal
from mentordesk.store.models.matching import Match, MatchMember
from mentordesk.store.models.meetings import Attendance, ContactLog, Meeting, MeetingSeries
from mentordesk.store.models.people import (
    AvailabilitySlot,
    AwayPeriod,
    ConsentRecord,
    Enrolment,
    Exclusion,
    Guardian,
    Participant,
    ParticipantTag,
    Programme,
    ScreeningCheck,
    Tag,
    display_name_sql as display_name_sql,
)
from mentordesk.store.models.records import AuditEvent, Document, DocumentTemplate, Setting, Signature
from mentordesk.store.models.speed import SpeedEvent, SpeedMeeting, SpeedSeat, SpeedWish
from mentordesk.store.models.surveys import SurveyResponse, SurveySchedule, SurveyTemplate

# In dependency order: create_tables and the schema comparison walk this list.
ALL_MODELS = [
    Setting,
    Programme,
    Participant,
    Enrolment,
    Tag,
    ParticipantTag,
    AvailabilitySlot,
    AwayPeriod,
    Exclusion,
    Guardian,
    ConsentRecord,
    ScreeningCheck,
    CustomField,
    CustomValue,
    Match,
    MatchMember,
    MeetingSeries,
    Meeting,
    Attendance,
    ContactLog,
    GoalTemplate,
    Goal,
    Milestone,
    Reflection,
    ReflectionGoal,
    DocumentTemplate,
    Document,
    Concern,
    ConcernAction,
    ConcernAttachment,
    Signature,
    SurveyTemplate,
    SurveySchedule,
    SurveyResponse,
    ProgrammeEvent,
    EventInvitee,
    SpeedEvent,
    SpeedSeat,
    SpeedMeeting,
    SpeedWish,
    BoardSponsor,
    BoardSession,
    BoardSessionAttendance,
    BoardRecommendation,
    AuditEvent,
]

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS", "FIELD_KINDS", "FIELD_ROLES", "JSONField", "utc_now"]
