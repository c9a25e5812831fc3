"""Clearance of the people in a programme, loaded in a few queries (see core/participants/clearance.py for the rules)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from mentordesk.core.participants import (
    CheckFact,
    CheckType,
    CheckTypes,
    Clearance,
    ClearanceRules,
    ConsentFact,
    Invalid,
    clearance_of,
    is_minor,
)
from mentordesk.core.vocab import CheckOutcome, ConsentKind
from mentordesk.services.participants.people import ParticipantError
from mentordesk.store.models import ConsentRecord, Enrolment, Guardian, Participant, Programme, ScreeningCheck
from mentordesk.store.rows import as_date, raw_rows, stream_rows

SETTINGS_KEY = "clearance"
CHECK_TYPES_KEY = "check_types"


def rules_for(programme_id: int) -> ClearanceRules:
    programme = Programme.get_by_id(programme_id)
    settings = programme.settings or {}
    return ClearanceRules.from_settings(
        settings.get(SETTINGS_KEY), CheckTypes.from_settings(settings.get(CHECK_TYPES_KEY))
    )


def check_types(programme_id: int) -> CheckTypes:
    """The programme's own check types and each type's renewal cycle."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise ParticipantError(f"No programme with id {programme_id}.")
    return CheckTypes.from_settings((programme.settings or {}).get(CHECK_TYPES_KEY))


def _save_check_types(programme_id: int, types: CheckTypes) -> CheckTypes:
    programme = Programme.get_by_id(programme_id)
    merged = dict(programme.settings or {})
    merged[CHECK_TYPES_KEY] = types.to_settings()
    programme.settings = merged
    programme.save()
    return types


def add_check_type(programme_id: int, check_type: CheckType) -> CheckType:
    """Add a check type of the programme's own (refused, naming the field, when the name is taken)."""
    try:
        types = check_types(programme_id).with_added(check_type)
    except Invalid as exc:
        raise ParticipantError(str(exc)) from exc
    _save_check_types(programme_id, types)
    return types.custom[-1]


def remove_check_type(programme_id: int, key: str) -> None:
    """Stop requiring a check type of the programme's own; checks already recorded are kept."""
    _save_check_types(programme_id, check_types(programme_id).without(key))


def set_renewal_cycle(programme_id: int, kind: str, months: int | None) -> None:
    """How often checks of ``kind`` are renewed (None: never)."""
    try:
        types = check_types(programme_id).with_cycle(kind, months)
    except Invalid as exc:
        raise ParticipantError(str(exc)) from exc
    _save_check_types(programme_id, types)


def save_rules(programme_id: int, rules: ClearanceRules) -> None:
    programme = Programme.get_by_id(programme_id)
    merged = dict(programme.settings or {})
    merged[SETTINGS_KEY] = rules.to_settings()
    programme.settings = merged
    programme.save()


@dataclass(frozen=True)
class ScreeningFacts:
    """The screening records of a programme's people, read once: what clearance, the soonest expiry
    and renewals are all derived from, so one refresh (the dashboard, the Participants table) reads
    them a single time. Checks count in the programme when they are its own or of no programme."""

    checks: dict[int, list[CheckFact]]  # per person, in the order they were recorded
    consents: dict[int, list[ConsentFact]]  # guardians' permission only: the one kind clearance reads
    guardians: set[int]
    participant_ids: frozenset[int] | None = None  # None: everyone enrolled in the programme

    def clearance(
        self, pid: int, role: str, minor: bool | None, drives: bool, rules: ClearanceRules, on: date
    ) -> Clearance:
        """One person's clearance from these records (``minor``: as ``is_minor`` gives it): what
        ``clearance_map`` and the Participants table both work out, person by person, in their one pass."""
        return clearance_of(
            role,
            minor,
            self.checks.get(pid, ()),
            self.consents.get(pid, ()),
            pid in self.guardians,
            drives,
            rules,
            on,
        )

    @cached_property
    def soonest_expiry(self) -> dict[int, date]:
        """Per person, the soonest date a passed check lapses (screening.earliest_expiries): worked out
        from ``checks`` once, however many of one refresh's lists ask for it."""
        passed = CheckOutcome.PASSED.value
        return soonest_expiries(
            (pid, c.kind, c.expires_on)
            for pid, checks in self.checks.items()
            for c in checks
            if c.outcome == passed
        )


