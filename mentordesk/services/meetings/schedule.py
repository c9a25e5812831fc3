"""Scheduling and recording meetings: one-off or in a series, edited one at a time or as a whole.

A series is stored twice over, on purpose: as its iCalendar rule (``MeetingSeries``),
so it exports as a proper RRULE, and as one ``Meeting`` row per date, so the calendar,
conflicts and the overdue list are plain indexed queries. Every write happens in one
transaction: bad input raises ``MeetingInputError`` and leaves the database as it was.

History is never rewritten: editing a whole series changes only meetings still
planned from now on. Meetings that have happened, or whose outcome is recorded,
stay exactly as they were; if there are any, the series is split in two (the old
rule is ended, a new one continues), which is also how calendar apps do it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from mentordesk.core.meetings import (
    MeetingInputError,
    Problem,
    Recurrence,
    Repeat,
    SeriesPlan,
    Skipped,
    check_local_times,
    check_recurrence,
    check_times,
    plan_series,
    truncate_rule,
)
from mentordesk.core.participants import text_problems
from mentordesk.core.vocab import MatchStatus, MeetingMode, MeetingStatus
from mentordesk.services.meetings.constraints import blackouts
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import Match, Meeting, MeetingSeries, Programme

MODES = tuple(m.value for m in MeetingMode)


@dataclass
class Details:
    """Where and how: the same for every meeting of a series unless one is edited on its own."""

    place: str = ""
    link: str = ""
    mode: str = MeetingMode.IN_PERSON.value
    agenda: str = ""


@dataclass
class SeriesResult:
    series_id: int
    meeting_ids: list[int] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    kept: int = 0  # meetings left untouched because they happened or were recorded


def _fail(field_name: str, message: str) -> MeetingInputError:
    return MeetingInputError([Problem(field_name, message)])


def _open_match(match_id: int | None) -> Match:
    match = Match.get_or_none(Match.id == match_id) if match_id else None
    if match is None:
        raise _fail("match", "Choose the match (or group) the meeting is for.")
    if match.status == MatchStatus.CLOSED.value:
        raise _fail("match", "This match is closed: meetings can only be scheduled for open matches.")
    if match.status == MatchStatus.DRAFT.value:
        raise _fail(
            "match",
            "This match is still a draft: publish it on the Pairing page before scheduling meetings.",
        )
    return match


def _minutes(start: datetime, end: datetime) -> int:
    problems = check_times(start, end)
    if problems:
        raise MeetingInputError(problems)
    return int((end - start).total_seconds() // 60)


def _check_details(details: Details) -> None:
    too_long = text_problems(
        {"place": details.place, "link": details.link, "agenda": details.agenda},
        {"place": "Place", "link": "Video link", "agenda": "Agenda"},
    )
    if too_long:
        raise MeetingInputError([Problem(key, text) for key, text in too_long.items()])
    if details.mode not in MODES:
        raise _fail("mode", f"Unknown meeting mode {details.mode!r}: use one of {', '.join(MODES)}.")
    link = details.link.strip()
    if link and " " in link:
        raise _fail(
            "link", "The video link contains spaces: paste the full link, e.g. https://meet.example/abc."
        )


def _zone(match: Match) -> str:
    return Programme.get_by_id(match.programme_id).timezone or "Europe/London"


def _detail_fields(details: Details) -> dict[str, str]:
    return {
        "place": details.place.strip(),
        "link": details.link.strip(),
        "mode": details.mode,
        "agenda": details.agenda.strip(),
    }


def schedule_meeting(match_id: int, start: datetime, end: datetime, details: Details | None = None) -> int:
    """One meeting; returns its id."""
    details = details or Details()
    match = _open_match(match_id)
    minutes = _minutes(start, end)
    _check_details(details)
    problems = check_local_times([start], _zone(match))
    if problems:
        raise MeetingInputError(problems)
    with database.atomic():
        meeting = Meeting.create(
            match=match, starts_at=start, duration_minutes=minutes, **_detail_fields(details)
        )
    return meeting.id


def plan(
    match_id: int,
    start: datetime,
    end: datetime,
    recurrence: Recurrence,
    *,
    skip_term_breaks: bool = True,
    skip_away: bool = True,
    keep_dates: Iterable[date] = (),
) -> SeriesPlan:
    """The dates a series would have (nothing written): for the dialog's preview and for saving."""
    match = _open_match(match_id)
    _minutes(start, end)
    if recurrence.repeat == Repeat.NONE:
        raise _fail("recurrence", "Choose how often the meetings repeat.")
    problems = check_recurrence(recurrence, start)
    if problems:
        raise MeetingInputError(problems)
    spans = blackouts(match.id, skip_term_breaks=skip_term_breaks, skip_away=skip_away)
    result = plan_series(start, recurrence, spans, keep_dates)
    if not result.meetings:
        raise _fail(
            "recurrence",
            "Every date of this series is skipped (term breaks or away dates): nothing to schedule.",
        )
    problems = check_local_times(result.meetings, _zone(match))
    if problems:
        raise MeetingInputError(problems)
    return result


