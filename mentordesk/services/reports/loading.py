"""The plain rows of one programme for core.reports, in a few bulk queries that run on SQLite and PostgreSQL.

Each query selects only the columns a figure needs and returns the driver's own tuples
(``store.rows.raw_rows``), converted here once. Meetings are loaded for the period asked for (and the
one before it, for the comparison); for match health, each match's last meeting held before that
window comes from one grouped query and stands in for the older history.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from peewee import JOIN, OP, Case, Expression, Value, fn

from mentordesk.core.reports import (
    CheckinRow,
    ClearanceRow,
    EnrolmentRow,
    EventRow,
    GoalRow,
    MatchRow,
    MeetingRow,
    ReportRows,
    StatusChange,
    TrainingRow,
)
from mentordesk.core.vocab import (
    CheckKind,
    CheckOutcome,
    ConsentKind,
    EnrolmentStatus,
    MatchStatus,
    MeetingStatus,
    ProgrammeKind,
    Role,
)
from mentordesk.services.meetings import rules_for
from mentordesk.store.models import (
    AuditEvent,
    ConsentRecord,
    ContactLog,
    Enrolment,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Meeting,
    Participant,
    Programme,
    ScreeningCheck,
)
from mentordesk.store.rows import as_date as _as_date, as_datetime, raw_rows

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mentordesk.core.participants import Clearance, ConsentFact
    from mentordesk.services.participants import ScreeningFacts

# Thousands of rows share a few hundred distinct days: each text or date value is converted once.
as_date = lru_cache(maxsize=4096)(_as_date)


def day_of(value: object) -> date | None:
    """A timestamp column's day. Nearly every timestamp differs, so it is its ISO text's date part
    that is converted (once per distinct day); a datetime (from PostgreSQL) gives its date."""
    return as_date(value[:10]) if isinstance(value, str) else _as_date(value)


def _changes(entity: str, ids_query: object) -> list[tuple[int, date, dict]]:
    """(record id, day, changes) of the audit events of ``entity`` that changed its status, oldest first."""
    query = (
        AuditEvent.select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.changes)
        .where(
            (AuditEvent.entity == entity)
            & AuditEvent.entity_id.in_(ids_query)
            # The JSON text names the field; a raw value (the field would encode it as JSON itself).
            & Expression(AuditEvent.changes, OP.ILIKE, Value('%"status"%', converter=False))
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    out = []
    for entity_id, at, changes in raw_rows(query):
        values = json.loads(changes) if isinstance(changes, str) else (changes or {})
        day = day_of(at)
        if day is not None and "status" in values:
            out.append((entity_id, day, values))
    return out


def _enrolments(programme_id: int) -> tuple[list[EnrolmentRow], list[StatusChange]]:
    query = Enrolment.select(
        Enrolment.id,
        Enrolment.participant,
        Enrolment.role,
        Enrolment.status,
        Enrolment.enrolled_on,
        Enrolment.exited_on,
    ).where(Enrolment.programme == programme_id)
    enrolments = [
        EnrolmentRow(eid, pid, role, status, as_date(enrolled) or date.min, as_date(exited))
        for eid, pid, role, status, enrolled, exited in raw_rows(query)
    ]
    ids = Enrolment.select(Enrolment.id).where(Enrolment.programme == programme_id)
    changes = []
    for eid, day, values in _changes("enrolment", ids):
        old, new = values["status"]
        if isinstance(new, str):
            changes.append(StatusChange(eid, day, old if isinstance(old, str) else None, new))
    return enrolments, changes


def _clearance(
    programme_id: int,
    day: date,
    enrolments: list[EnrolmentRow],
    facts: ScreeningFacts | None = None,
    clearances: Mapping[int, Clearance] | None = None,
) -> list[ClearanceRow]:
    """Background-check expiry for everyone live, and whether each live mentee misses guardian consent.

    Consent is judged by core.participants' own rule (minors need a guardian and their valid
    permission, unless the programme's clearance rules say otherwise) from the few facts it needs:
    age, guardians, parental-permission records. Mentors' other checks are not read here.
    ``facts``: the programme's screening records when the caller has read them already (the dashboard);
    ``clearances``: everyone's clearance on ``day`` when the caller has judged it already (the dashboard
    does, for its cards): the consent figure is then read from it rather than judged a second time."""
    from mentordesk.core.participants import PersonFacts, evaluate_clearance, is_minor
    from mentordesk.services.participants import rules_for as clearance_rules_for

    live = [e for e in enrolments if e.status != EnrolmentStatus.EXITED]
    if not live:
        return []
    if facts is not None and clearances is not None:
        expiry = _latest_background_expiry(facts)
        judged = {pid: c.guardian_consent_missing for pid, c in clearances.items()}
        return [
            ClearanceRow(
                e.participant_id,
                e.role,
                e.status,
                expiry.get(e.participant_id),
                e.role != Role.MENTOR and judged.get(e.participant_id, False),
            )
            for e in live
        ]
    if facts is not None:
        expiry = _latest_background_expiry(facts)
    else:
        people = Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
        latest = (
            ScreeningCheck.select(ScreeningCheck.participant, fn.MAX(ScreeningCheck.expires_on))
            .where(
                ScreeningCheck.participant.in_(people)
                & (ScreeningCheck.kind == CheckKind.BACKGROUND.value)
                & (ScreeningCheck.outcome == CheckOutcome.PASSED.value)
                & ScreeningCheck.expires_on.is_null(False)
                & (ScreeningCheck.programme.is_null() | (ScreeningCheck.programme == programme_id))
            )
            .group_by(ScreeningCheck.participant)
        )
        expiry = {pid: as_date(expires) for pid, expires in raw_rows(latest)}
    mentees = Enrolment.select(Enrolment.participant).where(
        (Enrolment.programme == programme_id) & (Enrolment.role != Role.MENTOR.value)
    )
    ages = {
        pid: (as_date(born), band or "")
        for pid, born, band in raw_rows(
            Participant.select(Participant.id, Participant.date_of_birth, Participant.age_band).where(
                Participant.id.in_(mentees)
            )
        )
    }
    if facts is not None:
        guardians = facts.guardians
        permission_kind = ConsentKind.PARENTAL_PERMISSION.value
        consents = {
            pid: [c for c in given if c.kind == permission_kind]
            for pid, given in facts.consents.items()
            if pid in ages
        }
    else:
        guardians, consents = _guardians_and_permissions(mentees)
    rules = clearance_rules_for(programme_id)
    rows = []
    for e in live:
        missing = False
        born, band = ages.get(e.participant_id, (None, ""))
        # Only a minor can miss a guardian's consent: adults (and unknown ages) skip the full rule.
        if e.role != Role.MENTOR and e.participant_id in ages and is_minor(born, band, day):
            person = PersonFacts(
                role=e.role,
                date_of_birth=born,
                age_band=band,
                consents=tuple(consents.get(e.participant_id, ())),
                has_guardian=e.participant_id in guardians,
            )
            reasons = evaluate_clearance(person, rules, day).reasons
            missing = any("consent" in r or "guardian" in r for r in reasons)
        rows.append(ClearanceRow(e.participant_id, e.role, e.status, expiry.get(e.participant_id), missing))
    return rows


def _latest_background_expiry(facts: ScreeningFacts) -> dict[int, date | None]:
    """Per person, the latest expiry date of their passed background checks (those with one)."""
    kind, passed = CheckKind.BACKGROUND.value, CheckOutcome.PASSED.value
    expiry: dict[int, date | None] = {}
    for pid, checks in facts.checks.items():
        dates = [c.expires_on for c in checks if c.kind == kind and c.outcome == passed and c.expires_on]
        if dates:
            expiry[pid] = max(dates)
    return expiry


def _guardians_and_permissions(mentees: object) -> tuple[set[int], dict[int, list[ConsentFact]]]:
    """The mentees who have a guardian, and each mentee's parental-permission records."""
    from mentordesk.core.participants import ConsentFact  # noqa: F811 (the run-time name)

    guardians = {
        pid
        for (pid,) in raw_rows(Guardian.select(Guardian.participant).where(Guardian.participant.in_(mentees)))
    }
    consents: dict[int, list[ConsentFact]] = {}
    permission = ConsentRecord.select(
        ConsentRecord.participant,
        ConsentRecord.given,
        ConsentRecord.given_on,
        ConsentRecord.expires_on,
        ConsentRecord.withdrawn_on,
    ).where(
        ConsentRecord.participant.in_(mentees) & (ConsentRecord.kind == ConsentKind.PARENTAL_PERMISSION.value)
    )
    for pid, given, given_on, expires_on, withdrawn_on in raw_rows(permission):
        consents.setdefault(pid, []).append(
            ConsentFact(
                ConsentKind.PARENTAL_PERMISSION.value,
                bool(given),
                as_date(given_on),
                as_date(expires_on),
                as_date(withdrawn_on),
            )
        )
    return guardians, consents


