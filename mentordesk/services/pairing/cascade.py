"""Cascade mentoring: promoting mentees who completed a cycle to mentors, and the programme's tiers.

A cascade programme is one scheme that grows round by round: its first mentors mentor a cohort,
and mentees who complete their cycle (a match closed as planned) become mentors of the next
cohort in the same programme. Promotion keeps the person's record, their enrolment and every
match, goal and reflection of their time as a mentee; it makes them a mentor, moves them to
Screening, and starts the mentor screening: each check a mentor needs that they do not already
hold as valid (the same rule as enrolling someone elsewhere: passed and not expired) is added as
outstanding, so the checklist shows what is left to do and clearance stays derived from the checks.

The tiers are worked out from who mentored whom (``core.pairing.cascade_tiers``). A promoted
mentor never mentors their own former mentor: ``former_mentor_blocks`` adds that pair to the
matcher's hard rules, so neither a run nor pairing by hand can propose it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.pairing import cascade_tiers
from mentordesk.core.vocab import (
    CheckKind,
    CheckOutcome,
    ClosureKind,
    EnrolmentStatus,
    MatchStatus,
    ProgrammeKind,
    Role,
)
from mentordesk.services import participants
from mentordesk.services.pairing.results import PairingError
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import (
    Enrolment,
    Match,
    MatchMember,
    Participant,
    Programme,
    ScreeningCheck,
    display_name_sql,
)
from mentordesk.store.rows import tuples

log = logging.getLogger(__name__)

FORMER_MENTOR = "was this mentor's own mentor: a promoted mentor does not mentor their former mentor"
LIVE = (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value)


@dataclass(frozen=True)
class TierPerson:
    participant_id: int
    name: str
    tier: int
    role: str  # their role in the programme now
    status: str  # their enrolment status now
    mentored_by: tuple[str, ...]  # names, in the programme's published matches
    mentoring: tuple[str, ...]
    completed_cycle: bool  # a mentee whose match closed as planned
    promoted: bool  # was a mentee here and is a mentor now


@dataclass(frozen=True)
class Tier:
    number: int
    people: tuple[TierPerson, ...]

    @property
    def mentors(self) -> int:
        return sum(1 for p in self.people if p.role == Role.MENTOR.value)

    @property
    def mentees(self) -> int:
        return sum(1 for p in self.people if p.role != Role.MENTOR.value)


@dataclass
class PromotionOutcome:
    promoted: list[str] = field(default_factory=list)  # display names
    refused: list[tuple[str, str]] = field(default_factory=list)  # (display name, why)
    checks_started: int = 0

    @property
    def summary(self) -> str:
        n = len(self.promoted)
        text = f"{n} promoted to mentor" if n else "Nobody was promoted"
        if self.checks_started:
            text += f", {self.checks_started} mentor checks to do"
        if self.refused:
            text += f"; {len(self.refused)} not promoted"
        return text + "."


def _programme(programme_id: int) -> Programme:
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise PairingError(f"No programme with id {programme_id}.")
    return programme


def published_pairs(programme_id: int | None = None) -> list[tuple[int, int, str, str | None]]:
    """(mentor, mentee, match status, closure kind) of every published match (all programmes for None)."""
    mentor = MatchMember.alias()
    mentee = MatchMember.alias()
    query = (
        Match.select(mentor.participant, mentee.participant, Match.status, Match.closure_kind)
        .join(mentor, on=(mentor.match == Match.id))
        .switch(Match)
        .join(mentee, on=(mentee.match == Match.id))
        .where(
            (Match.status != MatchStatus.DRAFT.value)
            & (mentor.role == Role.MENTOR.value)
            & (mentee.role == Role.MENTEE.value)
        )
        .order_by(Match.id)
    )
    if programme_id is not None:
        query = query.where(Match.programme == programme_id)
    return [(a, b, status, kind) for a, b, status, kind in tuples(query)]


def completed_cycle(pairs: list[tuple[int, int, str, str | None]]) -> set[int]:
    """Mentees whose match was closed as planned: they completed a cycle."""
    return {
        mentee
        for _, mentee, status, kind in pairs
        if status == MatchStatus.CLOSED.value and kind == ClosureKind.PLANNED.value
    }


def former_mentor_blocks(programme_id: int) -> dict[tuple[int, int], str]:
    """(mentee, mentor) pairs a cascade programme never makes: the mentee once mentored that mentor."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None or programme.kind != ProgrammeKind.CASCADE.value:
        return {}
    roles = dict(
        tuples(
            Enrolment.select(Enrolment.participant, Enrolment.role).where(Enrolment.programme == programme_id)
        )
    )
    out = {}
    for mentor, mentee, _status, _kind in published_pairs(None):
        # ``mentor`` mentored ``mentee`` once; now ``mentee`` is a mentor here and ``mentor`` a mentee.
        if roles.get(mentee) == Role.MENTOR.value and roles.get(mentor) == Role.MENTEE.value:
            out[(mentor, mentee)] = FORMER_MENTOR
    return out


