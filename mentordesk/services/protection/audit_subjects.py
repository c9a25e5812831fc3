"""Who or what each audit event is about, in words: "Finn Adeyemi", not "Enrolment #42".

Looked up when the log is shown, from the records as they are now, a few queries for the whole
page of events. A record that is gone (deleted or erased) has no subject: the log keeps only its
number, so an erased person's name never comes back through the audit trail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from mentordesk.store.models import (
    ConsentRecord,
    ContactLog,
    Document,
    Enrolment,
    EventInvitee,
    Goal,
    Guardian,
    Match,
    Meeting,
    Participant,
    Programme,
    Reflection,
    ScreeningCheck,
)
from mentordesk.store.rows import tuples

# How each kind of record leads to a person or a match: (model, participant field, match field).
_LINKS = {
    "participant": (Participant, None, None),
    "enrolment": (Enrolment, "participant", None),
    "guardian": (Guardian, "participant", None),
    "consent_record": (ConsentRecord, "participant", None),
    "screening_check": (ScreeningCheck, "participant", None),
    "match": (Match, None, None),
    "meeting": (Meeting, None, "match"),
    "contact_log": (ContactLog, "participant", "match"),
    "goal": (Goal, None, "match"),
    "reflection": (Reflection, None, "match"),
    "document": (Document, "participant", "match"),
    "event_invitee": (EventInvitee, "participant", None),
}


def subjects(keys: Iterable[tuple[str, int | None]]) -> dict[tuple[str, int], str]:
    """``(entity, id) -> "Name"`` for the records that still exist."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for entity, entity_id in keys:
        if entity_id is not None:
            wanted[entity].add(entity_id)
    person_of: dict[tuple[str, int], int] = {}
    match_of: dict[tuple[str, int], int] = {}
    found: dict[tuple[str, int], str] = {}
    for entity, ids in wanted.items():
        if entity == "programme":
            for programme_id, name in tuples(
                Programme.select(Programme.id, Programme.name).where(Programme.id.in_(ids))
            ):
                found[(entity, programme_id)] = name
            continue
        if entity not in _LINKS:
            continue
        model, person_field, match_field = _LINKS[entity]
        if model is Participant:
            person_of.update(
                {(entity, i): i for (i,) in tuples(model.select(model.id).where(model.id.in_(ids)))}
            )
            continue
        if model is Match:
            match_of.update(
                {(entity, i): i for (i,) in tuples(model.select(model.id).where(model.id.in_(ids)))}
            )
            continue
        columns = [model.id]
        columns += [getattr(model, f) for f in (person_field, match_field) if f]
        for values in tuples(model.select(*columns).where(model.id.in_(ids))):
            record_id, *links = values
            link = dict(zip([f for f in (person_field, match_field) if f], links, strict=True))
            if person_field and link.get(person_field):
                person_of[(entity, record_id)] = link[person_field]
            elif match_field and link.get(match_field):
                match_of[(entity, record_id)] = link[match_field]
    names = _person_names(set(person_of.values()))
    teams = _match_names(set(match_of.values()))
    for key, person_id in person_of.items():
        if person_id in names:
            found[key] = names[person_id]
    for key, match_id in match_of.items():
        if match_id in teams:
            found[key] = teams[match_id]
    return found


def _person_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = Participant.select(
        Participant.id, Participant.first_name, Participant.preferred_name, Participant.last_name
    )
    return {p.id: p.display_name for p in query.where(Participant.id.in_(ids))}


def _match_names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    from mentordesk.services import meetings

    return {match_id: people.who for match_id, people in meetings.match_people(match_ids=ids).items()}
