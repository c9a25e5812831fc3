"""What is done about a concern: suspend a match, suspend a mentor from all matches, tell the guardian.

Suspending uses the pairing area's own pause (the match's status history and meeting choices stay in
one place): the match is paused open-ended and its planned meetings are cancelled or kept ("held").
Suspending a mentor pauses every active match they mentor in and puts their mentor enrolments on hold,
so the matcher proposes them to nobody until the coordinator moves them back.
"""

from __future__ import annotations

from datetime import date, datetime

from mentordesk.core.concerns import ConcernRefused, raise_if_any, reason_problem
from mentordesk.core.vocab import ConcernActionKind, EnrolmentStatus, MatchStatus, Role
from mentordesk.services import meetings, pairing, participants
from mentordesk.services.concerns.access import require_unlocked
from mentordesk.services.concerns.register import concern_or_refuse
from mentordesk.store.db import database
from mentordesk.store.models import ConcernAction, Enrolment, Match, MatchMember

MEETING_CHOICES = ("cancel", "keep")
HOLD_REASON = "suspended while a safeguarding concern is looked into"


def _taken_on(day: date | None, raised_on: date, today: date) -> date:
    day = day or today
    if day > today:
        raise ConcernRefused(
            {"taken_on": f"Date: {day.isoformat()} is in the future; enter the day it was done."}
        )
    if day < raised_on:
        raise ConcernRefused(
            {
                "taken_on": f"Date: {day.isoformat()} is before the concern was raised ({raised_on.isoformat()})."
            }
        )
    return day


def _meeting_choice(choice: str) -> str:
    if choice not in MEETING_CHOICES:
        raise ConcernRefused(
            {"meetings": "Planned meetings: choose whether they are cancelled or held (kept) meanwhile."}
        )
    return choice


def _pause(match: Match, choice: str, now: datetime) -> int:
    """Pause one match through the pairing area; returns how many meetings were cancelled."""
    if match.status == MatchStatus.ACTIVE.value:
        try:
            return pairing.pause_match(match.id, None, choice, now).cancelled
        except pairing.PairingError as exc:
            raise ConcernRefused({"match": f"Match: {exc}"}) from exc
    # Already paused (a holiday, say): it stays paused; its meetings follow the same choice.
    return meetings.wind_down(match.id, meetings.FutureMeetings(choice), now, None).cancelled


def _suspension(
    concern_id: int, meetings_choice: str, reason: str, taken_on: date | None, now: datetime | None
) -> tuple[datetime, date, str]:
    """What both suspensions check first: the register open, the concern, the day, a reason, the
    meetings' choice. Returns (now, the day it was taken, the meetings' choice)."""
    require_unlocked()
    now = now or datetime.now()
    concern = concern_or_refuse(concern_id)
    day = _taken_on(taken_on, concern.raised_on, now.date())
    raise_if_any({k: v for k, v in {"reason": reason_problem(reason)}.items() if v})
    return now, day, _meeting_choice(meetings_choice)


def suspend_match(
    concern_id: int,
    match_id: int,
    meetings_choice: str,
    reason: str,
    taken_on: date | None = None,
    now: datetime | None = None,
) -> int:
    """Suspend (pause) a match because of the concern; returns the action's id."""
    now, day, choice = _suspension(concern_id, meetings_choice, reason, taken_on, now)
    match = Match.get_or_none(Match.id == match_id)
    if match is None or match.status not in (MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value):
        raise ConcernRefused({"match": "Match: choose an active or paused match (this one is not open)."})
    with database.atomic():
        cancelled = _pause(match, choice, now)
        action = ConcernAction.create(
            concern=concern_id,
            kind=ConcernActionKind.SUSPEND_MATCH.value,
            taken_on=day,
            match=match_id,
            meetings=choice,
            matches_paused=[match_id],
            meetings_cancelled=cancelled,
            reason=reason.strip(),
        )
    return action.id


def mentor_matches(mentor_id: int) -> list[int]:
    """The open (active or paused) matches a person mentors in, in every programme."""
    query = (
        MatchMember.select(MatchMember.match)
        .join(Match)
        .where(
            (MatchMember.participant == mentor_id)
            & (MatchMember.role == Role.MENTOR.value)
            & Match.status.in_([MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value])
        )
        .order_by(MatchMember.match)
    )
    return [row.match_id for row in query]


def suspend_mentor(
    concern_id: int,
    mentor_id: int,
    meetings_choice: str,
    reason: str,
    taken_on: date | None = None,
    now: datetime | None = None,
) -> int:
    """Suspend a mentor from all their matches (each paused) and from new ones (enrolments on hold)."""
    now, day, choice = _suspension(concern_id, meetings_choice, reason, taken_on, now)
    enrolments = [
        e.id
        for e in Enrolment.select(Enrolment.id).where(
            (Enrolment.participant == mentor_id)
            & (Enrolment.role == Role.MENTOR.value)
            & Enrolment.status.not_in([EnrolmentStatus.EXITED.value, EnrolmentStatus.ON_HOLD.value])
        )
    ]
    match_ids = mentor_matches(mentor_id)
    if not enrolments and not match_ids:
        raise ConcernRefused(
            {"mentor": "Mentor: they mentor in no open match and are not enrolled as a mentor."}
        )
    with database.atomic():
        cancelled = sum(_pause(Match.get_by_id(mid), choice, now) for mid in match_ids)
        if enrolments:
            held = participants.bulk_change_status(enrolments, EnrolmentStatus.ON_HOLD.value, HOLD_REASON)
            if held.refused:
                raise ConcernRefused({"mentor": "Mentor: " + "; ".join(why for _, why in held.refused)})
        action = ConcernAction.create(
            concern=concern_id,
            kind=ConcernActionKind.SUSPEND_MENTOR.value,
            taken_on=day,
            participant=mentor_id,
            meetings=choice,
            matches_paused=match_ids,
            meetings_cancelled=cancelled,
            reason=reason.strip(),
        )
    return action.id


def guardian_informed(
    concern_id: int, taken_on: date | None, notes: str = "", today: date | None = None
) -> int:
    """Record that the guardian was told (when, and optionally how or by whom)."""
    require_unlocked()
    concern = concern_or_refuse(concern_id)
    day = _taken_on(taken_on, concern.raised_on, today or date.today())
    if len(notes) > 2000:
        raise ConcernRefused({"reason": "Notes: keep them to 2000 characters."})
    return ConcernAction.create(
        concern=concern_id, kind=ConcernActionKind.GUARDIAN_INFORMED.value, taken_on=day, reason=notes.strip()
    ).id


def guardian_not_informed(
    concern_id: int, reason: str, taken_on: date | None = None, today: date | None = None
) -> int:
    """Record the decision not to tell the guardian, and why (e.g. it could put the child at risk)."""
    require_unlocked()
    concern = concern_or_refuse(concern_id)
    day = _taken_on(taken_on, concern.raised_on, today or date.today())
    raise_if_any(
        {
            k: v
            for k, v in {"reason": reason_problem(reason, "Why the guardian was not informed")}.items()
            if v
        }
    )
    return ConcernAction.create(
        concern=concern_id,
        kind=ConcernActionKind.GUARDIAN_NOT_INFORMED.value,
        taken_on=day,
        reason=reason.strip(),
    ).id
