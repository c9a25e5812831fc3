"""Fuzzing the importer: whatever the bytes, a clear refusal or a valid preview, never a crash or a half import."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from mentordesk.core.participants.csv_records import Problem
from mentordesk.services.participants.csv_import import (
    ImportOptions,
    Preview,
    RosterImportError,
    import_roster,
    preview,
)
from mentordesk.store.models import Enrolment, Participant
from tests.roster_fixtures import counts, dump

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HEADERS = [
    "First name",
    "Last name",
    "E-mail",
    "Phone",
    "Date of birth",
    "Role",
    "Skills",
    "Status",
    "Consent",
    "Notes",
]
CELL = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    st.sampled_from(
        [
            "mentor",
            "mentee",
            "peer",
            "ready",
            "matched",
            "yes",
            "no",
            "ann@example.org",
            "bo@",
            "03/04/2010",
            "31/02/2010",
            "2010-13-01",
            "07700 900123",
            "=1+1",
            '"quoted"',
            "a;b",
            "a,b",
            "Mon 16:00-17:00",
            "",
        ]
    ),
)

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def csvish(rows: list[list[str]], delimiter: str, newline: str) -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in f'{delimiter}"\r\n') else value

    return "".join(delimiter.join(cell(v) for v in row) + newline for row in rows)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True))
    if "First name" not in header and draw(st.booleans()):
        header.insert(0, "First name")
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=len(header) + 2), max_size=8))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = csvish([header, *rows], delimiter, newline)
    if draw(st.booleans()):  # now and then, break the quoting on purpose
        position = draw(st.integers(0, len(text)))
        text = text[:position] + '"' + text[position:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


def check_outcome(path, programme, skip_invalid: bool = True) -> None:
    before, before_counts = dump(), counts()
    try:
        result = preview(path, programme.id, ImportOptions(default_role="mentee"))
    except RosterImportError as exc:
        event("refused before the preview")
        assert str(exc).strip() and not str(exc).startswith("Traceback")
        assert dump() == before
        return
    assert isinstance(result, Preview)
    assert all(isinstance(p, Problem) and p.message for p in result.problems)
    assert result.rows == result.valid + result.invalid
    assert dump() == before and counts() == before_counts
    try:
        options = ImportOptions(default_role="mentee", skip_invalid=skip_invalid)
        summary = import_roster(path, programme.id, options, backup=False)
    except RosterImportError as exc:
        event("previewed, import refused")
        assert str(exc).strip()
        assert dump() == before  # all or nothing
        return
    event("imported")
    assert summary.added + summary.updated + summary.merged_in_file + summary.skipped == summary.rows
    assert Participant.select().count() == before_counts["participant"] + summary.added
    assert Enrolment.select().count() >= before_counts["enrolment"] + summary.added


@pytest.fixture
def target(programme, tmp_path):
    return programme, tmp_path / "fuzz.csv"


@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(target, data):
    programme, path = target
    path.write_bytes(data)
    check_outcome(path, programme)


@FUZZ
@given(data=csv_files(), skip_invalid=st.booleans())
def test_random_csvish_text(target, data, skip_invalid):
    programme, path = target
    path.write_bytes(data)
    check_outcome(path, programme, skip_invalid)
