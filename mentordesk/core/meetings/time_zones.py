"""A time zone's daylight-saving changes as yearly rules, for the VTIMEZONE block of a .ics file.

Calendar apps differ in how much of VTIMEZONE they read: Outlook uses the first
STANDARD and DAYLIGHT parts, so a zone written as one rule each ("last Sunday of
March at 01:00") works everywhere, while a list of dates may not. ``yearly_rules``
finds such rules from zoneinfo for the years a calendar covers, and returns None
when the zone changed its rules in between (the caller then lists the dates).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from mentordesk.core.meetings.recurrence import WEEKDAY_CODES


@dataclass(frozen=True)
class ZonePart:
    """One STANDARD or DAYLIGHT part: from ``local_start`` on, every year by ``rule`` (None: no change)."""

    daylight: bool
    name: str
    offset_from: timedelta
    offset_to: timedelta
    local_start: datetime  # wall-clock time in the *old* offset, as iCalendar wants
    rule: str | None


@dataclass(frozen=True)
class _Change:
    instant: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    daylight: bool
    name: str


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    return instant.astimezone(zone).utcoffset() or timedelta(0)


def changes_in(zone: ZoneInfo, year: int) -> list[_Change]:
    """The offset changes in ``year``, to the second (a day-by-day scan, then bisection)."""
    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while day < end:
        nxt = day + timedelta(days=1)
        if _offset(zone, day) != _offset(zone, nxt):
            lo, hi = day, nxt
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if _offset(zone, mid) == _offset(zone, lo):
                    lo = mid
                else:
                    hi = mid
            after = hi.astimezone(zone)
            found.append(
                _Change(
                    hi.replace(microsecond=0),
                    _offset(zone, lo),
                    _offset(zone, hi),
                    bool(after.dst()),
                    after.tzname() or "",
                )
            )
        day = nxt
    return found


def _rule_for(local: datetime) -> str:
    days_in_month = calendar.monthrange(local.year, local.month)[1]
    nth = -1 if local.day + 7 > days_in_month else (local.day - 1) // 7 + 1
    return f"FREQ=YEARLY;BYMONTH={local.month};BYDAY={nth}{WEEKDAY_CODES[local.weekday()]}"


def _predicts(rule: str, local: datetime) -> bool:
    return _rule_for(local) == rule


def yearly_rules(zone_name: str, first_year: int, last_year: int) -> list[ZonePart] | None:
    """The zone as yearly rules valid for every year from ``first_year`` to ``last_year``.

    A zone without daylight saving gives a single STANDARD part with no rule.
    """
    zone = ZoneInfo(zone_name)
    changes = changes_in(zone, first_year)
    if not changes:
        # Check the offset stays put in the later years too.
        if any(changes_in(zone, year) for year in range(first_year + 1, last_year + 1)):
            return None
        instant = datetime(first_year, 1, 1, tzinfo=UTC)
        offset = _offset(zone, instant)
        name = instant.astimezone(zone).tzname() or zone_name
        return [ZonePart(False, name, offset, offset, datetime(1970, 1, 1), None)]
    if len(changes) != 2:
        return None
    parts = []
    for change in changes:
        local = (change.instant + change.offset_from).replace(tzinfo=None)
        parts.append(
            ZonePart(
                change.daylight, change.name, change.offset_from, change.offset_to, local, _rule_for(local)
            )
        )
    for year in range(first_year + 1, last_year + 1):
        later = changes_in(zone, year)
        if len(later) != 2:
            return None
        for part, change in zip(parts, later, strict=True):
            local = (change.instant + change.offset_from).replace(tzinfo=None)
            same_clock = local.time() == part.local_start.time()
            if part.rule is None or not _predicts(part.rule, local) or not same_clock:
                return None
            if (change.offset_from, change.offset_to) != (part.offset_from, part.offset_to):
                return None
    return parts
