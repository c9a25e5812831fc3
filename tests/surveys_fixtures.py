"""A small programme for the surveys tests: mentors and mentees in active matches, names in many scripts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme

TODAY = date(2026, 11, 26)
STARTED = TODAY - timedelta(days=60)
NAMES = [
    ("Zoë", "Ó'Brien"),
    ("Ζωή", "Παπαδοπούλου"),
    ("Мария", "Иванова"),
    ("佐藤", "花子"),
    ("ليلى", "حداد"),
    ("נועה", "כהן"),
]


@dataclass
class Scheme:
    programme: Programme
    matches: list[Match] = field(default_factory=list)
    mentors: list[Participant] = field(default_factory=list)
    mentees: list[Participant] = field(default_factory=list)


def make_scheme(name: str = "Year 10", pairs: int = 3, started_on: date = STARTED) -> Scheme:
    programme = Programme.create(name=name, starts_on=started_on - timedelta(days=20))
    scheme = Scheme(programme)
    for i in range(pairs):
        mentor = Participant.create(
            first_name=NAMES[(2 * i) % 6][0], last_name=NAMES[(2 * i) % 6][1], email=f"mentor{i}@example.org"
        )
        mentee = Participant.create(
            first_name=NAMES[(2 * i + 1) % 6][0],
            last_name=NAMES[(2 * i + 1) % 6][1],
            email=f"mentee{i}@example.org",
        )
        # Enrolled when the programme started (not on the day the tests run).
        joined = programme.starts_on
        Enrolment.create(participant=mentor, programme=programme, role="mentor", status="matched", enrolled_on=joined)
        Enrolment.create(participant=mentee, programme=programme, role="mentee", status="matched", enrolled_on=joined)
        match = Match.create(programme=programme, status="active", started_on=started_on)
        MatchMember.create(match=match, participant=mentor, role="mentor")
        MatchMember.create(match=match, participant=mentee, role="mentee")
        scheme.matches.append(match)
        scheme.mentors.append(mentor)
        scheme.mentees.append(mentee)
    return scheme
