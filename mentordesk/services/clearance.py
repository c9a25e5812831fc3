"""Clearance of the people in a programme, loaded in a few queries (see core/clearance.py for the rules)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from mentordesk.core.clearance import CheckFact, Clearance, ClearanceRules, ConsentFact, PersonFacts, evaluate
from mentordesk.store.models import ConsentRecord, Enrolment, Guardian, Participant, Programme, ScreeningCheck

SETTINGS_KEY = "clearance"


def rules_for(programme_id: int) -> ClearanceRules:
    programme = Programme.get_by_id(programme_id)
    return ClearanceRules.from_settings((programme.settings or {}).get(SETTINGS_KEY))


def save_rules(programme_id: int, rules: ClearanceRules) -> None:
    programme = Programme.get_by_id(programme_id)
    merged = dict(programme.settings or {})
    merged[SETTINGS_KEY] = rules.to_settings()
    programme.settings = merged
    programme.save()


def clearance_map(
    programme_id: int, on: date | None = None, participant_ids: list[int] | None = None
) -> dict[int, Clearance]:
    """{participant id: Clearance} for everyone enrolled in the programme (or the ids given)."""
    on = on or date.today()
    rules = rules_for(programme_id)
    query = (
        Enrolment.select(
            Enrolment.participant, Enrolment.role, Participant.date_of_birth, Participant.age_band
        )
        .join(Participant)
        .where(Enrolment.programme == programme_id)
    )
    if participant_ids is not None:
        query = query.where(Enrolment.participant.in_(participant_ids))
    people = {row.participant_id: row for row in query.objects()}
    if not people:
        return {}
    # A subquery, not a list of thousands of ids: SQLite plans it as one join.
    ids = Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
    if participant_ids is not None:
        ids = ids.where(Enrolment.participant.in_(participant_ids))
    checks: dict[int, list[CheckFact]] = defaultdict(list)
    for c in ScreeningCheck.select().where(
        ScreeningCheck.participant.in_(ids)
        & ((ScreeningCheck.programme.is_null()) | (ScreeningCheck.programme == programme_id))
    ):
        checks[c.participant_id].append(CheckFact(c.kind, c.outcome, c.completed_on, c.expires_on, c.hours))
    consents: dict[int, list[ConsentFact]] = defaultdict(list)
    for c in ConsentRecord.select().where(ConsentRecord.participant.in_(ids)):
        consents[c.participant_id].append(
            ConsentFact(c.kind, c.given, c.given_on, c.expires_on, c.withdrawn_on)
        )
    guardians = {
        g.participant_id for g in Guardian.select(Guardian.participant).where(Guardian.participant.in_(ids))
    }
    result = {}
    for pid, row in people.items():
        facts = PersonFacts(
            role=row.role,
            date_of_birth=row.date_of_birth,
            age_band=row.age_band,
            checks=tuple(checks[pid]),
            consents=tuple(consents[pid]),
            has_guardian=pid in guardians,
        )
        result[pid] = evaluate(facts, rules, on)
    return result


def clearance_for(participant_id: int, programme_id: int, on: date | None = None) -> Clearance:
    found = clearance_map(programme_id, on, [participant_id])
    if participant_id not in found:
        raise ValueError(f"Participant {participant_id} is not enrolled in programme {programme_id}.")
    return found[participant_id]
