"""Importing an Excel workbook (.xlsx) as a Microsoft Forms export gives it: sheets, dates, refusals."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from mentordesk.services.participants.csv_import import (
    ImportOptions,
    RosterImportError,
    import_roster,
    preview,
)
from mentordesk.store.models import AvailabilitySlot, Guardian, Participant, ParticipantTag
from tests.roster_fixtures import counts, dump

pytestmark = pytest.mark.both_backends

MS_FORMS_HEADER = [
    "Id",
    "Start time",
    "Completion time",
    "Email",
    "First name",
    "Last name",
    "Are you applying as a mentor or a mentee?",
    "Date of birth",
    "Parent/carer name",
    "Parent/carer phone",
    "What would you like help with?",
    "Which days can you meet?",
]


def ms_form(path, rows, *, extra_sheet=False, merged_header=False, serial_dates=False):
    book = Workbook()
    sheet = book.active
    sheet.title = "Form1"
    sheet.append(MS_FORMS_HEADER)
    for n, (first, last, role, born) in enumerate(rows, start=1):
        when = datetime(2026, 9, 1, 10, n)
        born_cell = (born - date(1899, 12, 30)).days if serial_dates else born
        sheet.append(
            [n, when, when, f"{first.lower()}@example.org", first, last, role, born_cell, f"Parent of {first}",
             "07700 900123", "Maths; Coding", "Monday, Thursday"]
        )  # fmt: skip
    if merged_header:
        sheet.merge_cells("I1:J1")
    if extra_sheet:
        book.create_sheet("Notes").append(["Anything", "else"])
    book.save(path)
    return path


ROWS = [("Zoë", "Ó'Brien", "Mentee", date(2011, 5, 4)), ("Łukasz", "Kowalski", "Mentee", date(2012, 1, 30))]


def test_a_microsoft_forms_workbook_imports_with_guardians_slots_and_seeks(programme, tmp_path):
    path = ms_form(tmp_path / "Mentee applications.xlsx", ROWS)
    shown = preview(path, programme.id)
    assert shown.sniffed.summary == "Excel workbook, sheet 'Form1'"
    assert not shown.mapping_errors
    summary = import_roster(path, programme.id)
    assert summary.added == 2
    zoe = Participant.get(Participant.first_name == "Zoë")
    assert zoe.date_of_birth == date(2011, 5, 4) and zoe.phone in ("", None)  # the parent's phone is not hers
    guardian = Guardian.get(Guardian.participant == zoe)
    assert guardian.name == "Parent of Zoë" and "900123" in guardian.phone
    assert AvailabilitySlot.select().where(AvailabilitySlot.participant == zoe).count() == 2
    assert {t.direction for t in ParticipantTag.select().where(ParticipantTag.participant == zoe)} == {"seeks"}


def test_dates_left_as_excel_serial_numbers_read_as_dates(programme, tmp_path):
    path = ms_form(tmp_path / "serials.xlsx", ROWS, serial_dates=True)
    import_roster(path, programme.id)
    assert Participant.get(Participant.first_name == "Łukasz").date_of_birth == date(2012, 1, 30)


def test_several_sheets_must_be_chosen_and_nothing_changes_until_then(programme, tmp_path):
    path = ms_form(tmp_path / "two sheets.xlsx", ROWS, extra_sheet=True)
    before, before_counts = dump(), counts()
    with pytest.raises(RosterImportError, match=r"2 sheets with data \('Form1', 'Notes'\).*--sheet"):
        import_roster(path, programme.id)
    assert dump() == before and counts() == before_counts
    with pytest.raises(RosterImportError, match="no sheet 'Sheet9'; its sheets are 'Form1', 'Notes'"):
        import_roster(path, programme.id, ImportOptions(sheet="Sheet9"))
    assert import_roster(path, programme.id, ImportOptions(sheet="Form1")).added == 2


def test_merged_header_cells_are_refused_naming_the_cells(programme, tmp_path):
    path = ms_form(tmp_path / "merged.xlsx", ROWS, merged_header=True)
    before = dump()
    with pytest.raises(RosterImportError, match=r"merged cells \(I1:J1\): unmerge them"):
        import_roster(path, programme.id)
    assert dump() == before


def test_password_protected_and_old_workbooks_say_what_to_do(programme, tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    protected = tmp_path / "locked.xlsx"
    protected.write_bytes(ole + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1024)
    with pytest.raises(RosterImportError, match="protected by a password.*remove the password"):
        import_roster(protected, programme.id)
    old = tmp_path / "old.xlsx"
    old.write_bytes(ole + b"\x00" * 1024)
    with pytest.raises(RosterImportError, match=r"old Excel workbook \(.xls\).*save it as \.xlsx"):
        import_roster(old, programme.id)
    assert Participant.select().count() == 0


def test_a_workbook_saved_under_a_csv_name_is_still_read(programme, tmp_path):
    path = ms_form(tmp_path / "export.xlsx", ROWS)
    renamed = path.rename(tmp_path / "export.csv")
    assert import_roster(renamed, programme.id).added == 2
