"""A small programme for the events tests: mentors and mentees with names from many scripts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mentordesk.store.models import Enrolment, Participant, Programme

TODAY = date(2026, 11, 20)
PAST = datetime(2026, 11, 10, 18, 0)
FUTURE = datetime(2026, 12, 15, 17, 30)

NAMES = [
    ("Zoë", "Ó'Brien", "mentor", "ready"),
    ("Αθηνά", "Παπαδοπούλου", "mentor", "screening"),
    ("Дмитрий", "Иванов", "mentor", "applied"),
    ("美咲", "佐藤", "mentee", "ready"),
    ("ليلى", "حداد", "mentee", "matched"),
    ("נועה", "כהן", "mentee", "on_hold"),
    ("Łukasz", "Kowalski", "mentee", "exited"),
]


@dataclass
class Scheme:
    programme: Programme
    people: list[Participant]

    def ids(self, *indexes: int) -> list[int]:
        return [self.people[i].id for i in indexes]


def make_scheme(name: str = "Events scheme") -> Scheme:
    programme = Programme.create(name=name, timezone="Europe/London")
    people = []
    for n, (first, last, role, status) in enumerate(NAMES):
        person = Participant.create(first_name=first, last_name=last, email=f"p{n}@example.org")
        Enrolment.create(participant=person, programme=programme, role=role, status=status)
        people.append(person)
    return Scheme(programme, people)