def _matches(programme_id: int) -> list[MatchRow]:
    members = MatchMember.select(fn.COUNT(MatchMember.id)).where(MatchMember.match == Match.id)
    query = Match.select(
        Match.id,
        Match.status,
        Match.started_on,
        Match.first_meeting_on,
        Match.created_at,
        Match.planned_end_on,
        Match.closed_on,
        Match.closure_kind,
        Match.closure_reason,
        members,
    ).where((Match.programme == programme_id) & (Match.status != MatchStatus.DRAFT.value))
    rows = raw_rows(query)
    paused_ids = [r[0] for r in rows if r[1] == MatchStatus.PAUSED]
    paused_since: dict[int, date] = {}
    if paused_ids:
        for match_id, day, values in _changes("match", paused_ids):
            if values["status"][1] == MatchStatus.PAUSED:
                paused_since[match_id] = day  # oldest first: the last pause wins
    mentees: dict[int, list[int]] = defaultdict(list)
    ids = [r[0] for r in rows]
    for offset in range(0, len(ids), 500):
        for match_id, pid in raw_rows(
            MatchMember.select(MatchMember.match, MatchMember.participant).where(
                MatchMember.match.in_(ids[offset : offset + 500]) & (MatchMember.role == Role.MENTEE.value)
            )
        ):
            mentees[match_id].append(pid)
    out = []
    for mid, status, started, first, created, planned, closed, kind, reason, count in rows:
        start = as_date(started) or as_date(first) or as_date(created) or date.min
        out.append(
            MatchRow(
                mid,
                status,
                start,
                as_date(planned),
                as_date(closed),
                kind,
                reason or "",
                paused_since.get(mid),
                members=count,
                mentee_ids=tuple(sorted(mentees.get(mid, ()))),
            )
        )
    return out


