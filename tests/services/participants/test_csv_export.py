"""CSV exports: Excel-friendly bytes, formula neutralisation, and a roster that imports back unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from mentordesk.services.participants import csv_export
from mentordesk.services.participants.csv_import import ImportOptions, import_roster
from mentordesk.store.models import Enrolment, Match, Meeting, Participant, Programme

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


def read(path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_participants_export_opens_in_excel(demo_db, tmp_path):
    programme = Programme.get()
    path = tmp_path / "roster.csv"
    assert csv_export.export_participants(path, programme.id) == 40
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = read(path)
    assert list(rows[0])[:10] == list(csv_export.PARTICIPANT_HEADER[:10])
    matched = [r for r in rows if r["Status"] == "matched"]
    assert matched and all(r["Matches"].startswith("#") and " with " in r["Matches"] for r in matched)
    expired = next(r for r in rows if "expired" in r["Clearance"])
    assert expired["Cleared"] == "no"
    assert any("(offers)" in r["Tags"] for r in rows if r["Role"] == "mentor")
    assert all(r["Availability"].count(":") >= 2 for r in rows)
    names = {r["First name"] for r in rows}
    assert {"Zoë", "Алексей", "美咲"} <= names  # UTF-8 all the way


def test_no_bom_option(demo_db, tmp_path):
    path = tmp_path / "roster.csv"
    csv_export.export_participants(path, Programme.get().id, bom=False)
    assert path.read_bytes().startswith(b"First name,")


def test_formulas_are_neutralised(programme, tmp_path):
    evil = Participant.create(
        first_name='=HYPERLINK("http://evil","x")', last_name="+SUM(A1)", email="-2+3@example.org"
    )
    evil.organisation = "@cmd"
    evil.save()
    Enrolment.create(participant=evil, programme=programme, role="mentee")
    path = tmp_path / "roster.csv"
    csv_export.export_participants(path, programme.id)
    row = read(path)[0]
    assert row["First name"] == '\'=HYPERLINK("http://evil","x")'
    assert row["Last name"] == "'+SUM(A1)"
    assert row["E-mail"] == "'-2+3@example.org"
    assert row["Organisation"] == "'@cmd"


def test_selection_only(demo_db, tmp_path):
    programme = Programme.get()
    ids = [e.participant_id for e in Enrolment.select().where(Enrolment.role == "mentor").limit(3)]
    path = tmp_path / "some.csv"
    assert csv_export.export_participants(path, programme.id, ids) == 3
    assert len(read(path)) == 3


def test_matches_and_meetings_tables(demo_db, tmp_path):
    programme = Programme.get()
    matches = tmp_path / "matches.csv"
    meetings = tmp_path / "meetings.csv"
    assert csv_export.export_matches(matches, programme.id) == Match.select().count()
    assert csv_export.export_meetings(meetings, programme.id) == Meeting.select().count()
    closed = next(r for r in read(matches) if r["Status"] == "closed")
    assert closed["Closure"] == "Premature" and closed["Closure reason"] == "Mentor relocated for work"
    active = [r for r in read(matches) if r["Status"] == "active"]
    assert all(r["Mentors"] and r["Mentees"] for r in active)
    assert (
        sum(int(r["Meetings held"]) for r in read(matches))
        == Meeting.select().where(Meeting.status == "held").count()
    )
    first = read(meetings)[0]
    assert first["Who"].count("&") == 1 and first["Start"] == "16:00" and first["Mode"] == "In person"


def test_exported_roster_imports_back_into_a_new_programme(demo_db, tmp_path):
    source = Programme.get()
    path = tmp_path / "roster.csv"
    csv_export.export_participants(path, source.id)
    target = Programme.create(name="Next year")
    people_before = Participant.select().count()
    summary = import_roster(path, target.id, ImportOptions(on_duplicate="merge"))
    assert (summary.added, summary.updated, summary.skipped) == (0, 40, 0)
    assert Participant.select().count() == people_before  # the same people, not copies
    moved = {e.participant_id: e.role for e in Enrolment.select().where(Enrolment.programme == target)}
    original = {e.participant_id: e.role for e in Enrolment.select().where(Enrolment.programme == source)}
    assert moved == original
    assert (
        Enrolment.select().where((Enrolment.programme == target) & (Enrolment.status == "ready")).count() == 0
    )


def test_round_trip_into_an_empty_database_keeps_every_field(demo_db, tmp_path):
    from mentordesk.services.participants.listing import roster
    from mentordesk.store.db import open_database

    source = Programme.get()
    path = tmp_path / "roster.csv"
    csv_export.export_participants(path, source.id)

    def facts(programme_id):
        return {
            r.email: (r.first_name, r.last_name, r.role, r.tags, r.date_of_birth)
            for r in roster(programme_id)
        }

    before = facts(source.id)
    demo_db.close()
    open_database(tmp_path / "fresh.db")
    target = Programme.create(name="Copy")
    assert import_roster(path, target.id).added == 40
    assert facts(target.id) == before
