"""Small matches for the goals tests: a mentor and one or more mentees (or peers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mentordesk.core.goals import GoalDraft
from mentordesk.store.models import Match, MatchMember, Participant, Programme

TODAY = date(2026, 11, 26)


@dataclass
class Pair:
    programme: Programme
    match: Match
    mentor: Participant
    mentees: list[Participant]

    @property
    def mentee(self) -> Participant:
        return self.mentees[0]


def make_match(
    name: str = "Year 10",
    kind: str = "one_to_one",
    status: str = "active",
    mentees: int = 1,
    started_on: date = TODAY - timedelta(days=60),
) -> Pair:
    programme = Programme.get_or_none(Programme.name == name) or Programme.create(name=name, kind=kind)
    match = Match.create(programme=programme, status=status, started_on=started_on)
    if kind == "peer":
        mentor = Participant.create(first_name="Peer", last_name="One")
        MatchMember.create(match=match, participant=mentor, role="peer")
    else:
        mentor = Participant.create(first_name="Zoë", last_name="Ó'Brien")
        MatchMember.create(match=match, participant=mentor, role="mentor")
    people = []
    for i in range(mentees):
        person = Participant.create(first_name=["Priya", "Łukasz", "Mei"][i % 3], last_name=f"Test{i}")
        MatchMember.create(match=match, participant=person, role="peer" if kind == "peer" else "mentee")
        people.append(person)
    return Pair(programme, match, mentor, people)


def good_draft(**overrides) -> GoalDraft:
    values = dict(
        title="Speak up in class",
        specific="Ask one question in every history lesson",
        measurable="Teacher notes a question each week",
        target_date=TODAY + timedelta(days=90),
        review_on=TODAY + timedelta(days=45),
    )
    values.update(overrides)
    return GoalDraft(**values)