def _meetings(programme_id: int, since: date, until: date) -> list[MeetingRow]:
    """Meetings held between ``since`` and ``until``, and each match's last one held before ``since``."""
    first, after = datetime.combine(since, time.min), datetime.combine(until + timedelta(days=1), time.min)
    own = Match.select(Match.id).where(Match.programme == programme_id)
    held = (Meeting.match.in_(own)) & (Meeting.status == MeetingStatus.HELD.value)
    query = Meeting.select(
        Meeting.match, Meeting.starts_at, fn.COALESCE(Meeting.actual_minutes, Meeting.duration_minutes, 0)
    ).where(held & (Meeting.starts_at >= first) & (Meeting.starts_at < after))
    held_value = MeetingStatus.HELD.value
    rows = [
        MeetingRow(mid, day_of(at) or since, held_value, minutes) for mid, at, minutes in raw_rows(query)
    ]
    before = (
        Meeting.select(Meeting.match, fn.MAX(Meeting.starts_at))
        .where(held & (Meeting.starts_at < first))
        .group_by(Meeting.match)
    )
    rows += [
        MeetingRow(mid, (as_datetime(at) or first).date(), MeetingStatus.HELD.value, 0)
        for mid, at in raw_rows(before)
    ]
    return rows


def _goals(programme_id: int) -> list[GoalRow]:
    query = (
        Goal.select(Goal.id, Goal.match, Goal.status, Goal.achieved_on)
        .join(Match)
        .where(Match.programme == programme_id)
    )
    return [GoalRow(gid, mid, status, as_date(done)) for gid, mid, status, done in raw_rows(query)]


def _training(programme_id: int) -> list[TrainingRow]:
    mentors = Enrolment.select(Enrolment.participant).where(
        (Enrolment.programme == programme_id) & (Enrolment.role == Role.MENTOR.value)
    )
    query = ScreeningCheck.select(
        ScreeningCheck.participant, ScreeningCheck.completed_on, ScreeningCheck.hours
    ).where(
        ScreeningCheck.participant.in_(mentors)
        & (ScreeningCheck.kind == CheckKind.TRAINING.value)
        & (ScreeningCheck.outcome == CheckOutcome.PASSED.value)
        & (ScreeningCheck.programme.is_null() | (ScreeningCheck.programme == programme_id))
    )
    return [TrainingRow(pid, as_date(done), float(hours or 0)) for pid, done, hours in raw_rows(query)]


