"""Importing rosters: preview, one transaction, duplicates, bad input leaving the database exactly as it was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mentordesk.core.participants.validation import DateOrder
from mentordesk.core.progress import Cancelled, Progress
from mentordesk.services.participants import csv_import
from mentordesk.services.participants.csv_import import (
    ImportOptions,
    RosterImportError,
    import_roster,
    preview,
)
from mentordesk.store import settings
from mentordesk.store.backup import list_backups
from mentordesk.store.models import (
    AuditEvent,
    AvailabilitySlot,
    ConsentRecord,
    Enrolment,
    Guardian,
    Participant,
    Programme,
)
from tests import ROOT
from tests.roster_fixtures import GOOD_ROWS, HEADER, counts, dump, roster_file, write, xlsx_bytes

pytestmark = pytest.mark.both_backends  # the tests that use `db` run on SQLite and PostgreSQL


@pytest.fixture
def seeded(programme):
    """One person already in the database, so 'unchanged' is checked against real rows."""
    person = Participant.create(first_name="Ann", last_name="Lee", email="ann@example.org")
    Enrolment.create(participant=person, programme=programme, role="mentor")
    return programme


def assert_unchanged(before: str, before_counts: dict[str, int]) -> None:
    assert counts() == before_counts
    assert dump() == before


BAD_INPUTS = {
    "empty": (b"", "The file is empty"),
    "binary junk": (bytes(range(256)) * 64, "binary data"),
    "broken workbook renamed .csv": (xlsx_bytes(), "The workbook could not be read"),
    "header only": ((HEADER + "\r\n").encode(), "column names but no rows of people"),
    "header only, blank lines": ((HEADER + "\n\n\n").encode(), "column names but no rows of people"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_files_get_a_clear_message_and_change_nothing(seeded, tmp_path, case):
    content, message = BAD_INPUTS[case]
    path = tmp_path / "roster.csv"
    path.write_bytes(content)
    before, before_counts = dump(), counts()
    with pytest.raises(RosterImportError) as info:
        import_roster(path, seeded.id, ImportOptions(skip_invalid=True))
    assert message in str(info.value)
    if case.startswith("header only"):
        assert preview(path, seeded.id).problems[0].message.startswith("The file has column names")
    else:
        with pytest.raises(RosterImportError, match=message.split(" (")[0]):
            preview(path, seeded.id)
    assert_unchanged(before, before_counts)


def test_rows_with_missing_columns_refuse_the_file_and_change_nothing(seeded, tmp_path):
    path = roster_file(tmp_path, [GOOD_ROWS[0], "Bo,Chen,bo@example.org", GOOD_ROWS[1]])
    before, before_counts = dump(), counts()
    with pytest.raises(RosterImportError, match="1 row of 3 cannot be imported") as info:
        import_roster(path, seeded.id)
    problem = info.value.problems[0]
    assert (problem.row, problem.column) == (3, "")
    assert "3 of 10 columns (missing: Phone, Date of birth, Role, Organisation, …)" in problem.message
    assert_unchanged(before, before_counts)


def test_mixed_line_endings_import(seeded, tmp_path):
    text = HEADER + "\r\n" + GOOD_ROWS[0] + "\n" + GOOD_ROWS[1] + "\r" + GOOD_ROWS[2] + "\r\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.encode())
    result = preview(path, seeded.id)
    assert result.sniffed.line_endings.startswith("mixed") and (result.rows, result.valid) == (3, 3)
    assert import_roster(path, seeded.id).added == 3


def test_semicolon_cp1252_file_from_european_excel(seeded, tmp_path):
    text = (
        "Prénom;Nom de famille;Courriel;Date de naissance;Rôle;École\n"
        "Renée;Lefèvre;renee@example.fr;25/12/1990;mentor;Lycée Molière\n"
        "Noël;Dubois;noel@example.fr;03/04/2011;élève;Lycée Molière\n"
    )
    path = write(tmp_path / "eu.csv", text, encoding="cp1252", newline="\r\n")
    result = preview(path, seeded.id, ImportOptions(default_role="mentee"))
    assert result.sniffed.encoding == "cp1252" and result.sniffed.delimiter == ";"
    assert [c.field for c in result.columns] == [
        "first_name",
        "last_name",
        "email",
        "date_of_birth",
        "role",
        "organisation",
    ]
    assert "25/12/1990 can only be read that way" in result.date_note
    bad = [p for p in result.problems if p.row == 3]
    assert bad[0].column == "Rôle" and "unknown role 'élève'" in bad[0].message
    summary = import_roster(path, seeded.id, ImportOptions(skip_invalid=True))
    assert (summary.added, summary.skipped_invalid) == (1, 1)
    renee = Participant.get(Participant.email == "renee@example.fr")
    assert (renee.first_name, renee.organisation) == ("Renée", "Lycée Molière")
    assert renee.date_of_birth.isoformat() == "1990-12-25"


def test_import_writes_people_enrolments_tags_slots_guardians_in_one_go(programme, tmp_path):
    header = "Name,E-mail,DOB,Role,Status,Skills,Languages,Availability,Parent name,Parent phone,Consent,Consent date"
    rows = [
        "Ann Lee,ann@example.org,1980-01-01,mentor,screening,coding (offers),English,Mon 16:00-17:00,,,,",
        "Bo Chen,bo@example.org,2012-05-05,mentee,ready,maths,English;Mandarin,Tue 15:30-16:30,Mo Chen,07700 900123,yes,01/09/2026",
    ]
    path = write(tmp_path / "r.csv", header + "\n" + "\n".join(rows) + "\n")
    summary = import_roster(path, programme.id)
    assert (summary.added, summary.updated, summary.skipped) == (2, 0, 0)
    bo = Participant.get(Participant.email == "bo@example.org")
    enrolment = Enrolment.get(Enrolment.participant == bo)
    assert (enrolment.role, enrolment.status) == ("mentee", "ready")
    assert {(t.tag.name, t.direction) for t in bo.tag_links} == {
        ("maths", "seeks"),
        ("English", "both"),
        ("Mandarin", "both"),
    }
    assert [
        (s.weekday, s.start_minute)
        for s in AvailabilitySlot.select().where(AvailabilitySlot.participant == bo)
    ] == [(1, 930)]
    guardian = Guardian.get(Guardian.participant == bo)
    consent = ConsentRecord.get(ConsentRecord.participant == bo)
    assert (guardian.name, consent.guardian_id, consent.given, consent.given_on.isoformat()) == (
        "Mo Chen",
        guardian.id,
        True,
        "2026-09-01",
    )
    from mentordesk.services.participants.clearance import clearance_for

    assert clearance_for(bo.id, programme.id).cleared


def test_one_audit_event_a_backup_and_the_mapping_remembered(programme, tmp_path, db, backend):
    path = roster_file(tmp_path, [GOOD_ROWS[0], GOOD_ROWS[1]])
    events_before = AuditEvent.select().count()
    summary = import_roster(path, programme.id)
    events = list(AuditEvent.select().order_by(AuditEvent.id))[events_before:]
    assert len(events) == 1 and events[0].action == "import"
    assert "2 added, 0 updated, 0 skipped" in events[0].summary
    assert "Zoë" not in events[0].summary and "@" not in events[0].summary  # no personal data
    if backend == "sqlite":
        assert summary.backup is not None and summary.backup in list_backups(tmp_path / "test.db")
    else:  # a server keeps its own backups; the import is one transaction
        assert summary.backup is None
    remembered = settings.get(csv_import.SETTINGS_KEY)
    assert remembered["e mail"] == "email" and remembered["skills"] == "skills"


def test_remembered_mapping_is_used_next_time(programme, tmp_path):
    header = "Forename,Family,Contact,Kind"
    path = write(tmp_path / "odd.csv", header + "\nAnn,Lee,ann@example.org,mentor\n")
    mapping = {"Forename": "first_name", "Family": "last_name", "Contact": "email", "Kind": "role"}
    import_roster(path, programme.id, ImportOptions(mapping=mapping))
    path2 = write(tmp_path / "odd2.csv", header + "\nBo,Chen,bo@example.org,mentee\n")
    guessed = preview(path2, programme.id)
    assert [(c.field, c.how) for c in guessed.columns] == [
        ("first_name", "remembered"),
        ("last_name", "remembered"),
        ("email", "remembered"),
        ("role", "remembered"),
    ]


def test_bad_mapping_is_refused_before_anything_is_read(programme, tmp_path):
    path = roster_file(tmp_path)
    with pytest.raises(RosterImportError, match="Unknown field in the mapping: shoe_size"):
        import_roster(path, programme.id, ImportOptions(mapping={"E-mail": "shoe_size"}))
    with pytest.raises(RosterImportError, match="does not have: 'Mail'"):
        import_roster(path, programme.id, ImportOptions(mapping={"Mail": "email"}))
    with pytest.raises(RosterImportError, match="No column holds the name"):
        import_roster(path, programme.id, ImportOptions(mapping={"E-mail": "email", "Role": "role"}))


@pytest.fixture
def with_ann(seeded, tmp_path):
    rows = [
        "Ann,Lee,ANN@example.org,07700 900999,,mentor,New Org,,,",
        "Bo,Chen,bo@example.org,,,mentee,,,,",
        "Bobby,Chen,bo@example.org,07700 900555,,mentee,Second Org,,,",
    ]
    return roster_file(tmp_path, rows)


def test_duplicates_merged(seeded, with_ann):
    result = preview(with_ann, seeded.id)
    assert (result.duplicates_in_database, result.duplicates_in_file) == (1, 1)
    summary = import_roster(with_ann, seeded.id, ImportOptions(on_duplicate="merge"))
    assert (summary.added, summary.updated, summary.merged_in_file, summary.skipped) == (1, 1, 1, 0)
    assert Participant.select().count() == 2  # never doubled
    ann = Participant.get(Participant.first_name == "Ann")
    assert (ann.email, ann.phone, ann.organisation) == ("ann@example.org", "07700 900999", "New Org")
    bo = Participant.get(Participant.email == "bo@example.org")
    assert (bo.first_name, bo.phone, bo.organisation) == ("Bobby", "07700 900555", "Second Org")
    assert Enrolment.select().where(Enrolment.participant == bo).count() == 1


def test_duplicates_skipped(seeded, with_ann):
    summary = import_roster(with_ann, seeded.id, ImportOptions(on_duplicate="skip"))
    assert (summary.added, summary.updated, summary.skipped_duplicates) == (1, 0, 2)
    assert Participant.get(Participant.first_name == "Ann").phone == ""
    assert Participant.get(Participant.email == "bo@example.org").first_name == "Bo"
    assert Participant.select().count() == 2


def test_merge_enrols_an_existing_person_in_a_new_programme_without_skipping_screening(seeded, tmp_path):
    other = Programme.create(name="Second programme")
    path = roster_file(tmp_path, ["Ann,Lee,ann@example.org,,,mentor,,,,"])
    import_roster(path, other.id)
    assert Enrolment.select().where(Enrolment.programme == other).count() == 1
    assert Participant.select().count() == 1


def test_errors_refuse_everything_unless_skipping_is_chosen(seeded, tmp_path):
    path = roster_file(tmp_path, [GOOD_ROWS[0], "Bo,Chen,bo@,,,mentor,,,,", GOOD_ROWS[1]])
    before, before_counts = dump(), counts()
    with pytest.raises(RosterImportError) as info:
        import_roster(path, seeded.id)
    assert str(info.value.problems[0]) == (
        "Row 3, column 'E-mail': 'bo@' is not an e-mail address (expected something like name@example.org)"
    )
    assert_unchanged(before, before_counts)
    summary = import_roster(path, seeded.id, ImportOptions(skip_invalid=True))
    assert (summary.added, summary.skipped_invalid) == (2, 1)


def test_cancel_rolls_back(seeded, tmp_path):
    path = roster_file(tmp_path, GOOD_ROWS * 1)
    before, before_counts = dump(), counts()
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # after two rows have been written

    with pytest.raises(Cancelled, match="nothing was changed"):
        import_roster(path, seeded.id, progress=Progress(is_cancelled=cancel), backup=False)
    assert_unchanged(before, before_counts)


def test_date_order_can_be_chosen(programme, tmp_path):
    path = write(tmp_path / "us.csv", "Name,Role,DOB\nAnn Lee,mentor,04/03/1980\n")
    result = preview(path, programme.id, ImportOptions(date_order=DateOrder.MDY))
    assert result.sample[0].record.date_of_birth.isoformat() == "1980-04-03"
    assert "as you chose" in result.date_note


PREVIEW_IN_A_FRESH_PROCESS = """
import json, sys, time
from mentordesk.store.db import open_database
open_database(sys.argv[1])
from mentordesk.services.participants import preview
started = time.perf_counter()
result = preview(sys.argv[2], int(sys.argv[3]))
print(json.dumps({
    "seconds": time.perf_counter() - started,
    # VmHWM: this process image's own peak (ru_maxrss would include the parent it was forked from).
    "peak_kb": int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1]),
    "rows": result.rows, "invalid": result.invalid,
    "first_rows": [p.row for p in result.problems[:2]],
}))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # streaming is the reader's; 7 s more on a server
def test_50_mb_file_is_streamed_with_flat_memory_and_changes_nothing(seeded, tmp_path, db, db_url):
    """Preview of a 50 MB roster: every row read, problems counted, memory bounded, database untouched.

    Measured in a fresh process so its peak memory is the preview's own, not the test run's.
    """
    notes = (
        "Met at the open evening; keen on robotics and chess. " * 7
    )  # a long notes column, as schools have
    header = HEADER + ",Notes\n"
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header)
        line = 0
        size = len(header)
        while size < 50 * 1024 * 1024:
            email = f"person{line}@example.org" if line % 1000 else "broken@"
            row = f'Person{line},Lee{line},{email},07700 900{line % 1000:03d},1990-01-01,mentor,Acme,,,,"{notes}"\r\n'
            handle.write(row)
            size += len(row)
            line += 1
    before, before_counts = dump(), counts()
    db.close()  # the child opens the same database
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PREVIEW_IN_A_FRESH_PROCESS,
            db_url,
            str(path),
            str(seeded.id),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert path.stat().st_size >= 50 * 1024 * 1024
    assert figures["rows"] == line and figures["invalid"] == (line + 999) // 1000
    assert figures["first_rows"] == [2, 1002]
    # Python, peewee and the models take ~40 MB; holding the file (or its rows) would take hundreds.
    assert figures["peak_kb"] < 120 * 1024, f"peak {figures['peak_kb'] / 1024:.0f} MB"
    assert figures["seconds"] < 60  # a generous ceiling: the benchmark tracks speed, this only guards a hang
    db.connect()
    assert_unchanged(before, before_counts)


