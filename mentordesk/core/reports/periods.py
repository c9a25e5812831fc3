"""The periods a coordinator picks a report for: this term, this school year, or dates of their own.

A school year runs from 1 September to 31 August. Its terms: autumn 1 September - 31 December, spring
1 January - 31 March, summer 1 April - 31 August (the UK's three terms, with their holidays inside).
"""

from __future__ import annotations

from datetime import date

from mentordesk.core.reports.rows import Period


class PeriodRefused(ValueError):
    """The dates do not make a period; the message says which and how to fix it."""


def school_year(today: date) -> Period:
    """The school year (1 September - 31 August) that ``today`` falls in."""
    first = today.year if today.month >= 9 else today.year - 1
    return Period(date(first, 9, 1), date(first + 1, 8, 31))


def this_term(today: date) -> Period:
    """The term ``today`` falls in: autumn (Sep-Dec), spring (Jan-Mar) or summer (Apr-Aug)."""
    if today.month >= 9:
        return Period(date(today.year, 9, 1), date(today.year, 12, 31))
    if today.month <= 3:
        return Period(date(today.year, 1, 1), date(today.year, 3, 31))
    return Period(date(today.year, 4, 1), date(today.year, 8, 31))


def make_period(start: date | None, end: date | None, today: date) -> Period:
    """The period from the dates given: no end means today; no start means the school year's first day
    (of the end's school year). An end before the start is refused."""
    end = end or today
    start = start or school_year(end).start
    if end < start:
        raise PeriodRefused(
            f"The end date {end.isoformat()} is before the start date {start.isoformat()}: "
            "give an end on or after the start."
        )
    return Period(start, end)
