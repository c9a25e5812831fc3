"""The participants table of a programme as plain rows: a handful of queries, no per-person lookups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from mentordesk.core.participants import TagSpec, attention_reasons, display_name, fold, format_tags, is_minor
from mentordesk.core.vocab import MatchStatus
from mentordesk.services.participants.clearance import clearance_map
from mentordesk.services.participants.screening import earliest_expiries
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, ParticipantTag, Tag
from mentordesk.store.rows import raw_rows, tuples


@dataclass(frozen=True, slots=True)
class RosterRow:
    participant_id: int
    enrolment_id: int
    name: str  # display name
    first_name: str
    last_name: str
    preferred_name: str
    role: str
    status: str
    cleared: bool
    clearance: str  # "Cleared", or the reasons / warnings
    attention: tuple[str, ...]  # why the coordinator should look (empty when all is well)
    tags: str  # "coding (offers), chess"
    tag_specs: tuple[TagSpec, ...]
    organisation: str
    department: str
    email: str
    phone: str
    date_of_birth: date | None
    minor: bool | None
    capacity: int
    open_matches: int  # draft, active or paused matches the person is in
    enrolled_on: date | None


def roster(
    programme_id: int, on: date | None = None, participant_ids: list[int] | None = None
) -> list[RosterRow]:
    """Everyone enrolled in the programme (or the ids given), sorted by last then first name."""
    if not programme_id:
        return []
    on = on or date.today()
    query = (
        Enrolment.select(
            Enrolment.id,
            Enrolment.participant,
            Enrolment.role,
            Enrolment.status,
            Enrolment.capacity,
            Enrolment.enrolled_on,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.organisation,
            Participant.department,
            Participant.email,
            Participant.phone,
            Participant.date_of_birth,
            Participant.age_band,
        )
        .join(Participant)
        .where(Enrolment.programme == programme_id)
    )
    if participant_ids is not None:
        query = query.where(Enrolment.participant.in_(participant_ids))
    records = list(tuples(query))
    if not records:
        return []
    scoped = participant_ids  # None: the whole programme, so no IN list of thousands of ids
    clearances = clearance_map(programme_id, on, scoped)
    expiries = earliest_expiries(scoped, programme_id)
    tags = _tags(scoped, programme_id)
    matches = _open_matches(programme_id)
    rows = []
    for (
        eid,
        pid,
        role,
        status,
        capacity,
        enrolled_on,
        first,
        last,
        preferred,
        org,
        dept,
        email,
        phone,
        dob,
        band,
    ) in records:
        clearance = clearances.get(pid)
        specs = tuple(tags.get(pid, ()))
        rows.append(
            RosterRow(
                participant_id=pid,
                enrolment_id=eid,
                name=display_name(first, last, preferred),
                first_name=first,
                last_name=last,
                preferred_name=preferred,
                role=role,
                status=status,
                cleared=bool(clearance and clearance.cleared),
                clearance=clearance.summary if clearance else "",
                attention=tuple(attention_reasons(role, status, clearance, expiries.get(pid), on)),
                tags=format_tags(specs, with_kind=False).replace("; ", ", "),
                tag_specs=specs,
                organisation=org,
                department=dept,
                email=email,
                phone=phone,
                date_of_birth=dob,
                minor=is_minor(dob, band, on),
                capacity=capacity,
                open_matches=matches.get(pid, 0),
                enrolled_on=enrolled_on,
            )
        )
    rows.sort(key=lambda r: (fold(r.last_name), fold(r.first_name), r.participant_id))
    return rows


def _tags(participant_ids: list[int] | None, programme_id: int) -> dict[int, list[TagSpec]]:
    query = (
        ParticipantTag.select(ParticipantTag.participant, Tag.kind, Tag.name, ParticipantTag.direction)
        .join(Tag)
        .switch(ParticipantTag)
        .join(Enrolment, on=(Enrolment.participant == ParticipantTag.participant))
        .where(Enrolment.programme == programme_id)
        .order_by(ParticipantTag.participant, Tag.kind, Tag.name)
    )
    if participant_ids is not None:
        query = query.where(ParticipantTag.participant.in_(participant_ids))
    found: dict[int, list[TagSpec]] = defaultdict(list)
    # Plain ints and text: read them straight from the cursor, skipping peewee's per-value conversion.
    for pid, kind, name, direction in raw_rows(query):
        found[pid].append(TagSpec(kind, name, direction))
    return found


def _open_matches(programme_id: int) -> dict[int, int]:
    query = (
        MatchMember.select(MatchMember.participant)
        .join(Match)
        .where((Match.programme == programme_id) & (Match.status != MatchStatus.CLOSED.value))
    )
    counts: dict[int, int] = defaultdict(int)
    for (pid,) in tuples(query):
        counts[pid] += 1
    return counts