def test_hostile_names_and_over_long_fields_are_refused_by_row_and_column(seeded, tmp_path):
    path = roster_file(
        tmp_path,
        [
            "\u200b\u200d,Lee,zwj@example.org,,,mentor,,,,",
            "Bo,Chen,bo@example.org,,,mentor," + "O" * 201 + ",,,",
            "Cy,\u202eeeL,cy@example.org,,,mentee,,,,",
        ],
    )
    before, before_counts = dump(), counts()
    with pytest.raises(RosterImportError) as info:
        import_roster(path, seeded.id)
    messages = [str(p) for p in info.value.problems]
    assert messages[0].startswith(
        "Row 2, column 'First name': first name is made only of invisible characters"
    )
    assert messages[1] == (
        "Row 3, column 'Organisation': organisation is 201 characters long; the limit is 200: shorten it"
    )
    assert len(messages) == 2
    assert_unchanged(before, before_counts)
    import_roster(path, seeded.id, ImportOptions(skip_invalid=True))
    assert Participant.get(Participant.first_name == "Cy").last_name == "eeL"  # the override is gone


def test_a_nul_character_in_a_cell_is_a_row_problem_not_a_crash(seeded, tmp_path):
    """Found by the fuzz test on PostgreSQL, whose text fields cannot hold NUL: the row is refused by number."""
    path = tmp_path / "nul.csv"
    path.write_bytes("First name,Last name,Role\nAna,Si\x00lva,mentor\nBen,Okafor,mentee\n".encode("utf-16"))
    before, before_counts = dump(), counts()
    shown = preview(path, seeded.id)
    assert any(p.row == 2 and "NUL character" in p.message for p in shown.problems)
    with pytest.raises(RosterImportError, match="1 row of 2 cannot be imported"):
        import_roster(path, seeded.id)
    assert_unchanged(before, before_counts)
    assert import_roster(path, seeded.id, ImportOptions(skip_invalid=True)).added == 1


