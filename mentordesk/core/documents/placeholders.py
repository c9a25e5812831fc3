"""What a template may use: the placeholders and generated parts, with descriptions and examples.

Each entry says which kinds of document can fill it (a consent form is about a person,
not a match, so it has no {match.start}); ``core.templating`` checks templates against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentordesk.core.vocab import DocumentKind as K

MATCH_KINDS = frozenset(
    {
        K.AGREEMENT,
        K.WELCOME_MENTOR,
        K.WELCOME_MENTEE,
        K.CLOSURE_LETTER,
        K.CERTIFICATE,
        K.MEETING_LOG,
        K.GOAL_WORKSHEET,
        K.REFLECTION_SHEET,
    }
)
LETTER_KINDS = frozenset(
    {K.WELCOME_MENTOR, K.WELCOME_MENTEE, K.CLOSURE_LETTER, K.CERTIFICATE, K.CONSENT_FORM}
)
GUARDIAN_KINDS = frozenset({K.AGREEMENT, K.CONSENT_FORM, K.WELCOME_MENTEE})
# The kinds a coordinator can print and edit templates for, in the order the app lists them.
TEMPLATE_KINDS: tuple[str, ...] = (
    K.AGREEMENT,
    K.CONSENT_FORM,
    K.WELCOME_MENTOR,
    K.WELCOME_MENTEE,
    K.CLOSURE_LETTER,
    K.CERTIFICATE,
    K.MEETING_LOG,
    K.GOAL_WORKSHEET,
    K.REFLECTION_SHEET,
)


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str
    example: str
    kinds: frozenset[str] | None = None  # None: every kind of document

    @property
    def token(self) -> str:
        return "{" + self.name + "}"

    def available_in(self, kind: str | None) -> bool:
        return kind is None or self.kinds is None or kind in self.kinds


def _p(name: str, description: str, example: str, kinds: frozenset[str] | None = None) -> Placeholder:
    return Placeholder(name, description, example, kinds)


PLACEHOLDERS: tuple[Placeholder, ...] = (
    _p("today", "Today's date", "27 November 2026"),
    _p("organisation.name", "Your organisation (Settings > General)", "Riverside Academy"),
    _p("programme.name", "The programme's name", "Riverside Futures 2026/27"),
    _p("programme.description", "The programme's description", "A school-based scheme..."),
    _p("programme.coordinator", "The coordinator's name", "Alex Morgan"),
    _p("programme.meeting_frequency", "How often pairs meet", "every two weeks"),
    _p("programme.meeting_length", "How long a meeting lasts", "about an hour"),
    _p("programme.meeting_places", "Where meetings happen", "School library or Room 12"),
    _p("programme.starts", "The programme's start date", "1 September 2026"),
    _p("programme.ends", "The programme's end date", "16 July 2027"),
    _p("match.start", "The match's start date", "14 September 2026", MATCH_KINDS),
    _p("match.planned_end", "The match's planned end date", "11 July 2027", MATCH_KINDS),
    _p("match.first_meeting", "Date of the first meeting", "21 September 2026", MATCH_KINDS),
    _p(
        "match.meeting_frequency",
        "How often this match meets: its booked series, else the programme's cadence",
        "every week",
        MATCH_KINDS,
    ),
    _p("match.first_meeting_staff", "Staff present at the first meeting", "Alex Morgan", MATCH_KINDS),
    _p("match.mentors", "The mentor(s) in the match", "Zoë Ó'Brien", MATCH_KINDS),
    _p("match.mentees", "The mentee(s) in the match", "Łukasz Kowalski", MATCH_KINDS),
    _p("match.members", "Everyone in the match", "Zoë Ó'Brien and Łukasz Kowalski", MATCH_KINDS),
    _p("match.closed_on", "The date the match ended", "2 June 2027", MATCH_KINDS),
    _p("match.end", "The date the match ended, or its planned end", "2 June 2027", MATCH_KINDS),
    _p("match.meetings_held", "How many meetings took place", "14", MATCH_KINDS),
    _p("match.goals_achieved", "How many goals were achieved", "3", MATCH_KINDS),
    _p("mentor.name", "The (first) mentor's name", "Zoë Ó'Brien", MATCH_KINDS),
    _p("mentor.first_name", "The (first) mentor's first name", "Zoë", MATCH_KINDS),
    _p("mentee.name", "The (first) mentee's name", "Łukasz Kowalski", MATCH_KINDS),
    _p("mentee.first_name", "The (first) mentee's first name", "Łukasz", MATCH_KINDS),
    _p("mentee.year_group", "The mentee's year group or class", "Year 10", MATCH_KINDS),
    _p("mentee.school", "The mentee's school or organisation", "Riverside Academy", MATCH_KINDS),
    _p("participant.name", "The person this letter is for", "Zoë Ó'Brien", LETTER_KINDS),
    _p("participant.first_name", "Their first (or preferred) name", "Zoë", LETTER_KINDS),
    _p("participant.role", "Their role: mentor, mentee or peer", "mentor", LETTER_KINDS),
    _p("participant.year_group", "Their year group, class or department", "Year 10", LETTER_KINDS),
    _p("participant.school", "Their school or organisation", "Riverside Academy", LETTER_KINDS),
    _p("participant.partners", "The other people in their match", "Łukasz Kowalski", LETTER_KINDS),
    _p("guardian.name", "The mentee's parent or guardian", "Anna Kowalska", GUARDIAN_KINDS),
    _p("guardian.relationship", "How the guardian is related", "Mother", GUARDIAN_KINDS),
    _p("first_meeting.date", "Date of the first (or next) meeting", "Tuesday 21 September 2026", MATCH_KINDS),
    _p("first_meeting.time", "Its start time", "16:00", MATCH_KINDS),
    _p("first_meeting.place", "Its place (or the call link)", "School library", MATCH_KINDS),
)
PLACEHOLDER_INDEX: dict[str, Placeholder] = {p.name: p for p in PLACEHOLDERS}


@dataclass(frozen=True)
class BlockInfo:
    name: str
    description: str
    kinds: frozenset[str] | None = None

    @property
    def token(self) -> str:
        return f"[[{self.name}]]"

    def available_in(self, kind: str | None) -> bool:
        return kind is None or self.kinds is None or kind in self.kinds


BLOCKS: tuple[BlockInfo, ...] = (
    BlockInfo("parties", "A table of everyone in the match, with guardians and the coordinator", MATCH_KINDS),
    BlockInfo("match_details", "Start, planned end, how often, how long and where", MATCH_KINDS),
    BlockInfo("goals", "The goals agreed so far (or lines to write them on)", MATCH_KINDS),
    BlockInfo("signatures", "Signature and date lines for every party (never split across pages)"),
    BlockInfo("first_meeting", "Date, time and place of the first meeting", MATCH_KINDS),
    BlockInfo("person_details", "Name, year group, school and guardian, with lines for what is missing"),
    BlockInfo("meeting_log", "Recorded meetings and blank rows to log more by hand", MATCH_KINDS),
    BlockInfo(
        "goal_worksheet", "One box per goal with SMART prompts, milestones and blank goals", MATCH_KINDS
    ),
    BlockInfo("reflection", "Reflection prompts with space to write", MATCH_KINDS),
)
BLOCK_INDEX: dict[str, BlockInfo] = {b.name: b for b in BLOCKS}


_CUSTOM = re.compile(r"(participant|mentor|mentee)\.custom\.\w+")


def is_custom_placeholder(name: str) -> bool:
    """``{mentee.custom.favourite_subject}``: a programme's custom field (Settings > Custom fields), by its
    label in lower case with underscores; empty where the person has not answered it."""
    # in lower case, as a label becomes a name ("Любимый предмет" -> любимый_предмет)
    return _CUSTOM.fullmatch(name) is not None and name == name.casefold()
