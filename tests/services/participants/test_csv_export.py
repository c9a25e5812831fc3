"""CSV exports: Excel-friendly bytes, formula neutralisation, and a roster that imports back unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from mentordesk.core.participants import FieldDraft
from mentordesk.services.participants import csv_export, define_field, list_fields
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
    assert closed["Closure code"] == "moved_away"
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


def test_demo_export_imports_into_an_empty_programme_and_exports_identically(demo_db, tmp_path):
    """demo -> export -> import into a fresh database -> export again: the same bytes, column for column."""
    from mentordesk.store.db import open_database

    source = Programme.get()
    # Values a spreadsheet would run, which the export guards with an apostrophe, must come back.
    people = list(Participant.select().order_by(Participant.id).limit(3))
    people[0].phone = "+44 7700 900123"
    people[1].organisation = "＝Full-width sign Ltd"
    people[2].department = "'=already quoted"
    for person in people:
        person.save()
    first = tmp_path / "first.csv"
    csv_export.export_participants(first, source.id)
    fields = list_fields(source.id)
    assert len(fields) == 3  # the demo's custom fields travel as columns
    assert "'+44 7700 900123" in first.read_text(encoding="utf-8-sig")
    demo_db.close()
    open_database(tmp_path / "fresh.db")
    target = Programme.create(name=source.name, starts_on=source.starts_on)
    for spec in fields:  # the coordinator set up the same custom fields: their columns map to them
        define_field(target.id, FieldDraft(spec.label, spec.kind, list(spec.choices), spec.role))
    summary = import_roster(first, target.id)
    assert (summary.added, summary.skipped) == (40, 0), [str(p) for p in summary.problems]
    second = tmp_path / "second.csv"
    csv_export.export_participants(second, target.id)
    before, after = read(first), read(second)
    assert list(before[0]) == list(after[0])
    carried = [c for c in csv_export.PARTICIPANT_HEADER if c not in csv_export.NOT_IMPORTED]
    assert "Status" in carried and "Enrolled on" in carried
    statuses = set()
    for old, new in zip(before, after, strict=True):
        assert {c: old[c] for c in carried if c != "Status"} == {c: new[c] for c in carried if c != "Status"}
        statuses.add((old["Status"], new["Status"]))
    # A roster carries no matches or screening records: matched and ready people come back in screening.
    assert {(old, new) for old, new in statuses if old != new} <= {("matched", "screening"), ("ready", "screening")}
    assert ("applied", "applied") in statuses
    assert {r["Phone"] for r in after} >= {"'+44 7700 900123"}
    assert Participant.get(Participant.first_name == people[0].first_name).phone == "+44 7700 900123"


def test_xlsx_export_has_explicit_cell_types(demo_db, tmp_path):
    import stat
    from datetime import datetime

    from openpyxl import load_workbook

    programme = Programme.get()
    person = Participant.select().order_by(Participant.id).get()
    person.department, person.organisation, person.notes = "007", "1/2", ""
    person.last_name = "=1+1"
    person.save()
    path = tmp_path / "roster.xlsx"
    assert csv_export.export_participants(path, programme.id) == 40
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    # the built-in columns, then the demo's custom fields
    assert header == [*csv_export.PARTICIPANT_HEADER, "Favourite subject", "After-school clubs", "Can drive to the school"]
    rows = {r[0].value + " " + str(r[1].value): r for r in sheet.iter_rows(min_row=2)}
    row = rows[f"{person.first_name} =1+1"]
    cell = dict(zip(header, row, strict=True))
    assert (cell["Department"].value, cell["Department"].data_type) == ("007", "s")
    assert (cell["Organisation"].value, cell["Organisation"].data_type) == ("1/2", "s")
    assert (cell["Last name"].value, cell["Last name"].data_type) == ("=1+1", "s")  # text, never a formula
    assert cell["Phone"].data_type == "s" and cell["Phone"].value.startswith("07700")
    assert isinstance(cell["Capacity"].value, int) and cell["Capacity"].data_type == "n"
    assert isinstance(cell["Date of birth"].value, datetime) and cell["Date of birth"].is_date
    assert cell["Date of birth"].value.date() == person.date_of_birth
    for what, header_row in (("matches", csv_export.MATCH_HEADER), ("meetings", csv_export.MEETING_HEADER)):
        target = tmp_path / f"{what}.xlsx"
        getattr(csv_export, f"export_{what}")(target, programme.id)
        assert [c.value for c in load_workbook(target).active[1]] == list(header_row)
