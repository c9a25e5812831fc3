"""Cadence rules: how often a match should meet and the coordinator should check in, and who is overdue.

The defaults follow common youth-mentoring practice: mentor and mentee meet at
least every 14 days; the coordinator checks in within two weeks of the start,
twice in the first month, monthly for the rest of the first year and quarterly
after. Each programme may change them (stored in ``Programme.settings``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

MONTH_ONE_DAYS = 30
YEAR_ONE_DAYS = 365


@dataclass(frozen=True)
class CadenceRules:
    meet_every_days: int = 14
    first_checkin_days: int = 14
    month_one_checkins: int = 2
    checkin_every_days: int = 30  # after month one, through the first year
    later_checkin_every_days: int = 90  # after the first year

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None, **fallback: int) -> CadenceRules:
        """Rules from stored settings; unknown keys are ignored, bad values fall back to the defaults."""
        base = replace(cls(), **fallback) if fallback else cls()
        if not data:
            return base
        values: dict[str, int] = {}
        for f in fields(cls):
            raw = data.get(f.name)
            if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
                values[f.name] = raw
        candidate = replace(base, **values)
        return candidate if not check_rules(candidate) else base

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


LIMITS: dict[str, tuple[int, int, str]] = {
    "meet_every_days": (1, 365, "Meet at least every"),
    "first_checkin_days": (1, 90, "First check-in within"),
    "month_one_checkins": (1, 8, "Check-ins in month one"),
    "checkin_every_days": (1, 365, "Check in every"),
    "later_checkin_every_days": (1, 730, "After the first year, check in every"),
}


def check_rules(rules: CadenceRules) -> list[str]:
    """Each value within its range; messages name the setting and the allowed range."""
    problems = []
    for name, (low, high, caption) in LIMITS.items():
        value = getattr(rules, name)
        if not low <= value <= high:
            problems.append(f"{caption}: {value} is out of range; use {low} to {high}.")
    return problems


class OverdueKind(StrEnum):
    MEETING = "meeting"
    CHECKIN = "checkin"
    OUTCOME = "outcome"
    FOLLOW_UP = "follow_up"  # raised by the contact log (one per entry), not by ``overdue``


class MatchActivity(NamedTuple):
    """What the overdue check needs to know about one active match (plain facts, loaded in bulk)."""

    match_id: int
    started_on: date
    last_meeting_on: date | None = None  # the last meeting actually held
    checkins: int = 0  # coordinator check-ins since the start
    last_checkin_on: date | None = None
    unrecorded: int = 0  # planned meetings already past, with no outcome recorded
    oldest_unrecorded_on: date | None = None


class Overdue(NamedTuple):
    match_id: int
    kind: OverdueKind
    due_on: date
    days_overdue: int
    problem: str


def next_meeting_due(activity: MatchActivity, rules: CadenceRules) -> date:
    since = activity.last_meeting_on or activity.started_on
    return since + timedelta(days=rules.meet_every_days)


def next_checkin_due(activity: MatchActivity, rules: CadenceRules) -> date:
    number = activity.checkins + 1  # the check-in we are waiting for
    if number == 1:
        return activity.started_on + timedelta(days=rules.first_checkin_days)
    if number <= rules.month_one_checkins:
        return activity.started_on + timedelta(days=MONTH_ONE_DAYS)
    last = activity.last_checkin_on or activity.started_on
    in_year_one = last < activity.started_on + timedelta(days=YEAR_ONE_DAYS)
    interval = rules.checkin_every_days if in_year_one else rules.later_checkin_every_days
    return last + timedelta(days=interval)


def _checkin_problem(activity: MatchActivity, rules: CadenceRules) -> str:
    number = activity.checkins + 1
    if number == 1:
        return f"No coordinator check-in yet (due within {rules.first_checkin_days} days of the start)"
    if number <= rules.month_one_checkins:
        return f"Only {activity.checkins} of {rules.month_one_checkins} check-ins in the first month"
    return "Coordinator check-in due"


def overdue(activity: MatchActivity, rules: CadenceRules, today: date) -> list[Overdue]:
    """The match's overdue items, each with how many days overdue (0 or less is not overdue)."""
    items: list[Overdue] = []
    due = next_meeting_due(activity, rules)
    late = (today - due).days
    if late > 0:
        if activity.last_meeting_on is None:
            text = f"No meeting held since the start (expected every {rules.meet_every_days} days)"
        else:
            gap = (today - activity.last_meeting_on).days
            text = f"No meeting held for {gap} days (expected every {rules.meet_every_days})"
        items.append(Overdue(activity.match_id, OverdueKind.MEETING, due, late, text))
    due = next_checkin_due(activity, rules)
    late = (today - due).days
    if late > 0:
        items.append(
            Overdue(activity.match_id, OverdueKind.CHECKIN, due, late, _checkin_problem(activity, rules))
        )
    if activity.unrecorded and activity.oldest_unrecorded_on is not None:
        late = (today - activity.oldest_unrecorded_on).days
        if late > 0:
            noun = "meeting has" if activity.unrecorded == 1 else "meetings have"
            items.append(
                Overdue(
                    activity.match_id,
                    OverdueKind.OUTCOME,
                    activity.oldest_unrecorded_on,
                    late,
                    f"{activity.unrecorded} past {noun} no outcome recorded",
                )
            )
    return items
