"""Checks on a meeting the coordinator is about to schedule: each problem names its field and the fix."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from mentordesk.core.meetings.recurrence import (
    MAX_OCCURRENCES,
    Recurrence,
    Repeat,
    expand,
    local_time_exists,
    rule_text,
)

MAX_MINUTES = 24 * 60  # a "meeting" of a day or more is a typing mistake (usually the wrong end date)


class Problem(NamedTuple):
    field: str  # "start", "end", "recurrence", "until", "count", "match", ...
    message: str


class MeetingInputError(ValueError):
    """Bad input: nothing was written. ``problems`` says which field and what to do."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems

    def fields(self) -> set[str]:
        return {p.field for p in self.problems}


def _clock(value: datetime) -> str:
    return value.strftime("%H:%M")


def check_times(start: datetime, end: datetime) -> list[Problem]:
    """An end before the start, a 0-minute meeting, a meeting of 24 hours or more."""
    minutes = (end - start).total_seconds() / 60
    if minutes < 0:
        return [
            Problem(
                "end",
                f"The meeting ends ({end:%d %b} {_clock(end)}) before it starts "
                f"({start:%d %b} {_clock(start)}): set an end time after the start.",
            )
        ]
    if minutes == 0:
        return [Problem("end", "The meeting lasts 0 minutes: set an end time after the start.")]
    if minutes >= MAX_MINUTES:
        hours = int(minutes // 60)
        return [
            Problem(
                "end",
                f"The meeting would last {hours} hours: a meeting must be shorter than 24 hours. "
                "Check the end date and time.",
            )
        ]
    return []


def check_recurrence(recurrence: Recurrence, start: datetime) -> list[Problem]:
    """A repeating meeting needs an end (a date or a count) after its start, and not too many dates."""
    if recurrence.repeat == Repeat.NONE:
        return []
    if recurrence.until is None and recurrence.count is None:
        return [
            Problem(
                "until",
                "A repeating meeting needs an end: choose an end date or a number of meetings.",
            )
        ]
    if recurrence.until is not None and recurrence.count is not None:
        return [Problem("until", "Choose either an end date or a number of meetings, not both.")]
    if recurrence.count is not None:
        if recurrence.count < 1:
            return [Problem("count", "The number of meetings must be at least 1.")]
        if recurrence.count > MAX_OCCURRENCES:
            return [Problem("count", f"At most {MAX_OCCURRENCES} meetings can be scheduled in one series.")]
    if recurrence.until is not None:
        if recurrence.until < start.date():
            return [
                Problem(
                    "until",
                    f"The series ends ({recurrence.until:%d %b %Y}) before its first meeting "
                    f"({start:%d %b %Y}): choose a later end date.",
                )
            ]
        if len(expand(rule_text(recurrence, start), start, limit=MAX_OCCURRENCES + 1)) > MAX_OCCURRENCES:
            return [
                Problem(
                    "until",
                    f"That end date gives more than {MAX_OCCURRENCES} meetings: choose an earlier one.",
                )
            ]
    if recurrence.repeat == Repeat.MONTHLY_NTH_WEEKDAY and recurrence.nth not in (None, 1, 2, 3, 4, -1):
        return [Problem("recurrence", "Monthly meetings fall on the 1st-4th or the last weekday.")]
    return []


def check_local_times(times: list[datetime], zone: str) -> list[Problem]:
    """Wall-clock times that do not exist on their date (skipped when the clocks go forward)."""
    missing = [t for t in times if not local_time_exists(t, zone)]
    if not missing:
        return []
    first = missing[0]
    return [
        Problem(
            "start",
            f"{first:%d %b %Y} {_clock(first)} does not exist in {zone}: the clocks go forward that "
            "night. Choose another time.",
        )
    ]