def _checkins(programme_id: int, until: date) -> list[CheckinRow]:
    """Every check-in up to ``until``: the standard counts a match's check-ins from its start. One that
    names a person but no match counts for each of that person's matches, as the dashboard's
    "check-in due" does (services.meetings.cadence)."""
    first = datetime.combine(until, time.min)
    after = datetime.combine(until + timedelta(days=1), time.min)
    query = ContactLog.select(ContactLog.id, ContactLog.match, ContactLog.contacted_at).where(
        (ContactLog.programme == programme_id) & (ContactLog.contacted_at < after)
    )
    via_person: dict[int, list[int]] = {}
    people = (
        ContactLog.select(ContactLog.id, MatchMember.match)
        .join(MatchMember, on=(MatchMember.participant == ContactLog.participant))
        .join(Match, on=(MatchMember.match == Match.id))
        .where(
            (ContactLog.programme == programme_id)
            & ContactLog.match.is_null()
            & (ContactLog.contacted_at < after)
            & (Match.programme == programme_id)
            & (Match.status != MatchStatus.DRAFT.value)
        )
    )
    for contact_id, match_id in raw_rows(people):
        via_person.setdefault(contact_id, []).append(match_id)
    matches_of = {cid: tuple(sorted(ids)) for cid, ids in via_person.items()}
    fallback, none = first.date(), ()
    return [CheckinRow(mid, day_of(at) or fallback, matches_of.get(cid, none)) for cid, mid, at in raw_rows(query)]


def _events(programme_id: int) -> list[EventRow]:
    """Every event of the programme with its register's counts (a few dozen a year: no date filter)."""
    from mentordesk.store.models import EventInvitee, ProgrammeEvent

    attended = fn.SUM(Case(None, [(EventInvitee.mark == "attended", 1)], 0))
    marked = fn.SUM(Case(None, [(EventInvitee.mark != "", 1)], 0))
    query = (
        ProgrammeEvent.select(
            ProgrammeEvent.id,
            ProgrammeEvent.kind,
            ProgrammeEvent.starts_at,
            fn.COUNT(EventInvitee.id),
            attended,
            marked,
        )
        .join(EventInvitee, JOIN.LEFT_OUTER)
        .where(ProgrammeEvent.programme == programme_id)
        .group_by(ProgrammeEvent.id, ProgrammeEvent.kind, ProgrammeEvent.starts_at)
    )
    return [
        EventRow(eid, kind, (as_datetime(at) or datetime.min).date(), int(n or 0), int(a or 0), int(m or 0))
        for eid, kind, at, n, a, m in raw_rows(query)
    ]


def load_rows(
    programme_id: int,
    since: date,
    until: date,
    today: date,
    facts: ScreeningFacts | None = None,
    clearances: Mapping[int, Clearance] | None = None,
) -> ReportRows:
    """Everything the figures of the days ``since``..``until`` need (pass the earliest day of every
    period to be computed, e.g. the previous period's start). ``facts``: the programme's screening
    records (services.participants.screening_facts) when the caller has read them already;
    ``clearances``: everyone's clearance on ``today`` (services.participants.clearance_map) likewise."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise LookupError(f"No programme with id {programme_id}.")
    enrolments, changes = _enrolments(programme_id)
    snapshot = min(until, today)
    cadence = rules_for(programme_id)
    return ReportRows(
        today=today,
        meet_every_days=cadence.meet_every_days,
        cadence=cadence,
        enrolments=tuple(enrolments),
        changes=tuple(changes),
        clearance=tuple(
            _clearance(programme_id, snapshot, enrolments, facts, clearances if snapshot == today else None)
        ),
        matches=tuple(_matches(programme_id)),
        meetings=tuple(_meetings(programme_id, since, until)),
        goals=tuple(_goals(programme_id)),
        training=tuple(_training(programme_id)),
        checkins=tuple(_checkins(programme_id, until)),
        events=tuple(_events(programme_id)),
        network=programme.kind == ProgrammeKind.NETWORK.value,
    )
