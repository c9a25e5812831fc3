"""The fixed vocabularies of the domain, shared by every layer.

Values are stored as these plain strings, so the database stays readable from
any SQL client and portable to PostgreSQL.
"""

from __future__ import annotations

from enum import StrEnum


class ProgrammeKind(StrEnum):
    ONE_TO_ONE = "one_to_one"
    GROUP = "group"
    PEER = "peer"
    REVERSE = "reverse"
    SPEED = "speed"
    CASCADE = "cascade"
    NETWORK = "network"  # several mentors at once, each for a focus area
    DEVELOPMENTAL = "developmental"
    SHADOW_BOARD = "shadow_board"


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    PEER = "peer"


class EnrolmentStatus(StrEnum):
    APPLIED = "applied"
    SCREENING = "screening"
    READY = "ready"
    MATCHED = "matched"
    ON_HOLD = "on_hold"
    EXITED = "exited"


class TagKind(StrEnum):
    SKILL = "skill"
    INTEREST = "interest"
    GOAL_AREA = "goal_area"
    LANGUAGE = "language"


class TagDirection(StrEnum):
    OFFERS = "offers"
    SEEKS = "seeks"
    BOTH = "both"


class CheckKind(StrEnum):
    APPLICATION = "application"
    INTERVIEW = "interview"
    REFERENCE = "reference"
    BACKGROUND = "background_check"
    TRAINING = "training"
    CODE_OF_CONDUCT = "code_of_conduct"
    ORIENTATION = "orientation"


class CheckOutcome(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"


class ConsentKind(StrEnum):
    PARENTAL_PERMISSION = "parental_permission"
    INFORMATION_RELEASE = "information_release"
    CONFIDENTIALITY = "confidentiality"
    PHOTO_MEDIA = "photo_media"
    DATA_PROCESSING = "data_processing"


class MatchStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class ClosureKind(StrEnum):
    PLANNED = "planned"
    PREMATURE = "premature"


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    MISSED = "missed"


class ContactChannel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    IN_PERSON = "in_person"
    VIDEO = "video"
    MESSAGE = "message"


class GoalStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class DocumentKind(StrEnum):
    AGREEMENT = "agreement"
    CONSENT_FORM = "consent_form"
    WELCOME_MENTOR = "welcome_mentor"
    WELCOME_MENTEE = "welcome_mentee"
    CLOSURE_LETTER = "closure_letter"
    CERTIFICATE = "certificate"
    MEETING_LOG = "meeting_log"
    GOAL_WORKSHEET = "goal_worksheet"
    REFLECTION_SHEET = "reflection_sheet"
    TIMETABLE = "timetable"
    SUBJECT_ACCESS = "subject_access"


class ConcernAbout(StrEnum):
    """Whom a safeguarding concern is about."""

    MENTEE = "mentee"
    MENTOR = "mentor"
    BOTH = "both"
    OTHER = "other"


class ConcernCategory(StrEnum):
    DISCLOSURE = "disclosure"
    MENTOR_BEHAVIOUR = "mentor_behaviour"
    BOUNDARY_BREACH = "boundary_breach"
    ONLINE_SAFETY = "online_safety"
    WELLBEING = "wellbeing"
    OTHER = "other"


class ReferralAgency(StrEnum):
    """Where a concern was referred on, beyond the designated safeguarding lead."""

    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    POLICE = "police"
    LADO = "lado"  # the local authority designated officer: allegations against an adult
    OTHER = "other"


class ConcernActionKind(StrEnum):
    SUSPEND_MATCH = "suspend_match"
    SUSPEND_MENTOR = "suspend_mentor"
    GUARDIAN_INFORMED = "guardian_informed"
    GUARDIAN_NOT_INFORMED = "guardian_not_informed"


class BoardPresence(StrEnum):
    """Whether a shadow-board member came to a session."""

    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class RecommendationOutcome(StrEnum):
    """What the leadership made of a shadow board's recommendation."""

    AWAITING = "awaiting"  # not answered yet
    IN_PROGRESS = "in_progress"
    ACCEPTED = "accepted"
    DECLINED = "declined"


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """Peewee ``choices`` for a vocabulary: (value, human label)."""
    return [(m.value, m.value.replace("_", " ")) for m in enum]


def label(value: str) -> str:
    """A human label for a stored vocabulary value: ``on_hold`` -> ``On hold``."""
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
