"""The participants table of a programme as plain rows: a handful of queries, no per-person lookups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from mentordesk.core.participants import TagSpec, attention_reasons, display_name, fold, format_tags, is_minor
from mentordesk.core.vocab import MatchStatus
from mentordesk.services.participants.clearance import clearance_map, screening_facts
from mentordesk.services.participants.screening import earliest_expiries
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, ParticipantTag, Tag
from mentordesk.store.rows import as_date, raw_rows, tuples

# Thousands of rows share a few hundred distinct days: each is converted once.
as_day = lru_cache(maxsize=4096)(as_date)


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
    # The driver's own tuples: peewee's per-value conversion of 15 columns x thousands of rows costs more
    # than the query; only the two date columns need converting (as_day, once per distinct day).
    records = raw_rows(query)
    if not records:
        return []
    scoped = participant_ids  # None: the whole programme, so no IN list of thousands of ids
    facts = screening_facts(programme_id, scoped)  # read once for clearance and the soonest expiry
    clearances = clearance_map(programme_id, on, scoped, facts)
    expiries = earliest_expiries(scoped, programme_id, facts)
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
        specs, tag_text = tags.get(pid, ((), ""))
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
                tags=tag_text,
                tag_specs=specs,
                organisation=org,
                department=dept,
                email=email,
                phone=phone,
                date_of_birth=as_day(dob),
                minor=is_minor(as_day(dob), band, on),
                capacity=capacity,
                open_matches=matches.get(pid, 0),
                enrolled_on=as_day(enrolled_on),
            )
        )
    folded: dict[str, str] = {}  # names repeat (and folding accented ones is the slow path): once each

    def folded_name(name: str) -> str:
        if name not in folded:
            folded[name] = fold(name)
        return folded[name]

    rows.sort(key=lambda r: (folded_name(r.last_name), folded_name(r.first_name), r.participant_id))
    return rows


def _tags(participant_ids: list[int] | None, programme_id: int) -> dict[int, tuple[tuple[TagSpec, ...], str]]:
    """Per person: their tags in (kind, name) order, and the text the table shows ("coding (offers), chess").

    The few dozen tags are read (and ranked in the database's own order) once; each person's links are
    plain ids, put in that order here: sorting tens of thousands of joined text rows in SQL costs more."""
    ranked = raw_rows(Tag.select(Tag.id, Tag.kind, Tag.name).order_by(Tag.kind, Tag.name))
    rank = {tid: n for n, (tid, _kind, _name) in enumerate(ranked)}
    names = {tid: (kind, name) for tid, kind, name in ranked}
    query = (
        ParticipantTag.select(ParticipantTag.participant, ParticipantTag.tag, ParticipantTag.direction)
        .join(Enrolment, on=(Enrolment.participant == ParticipantTag.participant))
        .where(Enrolment.programme == programme_id)
    )
    if participant_ids is not None:
        query = query.where(ParticipantTag.participant.in_(participant_ids))
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    # Plain ints and text: read them straight from the cursor, skipping peewee's per-value conversion.
    for pid, tid, direction in raw_rows(query):
        links[pid].append((rank[tid], direction))
    by_rank = [names[tid] for tid, _kind, _name in ranked]
    specs: dict[tuple[int, str], tuple[TagSpec, str]] = {}  # each (tag, direction) spelt once
    found = {}
    for pid, person in links.items():
        person.sort()  # by rank, then (the same tag offered and sought) by direction
        for key in person:
            if key not in specs:
                spec = TagSpec(*by_rank[key[0]], key[1])
                specs[key] = (spec, format_tags((spec,), with_kind=False).replace("; ", ", "))
        tags, texts = zip(*[specs[key] for key in person], strict=True)
        found[pid] = (tags, ", ".join(texts))
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