def soonest_expiries(rows: Iterable[tuple[int, str, date | None]]) -> dict[int, date]:
    """Per person, the soonest of the latest expiry of each kind of passed check (``rows``: person,
    kind, expiry); a kind whose latest check never lapses counts as never lapsing."""
    latest: dict[tuple[int, str], date | None] = {}
    for pid, kind, expires in rows:
        key = (pid, kind)
        if key not in latest:
            latest[key] = expires
        elif latest[key] is not None:
            latest[key] = None if expires is None else max(latest[key], expires)  # type: ignore[type-var]
    soonest: dict[int, date] = {}
    for (pid, _kind), expires in latest.items():
        if expires is not None and (pid not in soonest or expires < soonest[pid]):
            soonest[pid] = expires
    return soonest


# Thousands of rows share a few hundred distinct days: each text value is converted once.
_day = lru_cache(maxsize=4096)(as_date)


def screening_facts(programme_id: int, participant_ids: list[int] | None = None) -> ScreeningFacts:
    """The checks, consents and guardians of everyone enrolled in the programme (or the ids given)."""
    # The whole programme: a subquery, not an IN list of thousands of ids (SQLite caps bound variables).
    ids = (
        sorted(participant_ids)
        if participant_ids is not None
        else Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
    )
    checks: dict[int, list[CheckFact]] = defaultdict(list)
    check_rows = (
        ScreeningCheck.select(
            ScreeningCheck.participant,
            ScreeningCheck.kind,
            ScreeningCheck.outcome,
            ScreeningCheck.completed_on,
            ScreeningCheck.expires_on,
            ScreeningCheck.hours,
        )
        .where(
            ScreeningCheck.participant.in_(ids)
            & ((ScreeningCheck.programme.is_null()) | (ScreeningCheck.programme == programme_id))
        )
        .order_by(ScreeningCheck.id)
    )
    for pid, kind, outcome, completed_on, expires_on, hours in stream_rows(check_rows):
        checks[pid].append(CheckFact(kind, outcome, _day(completed_on), _day(expires_on), hours))
    consents: dict[int, list[ConsentFact]] = defaultdict(list)
    consent_rows = (
        ConsentRecord.select(
            ConsentRecord.participant,
            ConsentRecord.kind,
            ConsentRecord.given,
            ConsentRecord.given_on,
            ConsentRecord.expires_on,
            ConsentRecord.withdrawn_on,
        )
        # Clearance reads only a guardian's permission (core.participants.evaluate_clearance): the other
        # kinds of consent (photos, data sharing...) are most of the rows and change nothing here.
        .where(ConsentRecord.participant.in_(ids) & (ConsentRecord.kind == ConsentKind.PARENTAL_PERMISSION.value))
        .order_by(ConsentRecord.id)
    )
    for pid, kind, given, given_on, expires_on, withdrawn_on in stream_rows(consent_rows):
        consents[pid].append(
            ConsentFact(kind, bool(given), _day(given_on), _day(expires_on), _day(withdrawn_on))
        )
    guardians = {
        pid for (pid,) in stream_rows(Guardian.select(Guardian.participant).where(Guardian.participant.in_(ids)))
    }
    scope = frozenset(participant_ids) if participant_ids is not None else None
    return ScreeningFacts(dict(checks), dict(consents), guardians, scope)


def clearance_map(
    programme_id: int,
    on: date | None = None,
    participant_ids: list[int] | None = None,
    facts: ScreeningFacts | None = None,
) -> dict[int, Clearance]:
    """{participant id: Clearance} for everyone enrolled in the programme (or the ids given).

    ``facts``: the programme's screening records when the caller has read them already."""
    on = on or date.today()
    rules = rules_for(programme_id)
    query = Enrolment.select(
        Enrolment.participant,
        Enrolment.role,
        Participant.date_of_birth,
        Participant.age_band,
        Enrolment.drives,
    ).join(Participant)
    query = query.where(Enrolment.programme == programme_id)
    if participant_ids is not None:
        query = query.where(Enrolment.participant.in_(participant_ids))
    people = raw_rows(query)
    if not people:
        return {}
    if facts is None:
        facts = screening_facts(programme_id, [p[0] for p in people] if participant_ids is not None else None)
    return {
        pid: facts.clearance(pid, role, is_minor(_day(born), band, on), bool(drives), rules, on)
        for pid, role, born, band, drives in people
    }


def clearance_for(participant_id: int, programme_id: int, on: date | None = None) -> Clearance:
    found = clearance_map(programme_id, on, [participant_id])
    if participant_id not in found:
        raise ValueError(f"Participant {participant_id} is not enrolled in programme {programme_id}.")
    return found[participant_id]
