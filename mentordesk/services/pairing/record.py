"""The match record beyond its status: the first meeting, the programme's closure reasons, and
closures counted by reason (for the programme report)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentordesk.core.pairing import (
    CONTACT_PLANS,
    ClosureReason,
    ReasonCount,
    closures_by_reason,
    new_reason_code,
    reasons_from_settings,
    reasons_to_settings,
)
from mentordesk.core.participants import text_problems
from mentordesk.core.vocab import MatchStatus, ProgrammeKind, Role
from mentordesk.services.pairing.results import PairingError
from mentordesk.store.db import database
from mentordesk.store.models import Match, MatchMember, Participant, Programme, display_name_sql
from mentordesk.store.rows import raw_rows, tuples

REASONS_KEY = "closure_reasons"
STAFF_LENGTH = 200


def closure_reasons(programme_id: int) -> tuple[ClosureReason, ...]:
    """The programme's closure reason codes (the defaults until it edits them); "other" is always last."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise PairingError(f"No programme with id {programme_id}.")
    return reasons_from_settings((programme.settings or {}).get(REASONS_KEY))


def save_closure_reasons(programme_id: int, labels: list[str]) -> tuple[ClosureReason, ...]:
    """Keep the reasons named ``labels`` (in that order): existing labels keep their code, new ones get
    one. Closures already recorded keep their code, so a removed reason still counts in reports."""
    current = closure_reasons(programme_id)
    by_label = {r.label.casefold(): r for r in current}
    kept: list[ClosureReason] = []
    for text in labels:
        text = " ".join(text.split())
        if not text or text.casefold() == "other":
            continue
        if len(text) > 60:
            raise PairingError(f"Closure reason {text[:20]}…: keep a reason to 60 characters.")
        if text.casefold() in {r.label.casefold() for r in kept}:
            raise PairingError(f"Closure reason {text!r} is in the list twice; remove one.")
        reason = by_label.get(text.casefold()) or ClosureReason(new_reason_code(text, [*current, *kept]), text)
        kept.append(reason)
    if not kept:
        raise PairingError("Closure reasons: keep at least one reason besides Other.")
    programme = Programme.get_by_id(programme_id)
    settings = dict(programme.settings or {})
    settings[REASONS_KEY] = reasons_to_settings(kept)
    programme.settings = settings
    programme.save()
    return closure_reasons(programme_id)


def closure_counts(programme_id: int, since: date | None = None, until: date | None = None) -> list[ReasonCount]:
    """Closed matches of the programme counted by reason code (closed between ``since`` and ``until``)."""
    query = Match.select(Match.closure_code).where(
        (Match.programme == programme_id) & (Match.status == MatchStatus.CLOSED.value)
    )
    if since is not None:
        query = query.where(Match.closed_on >= since)
    if until is not None:
        query = query.where(Match.closed_on <= until)
    return closures_by_reason((code for (code,) in tuples(query)), closure_reasons(programme_id))


@dataclass(frozen=True)
class MemberRecord:
    participant_id: int
    name: str
    role: str
    exit_conversation_on: date | None
    focus_areas: tuple[str, ...] = ()  # network programmes: what this mentor covers for the mentee


@dataclass(frozen=True)
class NetworkMentor:
    """One of a mentee's mentors in a network programme, with the focus areas they cover."""

    match_id: int
    mentor_id: int
    name: str
    focus_areas: tuple[str, ...]
    status: str
    mentee_name: str = ""

    @property
    def text(self) -> str:
        return self.name + (f" ({', '.join(self.focus_areas)})" if self.focus_areas else "")


def mentor_networks(
    programme_id: int, statuses: tuple[str, ...] = (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value)
) -> dict[int, list[NetworkMentor]]:
    """Mentee -> every mentor linked to them by a match of ``statuses`` (live ones by default), oldest first."""
    mentor = MatchMember.alias()
    mentee = MatchMember.alias()
    mentee_person = Participant.alias()
    query = (
        Match.select(
            Match.id,
            mentee.participant,
            mentor.participant,
            display_name_sql(),
            mentor.focus_areas,
            Match.status,
            display_name_sql(mentee_person),
        )
        .join(mentor, on=(mentor.match == Match.id))
        .join(Participant, on=(Participant.id == mentor.participant))
        .switch(Match)
        .join(mentee, on=(mentee.match == Match.id))
        .join(mentee_person, on=(mentee_person.id == mentee.participant))
        .where(
            (Match.programme == programme_id)
            & Match.status.in_(list(statuses))
            & (mentor.role == Role.MENTOR.value)
            & (mentee.role == Role.MENTEE.value)
        )
        .order_by(Match.id)
    )
    load = MatchMember.focus_areas.python_value
    out: dict[int, list[NetworkMentor]] = {}
    for match_id, mentee_id, mentor_id, name, areas, status, mentee_name in raw_rows(query):
        out.setdefault(mentee_id, []).append(
            NetworkMentor(match_id, mentor_id, name, tuple(load(areas) or ()), status, mentee_name)
        )
    return out


