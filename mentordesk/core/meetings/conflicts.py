"""Scheduling conflicts and the next free common slots, from plain calendars of the people who meet.

Everything is local wall-clock time. A person with no weekly availability on
record is treated as "unknown", never as "never free": they raise no
availability warning and do not narrow the suggested slots.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from mentordesk.core.meetings.recurrence import DateSpan

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class ConflictKind(StrEnum):
    DOUBLE_BOOKED = "double_booked"
    OUTSIDE_AVAILABILITY = "outside_availability"
    AWAY = "away"
    TERM_BREAK = "term_break"


@dataclass(frozen=True)
class WeeklyWindow:
    """Free every week on ``weekday`` (0 = Monday) from ``start_minute`` to ``end_minute`` (exclusive)."""

    weekday: int
    start_minute: int
    end_minute: int

    def covers(self, start: datetime, end: datetime) -> bool:
        if start.weekday() != self.weekday:
            return False
        if end.date() == start.date():
            end_minute = _minute(end)
        elif end == datetime.combine(start.date() + timedelta(days=1), time.min):
            end_minute = 24 * 60  # ends exactly at midnight
        else:
            return False  # runs into the next day: one weekly window cannot cover it
        return self.start_minute <= _minute(start) and end_minute <= self.end_minute

    def text(self) -> str:
        return f"{WEEKDAY_NAMES[self.weekday]} {_hhmm(self.start_minute)}-{_hhmm(self.end_minute)}"


@dataclass(frozen=True)
class Booking:
    start: datetime
    end: datetime
    meeting_id: int
    label: str = ""


@dataclass
class PersonCalendar:
    participant_id: int
    name: str
    availability: Sequence[WeeklyWindow] = ()
    away: Sequence[DateSpan] = ()
    bookings: Sequence[Booking] = field(default_factory=list)


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    when: datetime
    message: str
    participant_id: int | None = None
    meeting_id: int | None = None  # the other meeting, for a double booking


def _minute(value: datetime) -> int:
    return value.hour * 60 + value.minute


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def available(person: PersonCalendar, start: datetime, end: datetime) -> bool | None:
    """True/False against the person's weekly windows; None when they have none on record."""
    if not person.availability:
        return None
    return any(w.covers(start, end) for w in person.availability)


def conflicts_at(
    start: datetime,
    end: datetime,
    people: Sequence[PersonCalendar],
    term_breaks: Sequence[DateSpan] = (),
    ignore_meeting_ids: frozenset[int] = frozenset(),
) -> list[Conflict]:
    """Everything wrong with meeting from ``start`` to ``end``, one line per person and problem."""
    found: list[Conflict] = []
    for span in term_breaks:
        if start.date() in span:
            label = span.label or "a term break"
            found.append(Conflict(ConflictKind.TERM_BREAK, start, f"{start:%a %d %b} is in {label}."))
    for person in people:
        for booking in person.bookings:
            if booking.meeting_id in ignore_meeting_ids:
                continue
            if _overlaps(start, end, booking.start, booking.end):
                other = f" ({booking.label})" if booking.label else ""
                found.append(
                    Conflict(
                        ConflictKind.DOUBLE_BOOKED,
                        start,
                        f"{person.name} is already booked {booking.start:%a %d %b %H:%M}-"
                        f"{booking.end:%H:%M}{other}.",
                        person.participant_id,
                        booking.meeting_id,
                    )
                )
        for span in person.away:
            if start.date() in span:
                why = f" ({span.label})" if span.label else ""
                found.append(
                    Conflict(
                        ConflictKind.AWAY,
                        start,
                        f"{person.name} is away {span.first:%d %b}-{span.last:%d %b}{why}.",
                        person.participant_id,
                    )
                )
        if available(person, start, end) is False:
            windows = ", ".join(w.text() for w in sorted(person.availability, key=_window_key))
            found.append(
                Conflict(
                    ConflictKind.OUTSIDE_AVAILABILITY,
                    start,
                    f"{start:%a %H:%M}-{end:%H:%M} is outside {person.name}'s availability ({windows}).",
                    person.participant_id,
                )
            )
    return found


def _window_key(window: WeeklyWindow) -> tuple[int, int]:
    return (window.weekday, window.start_minute)


def common_windows(people: Sequence[PersonCalendar]) -> dict[int, list[tuple[int, int]]]:
    """Per weekday, the minute ranges when everyone with recorded availability is free.

    When nobody has availability on record the result is empty: no suggestion is better than a
    made-up one.
    """
    known = [p for p in people if p.availability]
    if not known:
        return {}
    result: dict[int, list[tuple[int, int]]] = {}
    for weekday in range(7):
        ranges: list[tuple[int, int]] | None = None
        for person in known:
            mine = sorted((w.start_minute, w.end_minute) for w in person.availability if w.weekday == weekday)
            ranges = mine if ranges is None else _intersect(ranges, mine)
            if not ranges:
                break
        if ranges:
            result[weekday] = ranges
    return result


def _intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a_start, a_end in a:
        for b_start, b_end in b:
            lo, hi = max(a_start, b_start), min(a_end, b_end)
            if lo < hi:
                out.append((lo, hi))
    return sorted(out)


def _round_up(value: datetime, step: int) -> datetime:
    minute = _minute(value)
    extra = (-minute) % step
    rounded = value.replace(second=0, microsecond=0) + timedelta(minutes=extra)
    if value.second or value.microsecond:
        rounded += timedelta(minutes=step if extra == 0 else 0)
    return rounded


def suggest_slots(
    people: Sequence[PersonCalendar],
    duration_minutes: int,
    after: datetime,
    *,
    days: int = 42,
    limit: int = 5,
    step_minutes: int = 15,
    term_breaks: Sequence[DateSpan] = (),
) -> list[datetime]:
    """The next free starts when everyone is available, not away, not booked, and not in a term break.

    At most one suggestion per availability window and day, so the list offers real choices
    rather than 16:00, 16:15, 16:30 on the same afternoon.
    """
    windows = common_windows(people)
    if not windows or duration_minutes <= 0:
        return []
    bookings = [b for p in people for b in p.bookings]
    aways = [span for p in people for span in p.away]
    found: list[datetime] = []
    first_day = after.date()
    for offset in range(days):
        day: date = first_day + timedelta(days=offset)
        if any(day in span for span in aways) or any(day in span for span in term_breaks):
            continue
        for lo, hi in windows.get(day.weekday(), []):
            start = datetime.combine(day, time.min) + timedelta(minutes=lo)
            if start < after:
                start = _round_up(after, step_minutes)
            while _minute(start) + duration_minutes <= hi and start.date() == day:
                end = start + timedelta(minutes=duration_minutes)
                clash = next((b for b in bookings if _overlaps(start, end, b.start, b.end)), None)
                if clash is None:
                    found.append(start)
                    break
                # Jump past the clashing meeting, on the step grid.
                start = max(start + timedelta(minutes=step_minutes), _round_up(clash.end, step_minutes))
            if len(found) >= limit:
                return found
    return found
