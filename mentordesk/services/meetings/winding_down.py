"""What happens to a match's planned meetings when it closes or pauses: cancel them, or keep them.

A closed match's meetings must not stay "planned": they would sit on the calendar, the dashboard's
"Coming up" and the .ics export as if they were still going to happen. Cancelled meetings keep their
place in the record (status cancelled, by the coordinator), so the audit trail shows what was dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from mentordesk.core.vocab import MeetingStatus
from mentordesk.store.db import database
from mentordesk.store.models import Meeting


class FutureMeetings(StrEnum):
    """The coordinator's choice for the planned meetings after a closure or during a pause."""

    CANCEL = "cancel"  # cancel every one of them
    KEEP_GOODBYE = "keep_goodbye"  # keep the next one as a final (goodbye) meeting, cancel the rest
    KEEP = "keep"  # leave them all planned


@dataclass(frozen=True)
class WindDown:
    """What was done: how many meetings were cancelled, and when the one kept (if any) takes place."""

    cancelled: int
    kept: datetime | None = None


def after_day(day: date, now: datetime | None = None) -> datetime:
    """Meetings "after" a closure on ``day``: those after that day ends, or after now if that is later
    (a meeting later on the closure day can still take place; a past one needs its outcome, not a cancel)."""
    return max(now or datetime.now(), datetime.combine(day, time.max))


def _planned(match_id: int, after: datetime, before: datetime | None):
    query = Meeting.select().where(
        (Meeting.match == match_id)
        & (Meeting.status == MeetingStatus.PLANNED.value)
        & (Meeting.starts_at > after)
    )
    if before is not None:
        query = query.where(Meeting.starts_at < before)
    return query.order_by(Meeting.starts_at)


def planned_meetings(match_id: int, after: datetime, before: datetime | None = None) -> list[datetime]:
    """Start times of the match's planned meetings starting after ``after`` (and before ``before``)."""
    return [meeting.starts_at for meeting in _planned(match_id, after, before)]


def wind_down(
    match_id: int, choice: FutureMeetings, after: datetime, before: datetime | None = None
) -> WindDown:
    """Apply ``choice`` to the planned meetings between ``after`` and ``before``; each change is audited.

    Runs inside the caller's transaction when there is one, so a closure and its cancellations
    are saved together or not at all.
    """
    choice = FutureMeetings(choice)
    if choice is FutureMeetings.KEEP:
        return WindDown(0)
    meetings = list(_planned(match_id, after, before))
    kept = None
    if choice is FutureMeetings.KEEP_GOODBYE and meetings:
        kept = meetings.pop(0).starts_at
    with database.atomic():
        for meeting in meetings:
            meeting.status = MeetingStatus.CANCELLED.value
            meeting.cancelled_by = "coordinator"
            meeting.save()  # through the audited model: each cancellation is in the trail
    return WindDown(len(meetings), kept)
