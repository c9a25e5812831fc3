"""The participants table of a programme as plain rows: a handful of queries, no per-person lookups."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from peewee import fn

from mentordesk.core.participants import TagSpec, attention_reasons, display_name, fold, format_tags, is_minor
from mentordesk.core.vocab import MatchStatus
from mentordesk.services.participants.clearance import rules_for, screening_facts
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, ParticipantTag, Tag
from mentordesk.store.rows import as_date, in_bulk, raw_rows, stream_rows

# Thousands of rows share a few hundred distinct days: each is converted once.
as_day = lru_cache(maxsize=4096)(as_date)


class RosterRow(NamedTuple):
    """One person of the table. A named tuple: read like the frozen dataclass it was, made in a quarter
    of the time (thousands are made on every refresh)."""

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


@in_bulk
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
            Enrolment.drives,
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
    # The driver's own tuples: peewee's per-value conversion of 16 columns x thousands of rows costs more
    # than the query; only the two date columns need converting (as_day, once per distinct day).
    records = raw_rows(query)
    if not records:
        return []
    scoped = participant_ids  # None: the whole programme, so no IN list of thousands of ids
    # The screening records, read once: each person's clearance and soonest expiry come from them in the
    # one pass below that builds the rows (no map of clearances or expiries built first, then read).
    facts = screening_facts(programme_id, scoped)
    clearance_of = facts.clearance
    expiries = facts.soonest_expiry
    rules = rules_for(programme_id)
    tags = _tags(scoped, programme_id)
    matches = _open_matches(programme_id)
    no_tags: tuple[tuple[TagSpec, ...], str] = ((), "")
    rows = []
    for (
        eid,
        pid,
        role,
        status,
        capacity,
        enrolled_on,
        drives,
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
        born = as_day(dob)
        minor = is_minor(born, band, on)
        clearance = clearance_of(pid, role, minor, bool(drives), rules, on)
        specs, tag_text = tags.get(pid, no_tags)
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
                cleared=clearance.cleared,
                clearance=clearance.summary,
                attention=tuple(attention_reasons(role, status, clearance, expiries.get(pid), on)),
                tags=tag_text,
                tag_specs=specs,
                organisation=org,
                department=dept,
                email=email,
                phone=phone,
                date_of_birth=born,
                minor=minor,
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
    plain ids, put in that order here: sorting tens of thousands of joined text rows in SQL costs more.
    The links are read as they come and each (tag, direction) is one shared sort key, so the tens of
    thousands of links leave no object of their own behind."""
    ranked = raw_rows(Tag.select(Tag.id, Tag.kind, Tag.name).order_by(Tag.kind, Tag.name))
    rank = {tid: n for n, (tid, _kind, _name) in enumerate(ranked)}
    query = (
        ParticipantTag.select(ParticipantTag.participant, ParticipantTag.tag, ParticipantTag.direction)
        .join(Enrolment, on=(Enrolment.participant == ParticipantTag.participant))
        .where(Enrolment.programme == programme_id)
    )
    if participant_ids is not None:
        query = query.where(ParticipantTag.participant.in_(participant_ids))
    keys: dict[tuple[int, str], tuple[int, str]] = {}  # (tag id, direction) -> (rank, direction)
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pid, tid, direction in stream_rows(query):
        key = keys.get((tid, direction))
        if key is None:
            key = keys[tid, direction] = (rank[tid], direction)
        links[pid].append(key)
    spec_of: dict[tuple[int, str], TagSpec] = {}  # each (tag, direction) spelt once
    text_of: dict[tuple[int, str], str] = {}
    for key in keys.values():
        _tid, kind, name = ranked[key[0]]
        spec = spec_of[key] = TagSpec(kind, name, key[1])
        text_of[key] = format_tags((spec,), with_kind=False).replace("; ", ", ")
    found = {}
    for pid, person in links.items():
        person.sort()  # by rank, then (the same tag offered and sought) by direction
        found[pid] = (tuple(map(spec_of.__getitem__, person)), ", ".join(map(text_of.__getitem__, person)))
    return found


def _open_matches(programme_id: int) -> dict[int, int]:
    """Per person, how many of the programme's draft, active or paused matches they are in (counted in SQL)."""
    query = (
        MatchMember.select(MatchMember.participant, fn.COUNT(MatchMember.id))
        .join(Match)
        .where((Match.programme == programme_id) & (Match.status != MatchStatus.CLOSED.value))
        .group_by(MatchMember.participant)
    )
    return dict(raw_rows(query))
