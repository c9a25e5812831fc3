"""Recurring meetings: iCalendar RRULE text, expanded with dateutil, anchored at a local wall-clock time.

Times are naive *local* wall-clock times in the programme's time zone. dateutil
steps naive datetimes by calendar fields, so a weekly 16:00 meeting stays at
16:00 local across a daylight-saving change; the zone is attached only when a
time is turned into an instant (``to_aware``) or written to a .ics file.

"N times" means N meetings that take place: dates skipped for a term break or an
away date do not count. The stored rule keeps iCalendar semantics (COUNT counts
every generated date, EXDATEs included) by counting the skipped dates in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

# A guard against a rule that would fill the calendar for decades (about ten years of weekly meetings).
MAX_OCCURRENCES = 520
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_NTH_WEEKDAY = "monthly_nth_weekday"


@dataclass(frozen=True)
class Recurrence:
    """What the coordinator chose: how often, and until a date or for N meetings."""

    repeat: Repeat
    until: date | None = None
    count: int | None = None
    nth: int | None = None  # monthly: 1-4, or -1 for "last"; None takes it from the first date


class DateSpan(NamedTuple):
    """Whole days, both ends included: a term break or someone's away period."""

    first: date
    last: date
    label: str = ""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


class Skipped(NamedTuple):
    day: date
    reason: str


@dataclass
class SeriesPlan:
    """The rule to store, the meetings to create and the dates left out (with why)."""

    rule: str
    starts_at: datetime  # the first generated date (it may itself be skipped)
    meetings: list[datetime] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def nth_weekday_of(day: date) -> int:
    """Which weekday of its month ``day`` is: 1-4, or -1 for a fifth (i.e. the last)."""
    n = (day.day - 1) // 7 + 1
    return -1 if n > 4 else n


def ordinal_words(nth: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}.get(nth, f"{nth}th")


def _until_text(day: date) -> str:
    # The last second of the local day: a meeting on the UNTIL date itself is included.
    return datetime.combine(day, time(23, 59, 59)).strftime("%Y%m%dT%H%M%S")


def rule_text(recurrence: Recurrence, start: datetime, *, count: int | None = None) -> str:
    """The RRULE (without DTSTART) for ``recurrence`` beginning at ``start``.

    ``count`` overrides the recurrence's own count (used when skipped dates are counted in).
    """
    weekday = WEEKDAY_CODES[start.weekday()]
    if recurrence.repeat == Repeat.WEEKLY:
        parts = ["FREQ=WEEKLY", f"BYDAY={weekday}"]
    elif recurrence.repeat == Repeat.FORTNIGHTLY:
        parts = ["FREQ=WEEKLY", "INTERVAL=2", f"BYDAY={weekday}"]
    elif recurrence.repeat == Repeat.MONTHLY_NTH_WEEKDAY:
        nth = recurrence.nth or nth_weekday_of(start.date())
        parts = ["FREQ=MONTHLY", f"BYDAY={nth}{weekday}"]
    else:
        raise ValueError("a meeting that does not repeat has no rule")
    total = count if count is not None else recurrence.count
    if total is not None:
        parts.append(f"COUNT={total}")
    elif recurrence.until is not None:
        parts.append(f"UNTIL={_until_text(recurrence.until)}")
    return ";".join(parts)


def parse_rule(rule: str) -> dict[str, str]:
    """``"FREQ=WEEKLY;COUNT=3"`` -> ``{"FREQ": "WEEKLY", "COUNT": "3"}`` (an optional RRULE: prefix is dropped)."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for chunk in text.split(";"):
        if "=" in chunk:
            key, value = chunk.split("=", 1)
            parts[key.strip().upper()] = value.strip()
    return parts


def format_rule(parts: dict[str, str]) -> str:
    order = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"]
    keys = [k for k in order if k in parts] + sorted(k for k in parts if k not in order)
    return ";".join(f"{k}={parts[k]}" for k in keys)


def expand(rule: str, start: datetime, limit: int = MAX_OCCURRENCES + 1) -> list[datetime]:
    """Every date the rule generates from ``start`` (naive local), at most ``limit`` of them."""
    out: list[datetime] = []
    for when in rrulestr(rule, dtstart=start):
        out.append(when)
        if len(out) >= limit:
            break
    return out


def recurrence_of(rule: str, start: datetime) -> Recurrence:
    """The dialog's view of a stored rule (the inverse of ``rule_text`` for the rules we write)."""
    parts = parse_rule(rule)
    freq = parts.get("FREQ", "")
    interval = int(parts.get("INTERVAL", "1"))
    nth: int | None = None
    if freq == "MONTHLY":
        repeat = Repeat.MONTHLY_NTH_WEEKDAY
        byday = parts.get("BYDAY", "")
        digits = byday[:-2]
        nth = int(digits) if digits.lstrip("-").isdigit() else nth_weekday_of(start.date())
    elif freq == "WEEKLY" and interval == 2:
        repeat = Repeat.FORTNIGHTLY
    elif freq == "WEEKLY":
        repeat = Repeat.WEEKLY
    else:
        raise ValueError(f"unsupported rule {rule!r}")
    until: date | None = None
    if "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    return Recurrence(repeat, until=until, count=count, nth=nth)