def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = Participant.select(Participant.id, display_name_sql().alias("name")).where(
        Participant.id.in_(list(ids))
    )
    return dict(tuples(query))


def _mentor_checks_needed(participant_id: int, programme_id: int, today: date) -> list[tuple[str, int]]:
    """(check kind, how many rows to add) for the mentor checks not already held as valid."""
    rules = participants.rules_for(programme_id)
    held: dict[str, int] = defaultdict(int)
    for check in ScreeningCheck.select().where(
        (ScreeningCheck.participant == participant_id)
        & ((ScreeningCheck.programme == programme_id) | ScreeningCheck.programme.is_null())
    ):
        if check.outcome == CheckOutcome.FAILED.value:
            continue
        if check.expires_on is not None and check.expires_on < today:
            continue
        held[check.kind] += 1  # passed, or already outstanding: either way not added again
    wanted = [
        (CheckKind.INTERVIEW.value, 1 if rules.interview else 0),
        (CheckKind.REFERENCE.value, rules.references),
        (CheckKind.BACKGROUND.value, 1 if rules.background_check else 0),
        (CheckKind.TRAINING.value, 1 if rules.training_hours > 0 else 0),
        (CheckKind.CODE_OF_CONDUCT.value, 1 if rules.code_of_conduct else 0),
    ]
    return [(kind, n - held[kind]) for kind, n in wanted if n - held[kind] > 0]


def promote_to_mentor(
    programme_id: int, participant_ids: list[int], *, capacity: int = 1, today: date | None = None
) -> PromotionOutcome:
    """Make mentees who completed a cycle mentors of the next cohort, in one transaction.

    Each one refused (not a mentee here, no completed cycle, still in a live match) is named with
    the reason and left exactly as they were; the others are promoted.
    """
    today = today or date.today()
    programme = _programme(programme_id)
    if programme.kind != ProgrammeKind.CASCADE.value:
        raise PairingError(
            f"{programme.name} is not a cascade programme: promoting mentees to mentors is for cascade "
            "programmes. Enrol them as mentors in another programme instead (Enrol in…)."
        )
    if not 1 <= capacity <= 20:
        raise PairingError("Capacity: a new mentor takes between 1 and 20 mentees.")
    if not participant_ids:
        raise PairingError("Choose the mentees to promote first.")
    pairs = published_pairs(programme_id)
    completed = completed_cycle(pairs)
    live_mentees = {mentee for _, mentee, status, _ in pairs if status in LIVE}
    enrolments = {
        e.participant_id: e
        for e in Enrolment.select().where(
            (Enrolment.programme == programme_id) & Enrolment.participant.in_(list(participant_ids))
        )
    }
    names = _names(set(participant_ids))
    outcome = PromotionOutcome()
    with database.atomic():
        for pid in dict.fromkeys(participant_ids):
            name = names.get(pid, f"#{pid}")
            enrolment = enrolments.get(pid)
            why = _refusal(enrolment, pid in completed, pid in live_mentees)
            if pid not in names:
                why = f"no participant with id {pid}"
            if why:
                outcome.refused.append((name, why))
                continue
            assert enrolment is not None
            enrolment.role = Role.MENTOR.value
            enrolment.capacity = capacity
            enrolment.status = EnrolmentStatus.SCREENING.value
            enrolment.exited_on = None
            enrolment.exit_reason = ""
            enrolment.save()
            for kind, n in _mentor_checks_needed(pid, programme_id, today):
                for _ in range(n):
                    ScreeningCheck.create(
                        participant=pid,
                        programme=programme_id,
                        kind=kind,
                        outcome=CheckOutcome.PENDING.value,
                        notes="Mentor screening started on promotion.",
                    )
                    outcome.checks_started += 1
            outcome.promoted.append(name)
        if outcome.promoted:
            audit.record(
                "promote",
                "enrolment",
                None,
                summary=f"{len(outcome.promoted)} mentees promoted to mentor in programme {programme_id}",
            )
    log.info("cascade promotion: %d promoted, %d refused", len(outcome.promoted), len(outcome.refused))
    return outcome