@dataclass(frozen=True)
class MatchRecord:
    """Everything the match record holds beyond its meetings and goals."""

    id: int
    status: str
    started_on: date | None
    members: tuple[MemberRecord, ...]
    first_meeting_on: date | None
    first_meeting_staff: str
    first_meeting_covered_agreement: bool
    agreement_signed_on: date | None
    closed_on: date | None
    closure_kind: str | None
    closure_code: str
    closure_label: str
    closure_reason: str
    closure_meeting_held: bool | None
    closure_meeting_on: date | None
    contact_after: str
    guardian_exit_on: date | None
    # Network programmes: every live mentor of this match's mentee (this link included).
    network: tuple[NetworkMentor, ...] = ()

    @property
    def contact_after_label(self) -> str:
        return CONTACT_PLANS.get(self.contact_after, "")


def match_record(match_id: int) -> MatchRecord:
    match = Match.get_or_none(Match.id == match_id)
    if match is None:
        raise PairingError("This match no longer exists: refresh the list.")
    members = tuple(
        MemberRecord(pid, name, role, exit_on, tuple(areas or ()))
        for pid, name, role, exit_on, areas in tuples(
            MatchMember.select(
                MatchMember.participant,
                display_name_sql(),
                MatchMember.role,
                MatchMember.exit_conversation_on,
                MatchMember.focus_areas,
            )
            .join(Participant)
            .where(MatchMember.match == match_id)
            .order_by(MatchMember.role.desc(), MatchMember.id)
        )
    )
    labels = {r.code: r.label for r in closure_reasons(match.programme_id)}
    code = match.closure_code or ""
    network: tuple[NetworkMentor, ...] = ()
    mentees = [m.participant_id for m in members if m.role == Role.MENTEE.value]
    if match.programme.kind == ProgrammeKind.NETWORK.value and len(mentees) == 1:
        statuses = (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value, match.status)
        network = tuple(mentor_networks(match.programme_id, tuple(dict.fromkeys(statuses))).get(mentees[0], ()))
    return MatchRecord(
        match.id,
        match.status,
        match.started_on,
        members,
        match.first_meeting_on,
        match.first_meeting_staff or "",
        bool(match.first_meeting_covered_agreement),
        match.agreement_signed_on,
        match.closed_on,
        match.closure_kind,
        code,
        labels.get(code, code.replace("_", " ").capitalize()),
        match.closure_reason or "",
        match.closure_meeting_held,
        match.closure_meeting_on,
        match.contact_after or "",
        match.guardian_exit_on,
        network,
    )


def record_first_meeting(
    match_id: int, on: date, staff: str, covered_agreement: bool, today: date | None = None
) -> None:
    """The first meeting: its date, who from the programme was there, and whether the introductions
    went through the agreement. Refused (nothing saved) for a draft, a future date or a date before the
    match started."""
    today = today or date.today()
    match = Match.get_or_none(Match.id == match_id)
    if match is None:
        raise PairingError("This match no longer exists: refresh the list.")
    if match.status == MatchStatus.DRAFT.value:
        raise PairingError("Publish the match first: a draft has no first meeting yet.")
    if on > today:
        raise PairingError(
            f"First meeting date: {on.isoformat()} is in the future; record it once the meeting has happened."
        )
    if match.started_on and on < match.started_on:
        raise PairingError(
            f"First meeting date: {on.isoformat()} is before the match started "
            f"({match.started_on.isoformat()}); pick a later date."
        )
    staff = " ".join(staff.split())
    too_long = text_problems({"staff": staff}, {"staff": "Present from the programme"})
    if too_long or len(staff) > STAFF_LENGTH:
        raise PairingError(
            " ".join(too_long.values()) or f"Present from the programme: keep it to {STAFF_LENGTH} characters."
        )
    with database.atomic():
        match.first_meeting_on = on
        match.first_meeting_staff = staff
        match.first_meeting_covered_agreement = covered_agreement
        match.save()