def _skip_reason(day: date, blackouts: Sequence[DateSpan]) -> str | None:
    for span in blackouts:
        if day in span:
            return span.label or "skipped"
    return None


def plan_series(
    start: datetime,
    recurrence: Recurrence,
    blackouts: Sequence[DateSpan] = (),
    extra_exceptions: Iterable[date] = (),
) -> SeriesPlan:
    """Expand a recurrence, leaving out dates in ``blackouts`` (term breaks, away dates).

    The caller validates the recurrence first (``validation.check_recurrence``);
    a rule with neither end is refused here too, never expanded without limit.
    """
    if recurrence.until is None and recurrence.count is None:
        raise ValueError("a repeating meeting needs an end date or a number of meetings")
    extra = set(extra_exceptions)
    spans = list(blackouts)
    if recurrence.count is not None:
        # Generate until N meetings survive the skips; COUNT then covers the skipped dates too.
        open_rule = rule_text(recurrence, start, count=MAX_OCCURRENCES)
        meetings: list[datetime] = []
        skipped: list[Skipped] = []
        generated = 0
        for when in expand(open_rule, start, limit=MAX_OCCURRENCES):
            generated += 1
            reason = "cancelled" if when.date() in extra else _skip_reason(when.date(), spans)
            if reason is None:
                meetings.append(when)
            else:
                skipped.append(Skipped(when.date(), reason))
            if len(meetings) >= recurrence.count:
                break
        rule = rule_text(recurrence, start, count=generated)
        return SeriesPlan(rule, start, meetings, skipped)
    rule = rule_text(recurrence, start)
    plan = SeriesPlan(rule, start)
    for when in expand(rule, start):
        reason = "cancelled" if when.date() in extra else _skip_reason(when.date(), spans)
        if reason is None:
            plan.meetings.append(when)
        else:
            plan.skipped.append(Skipped(when.date(), reason))
    return plan


def truncate_rule(rule: str, before: datetime) -> str:
    """The same rule, ending just before ``before`` (local): used when a series is split in two."""
    parts = parse_rule(rule)
    parts.pop("COUNT", None)
    parts["UNTIL"] = (before - timedelta(seconds=1)).strftime("%Y%m%dT%H%M%S")
    return format_rule(parts)


def describe(recurrence: Recurrence, start: datetime) -> str:
    """Plain words for a recurrence, e.g. "Every other Tuesday, 6 times"."""
    day_name = start.strftime("%A")
    if recurrence.repeat == Repeat.WEEKLY:
        text = f"Every {day_name}"
    elif recurrence.repeat == Repeat.FORTNIGHTLY:
        text = f"Every other {day_name}"
    elif recurrence.repeat == Repeat.MONTHLY_NTH_WEEKDAY:
        nth = recurrence.nth or nth_weekday_of(start.date())
        text = f"The {ordinal_words(nth)} {day_name} of each month"
    else:
        return "Does not repeat"
    if recurrence.count is not None:
        return f"{text}, {recurrence.count} times"
    if recurrence.until is not None:
        return f"{text}, until {recurrence.until.isoformat()}"
    return text


# -- time zones ---------------------------------------------------------------------------------


def to_aware(local: datetime, zone: str) -> datetime:
    """A local wall-clock time as an instant in ``zone`` (the earlier of two in an autumn overlap)."""
    return local.replace(tzinfo=ZoneInfo(zone), fold=0)


def local_time_exists(local: datetime, zone: str) -> bool:
    """False for a wall-clock time skipped when the clocks go forward (e.g. 01:30 in London in March)."""
    aware = to_aware(local, zone)
    from datetime import UTC

    back = aware.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return back == local


def utc_offset_minutes(local: datetime, zone: str) -> int:
    offset = to_aware(local, zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0