def test_repeated_cells_are_read_once_yet_each_row_gets_its_own_values_and_problems(programme, tmp_path):
    """Skills, availability and dates are parsed once per distinct cell (the file's thousands of rows share a
    few dozen): a refused cell is still reported on every row that holds it, a skill's direction still
    follows each row's role, and no two people share one list of slots."""
    header = "Name,E-mail,DOB,Role,Skills,Availability"
    rows = [
        "Ann Lee,ann@example.org,31/02/1980,mentor,coding,Mon 16:00-17:00",
        "Bo Chen,bo@example.org,31/02/1980,mentee,coding,Mon 16:00-17:00",
        "Cy Diaz,cy@example.org,01/02/1980,mentor,coding,Mon 16:00-17:00",
        "Di Eze,di@example.org,01/02/1980,mentee,coding,Mon 16:00-17:00",
        "Ed Fox,ed@example.org,01/02/1980,mentee,coding,Mon 25:00-26:00",
        "Flo Gul,flo@example.org,01/02/1980,mentee,coding,Mon 25:00-26:00",
    ]
    path = write(tmp_path / "r.csv", header + "\n" + "\n".join(rows) + "\n")
    result = preview(path, programme.id)
    refused = sorted((p.row, p.column) for p in result.problems if p.severity.name == "ERROR")
    assert refused == [(2, "DOB"), (3, "DOB"), (6, "Availability"), (7, "Availability")]
    by_name = {c.record.first_name: c.record for c in result.sample if c.record is not None}
    assert [(t.name, t.direction) for t in by_name["Cy"].tags] == [("coding", "offers")]
    assert [(t.name, t.direction) for t in by_name["Di"].tags] == [("coding", "seeks")]
    assert by_name["Cy"].date_of_birth == by_name["Di"].date_of_birth
    assert by_name["Cy"].slots == by_name["Di"].slots
    assert by_name["Cy"].slots is not by_name["Di"].slots
    summary = import_roster(path, programme.id, ImportOptions(skip_invalid=True))
    assert (summary.added, summary.skipped_invalid) == (2, 4)
    assert AvailabilitySlot.select().count() == 2