def _insert_occurrences(
    series: MeetingSeries, match: Match, times: list[datetime], details: Details
) -> list[int]:
    fields = _detail_fields(details)
    ids = []
    for when in times:
        ids.append(
            Meeting.insert(
                match=match.id,
                series=series.id,
                starts_at=when,
                original_starts_at=when,
                duration_minutes=series.duration_minutes,
                **fields,
            ).execute()
        )
    return ids


def schedule_series(
    match_id: int,
    start: datetime,
    end: datetime,
    recurrence: Recurrence,
    details: Details | None = None,
    *,
    skip_term_breaks: bool = True,
    skip_away: bool = True,
) -> SeriesResult:
    """A recurring series from ``start`` (the first meeting's date and time) to ``end`` (its end time)."""
    details = details or Details()
    _check_details(details)
    result_plan = plan(
        match_id, start, end, recurrence, skip_term_breaks=skip_term_breaks, skip_away=skip_away
    )
    match = Match.get_by_id(match_id)
    with database.atomic():
        series = MeetingSeries.create(
            match=match,
            rrule=result_plan.rule,
            starts_at=result_plan.starts_at,
            duration_minutes=_minutes(start, end),
            timezone=_zone(match),
            exceptions=[s.day.isoformat() for s in result_plan.skipped],
            **_detail_fields(details),
        )
        ids = _insert_occurrences(series, match, result_plan.meetings, details)
        audit.record(
            "schedule", "meeting_series", series.id, summary=f"series of {len(ids)} meetings scheduled"
        )
    return SeriesResult(series.id, ids, result_plan.skipped)


def update_meeting(meeting_id: int, start: datetime, end: datetime, details: Details | None = None) -> None:
    """Change one meeting (an occurrence of a series is moved on its own; the series is untouched)."""
    details = details or Details()
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise _fail("meeting", f"No meeting with id {meeting_id}: it may have been deleted.")
    minutes = _minutes(start, end)
    _check_details(details)
    problems = check_local_times([start], _zone(Match.get_by_id(meeting.match_id)))
    if problems:
        raise MeetingInputError(problems)
    with database.atomic():
        if meeting.series_id and meeting.original_starts_at is None:
            meeting.original_starts_at = meeting.starts_at
        meeting.starts_at = start
        meeting.duration_minutes = minutes
        for name, value in _detail_fields(details).items():
            setattr(meeting, name, value)
        meeting.save()


def move_meeting(meeting_id: int, start: datetime) -> None:
    """Move one meeting to a new start, keeping its length and details (drag and drop in the calendar)."""
    from datetime import timedelta

    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise _fail("meeting", f"No meeting with id {meeting_id}: it may have been deleted.")
    if meeting.status == MeetingStatus.HELD.value:
        raise _fail("start", "This meeting has been held: its date is part of the record and is not moved.")
    details = Details(meeting.place, meeting.link, meeting.mode, meeting.agenda)
    update_meeting(meeting_id, start, start + timedelta(minutes=meeting.duration_minutes), details)


