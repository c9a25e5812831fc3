"""The coordinator's contact log: check-ins with a mentor, a mentee or a guardian.

A check-in counts towards the cadence rules of the match it names (or of the
match its person is in). A safety concern is flagged on the entry and stays
visible in the log; a follow-up date puts the entry on the "needs attention"
list until it is marked done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peewee import JOIN

from mentordesk.core.meetings import MeetingInputError, Problem
from mentordesk.core.participants import display_name, text_problems
from mentordesk.core.vocab import ContactChannel
from mentordesk.services.meetings.queries import match_people
from mentordesk.store.db import database
from mentordesk.store.models import ContactLog, Match, MatchMember, Participant, Programme
from mentordesk.store.rows import as_date, as_datetime, raw_rows

WITH_WHOM = ("mentor", "mentee", "guardian")
CHANNELS = tuple(c.value for c in ContactChannel)


@dataclass
class ContactInput:
    contacted_at: datetime
    with_whom: str
    channel: str
    summary: str
    match_id: int | None = None
    participant_id: int | None = None
    safety_concern: bool = False
    follow_up_on: date | None = None
    relationship_quality: int | None = None  # 1-5
    goal_progress: str = ""
    actions: str = ""


@dataclass(frozen=True)
class ContactRow:
    id: int
    contacted_at: datetime
    with_whom: str
    channel: str
    summary: str
    match_id: int | None
    match_who: str
    participant_id: int | None
    person: str
    safety_concern: bool
    follow_up_on: date | None
    follow_up_done: bool
    relationship_quality: int | None
    goal_progress: str
    actions: str

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_on is not None and not self.follow_up_done


def _problems(programme_id: int, data: ContactInput, now: datetime) -> list[Problem]:
    texts = {"summary": data.summary, "goal_progress": data.goal_progress, "actions": data.actions}
    labels = {"summary": "Summary", "goal_progress": "Goal progress", "actions": "Actions"}
    problems = [Problem(key, text) for key, text in text_problems(texts, labels).items()]
    if data.with_whom not in WITH_WHOM:
        problems.append(Problem("with_whom", "Say whom you spoke to: the mentor, the mentee or a guardian."))
    if data.channel not in CHANNELS:
        problems.append(
            Problem("channel", f"Unknown channel {data.channel!r}: use one of {', '.join(CHANNELS)}.")
        )
    if not data.summary.strip():
        problems.append(Problem("summary", "Write a short summary of the check-in."))
    if data.contacted_at > now:
        problems.append(
            Problem("contacted_at", "The check-in date is in the future: log check-ins once they happened.")
        )
    if data.follow_up_on is not None and data.follow_up_on < data.contacted_at.date():
        problems.append(
            Problem("follow_up_on", "The follow-up date is before the check-in: choose a later date.")
        )
    if data.relationship_quality is not None and not 1 <= data.relationship_quality <= 5:
        problems.append(
            Problem("relationship_quality", "Rate the relationship from 1 (poor) to 5 (very good).")
        )
    if data.match_id is None and data.participant_id is None:
        problems.append(Problem("match", "Choose the match or the person the check-in was about."))
    if data.match_id is not None:
        match = Match.get_or_none(Match.id == data.match_id)
        if match is None or match.programme_id != programme_id:
            problems.append(Problem("match", "That match is not in this programme."))
        elif data.participant_id is not None:
            member = MatchMember.get_or_none(
                (MatchMember.match == data.match_id) & (MatchMember.participant == data.participant_id)
            )
            if member is None:
                problems.append(Problem("participant", "That person is not in the chosen match."))
    return problems


def log_contact(programme_id: int, data: ContactInput, *, now: datetime | None = None) -> int:
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise MeetingInputError([Problem("programme", "Choose a programme first.")])
    problems = _problems(programme_id, data, now or datetime.now())
    if problems:
        raise MeetingInputError(problems)
    with database.atomic():
        row = ContactLog.create(programme=programme_id, **_fields(data))
    return row.id


def update_contact(contact_id: int, data: ContactInput, *, now: datetime | None = None) -> None:
    row = ContactLog.get_or_none(ContactLog.id == contact_id)
    if row is None:
        raise MeetingInputError([Problem("contact", f"No contact-log entry with id {contact_id}.")])
    problems = _problems(row.programme_id, data, now or datetime.now())
    if problems:
        raise MeetingInputError(problems)
    with database.atomic():
        for name, value in _fields(data).items():
            setattr(row, name, value)
        row.save()


def _fields(data: ContactInput) -> dict[str, object]:
    return {
        "match": data.match_id,
        "participant": data.participant_id,
        "contacted_at": data.contacted_at,
        "with_whom": data.with_whom,
        "channel": data.channel,
        "summary": data.summary.strip(),
        "safety_concern": data.safety_concern,
        "follow_up_on": data.follow_up_on,
        "relationship_quality": data.relationship_quality,
        "goal_progress": data.goal_progress.strip(),
        "actions": data.actions.strip(),
    }


def set_follow_up_done(contact_id: int, done: bool = True) -> None:
    row = ContactLog.get_or_none(ContactLog.id == contact_id)
    if row is None:
        raise MeetingInputError([Problem("contact", f"No contact-log entry with id {contact_id}.")])
    row.follow_up_done = done
    row.save()


def delete_contact(contact_id: int) -> None:
    row = ContactLog.get_or_none(ContactLog.id == contact_id)
    if row is not None:
        row.delete_instance()


def list_contacts(
    programme_id: int,
    *,
    match_id: int | None = None,
    participant_id: int | None = None,
    contact_id: int | None = None,
) -> list[ContactRow]:
    """The log, newest first; a person filter also finds check-ins about their matches."""
    query = (
        ContactLog.select(
            ContactLog.id,
            ContactLog.contacted_at,
            ContactLog.with_whom,
            ContactLog.channel,
            ContactLog.summary,
            ContactLog.match,
            ContactLog.participant,
            Participant.first_name,
            Participant.preferred_name,
            Participant.last_name,
            ContactLog.safety_concern,
            ContactLog.follow_up_on,
            ContactLog.follow_up_done,
            ContactLog.relationship_quality,
            ContactLog.goal_progress,
            ContactLog.actions,
        )
        .join(Participant, join_type=JOIN.LEFT_OUTER, on=(ContactLog.participant == Participant.id))
        .where(ContactLog.programme == programme_id)
        .order_by(ContactLog.contacted_at.desc(), ContactLog.id.desc())
    )
    if match_id:
        query = query.where(ContactLog.match == match_id)
    if contact_id:
        query = query.where(ContactLog.id == contact_id)
    if participant_id:
        theirs = MatchMember.select(MatchMember.match).where(MatchMember.participant == participant_id)
        query = query.where((ContactLog.participant == participant_id) | ContactLog.match.in_(theirs))
    # Raw tuples: a busy programme logs thousands of check-ins and peewee's per-row work would show.
    rows = raw_rows(query)
    people = match_people(programme_id) if rows else {}
    labels = {m: p.who for m, p in people.items()}
    out = []
    for (
        cid,
        contacted_at,
        with_whom,
        channel,
        summary,
        match,
        participant,
        first,
        preferred,
        last,
        safety,
        follow_up_on,
        follow_up_done,
        quality,
        progress,
        actions,
    ) in rows:
        name = display_name(first, last, preferred) if participant else ""
        contacted = as_datetime(contacted_at)
        assert contacted is not None  # a NOT NULL column
        out.append(
            ContactRow(
                cid,
                contacted,
                with_whom,
                channel,
                summary,
                match,
                labels.get(match, ""),
                participant,
                name,
                bool(safety),
                as_date(follow_up_on),
                bool(follow_up_done),
                quality,
                progress,
                actions,
            )
        )
    return out


def contact(contact_id: int) -> ContactRow | None:
    row = ContactLog.get_or_none(ContactLog.id == contact_id)
    if row is None:
        return None
    found = list_contacts(row.programme_id, contact_id=contact_id)
    return found[0] if found else None
