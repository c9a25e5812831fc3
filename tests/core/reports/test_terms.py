"""The school year and its terms: the UK's three by default, or the organisation's own first days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from mentordesk.core.reports import (
    UK_TERMS,
    Period,
    PeriodRefused,
    make_period,
    make_terms,
    parse_terms,
    school_year,
    this_term,
)

AUSTRALIA = make_terms([(1, 28), (4, 22), (7, 15), (10, 7)])  # four terms in a calendar year
US_SEMESTERS = make_terms([(8, 20), (1, 10)])


def test_the_uk_terms_are_the_default_and_unchanged():
    assert this_term(date(2026, 12, 6)) == Period(date(2026, 9, 1), date(2026, 12, 31))
    assert this_term(date(2027, 2, 10)) == Period(date(2027, 1, 1), date(2027, 3, 31))
    assert this_term(date(2027, 8, 31)) == Period(date(2027, 4, 1), date(2027, 8, 31))
    assert school_year(date(2027, 8, 31)) == Period(date(2026, 9, 1), date(2027, 8, 31))
    assert parse_terms(None) == UK_TERMS == parse_terms("09-01,01-01,04-01")


def test_a_calendar_year_with_four_terms():
    assert school_year(date(2027, 1, 27), AUSTRALIA) == Period(date(2026, 1, 28), date(2027, 1, 27))
    assert this_term(date(2027, 1, 27), AUSTRALIA) == Period(date(2026, 10, 7), date(2027, 1, 27))
    assert this_term(date(2027, 5, 1), AUSTRALIA) == Period(date(2027, 4, 22), date(2027, 7, 14))
    assert make_period(None, date(2027, 5, 1), date(2027, 5, 1), AUSTRALIA).start == date(2027, 1, 28)


def test_semesters_across_new_year():
    assert this_term(date(2026, 12, 6), US_SEMESTERS) == Period(date(2026, 8, 20), date(2027, 1, 9))
    assert this_term(date(2027, 6, 1), US_SEMESTERS) == Period(date(2027, 1, 10), date(2027, 8, 19))
    assert parse_terms(US_SEMESTERS.text()) == US_SEMESTERS


@pytest.mark.parametrize(
    ("starts", "message"),
    [
        ([], "1 to 6 terms"),
        ([(9, 1)] * 7, "1 to 6 terms"),
        ([(9, 1), (2, 29)], "Term 2: 29 Feb is not a day of every year"),
        ([(9, 1), (4, 31)], "Term 2: 31 Apr"),
        ([(9, 1), (4, 1), (1, 1)], "Term 3 starts on 1 Jan, not after term 2 (1 Apr)"),
        ([(9, 1), (9, 1)], "Term 2 starts on 1 Sep, not after term 1"),
    ],
)
def test_impossible_terms_are_refused_naming_the_term(starts, message):
    with pytest.raises(PeriodRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_terms(starts)


def test_unreadable_settings_are_refused_with_the_form_to_write():
    with pytest.raises(PeriodRefused, match="write them like 09-01,01-01,04-01"):
        parse_terms("September")


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
first_days = st.tuples(st.integers(1, 12), st.integers(1, 28))


@given(today=days, starts=st.lists(first_days, min_size=1, max_size=6, unique=True))
def test_every_day_falls_in_exactly_one_term_of_its_year(today, starts):
    first = starts[0]
    ordered = [first] + sorted(starts[1:], key=lambda s: (s < first, s))
    terms = make_terms(ordered)
    term, year = this_term(today, terms), school_year(today, terms)
    assert term.start <= today <= term.end
    assert year.start <= term.start and term.end <= year.end
    assert school_year(year.end + timedelta(days=1), terms).start == year.end + timedelta(days=1)
    assert this_term(term.end + timedelta(days=1), terms).start == term.end + timedelta(days=1)