def _refusal(enrolment: Enrolment | None, completed: bool, live: bool) -> str:
    if enrolment is None:
        return "not enrolled in this programme"
    if enrolment.role == Role.MENTOR.value:
        return "already a mentor"
    if enrolment.role != Role.MENTEE.value:
        return f"a {enrolment.role}, not a mentee: only mentees are promoted"
    if not completed:
        return "has not completed a cycle: promote them once their match is closed as planned"
    if live:
        return "still a mentee in an active or paused match: close it first"
    return ""


def programme_tiers(programme_id: int) -> list[Tier]:
    """The programme's tiers, first mentors first; each person with who mentored them and whom they mentor."""
    _programme(programme_id)
    pairs = published_pairs(programme_id)
    enrolled = {
        pid: (role, status)
        for pid, role, status in tuples(
            Enrolment.select(Enrolment.participant, Enrolment.role, Enrolment.status).where(
                Enrolment.programme == programme_id
            )
        )
    }
    edges = [(a, b) for a, b, _, _ in pairs]
    tiers = cascade_tiers(edges)
    for pid, (role, _status) in enrolled.items():
        if pid not in tiers and role == Role.MENTOR.value:
            tiers[pid] = 1  # a first mentor not matched yet
    names = _names(set(tiers))
    mentored_by: dict[int, list[int]] = defaultdict(list)
    mentoring: dict[int, list[int]] = defaultdict(list)
    for a, b in dict.fromkeys(edges):
        mentored_by[b].append(a)
        mentoring[a].append(b)
    completed = completed_cycle(pairs)
    grouped: dict[int, list[TierPerson]] = defaultdict(list)
    for pid, number in tiers.items():
        role, status = enrolled.get(pid, ("", ""))
        grouped[number].append(
            TierPerson(
                participant_id=pid,
                name=names.get(pid, f"#{pid}"),
                tier=number,
                role=role,
                status=status,
                mentored_by=tuple(names.get(m, f"#{m}") for m in mentored_by[pid]),
                mentoring=tuple(names.get(m, f"#{m}") for m in mentoring[pid]),
                completed_cycle=pid in completed,
                promoted=role == Role.MENTOR.value and bool(mentored_by[pid]),
            )
        )
    order = {Role.MENTOR.value: 0}
    return [
        Tier(n, tuple(sorted(grouped[n], key=lambda p: (order.get(p.role, 1), p.name.casefold()))))
        for n in sorted(grouped)
    ]


def promotable(programme_id: int) -> list[int]:
    """Mentees of the programme who may be promoted now."""
    pairs = published_pairs(programme_id)
    live = {mentee for _, mentee, status, _ in pairs if status in LIVE}
    ready = completed_cycle(pairs) - live
    return sorted(
        pid
        for (pid,) in tuples(
            Enrolment.select(Enrolment.participant).where(
                (Enrolment.programme == programme_id) & (Enrolment.role == Role.MENTEE.value)
            )
        )
        if pid in ready
    )
