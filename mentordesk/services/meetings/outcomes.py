"""Recording what happened at a meeting: held (who came, how long, what you did), cancelled, missed.

The outcome is part of the match's record: the status change lands in the audit trail,
attendance is kept per member, and bad input raises ``MeetingInputError`` with nothing written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from mentordesk.core.meetings import MeetingInputError, Problem
from mentordesk.core.participants import text_problems
from mentordesk.core.vocab import MeetingStatus
from mentordesk.store.db import database
from mentordesk.store.models import Attendance, MatchMember, Meeting
from mentordesk.store.rows import tuples

CANCELLED_BY = ("mentor", "mentee", "both", "guardian", "coordinator", "school", "other")


def _fail(field_name: str, message: str) -> MeetingInputError:
    return MeetingInputError([Problem(field_name, message)])


def record_outcome(
    meeting_id: int,
    status: str,
    *,
    cancelled_by: str = "",
    attendance: Mapping[int, bool] | None = None,
    actual_minutes: int | None = None,
    activity: str = "",
    notes: str = "",
    now: datetime | None = None,
) -> None:
    """What happened: held (who attended, how long, what you did), cancelled (by whom) or missed."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise _fail("meeting", f"No meeting with id {meeting_id}: it may have been deleted.")
    if status not in {s.value for s in MeetingStatus}:
        raise _fail("status", f"Unknown outcome {status!r}: choose held, cancelled or missed.")
    now = now or datetime.now()
    attendance = dict(attendance or {})
    members = {
        pid
        for (pid,) in tuples(
            MatchMember.select(MatchMember.participant).where(MatchMember.match == meeting.match_id)
        )
    }
    problems = _outcome_problems(meeting, status, cancelled_by, attendance, actual_minutes, members, now)
    texts = {"activity": activity, "notes": notes}
    labels = {"activity": "What you did", "notes": "Notes"}
    problems += [Problem(key, text) for key, text in text_problems(texts, labels).items()]
    if problems:
        raise MeetingInputError(problems)
    with database.atomic():
        meeting.status = status
        meeting.cancelled_by = cancelled_by if status == MeetingStatus.CANCELLED.value else ""
        meeting.actual_minutes = actual_minutes if status == MeetingStatus.HELD.value else None
        meeting.activity = activity.strip() if status == MeetingStatus.HELD.value else ""
        meeting.notes = notes.strip()
        meeting.save()
        Attendance.delete().where(Attendance.meeting == meeting_id).execute()
        if status in (MeetingStatus.HELD.value, MeetingStatus.MISSED.value) and attendance:
            Attendance.insert_many(
                [
                    {"meeting": meeting_id, "participant": pid, "attended": bool(came)}
                    for pid, came in attendance.items()
                ]
            ).execute()


def _outcome_problems(
    meeting: Meeting,
    status: str,
    cancelled_by: str,
    attendance: dict[int, bool],
    actual_minutes: int | None,
    members: set[int],
    now: datetime,
) -> list[Problem]:
    problems = []
    happened = meeting.starts_at.date() <= now.date()
    if status in (MeetingStatus.HELD.value, MeetingStatus.MISSED.value) and not happened:
        word = "held" if status == MeetingStatus.HELD.value else "missed"
        problems.append(
            Problem(
                "status",
                f"This meeting is on {meeting.starts_at:%d %b %Y}, still to come: record it as {word} "
                "once it has happened (or cancel it).",
            )
        )
    if status == MeetingStatus.CANCELLED.value and cancelled_by not in CANCELLED_BY:
        problems.append(
            Problem("cancelled_by", "Say who cancelled the meeting (mentor, mentee, coordinator, ...).")
        )
    strangers = set(attendance) - members
    if strangers:
        problems.append(Problem("attendance", "Attendance names someone who is not in this match."))
    if status == MeetingStatus.HELD.value:
        if attendance and not any(attendance.values()):
            problems.append(
                Problem("attendance", "Nobody attended: record the meeting as missed instead of held.")
            )
        if actual_minutes is not None and not 0 < actual_minutes < 24 * 60:
            problems.append(
                Problem("actual_minutes", "The actual length must be between 1 minute and 24 hours.")
            )
    return problems
