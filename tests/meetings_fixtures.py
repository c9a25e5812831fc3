"""Shared set-up for the meetings tests: a programme with one active mentor-mentee match."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentordesk.store.models import AvailabilitySlot, Match, MatchMember, Participant, Programme


@dataclass
class Pair:
    programme: Programme
    match: Match
    mentor: Participant
    mentee: Participant


def make_pair(
    programme: Programme | None = None,
    *,
    mentor_name: str = "Sam",
    mentee_name: str = "Ana",
    started_on: date = date(2027, 1, 4),
    status: str = "active",
) -> Pair:
    programme = programme or Programme.create(name="Meetings test", timezone="Europe/London")
    mentor = Participant.create(first_name=mentor_name, last_name="Carter")
    mentee = Participant.create(first_name=mentee_name, last_name="Lopez")
    match = Match.create(programme=programme, status=status, started_on=started_on)
    MatchMember.create(match=match, participant=mentor, role="mentor")
    MatchMember.create(match=match, participant=mentee, role="mentee")
    # Both free on Tuesdays 15:30-18:00; the mentor also on Thursdays 16:00-17:00.
    for person in (mentor, mentee):
        AvailabilitySlot.create(participant=person, weekday=1, start_minute=15 * 60 + 30, end_minute=18 * 60)
    AvailabilitySlot.create(participant=mentor, weekday=3, start_minute=16 * 60, end_minute=17 * 60)
    return Pair(programme, match, mentor, mentee)
