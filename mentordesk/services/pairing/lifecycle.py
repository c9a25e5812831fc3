"""The life of a published match: active -> paused -> active -> closed, closure records and rematching.

Each status change is saved through the audited model, so ``match_history`` can show
when a match started, paused, resumed and closed, and who did it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from mentordesk.core.pairing import CONTACT_PLANS, OTHER, reason_code_for_text, reason_code_problem
from mentordesk.core.participants import text_problems
from mentordesk.core.vocab import ClosureKind, EnrolmentStatus, MatchStatus, ProgrammeKind, Role
from mentordesk.services import meetings
from mentordesk.services.pairing.run import PairingError
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme, display_name_sql
from mentordesk.store.rows import tuples

INITIATORS = ("mentor", "mentee", "guardian", "coordinator", "mutual")


@dataclass(frozen=True)
class MatchRow:
    id: int
    status: str
    mentors: str  # names, comma separated
    mentees: str
    mentor_ids: tuple[int, ...]
    mentee_ids: tuple[int, ...]
    score: float | None
    started_on: date | None
    closed_on: date | None
    closure_kind: str | None
    closure_reason: str
    rematch_eligible: bool
    resumes_on: date | None = None  # a paused match's expected resume day
    closure_code: str = ""
    # A mentor's check has lapsed (set for active and paused matches): "Background check lapsed on ...".
    lapsed: str = ""
    # Network programmes: the focus areas this link covers, and every live mentor of its mentee
    # with theirs ("Ana Silva (Careers) · Bo Chen (Study skills)").
    focus_areas: tuple[str, ...] = ()
    network: str = ""


@dataclass(frozen=True)
class Closure:
    closed_on: date
    kind: str  # ClosureKind: planned or premature
    reason: str
    initiated_by: str  # one of INITIATORS
    notes_mentor: str = ""
    notes_mentee: str = ""
    notes_guardian: str = ""
    mentor_may_rematch: bool = True
    rematch_mentee: bool = False  # put the mentee(s) back in the queue for a new match
    # The planned meetings after the closure date: cancelled (default), or the next one kept as a
    # goodbye meeting (meetings.FutureMeetings).
    future_meetings: str = "cancel"
    # The programme's reason code (pairing.closure_reasons); "" reads it from ``reason``'s words.
    code: str = ""
    meeting_held: bool | None = None  # was there a closure meeting? None: not recorded
    meeting_on: date | None = None
    contact_after: str = ""  # core.pairing.CONTACT_PLANS key, "" not recorded
    # When each member's exit conversation happened: {participant id: day}; and the guardian's.
    exit_conversations: tuple[tuple[int, date], ...] = ()
    guardian_exit_on: date | None = None

    def reason_code(self) -> str:
        return self.code or (reason_code_for_text(self.reason) if self.reason.strip() else "")


def published_matches(programme_id: int, statuses: tuple[str, ...] | None = None) -> list[MatchRow]:
    """Published matches (not drafts unless asked), newest first."""
    statuses = statuses or (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value, MatchStatus.CLOSED.value)
    matches = list(
        Match.select()
        .where((Match.programme == programme_id) & Match.status.in_(statuses))
        .order_by(Match.id.desc())
    )
    if not matches:
        return []
    members: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    areas: dict[int, list[str]] = defaultdict(list)
    query = (
        MatchMember.select(
            MatchMember.match,
            MatchMember.participant,
            MatchMember.role,
            display_name_sql(),
            MatchMember.focus_areas,
        )
        .join(Participant)
        .where(MatchMember.match.in_([m.id for m in matches]))
        .order_by(MatchMember.id)
    )
    for match_id, pid, role, name, focus in tuples(query):
        members[match_id].append((pid, role, name))
        if role == Role.MENTOR.value:
            areas[match_id].extend(focus or [])
    network = _networks(programme_id)
    live = [m.id for m in matches if m.status in (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value)]
    lapses = _mentor_lapses(programme_id, [p for i in live for p, r, _ in members[i] if r == Role.MENTOR.value])
    rows = []
    for m in matches:
        people = members[m.id]
        mentors = [(p, n) for p, r, n in people if r == Role.MENTOR.value]
        mentees = [(p, n) for p, r, n in people if r != Role.MENTOR.value]
        if not mentors and len(mentees) == 2:  # peers: show one on each side
            mentors, mentees = mentees[:1], mentees[1:]
        focus = tuple(areas.get(m.id, ()))
        mentor_text = ", ".join(n for _, n in mentors) + (f" ({', '.join(focus)})" if focus else "")
        rows.append(
            MatchRow(
                m.id,
                m.status,
                mentor_text,
                ", ".join(n for _, n in mentees),
                tuple(p for p, _ in mentors),
                tuple(p for p, _ in mentees),
                m.score,
                m.started_on,
                m.closed_on,
                m.closure_kind,
                m.closure_reason or "",
                bool(m.rematch_eligible),
                m.resumes_on if m.status == MatchStatus.PAUSED.value else None,
                m.closure_code or "",
                "; ".join(lapses[p] for p, r, _ in people if r == Role.MENTOR.value and p in lapses)
                if m.id in live
                else "",
                focus,
                "; ".join(network.get(mentees[0][0], [])) if len(mentees) == 1 and mentors else "",
            )
        )
    return rows


def _networks(programme_id: int) -> dict[int, list[str]]:
    """Network programmes: mentee -> ["Ana Silva (Careers)", ...] over their live links; {} otherwise."""
    from mentordesk.services.pairing.record import mentor_networks

    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None or programme.kind != ProgrammeKind.NETWORK.value:
        return {}
    return {
        mentee: [link.text for link in found] for mentee, found in mentor_networks(programme_id).items()
    }


def _mentor_lapses(programme_id: int, mentor_ids: list[int]) -> dict[int, str]:
    """{mentor id: "Name's Background check lapsed on 2026-03-01"} for mentors with a lapsed check."""
    if not mentor_ids:
        return {}
    from mentordesk.services import participants

    today = date.today()
    found: dict[int, list[str]] = defaultdict(list)
    for renewal in participants.renewals(programme_id, today, 0, sorted(set(mentor_ids))):
        if renewal.due_on < today:
            found[renewal.participant_id].append(
                f"{renewal.name}'s {renewal.label} lapsed on {renewal.due_on.isoformat()}"
            )
    return {pid: "; ".join(texts) for pid, texts in found.items()}


def _match(match_id: int) -> Match:
    match = Match.get_or_none(Match.id == match_id)
    if match is None:
        raise PairingError("This match no longer exists: refresh the list.")
    return match


def pause_match(
    match_id: int, until: date | None = None, future_meetings: str = "cancel", now: datetime | None = None
) -> meetings.WindDown:
    """Pause an active match until ``until`` (the expected resume date); its planned meetings before
    then are cancelled, or kept (``future_meetings="keep"``). Returns what was done to them."""
    match = _match(match_id)
    if match.status != MatchStatus.ACTIVE.value:
        raise PairingError(f"Only an active match can be paused; this one is {match.status}.")
    now = now or datetime.now()
    if until is not None and until <= now.date():
        raise PairingError("Resume date: pick a day after today (or leave the pause open-ended).")
    before = datetime.combine(until, time.min) if until else None
    with database.atomic():
        match.status = MatchStatus.PAUSED.value
        match.resumes_on = until
        match.save()
        done = meetings.wind_down(match_id, meetings.FutureMeetings(future_meetings), now, before)
        if until is not None:
            audit.record("pause", "match", match_id, summary=f"expected to resume on {until.isoformat()}")
    return done


def resume_match(match_id: int) -> None:
    match = _match(match_id)
    if match.status != MatchStatus.PAUSED.value:
        raise PairingError(f"Only a paused match can be resumed; this one is {match.status}.")
    match.status = MatchStatus.ACTIVE.value
    match.resumes_on = None
    match.save()


def validate_closure(match: Match, closure: Closure, today: date | None = None) -> None:
    """Refuses a closure record that cannot be right, naming the field; returns nothing when it is fine."""
    from mentordesk.services.pairing.record import closure_reasons

    today = today or date.today()
    texts = {
        "reason": closure.reason,
        "notes_mentor": closure.notes_mentor,
        "notes_mentee": closure.notes_mentee,
        "notes_guardian": closure.notes_guardian,
    }
    too_long = text_problems(
        texts,
        {
            "reason": "Closure reason",
            "notes_mentor": "Exit notes with the mentor",
            "notes_mentee": "Exit notes with the mentee",
            "notes_guardian": "Exit notes with the guardian",
        },
    )
    if too_long:
        raise PairingError(" ".join(too_long.values()))
    if closure.kind not in {k.value for k in ClosureKind}:
        raise PairingError("Say whether the closure was planned or premature.")
    code = closure.reason_code()
    if not code:
        raise PairingError("Closure reason: choose a reason code or write why the match is ending.")
    problem = reason_code_problem(code, closure_reasons(match.programme_id))
    if problem:
        raise PairingError(problem)
    if code == OTHER and not closure.reason.strip():
        raise PairingError("Closure reason: write why the match is ending (the reason is Other).")
    if closure.initiated_by not in INITIATORS:
        raise PairingError("Initiated by: choose who ended the match (" + ", ".join(INITIATORS) + ").")
    if match.started_on and closure.closed_on < match.started_on:
        raise PairingError(
            f"Closure date: {closure.closed_on.isoformat()} is before the match started "
            f"({match.started_on.isoformat()}); pick a later date."
        )
    if closure.contact_after and closure.contact_after not in CONTACT_PLANS:
        raise PairingError("Contact after closure: choose one of " + ", ".join(CONTACT_PLANS) + ".")
    if closure.meeting_on is not None and closure.meeting_held is False:
        raise PairingError("Closure meeting: a date is given but the meeting was not held; clear one of them.")
    members = dict(_members(match.id))
    days: list[tuple[str, date | None]] = [
        ("Closure meeting date", closure.meeting_on),
        ("Guardian's exit conversation", closure.guardian_exit_on),
    ]
    for pid, talked_on in closure.exit_conversations:
        if pid not in members:
            raise PairingError(f"Exit conversation: participant {pid} is not a member of this match.")
        days.append((f"Exit conversation with the {members[pid]}", talked_on))
    for what, day in days:
        if day is None:
            continue
        if day > today:
            raise PairingError(f"{what}: {day.isoformat()} is in the future; record it once it has happened.")
        if match.started_on and day < match.started_on:
            raise PairingError(
                f"{what}: {day.isoformat()} is before the match started ({match.started_on.isoformat()})."
            )


def _members(match_id: int) -> list[tuple[int, str]]:
    return list(
        tuples(
            MatchMember.select(MatchMember.participant, MatchMember.role).where(MatchMember.match == match_id)
        )
    )


def _set_status(
    programme_id: int, participant_id: int, status: str, *, exit_reason: str = "", on: date | None = None
) -> None:
    enrolment = Enrolment.get_or_none(
        (Enrolment.programme == programme_id) & (Enrolment.participant == participant_id)
    )
    if enrolment is None or enrolment.status == status:
        return
    enrolment.status = status
    if status == EnrolmentStatus.EXITED.value:
        enrolment.exited_on = on or date.today()
        enrolment.exit_reason = exit_reason
    enrolment.save()


def _still_matched(programme_id: int, participant_id: int, other_than: int) -> bool:
    return (
        MatchMember.select()
        .join(Match)
        .where(
            (MatchMember.participant == participant_id)
            & (Match.programme == programme_id)
            & (Match.id != other_than)
            & Match.status.in_([MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value])
        )
        .exists()
    )


def close_match(match_id: int, closure: Closure, now: datetime | None = None) -> meetings.WindDown:
    """Close a live match with its closure record; updates the members' enrolments as the closure says
    and cancels (or keeps one of) the planned meetings after the closure date. Returns what it did to them."""
    match = _match(match_id)
    if match.status not in (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value):
        raise PairingError(f"Only an active or paused match can be closed; this one is {match.status}.")
    validate_closure(match, closure)
    programme_id = match.programme_id
    with database.atomic():
        match.status = MatchStatus.CLOSED.value
        match.closed_on = closure.closed_on
        match.closure_kind = closure.kind
        match.closure_code = closure.reason_code()
        match.closure_reason = closure.reason.strip()
        match.closure_meeting_held = closure.meeting_held if closure.meeting_on is None else True
        match.closure_meeting_on = closure.meeting_on
        match.contact_after = closure.contact_after
        match.guardian_exit_on = closure.guardian_exit_on
        match.closure_initiated_by = closure.initiated_by
        match.exit_notes_mentor = closure.notes_mentor.strip()
        match.exit_notes_mentee = closure.notes_mentee.strip()
        match.exit_notes_guardian = closure.notes_guardian.strip()
        match.rematch_eligible = closure.mentor_may_rematch
        match.save()
        for pid, day in closure.exit_conversations:
            MatchMember.update(exit_conversation_on=day).where(
                (MatchMember.match == match_id) & (MatchMember.participant == pid)
            ).execute()
        after = meetings.after_day(closure.closed_on, now)
        done = meetings.wind_down(match_id, meetings.FutureMeetings(closure.future_meetings), after)
        for outcome in closure_outcomes(match_id, closure.mentor_may_rematch, closure.rematch_mentee):
            if outcome.status:
                reason = outcome.exit_reason
                _set_status(programme_id, outcome.participant_id, outcome.status, exit_reason=reason, on=closure.closed_on)
    return done


@dataclass(frozen=True)
class ClosureOutcome:
    """What closing a match does to one member's enrolment (the closure dialog says it before saving)."""

    participant_id: int
    name: str
    role: str
    status: str  # the status they move to (EnrolmentStatus), "" when unchanged
    exit_reason: str = ""  # when they leave: why, as the enrolment records it
    still_matched: bool = False  # another live match keeps them matched, so nothing changes

    def sentence(self, done: bool = False) -> str:
        """What happens to them, before closing ("Dmitri will be marked as having left the programme
        (Exited)…") or after it (``done``: "Dmitri was marked as having left the programme (Exited).")."""
        name, mentor = self.name, self.role == Role.MENTOR.value
        if self.still_matched:
            return f"{name} {'stays' if not done else 'stayed'} Matched: another match of theirs is still live."
        if self.status == EnrolmentStatus.READY.value:
            if mentor:
                return f"{name} {'was put' if done else 'goes'} back to Ready, to be matched again."
            partner = "mentor" if self.role == Role.MENTEE.value else "match"
            return f"{name} {'is' if done else 'will be'} waiting for a new {partner} (Ready)."
        if self.status == EnrolmentStatus.EXITED.value:
            if done:
                return f"{name} was marked as having left the programme (Exited)."
            if mentor:
                return (
                    f"{name} will be marked as having left the programme (Exited); "
                    "tick 'The mentor may be matched again' to keep them."
                )
            return (
                f"{name} will be marked as having left the programme (Exited); "
                "tick 'rematch' to keep them waiting for a new "
                + ("mentor." if self.role == Role.MENTEE.value else "match.")
            )
        return ""


