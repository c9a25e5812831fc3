"""A small programme for the concerns tests: one mentor in two active matches, two mentees (one a child)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from mentordesk.core.concerns import ConcernDraft
from mentordesk.store.models import Enrolment, Match, MatchMember, Meeting, Participant, Programme

TODAY = date.today()
REGISTER_PASSPHRASE = "lead-only passphrase"


@dataclass
class Scheme:
    programme: Programme
    mentor: Participant
    child: Participant
    adult_mentee: Participant
    match: Match
    other_match: Match


def _person(first: str, last: str, born: date) -> Participant:
    return Participant.create(first_name=first, last_name=last, date_of_birth=born)


def scheme() -> Scheme:
    programme = Programme.create(name="Riverside")
    mentor = _person("Δημήτρης", "Παπαδόπουλος", date(1980, 3, 1))
    child = _person("Айгерим", "Сапарова", TODAY.replace(year=TODAY.year - 14) - timedelta(days=40))
    adult_mentee = _person("佐藤", "花子", date(2004, 6, 1))
    Enrolment.create(participant=mentor, programme=programme, role="mentor", status="matched", capacity=2)
    for mentee in (child, adult_mentee):
        Enrolment.create(participant=mentee, programme=programme, role="mentee", status="matched")
    matches = []
    for mentee in (child, adult_mentee):
        match = Match.create(programme=programme, status="active", started_on=TODAY - timedelta(days=60))
        MatchMember.create(match=match, participant=mentor, role="mentor")
        MatchMember.create(match=match, participant=mentee, role="mentee")
        for week in (1, 2, 3):
            Meeting.create(
                match=match, starts_at=datetime.combine(TODAY + timedelta(days=7 * week), time(16))
            )
        matches.append(match)
    return Scheme(programme, mentor, child, adult_mentee, matches[0], matches[1])


def draft(s: Scheme, **changes) -> ConcernDraft:
    values = {
        "raised_by": "Ms Okafor (form tutor)",
        "raised_on": TODAY - timedelta(days=3),
        "about": "mentee",
        "category": "disclosure",
        "description": "She said her mentor messaged her late at night on a personal account.",
        "immediate_action": "Listened, did not promise secrecy, told the DSL the same day.",
        "mentee_id": s.child.id,
        "match_id": s.match.id,
        "dsl_name": "Mr Haddad",
        "dsl_referred_on": TODAY - timedelta(days=3),
    }
    values.update(changes)
    return ConcernDraft(**values)
