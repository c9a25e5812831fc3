"""Reading CSV: encodings, delimiters, line endings, refusing what is not CSV, mapping and row checks."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mentordesk.core.csv_files.read import NotCsv, detect_delimiter, iter_records, sniff
from mentordesk.core.participants.clearance import ClearanceRules
from mentordesk.core.participants.csv_check import RowChecker, infer_date_order
from mentordesk.core.participants.csv_columns import guess_mapping, mapping_problems, normalise_header
from mentordesk.core.participants.csv_records import DuplicateIndex, KnownPerson, Severity
from mentordesk.core.participants.profile_text import (
    Slot,
    TagSpec,
    format_slots,
    parse_slots,
    parse_tags,
    parse_time,
)
from mentordesk.core.participants.validation import (
    DateOrder,
    Invalid,
    parse_date,
    parse_email,
    parse_phone,
    parse_role,
    parse_status,
    split_name,
)
from tests.roster_fixtures import HEADER, roster_file, write, xlsx_bytes

TODAY = date(2026, 11, 26)


# -- encodings and delimiters -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("cp1252", "Windows-1252 (Western European)"),
        ("utf-16", "UTF-16 (Unicode text)"),
    ],
)
def test_encoding_is_detected_and_accents_survive(tmp_path, encoding, label):
    rows = ["Zoë,Müller,zoe@example.org,,03/04/1985,mentor,Café Renée,,,"]
    path = roster_file(tmp_path, rows, encoding=encoding)
    sniffed = sniff(path)
    assert sniffed.encoding_label == label
    assert sniffed.header[0] == "First name"  # no BOM glued to the first header
    records = list(iter_records(sniffed))
    assert records[0].cells[:2] == ("Zoë", "Müller")
    assert records[0].cells[6] == "Café Renée"


def test_latin1_when_bytes_are_undefined_in_cp1252(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"First name,Last name\nAnn\x81e,Lee\n")
    sniffed = sniff(path)
    assert sniffed.encoding == "latin-1"
    assert list(iter_records(sniffed))[0].cells[0] == "Ann\x81e"


def test_utf8_error_late_in_the_file_switches_the_whole_file_to_cp1252(tmp_path):
    good = "".join(f"Person{i},Lee,p{i}@example.org\n" for i in range(40000))  # > the sniff sample
    path = tmp_path / "late.csv"
    path.write_bytes(
        ("First name,Last name,E-mail\n" + good).encode() + "Renée,Lee,r@example.org\n".encode("cp1252")
    )
    sniffed = sniff(path)
    assert sniffed.encoding == "cp1252"
    assert list(iter_records(sniffed))[-1].cells[0] == "Renée"


@pytest.mark.parametrize(("delimiter", "name"), [(",", "comma"), (";", "semicolon"), ("\t", "tab")])
def test_delimiter_is_detected(tmp_path, delimiter, name):
    text = HEADER.replace(",", delimiter) + "\n" + "Ann;Lee,x".replace(";", " ") + delimiter * 9 + "\n"
    sniffed = sniff(write(tmp_path / "d.csv", text))
    assert sniffed.delimiter == delimiter and sniffed.delimiter_name == name
    assert len(sniffed.header) == 10


def test_semicolon_file_with_commas_inside_values():
    text = "Name;Tags;Role\nAnn Lee;chess, music, art;mentor\nBo Chen;maths, coding;mentee\n"
    assert detect_delimiter(text) == ";"


def test_mixed_line_endings_are_read_as_rows(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"First name,Role\r\nAnn,mentor\nBo,mentee\rCy,peer\r\n")
    sniffed = sniff(path)
    assert sniffed.line_endings.startswith("mixed")
    assert [r.cells for r in iter_records(sniffed)] == [("Ann", "mentor"), ("Bo", "mentee"), ("Cy", "peer")]


def test_row_numbers_count_blank_lines_like_a_spreadsheet(tmp_path):
    path = write(tmp_path / "gaps.csv", 'First name,Notes\nAnn,x\n\nBo,"two\nlines"\nCy,y\n')
    records = list(iter_records(sniff(path)))
    assert [(r.row, r.cells[0]) for r in records if not r.blank] == [(2, "Ann"), (4, "Bo"), (5, "Cy")]
    assert [r.row for r in records if r.blank] == [3]  # reported, so the coordinator can look


def test_malformed_quote_is_a_row_problem_and_reading_goes_on(tmp_path):
    path = write(tmp_path / "q.csv", 'First name,Role\n"Ann"x,mentor\nBo,mentee\n')
    records = list(iter_records(sniff(path)))
    assert records[0].row == 2 and "quoted value is followed by more text" in records[0].error
    assert records[1].cells == ("Bo", "mentee")


def test_unclosed_quote_at_the_end_is_named(tmp_path):
    path = write(tmp_path / "q.csv", 'First name,Role\nAnn,mentor\n"Bo,mentee\n')
    assert "quote" in list(iter_records(sniff(path)))[-1].error


# -- refusing what is not CSV -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "The file is empty"),
        (b"   \r\n\r\n  ", "no text"),
        (bytes(range(256)) * 40, "binary data"),
        (b"\x00\x01\x02\x03junk" * 100, "binary data"),
        (xlsx_bytes(), "The workbook could not be read: open it in Excel, save it again as .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel workbook (.xls)"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"<!DOCTYPE html><html></html>", "web page"),
    ],
    ids=["empty", "blank", "all-bytes", "nul-junk", "xlsx", "xls", "pdf", "html"],
)
def test_not_csv_is_refused_with_a_clear_message(tmp_path, content, expected):
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    with pytest.raises(NotCsv, match=re.escape(expected)) as info:
        sniff(path)
    if expected.startswith(("Excel", "old", "PDF", "web")):
        assert "Save As" in str(info.value)


def test_nul_byte_late_in_the_file_is_refused(tmp_path):
    path = tmp_path / "late.csv"
    path.write_bytes(b"First name,Role\n" + b"Ann,mentor\n" * 50000 + b"Bo\x00,mentee\n")
    with pytest.raises(NotCsv, match="binary data from byte"):
        sniff(path)


def test_first_row_that_is_data_asks_for_a_header(tmp_path):
    path = write(tmp_path / "nohead.csv", "Ann,Lee,ann@example.org\nBo,Chen,bo@example.org\n")
    with pytest.raises(NotCsv, match="Add a header row"):
        sniff(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(NotCsv, match="no file"):
        sniff(tmp_path / "nope.csv")
    with pytest.raises(NotCsv, match="folder"):
        sniff(tmp_path)


# -- column mapping -----------------------------------------------------------------------------


def test_mapping_guess_is_case_accent_and_punctuation_insensitive():
    header = ["PRÉNOM", "Surname", "E-Mail Address*", "D.O.B.", "Participant type", "Year group", "Whatever"]
    fields = [g.field for g in guess_mapping(header)]
    assert fields == ["first_name", "last_name", "email", "date_of_birth", "role", "department", ""]


def test_mapping_gives_each_field_to_one_column_and_remembered_wins():
    guesses = guess_mapping(["Email", "Work e-mail", "Name"])
    assert [g.field for g in guesses] == ["email", "", "full_name"]
    remembered = {"work e mail": "email", "email": ""}
    guesses = guess_mapping(["Email", "Work e-mail", "Name"], remembered)
    assert [(g.field, g.how) for g in guesses] == [
        ("", "remembered"),
        ("email", "remembered"),
        ("full_name", "exact"),
    ]


def test_mapping_problems_name_what_is_missing():
    assert mapping_problems(["email"]) == [
        "No column holds the name: map a column to 'First name' (or 'Full name').",
        "No column holds the role: map a column to 'Role', or choose one role for every row.",
    ]
    assert mapping_problems(["first_name", "email"], default_role="mentee") == []
    assert (
        "Two columns are mapped to 'E-mail'" in mapping_problems(["first_name", "role", "email", "email"])[0]
    )
    assert normalise_header(" E-Mail  Address* ") == "e mail address"


# -- values -------------------------------------------------------------------------------------


def test_dates_in_several_formats():
    expected = date(2010, 4, 3)
    for text in (
        "2010-04-03",
        "03/04/2010",
        "3.4.2010",
        "3 April 2010",
        "April 3, 2010",
        "2010-04-03 00:00:00",
    ):
        assert parse_date(text, DateOrder.DMY, TODAY).value == expected, text
    assert parse_date("04/03/2010", DateOrder.MDY, TODAY).value == expected
    assert parse_date("03/04/2010", DateOrder.DMY, TODAY).ambiguous
    assert not parse_date("25/12/2009", DateOrder.DMY, TODAY).ambiguous
    assert parse_date("", DateOrder.DMY, TODAY) is None


def test_bad_dates_say_what_is_expected():
    with pytest.raises(Invalid, match="expected dd/mm/yyyy or yyyy-mm-dd"):
        parse_date("soon", DateOrder.DMY, TODAY)
    with pytest.raises(Invalid, match="day does not exist"):
        parse_date("31/02/2010", DateOrder.DMY, TODAY)
    with pytest.raises(Invalid, match="choose that date order"):
        parse_date("12/25/2009", DateOrder.DMY, TODAY)


def test_date_order_inference_says_which_was_assumed_and_why():
    order, note = infer_date_order(["03/04/2010", "25/12/2009"], DateOrder.MDY)
    assert order is DateOrder.DMY and "25/12/2009 can only be read that way" in note
    order, note = infer_date_order(["12/25/2009"], DateOrder.DMY)
    assert order is DateOrder.MDY and "mm/dd/yyyy" in note
    order, note = infer_date_order(["03/04/2010", "2010-01-01"], DateOrder.DMY)
    assert order is DateOrder.DMY and "locale's order was assumed" in note
    order, note = infer_date_order(["25/12/2009", "12/25/2009"], DateOrder.DMY)
    assert "mixes orders" in note


def test_emails_phones_roles_statuses_names():
    assert parse_email(" Ann.Lee@Example.ORG ") == "Ann.Lee@example.org"
    for bad in ("ann@", "ann@example", "ann lee@example.org", "a..b@example.org", "@example.org"):
        with pytest.raises(Invalid, match="not an e-mail address"):
            parse_email(bad)
    assert parse_phone("+44 (0)7700 900123") == "+44 (0)7700 900123"
    with pytest.raises(Invalid, match="not a phone number"):
        parse_phone("call me")
    with pytest.raises(Invalid, match="6 to 15"):
        parse_phone("123")
    assert (
        parse_role("Student") == "mentee" and parse_role("VOLUNTEER") == "mentor" and parse_role("") is None
    )
    with pytest.raises(Invalid, match="use mentor, mentee or peer"):
        parse_role("teacher")
    assert parse_status("On hold") == "on_hold"
    with pytest.raises(Invalid, match="Pairing"):
        parse_status("matched")
    assert split_name("Zoë Ó'Brien") == ("Zoë", "Ó'Brien")
    assert split_name("Ó'Brien, Zoë") == ("Zoë", "Ó'Brien")


def test_tags_and_availability_text():
    tags = parse_tags("coding (seeks); interest:chess, maths", "skill", "mentor")
    assert tags == [
        TagSpec("skill", "coding", "seeks"),
        TagSpec("interest", "chess", "both"),
        TagSpec("skill", "maths", "offers"),
    ]
    slots = parse_slots("Thu 3:30pm-5pm; Monday 16:00 to 17:30")
    assert slots == [Slot(0, 960, 1050), Slot(3, 930, 1020)]
    assert format_slots(slots) == "Mon 16:00-17:30; Thu 15:30-17:00"
    assert parse_time("1600") == 960
    with pytest.raises(Invalid, match="not a weekday"):
        parse_slots("Funday 16:00-17:00")
    with pytest.raises(Invalid, match="end time is not after"):
        parse_slots("Mon 17:00-16:00")


# -- row checking -------------------------------------------------------------------------------


def checker(header, known=(), **kwargs) -> RowChecker:
    mapping = {g.column: g.field for g in guess_mapping(header)}
    return RowChecker(header, mapping, ClearanceRules(), DuplicateIndex(known), today=TODAY, **kwargs)


def test_a_good_row_becomes_a_record():
    header = HEADER.split(",")
    result = checker(header).check(
        2,
        [
            "Ann",
            "Lee",
            "ann@example.org",
            "",
            "1990-01-02",
            "mentor",
            "Acme",
            "coding",
            "chess",
            "Mon 16:00-17:00",
        ],
    )
    assert result.ok and result.problems == []
    record = result.record
    assert (record.first_name, record.role, record.date_of_birth) == ("Ann", "mentor", date(1990, 1, 2))
    assert TagSpec("skill", "coding", "offers") in record.tags and record.slots == [Slot(0, 960, 1020)]


def test_every_problem_is_named_by_row_and_column():
    header = HEADER.split(",")
    result = checker(header).check(
        7, ["Ann", "Lee", "ann@", "12ab", "31/02/2001", "teacher", "", "", "", "Funday"]
    )
    assert not result.ok
    where = {(p.row, p.column) for p in result.problems}
    assert where == {(7, "E-mail"), (7, "Phone"), (7, "Date of birth"), (7, "Role"), (7, "Availability")}
    assert all(p.severity is Severity.ERROR for p in result.problems)


def test_short_and_long_rows():
    header = HEADER.split(",")
    short = checker(header).check(3, ["Ann", "Lee", "ann@example.org"])
    assert not short.ok and "3 of 10 columns" in short.problems[0].message
    long = checker(header).check(4, [*["Ann", "Lee", "", "", "", "mentor", "", "", "", ""], "extra"])
    assert not long.ok and "11 columns but the header has 10" in long.problems[0].message
    trailing = checker(header).check(5, [*["Ann", "Lee", "", "", "", "mentor", "", "", "", ""], "", ""])
    assert trailing.ok  # Excel's trailing empty cells are harmless


def test_duplicates_within_the_file_and_against_the_database():
    header = ["First name", "Last name", "E-mail", "Date of birth", "Role"]
    known = [
        KnownPerson(9, "ann@example.org", "ann lee", None),
        KnownPerson(10, "", "bo chen", date(2000, 1, 2)),
    ]
    check = checker(header, known).check
    assert check(2, ["Ann", "Lee", "ANN@example.org", "", "mentor"]).duplicate.target == 9
    db_by_name = check(3, ["Bö", "Chen", "", "02/01/2000", "mentee"]).duplicate
    assert (db_by_name.in_database, db_by_name.target, db_by_name.reason) == (
        True,
        10,
        "same name and date of birth",
    )
    assert check(4, ["Cy", "Dee", "cy@example.org", "", "peer"]).duplicate is None
    repeat = check(5, ["Cyril", "Dee", "cy@example.org", "", "peer"])
    assert repeat.ok and not repeat.duplicate.in_database and repeat.duplicate.target == 4
    assert repeat.problems[0].severity is Severity.WARNING and "row 4" in repeat.problems[0].message


def test_minor_cannot_be_imported_ready_without_guardian_and_consent():
    header = ["Name", "Date of birth", "Role", "Status", "Parent name", "Parent phone", "Consent"]
    check = checker(header).check
    without = check(2, ["Ann Lee", "2012-01-01", "mentee", "ready", "", "", ""])
    assert without.ok and without.record.status == "screening"
    assert (
        "no guardian consent" in without.problems[0].message
        and without.problems[0].severity is Severity.WARNING
    )
    with_consent = check(3, ["Bo Chen", "2012-01-01", "mentee", "ready", "Mo Chen", "07700 900123", "yes"])
    assert with_consent.record.status == "ready" and with_consent.problems == []
    assert with_consent.record.guardian.name == "Mo Chen" and with_consent.record.consent_given is True


def test_default_role_fills_rows_without_one():
    header = ["First name", "Role"]
    result = checker(header, default_role="mentee").check(2, ["Ann", ""])
    assert result.ok and result.record.role == "mentee"
    assert not checker(header).check(2, ["Ann", ""]).ok