def closure_outcomes(match_id: int, mentor_may_rematch: bool, rematch_mentee: bool) -> list[ClosureOutcome]:
    """The rule for each member once the match closes, mentors first. A member still in another live
    match stays matched. A mentor goes back to Ready unless they may not be matched again (Exited). A
    mentee (or peer) goes back to Ready, waiting for a new match, only when a rematch is asked for:
    otherwise the closure ends their time in the programme (Exited, "match closed") — the cycle is
    "close (and, where right, rematch)"."""
    match = _match(match_id)
    programme_id = match.programme_id
    members = list(
        tuples(
            MatchMember.select(MatchMember.participant, display_name_sql(), MatchMember.role)
            .join(Participant)
            .where(MatchMember.match == match_id)
            .order_by(MatchMember.role.desc(), MatchMember.id)
        )
    )
    current = dict(
        tuples(
            Enrolment.select(Enrolment.participant, Enrolment.status).where(
                (Enrolment.programme == programme_id) & Enrolment.participant.in_([m[0] for m in members])
            )
        )
    )
    outcomes = []
    for pid, name, role in members:
        if pid not in current:
            continue  # not enrolled here (any more): closing changes nothing for them
        if _still_matched(programme_id, pid, match_id):
            outcomes.append(ClosureOutcome(pid, name, role, "", still_matched=True))
        elif role == Role.MENTOR.value and not mentor_may_rematch:
            reason = "not to be matched again (match closure)"
            outcomes.append(ClosureOutcome(pid, name, role, EnrolmentStatus.EXITED.value, reason))
        elif role == Role.MENTOR.value or rematch_mentee:
            outcomes.append(ClosureOutcome(pid, name, role, EnrolmentStatus.READY.value))
        else:
            outcomes.append(ClosureOutcome(pid, name, role, EnrolmentStatus.EXITED.value, "match closed"))
    # Someone already in the status closing would give them (a match record kept after they left) stays.
    return [o for o in outcomes if o.status != current[o.participant_id]]


def rematch(match_id: int) -> list[int]:
    """Put a closed match's mentee(s) back in the queue for a new match; returns their ids."""
    match = _match(match_id)
    if match.status != MatchStatus.CLOSED.value:
        raise PairingError("Close the match first (with its reason), then rematch the mentee.")
    mentees = [pid for pid, role in _members(match_id) if role != Role.MENTOR.value]
    with database.atomic():
        for pid in mentees:
            if not _still_matched(match.programme_id, pid, match_id):
                _set_status(match.programme_id, pid, EnrolmentStatus.READY.value)
        audit.record("rematch", "match", match_id, summary=f"{len(mentees)} mentee(s) back in the queue")
    return mentees


def match_history(match_id: int) -> list[tuple[datetime, str | None, str | None]]:
    """(when, old status, new status), oldest first."""
    return [(at, old, new) for at, old, new in audit.history("match", match_id, "status")]