def update_series(
    series_id: int,
    start: datetime,
    end: datetime,
    recurrence: Recurrence,
    details: Details | None = None,
    *,
    skip_term_breaks: bool = True,
    skip_away: bool = True,
    now: datetime | None = None,
) -> SeriesResult:
    """Change the whole series from now on; past and recorded meetings are kept exactly as they were."""
    details = details or Details()
    _check_details(details)
    series = MeetingSeries.get_or_none(MeetingSeries.id == series_id)
    if series is None:
        raise _fail("series", f"No meeting series with id {series_id}.")
    now = now or datetime.now()
    occurrences = list(Meeting.select().where(Meeting.series == series_id))
    history = [m for m in occurrences if m.starts_at < now or m.status != MeetingStatus.PLANNED.value]
    history_ids = {m.id for m in history}
    replaced = [m for m in occurrences if m.id not in history_ids]
    happened = [m for m in history if m.starts_at < now]
    past = [m for m in history if m.starts_at < start]  # any: the series is split at ``start``
    if happened and start < now:
        raise _fail(
            "start",
            f"Meetings before {now:%d %b %Y %H:%M} have happened or been recorded and are kept as they "
            f"were: start the changed series on or after {now:%d %b %Y}.",
        )
    keep_dates = {m.starts_at.date() for m in history if m.starts_at >= start}
    result_plan = plan(
        series.match_id,
        start,
        end,
        recurrence,
        skip_term_breaks=skip_term_breaks,
        skip_away=skip_away,
        keep_dates=keep_dates,
    )
    minutes = _minutes(start, end)
    match = Match.get_by_id(series.match_id)
    with database.atomic():
        if replaced:
            Meeting.delete().where(Meeting.id.in_([m.id for m in replaced])).execute()
        values = dict(
            rrule=result_plan.rule,
            starts_at=result_plan.starts_at,
            duration_minutes=minutes,
            exceptions=[s.day.isoformat() for s in result_plan.skipped],
            **_detail_fields(details),
        )
        if past:
            # Split: the old rule ends where the new one begins, so its held meetings stay its own.
            series.rrule = truncate_rule(series.rrule, start)
            series.exceptions = [d for d in series.exceptions or [] if d < start.date().isoformat()]
            series.save()
            target = MeetingSeries.create(match=match, timezone=series.timezone, **values)
        else:
            for name, value in values.items():
                setattr(series, name, value)
            series.save()
            target = series
        ids = _insert_occurrences(target, match, result_plan.meetings, details)
        audit.record(
            "update",
            "meeting_series",
            series.id,
            summary=f"series changed: {len(replaced)} planned meetings replaced by {len(ids)}, {len(history)} kept",
        )
    return SeriesResult(target.id, ids, result_plan.skipped, kept=len(history))


def stop_series(series_id: int, after: datetime) -> int:
    """Delete the series' planned meetings from ``after`` on and end its rule there; returns how many."""
    series = MeetingSeries.get_or_none(MeetingSeries.id == series_id)
    if series is None:
        raise _fail("series", f"No meeting series with id {series_id}.")
    with database.atomic():
        removed = (
            Meeting.delete()
            .where(
                (Meeting.series == series_id)
                & (Meeting.starts_at >= after)
                & (Meeting.status == MeetingStatus.PLANNED.value)
            )
            .execute()
        )
        series.rrule = truncate_rule(series.rrule, after)
        series.save()
        audit.record("stop", "meeting_series", series_id, summary=f"{removed} planned meetings removed")
    return removed


def delete_meeting(meeting_id: int) -> None:
    """Remove a meeting that did not happen. A held meeting is part of the record and stays."""
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        return
    if meeting.status == MeetingStatus.HELD.value:
        raise _fail(
            "meeting",
            "This meeting was held: it is part of the match's record and cannot be deleted. "
            "Correct its outcome instead.",
        )
    with database.atomic():
        if meeting.series_id:
            series = MeetingSeries.get_by_id(meeting.series_id)
            slot = (meeting.original_starts_at or meeting.starts_at).date().isoformat()
            series.exceptions = sorted(set(series.exceptions or []) | {slot})
            series.save()
        meeting.delete_instance()
