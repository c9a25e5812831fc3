"""The display name, written once in Python (core) and once in SQL (store), and the row readers."""

from __future__ import annotations

from datetime import date

import pytest

from mentordesk.core.participants import display_name
from mentordesk.store.models import Participant, display_name_sql
from mentordesk.store.rows import as_date, dicts, raw_rows, tuples

PEOPLE = [
    ("Samuel", "Okafor", "Sam", "Sam Okafor"),
    ("Samuel", "Okafor", "", "Samuel Okafor"),
    ("Zoë", "", "", "Zoë"),
    ("", "Nowak", "", "Nowak"),
    ("美咲", "佐藤", "", "美咲 佐藤"),
]


@pytest.mark.parametrize(("first", "last", "preferred", "shown"), PEOPLE)
def test_display_name_prefers_the_preferred_name_and_leaves_no_stray_space(first, last, preferred, shown):
    assert display_name(first, last, preferred) == shown

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def test_the_query_builds_the_same_name_as_python(db):
    ids = {
        Participant.create(first_name=first, last_name=last, preferred_name=preferred).id: shown
        for first, last, preferred, shown in PEOPLE
    }
    rows = raw_rows(
        Participant.select(Participant.id, display_name_sql()).where(Participant.id.in_(list(ids)))
    )
    assert dict(rows) == ids
    assert {p.id: p.display_name for p in Participant.select()} == ids
    assert display_name(None, None, None) == ""  # outer joins give None for a missing person


def test_raw_rows_are_the_cursor_tuples_without_conversion(db, backend):
    Participant.create(first_name="Ana", last_name="Lee", date_of_birth=date(2011, 3, 4))
    [(name, born)] = raw_rows(Participant.select(Participant.first_name, Participant.date_of_birth))
    # SQLite's own text (peewee's .tuples() would give a date); psycopg's own date, made in C.
    assert (name, born) == ("Ana", "2011-03-04" if backend == "sqlite" else date(2011, 3, 4))
    assert as_date(born) == date(2011, 3, 4)


def test_tuples_and_dicts_are_peewees_converted_rows(db):
    for first, born in (("Ana", date(2011, 3, 4)), ("Ben", None)):
        Participant.create(first_name=first, last_name="Lee", date_of_birth=born)
    query = Participant.select(Participant.first_name, Participant.date_of_birth).order_by(Participant.id)
    assert list(tuples(query)) == list(query.tuples()) == [("Ana", date(2011, 3, 4)), ("Ben", None)]
    as_dicts = [
        {"first_name": "Ana", "date_of_birth": date(2011, 3, 4)},
        {"first_name": "Ben", "date_of_birth": None},
    ]
    assert list(dicts(query)) == list(query.dicts()) == as_dicts
