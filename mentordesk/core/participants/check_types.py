"""Check types: the built-in screening steps, the ones a programme adds, and how often each is renewed.

A programme can require any check it defines (a registry check, a driving record, insurance for
mentors who drive) beside the built-in ones, and give each check type a renewal cycle (an enhanced
DBS every three years). A check is due for renewal on its own expiry date when one was recorded,
otherwise on the day it was completed plus the cycle.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import NamedTuple

from mentordesk.core.participants.validation import Invalid, fold

# The built-in check kinds (core.vocab.CheckKind) and what people call them.
BUILTIN_CHECK_LABELS = {
    "application": "Application",
    "interview": "Interview",
    "reference": "Reference",
    "background_check": "Background check",
    "training": "Training",
    "code_of_conduct": "Code of conduct",
    "orientation": "Orientation",
}
DEFAULT_RENEWAL_MONTHS = {"background_check": 36}
RENEWAL_WINDOW_DAYS = 60  # renewals due this soon are chased on the dashboard
MAX_RENEWAL_MONTHS = 120
NAME_LENGTH = 60


@dataclass(frozen=True)
class CheckType:
    """A check the programme defines, and whom it is required of."""

    key: str  # what ScreeningCheck.kind holds, e.g. "driving_record"
    name: str  # "Driving record"
    mentors: bool = False
    mentees: bool = False
    drivers: bool = False  # required of anyone who drives participants, whatever their role
    renewal_months: int | None = None

    def required_of(self, role: str, drives: bool) -> bool:
        if self.drivers and drives:
            return True
        if role == "mentor":
            return self.mentors
        return self.mentees and role in ("mentee", "peer")

    def who(self) -> str:
        parts = [p for p, on in (("mentors", self.mentors), ("mentees", self.mentees)) if on]
        if self.drivers:
            parts.append("people who drive")
        return ", ".join(parts) or "nobody (recorded only)"


@dataclass(frozen=True)
class CheckTypes:
    """A programme's own check types and the renewal cycle of every type (months; absent: no renewal)."""

    custom: tuple[CheckType, ...] = ()
    renewal: tuple[tuple[str, int], ...] = tuple(DEFAULT_RENEWAL_MONTHS.items())

    def cycle(self, kind: str) -> int | None:
        return self._cycles.get(kind)

    @cached_property
    def _cycles(self) -> dict[str, int | None]:
        """Months between renewals by kind (asked once per check when thousands are judged)."""
        cycles: dict[str, int | None] = dict(self.renewal)
        for check_type in reversed(self.custom):  # the first of two types with one key wins, as before
            cycles[check_type.key] = check_type.renewal_months
        return cycles

    def label(self, kind: str) -> str:
        if kind in BUILTIN_CHECK_LABELS:
            return BUILTIN_CHECK_LABELS[kind]
        for check_type in self.custom:
            if check_type.key == kind:
                return check_type.name
        return kind.replace("_", " ").capitalize()

    def labels(self) -> dict[str, str]:
        """Every kind a check can be recorded as, built-in first."""
        return {**BUILTIN_CHECK_LABELS, **{c.key: c.name for c in self.custom}}

    def with_cycle(self, kind: str, months: int | None) -> CheckTypes:
        if months is not None and not 1 <= months <= MAX_RENEWAL_MONTHS:
            raise Invalid(f"Renewal cycle: give 1 to {MAX_RENEWAL_MONTHS} months, or none.")
        if any(c.key == kind for c in self.custom):
            custom = tuple(replace(c, renewal_months=months) if c.key == kind else c for c in self.custom)
            return replace(self, custom=custom)
        if kind not in BUILTIN_CHECK_LABELS:
            raise Invalid(f"No check type {kind!r}: choose one of {', '.join(self.labels().values())}.")
        renewal = {k: v for k, v in self.renewal if k != kind}
        if months is not None:
            renewal[kind] = months
        return replace(self, renewal=tuple(sorted(renewal.items())))

    def with_added(self, check_type: CheckType) -> CheckTypes:
        problems = check_type_problems(check_type.name, check_type.renewal_months, self)
        if problems:
            raise Invalid(" ".join(problems.values()))
        key = check_type_key(check_type.name)
        return replace(self, custom=(*self.custom, replace(check_type, key=key, name=check_type.name.strip())))

    def without(self, key: str) -> CheckTypes:
        return replace(self, custom=tuple(c for c in self.custom if c.key != key))

    @classmethod
    def from_settings(cls, values: dict | None) -> CheckTypes:
        if not values:
            return cls()
        custom = []
        for item in values.get("custom", []):
            try:
                months = item.get("renewal_months")
                custom.append(
                    CheckType(
                        str(item["key"]),
                        str(item["name"]),
                        bool(item.get("mentors")),
                        bool(item.get("mentees")),
                        bool(item.get("drivers")),
                        int(months) if months else None,
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue  # a damaged entry is skipped, never fatal
        renewal = values.get("renewal_months")
        cycles = (
            tuple(sorted((str(k), int(v)) for k, v in renewal.items() if v))
            if isinstance(renewal, dict)
            else tuple(DEFAULT_RENEWAL_MONTHS.items())
        )
        return cls(tuple(custom), cycles)

    def to_settings(self) -> dict:
        return {
            "custom": [
                {
                    "key": c.key,
                    "name": c.name,
                    "mentors": c.mentors,
                    "mentees": c.mentees,
                    "drivers": c.drivers,
                    "renewal_months": c.renewal_months,
                }
                for c in self.custom
            ],
            "renewal_months": dict(self.renewal),
        }


def check_type_key(name: str) -> str:
    """The stored key of a check type named ``name``: "Driving record" -> "driving_record"."""
    key = re.sub(r"[^0-9a-z]+", "_", fold(name)).strip("_")[:40]
    if key or not name.strip():
        return key
    # A name in another script (Ελέγχος, 運転記録): a stable key of its own.
    return "check_" + hashlib.sha256(fold(name).encode()).hexdigest()[:10]


def check_type_problems(name: str, renewal_months: int | None, existing: CheckTypes) -> dict[str, str]:
    """What is wrong with a new check type, by field; empty when it can be added."""
    problems: dict[str, str] = {}
    name = name.strip()
    key = check_type_key(name)
    if not name:
        problems["name"] = "Name: give the check a name (e.g. Driving record)."
    elif len(name) > NAME_LENGTH:
        problems["name"] = f"Name: keep it to {NAME_LENGTH} characters."
    elif key in existing.labels() or fold(name) in {fold(v) for v in existing.labels().values()}:
        problems["name"] = f"Name: there is already a check type called {existing.label(key)}; pick another name."
    if renewal_months is not None and not 1 <= renewal_months <= MAX_RENEWAL_MONTHS:
        problems["renewal_months"] = f"Renewal cycle: give 1 to {MAX_RENEWAL_MONTHS} months, or none."
    return problems


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def renewal_due(completed_on: date | None, expires_on: date | None, cycle_months: int | None) -> date | None:
    """When a passed check must be renewed: its expiry if recorded, else completion plus the cycle."""
    if expires_on is not None:
        return expires_on
    if completed_on is not None and cycle_months:
        return add_months(completed_on, cycle_months)
    return None


class Renewal(NamedTuple):
    """A check to renew: the latest passed check of its kind for one person."""

    participant_id: int
    kind: str
    due_on: date
    completed_on: date | None = None

    def days_left(self, on: date) -> int:
        return (self.due_on - on).days


def renewals_due(
    checks: list[tuple[int, str, date | None, date | None]],
    types: CheckTypes,
    on: date,
    within_days: int = RENEWAL_WINDOW_DAYS,
) -> list[Renewal]:
    """From passed checks (person, kind, completed on, expires on): the renewals due within
    ``within_days`` of ``on``, lapsed ones included, soonest first. Only each person's latest check of a
    kind counts (a renewed DBS replaces the old one)."""
    latest: dict[tuple[int, str], tuple[date, date | None]] = {}
    for pid, kind, completed_on, expires_on in checks:
        due = renewal_due(completed_on, expires_on, types.cycle(kind))
        if due is None:
            # A check that never lapses makes the person's older checks of that kind irrelevant.
            latest[(pid, kind)] = (date.max, completed_on)
            continue
        key = (pid, kind)
        if key not in latest or due > latest[key][0]:
            latest[key] = (due, completed_on)
    limit = on.toordinal() + within_days
    found = [
        Renewal(pid, kind, due, completed_on)
        for (pid, kind), (due, completed_on) in latest.items()
        if due != date.max and due.toordinal() <= limit
    ]
    return sorted(found, key=lambda r: (r.due_on, r.participant_id, r.kind))
