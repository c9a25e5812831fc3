"""Which surveys are due, for whom, from the schedules.

A schedule turns into due dates per person: ``days_after_start`` N (the match's start + N),
``every_days`` N (start + N, + 2N, ... while the match is open, until it closed), ``at_closure``
(the day it closed), ``programme_start`` / ``programme_end`` (the programme's dates; for everyone
enrolled, not tied to a match; someone who joined after the programme started is asked the start
survey on the day they joined, not months before they were there). The due dates of one template for one person (and match) are
sorted; a response answers the due date whose window it falls in: from ``LEAD_DAYS`` (or half the
gap to the previous date, when shorter) before it up to the next date's window. Only the latest due
date on or before today is reported when it is unanswered; it is *overdue* ``GRACE_DAYS`` after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

LEAD_DAYS = 30
GRACE_DAYS = 14
MATCH_WHENS = ("days_after_start", "every_days", "at_closure")


@dataclass(frozen=True)
class Schedule:
    template_id: int
    audience: str  # mentor, mentee, both
    when: str
    days: int = 0


@dataclass(frozen=True)
class MatchFacts:
    match_id: int
    started_on: date | None
    closed_on: date | None
    members: tuple[tuple[int, str], ...]  # (participant id, role)


@dataclass(frozen=True)
class Due:
    template_id: int
    participant_id: int
    match_id: int | None
    due_on: date
    overdue: bool


@dataclass
class Answered:
    """When each person answered each template: (template, participant) -> [(match id, date)]."""

    dates: dict[tuple[int, int], list[tuple[int | None, date]]] = field(default_factory=dict)

    def add(self, template_id: int, participant_id: int, match_id: int | None, answered_on: date) -> None:
        self.dates.setdefault((template_id, participant_id), []).append((match_id, answered_on))

    def days(self, template_id: int, participant_id: int, match_id: int | None) -> list[date]:
        found = self.dates.get((template_id, participant_id), [])
        return [d for m, d in found if match_id is None or m == match_id]


def takes_part(audience: str, role: str) -> bool:
    return audience == "both" or role == audience or role == "peer"


def match_due_dates(schedule: Schedule, match: MatchFacts, today: date) -> list[date]:
    start = match.started_on
    if start is None:
        return []
    if schedule.when == "days_after_start":
        return [start + timedelta(days=schedule.days)]
    if schedule.when == "at_closure":
        return [match.closed_on] if match.closed_on else []
    if schedule.when == "every_days" and schedule.days > 0:
        last = min(today, match.closed_on) if match.closed_on else today
        out, day = [], start + timedelta(days=schedule.days)
        while day <= last:
            out.append(day)
            day += timedelta(days=schedule.days)
        return out
    return []


def _windows(dates: list[date]) -> list[tuple[date, date | None]]:
    starts = []
    for i, day in enumerate(dates):
        lead = LEAD_DAYS if i == 0 else min(LEAD_DAYS, (day - dates[i - 1]).days // 2)
        starts.append(day - timedelta(days=lead))
    return [(starts[i], starts[i + 1] if i + 1 < len(starts) else None) for i in range(len(starts))]


def latest_unanswered(dates: list[date], answered: list[date], today: date) -> date | None:
    """The latest due date on or before today, when no answer falls in its window."""
    dates = sorted(set(dates))
    windows = _windows(dates)
    past = [i for i, day in enumerate(dates) if day <= today]
    if not past:
        return None
    i = past[-1]
    low, high = windows[i]
    if any(low <= a and (high is None or a < high) for a in answered):
        return None
    return dates[i]


def due_surveys(
    schedules: Iterable[Schedule],
    matches: Iterable[MatchFacts],
    enrolled: Iterable[tuple[int, str] | tuple[int, str, date | None]],
    programme_dates: tuple[date | None, date | None],
    answered: Answered,
    today: date,
) -> list[Due]:
    matches = list(matches)
    enrolled = list(enrolled)
    by_key: dict[tuple[int, int, int | None], list[date]] = {}
    for schedule in schedules:
        if schedule.when in MATCH_WHENS:
            for match in matches:
                days = match_due_dates(schedule, match, today)
                for person, role in match.members:
                    if days and takes_part(schedule.audience, role):
                        by_key.setdefault((schedule.template_id, person, match.match_id), []).extend(days)
            continue
        start = schedule.when == "programme_start"
        day = programme_dates[0] if start else programme_dates[1]
        if day is None:
            continue
        for person, role, *joined in enrolled:  # (person, role[, the day they enrolled])
            if takes_part(schedule.audience, role):
                on = max(day, joined[0]) if start and joined and joined[0] is not None else day
                by_key.setdefault((schedule.template_id, person, None), []).append(on)
    out = []
    for (template_id, person, match_id), days in by_key.items():
        due_on = latest_unanswered(days, answered.days(template_id, person, match_id), today)
        if due_on is not None:
            overdue = (today - due_on).days > GRACE_DAYS
            out.append(Due(template_id, person, match_id, due_on, overdue))
    return sorted(out, key=lambda d: (d.due_on, d.template_id, d.participant_id))
