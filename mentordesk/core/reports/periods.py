"""The periods a coordinator picks a report for: this term, this school year, or dates of their own.

A school year runs from the first day of its first term to the day before that day a year later; each
term runs to the day before the next one starts (so the holidays are inside). The terms are the
organisation's setting; without one, the UK's three: autumn from 1 September, spring from 1 January,
summer from 1 April.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mentordesk.core.reports.rows import Period


class PeriodRefused(ValueError):
    """The dates do not make a period; the message says which and how to fix it."""


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MAX_TERMS = 6
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # 29 February is refused: not every year has it


@dataclass(frozen=True)
class Terms:
    """The first day of each term as (month, day), in the school year's order: the first term's first
    day starts the school year, and each term runs to the day before the next one starts."""

    starts: tuple[tuple[int, int], ...]

    def text(self) -> str:
        """As kept in the settings: ``09-01,01-01,04-01`` (month-day, unambiguous in every locale)."""
        return ",".join(f"{m:02d}-{d:02d}" for m, d in self.starts)


UK_TERMS = Terms(((9, 1), (1, 1), (4, 1)))


def make_terms(starts: list[tuple[int, int]]) -> Terms:
    """Terms from their first days (month, day), in the year's order; refused with the term to fix."""
    if not 1 <= len(starts) <= MAX_TERMS:
        raise PeriodRefused(f"A school year has 1 to {MAX_TERMS} terms: give the first day of each.")
    for number, (month, day) in enumerate(starts, 1):
        if not 1 <= month <= 12 or not 1 <= day <= _MONTH_DAYS[month - 1]:
            raise PeriodRefused(
                f"Term {number}: {day} {MONTHS[month - 1] if 1 <= month <= 12 else month} is not a day of "
                "every year: choose another first day."
            )
    first = starts[0]
    # Days after the year's first day, each later term further on (the year wraps at 31 December).
    offsets = [_days_after(first, start) for start in starts]
    for number in range(1, len(starts)):
        if offsets[number] <= offsets[number - 1]:
            raise PeriodRefused(
                f"Term {number + 1} starts on {_words(starts[number])}, not after term {number} "
                f"({_words(starts[number - 1])}): list the terms in the order of the school year."
            )
    return Terms(tuple(starts))


def parse_terms(text: str | None) -> Terms:
    """The terms kept in the settings (``09-01,01-01,04-01``); the UK's three when none are set."""
    if not text:
        return UK_TERMS
    try:
        starts = [(int(m), int(d)) for m, d in (part.strip().split("-") for part in text.split(","))]
    except ValueError:
        raise PeriodRefused(
            f"The term dates {text!r} are not month-day pairs: write them like 09-01,01-01,04-01."
        ) from None
    return make_terms(starts)


def _words(start: tuple[int, int]) -> str:
    return f"{start[1]} {MONTHS[start[0] - 1]}"


def _days_after(first: tuple[int, int], start: tuple[int, int]) -> int:
    reference = date(2001, *first)  # not a leap year, like every day allowed
    day = date(2001, *start)
    if day < reference:
        day = date(2002, *start)
    return (day - reference).days


def _term_days(terms: Terms, today: date) -> list[date]:
    """The first day of each term of the school year ``today`` falls in, and of the next year."""
    first = terms.starts[0]
    year = today.year if (today.month, today.day) >= first else today.year - 1
    days = [date(year, *start) if start >= first else date(year + 1, *start) for start in terms.starts]
    return days + [date(year + 1, *first)]


def school_year(today: date, terms: Terms = UK_TERMS) -> Period:
    """The school year ``today`` falls in: from the first term's first day to the day before the next."""
    days = _term_days(terms, today)
    return Period(days[0], days[-1] - timedelta(days=1))


def this_term(today: date, terms: Terms = UK_TERMS) -> Period:
    """The term ``today`` falls in, to the day before the next term starts (holidays inside)."""
    days = _term_days(terms, today)
    for start, following in zip(days, days[1:], strict=False):
        if start <= today < following:
            return Period(start, following - timedelta(days=1))
    raise AssertionError("every day falls in a term")  # days[0] <= today < days[-1] by construction


def make_period(start: date | None, end: date | None, today: date, terms: Terms = UK_TERMS) -> Period:
    """The period from the dates given: no end means today; no start means the school year's first day
    (of the end's school year). An end before the start is refused."""
    end = end or today
    start = start or school_year(end, terms).start
    if end < start:
        raise PeriodRefused(
            f"The end date {end.isoformat()} is before the start date {start.isoformat()}: "
            "give an end on or after the start."
        )
    return Period(start, end)
