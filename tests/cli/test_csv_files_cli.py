"""``mentordesk import participants`` and ``mentordesk export ...``: exit codes, messages, database unchanged."""

from __future__ import annotations

import json

import pytest

from mentordesk.cli import is_cli_invocation, main
from tests.roster_fixtures import GOOD_ROWS, HEADER, roster_file, write, xlsx_bytes


@pytest.fixture
def demo_file(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    return path


def info(path, capsys) -> str:
    """Rows per table, without the settings row the first writing open of the day adds (its daily backup)."""
    main(["--db", str(path), "info"])
    return "\n".join(line for line in capsys.readouterr().out.splitlines() if line.split()[:1] != ["setting"])


def test_dispatch_knows_the_commands():
    assert is_cli_invocation(["--db", "x.db", "import", "participants", "f.csv"])
    assert is_cli_invocation(["export", "matches", "f.csv"])


def test_import_good_file(demo_file, tmp_path, capsys):
    path = roster_file(tmp_path)
    assert main(["--db", str(demo_file), "import", "participants", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 added, 0 updated, 0 skipped" in out and "backup" in out
    assert any(line.split() == ["participant", "43"] for line in info(demo_file, capsys).splitlines())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (bytes(range(256)) * 50, "binary data"),
        (xlsx_bytes(), "workbook could not be read"),
        ((HEADER + "\n").encode(), "no rows of people"),
    ],
    ids=["empty", "binary", "xlsx", "header-only"],
)
def test_bad_files_exit_1_and_leave_the_database_alone(demo_file, tmp_path, capsys, content, message):
    before = info(demo_file, capsys)
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    assert main(["--db", str(demo_file), "import", "participants", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and "The database was not changed." in err
    assert info(demo_file, capsys) == before


def test_row_level_messages_and_dry_run(demo_file, tmp_path, capsys):
    path = roster_file(tmp_path, [GOOD_ROWS[0], "Bo,Chen,bo@,,31/02/2001,teacher,,,,"])
    before = info(demo_file, capsys)
    assert main(["--db", str(demo_file), "import", "participants", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Row 3, column 'E-mail': 'bo@' is not an e-mail address" in err
    assert "Row 3, column 'Date of birth': '31/02/2001' is not a date" in err
    assert "Row 3, column 'Role': unknown role 'teacher'" in err
    assert info(demo_file, capsys) == before
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "'E-mail' -> E-mail" in out and "Would import 1 of 2 rows (1 with errors" in out
    assert info(demo_file, capsys) == before
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--skip-invalid"]) == 0
    assert "1 added, 0 updated, 1 skipped" in capsys.readouterr().out


def test_mapping_from_json_text_and_file(demo_file, tmp_path, capsys):
    path = write(tmp_path / "odd.csv", "Given,Family,Kind\nAnn,Lee,mentor\n")
    mapping = {"Given": "first_name", "Family": "last_name", "Kind": "role"}
    args = ["--db", str(demo_file), "import", "participants", str(path)]
    assert main([*args, "--mapping", json.dumps(mapping), "--dry-run"]) == 0
    capsys.readouterr()
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps(mapping))
    assert main([*args, "--mapping", str(mapping_file)]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main([*args, "--mapping", "{not json"]) == 1
    assert "--mapping is neither a JSON object" in capsys.readouterr().err
    assert main([*args, "--mapping", '{"Given": "shoe_size"}']) == 1
    assert "Unknown field in the mapping: shoe_size" in capsys.readouterr().err


def test_duplicates_skip_or_merge(demo_file, tmp_path, capsys):
    path = roster_file(tmp_path)
    args = ["--db", str(demo_file), "import", "participants", str(path)]
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--on-duplicate", "skip"]) == 0
    assert "0 added, 0 updated, 3 skipped (3 duplicates)" in capsys.readouterr().out
    assert main(args) == 0
    assert "0 added, 3 updated" in capsys.readouterr().out


def test_programme_must_be_named_when_there_are_several(demo_file, tmp_path, capsys):
    main(["--db", str(demo_file), "demo", "--force"])
    capsys.readouterr()
    path = roster_file(tmp_path)
    assert main(["--db", str(demo_file), "import", "participants", str(path)]) == 1
    assert "Choose a programme with --programme" in capsys.readouterr().err
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--programme", "nope"]) == 1
    assert "No programme called 'nope'" in capsys.readouterr().err
    name = "Riverside Futures 2026/27 (demo) 2"
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--programme", name]) == 0


def test_missing_input_file(demo_file, tmp_path, capsys):
    assert main(["--db", str(demo_file), "import", "participants", str(tmp_path / "nope.csv")]) == 1
    assert "There is no file at" in capsys.readouterr().err


@pytest.mark.parametrize("what", ["participants", "matches", "meetings"])
def test_export_each_table(demo_file, tmp_path, capsys, what):
    target = tmp_path / f"{what}.csv"
    assert main(["--db", str(demo_file), "export", what, str(target)]) == 0
    assert f"Wrote {what} to" in capsys.readouterr().out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["--db", str(demo_file), "export", what, str(target), "--no-bom"]) == 0
    assert not target.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_usage_errors(demo_file, tmp_path, capsys):
    assert main(["--db", str(demo_file), "export", "participants"]) == 1
    assert "Name the file to write" in capsys.readouterr().err
    assert main(["--db", str(demo_file), "export", "matches", "--ics", str(tmp_path / "x.ics")]) == 1
    assert "--ics exports meetings" in capsys.readouterr().err
    assert main(["--db", str(demo_file), "export", "meetings", str(tmp_path / "no" / "such" / "m.csv")]) == 1
    assert "There is no folder" in capsys.readouterr().err


def test_export_options_after_the_table_and_xlsx(demo_file, tmp_path, capsys):
    from openpyxl import load_workbook

    target = tmp_path / "roster.csv"
    assert main(["--db", str(demo_file), "export", "participants", "--no-bom", str(target)]) == 0
    assert target.read_bytes().startswith(b"First name,")
    workbook = tmp_path / "roster.xlsx"
    assert main(["--db", str(demo_file), "export", "participants", str(workbook)]) == 0
    assert "Wrote participants to" in capsys.readouterr().out
    assert load_workbook(workbook).active["A1"].value == "First name"


def test_skip_invalid_names_the_rows_it_skipped(demo_file, tmp_path, capsys):
    path = roster_file(tmp_path, [GOOD_ROWS[0], "Bo,Chen,bo@,,,mentor,,,,", GOOD_ROWS[1], "Cy,Do,,,,teacher,,,,"])
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "Rows skipped because of their errors: 3, 5." in out
    assert "skipped: Row 3, column 'E-mail': 'bo@' is not an e-mail address" in out


def test_dry_run_shows_each_change_and_refuses_unsettled_conflicts(demo_file, tmp_path, capsys):
    first = roster_file(tmp_path, ["Łukasz,Nowak,ln@example.org,07700 900111,25/12/1990,mentor,,,,"])
    assert main(["--db", str(demo_file), "import", "participants", str(first)]) == 0
    capsys.readouterr()
    again = write(
        tmp_path / "again.csv",
        HEADER + "\r\n"
        "Lukasz,Nowak,ln@example.org,07700 900222,25/12/1990,mentor,,,,\r\n"
        "Łukasz,Nowak,other@example.org,,25/12/1990,mentor,,,,\r\n",
        encoding="utf-8",
    )
    args = ["--db", str(demo_file), "import", "participants", str(again)]
    assert main([*args, "--dry-run"]) == 1
    captured = capsys.readouterr()
    assert (
        "Row 2 would change: First name: keeps 'Łukasz' (the file has 'Lukasz', accents lost); "
        "Phone: '07700 900111' -> '07700 900222'"
    ) in captured.out
    assert "choose --on-conflict new, merge or skip" in captured.err
    assert main(args) == 1
    assert "Row 3: same name and date of birth as participant" in capsys.readouterr().err
    assert main([*args, "--on-conflict", "new"]) == 0
    out = capsys.readouterr().out
    assert "1 added, 1 updated" in out and "Row 2 changed: First name: keeps 'Łukasz'" in out


def test_a_workbook_with_several_sheets_needs_sheet(demo_file, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Form1"
    book.active.append(["First name", "Last name", "Role", "Email"])
    book.active.append(["Ana", "Silva", "mentor", "ana.silva@example.org"])
    book.create_sheet("Old").append(["Something", "else"])
    path = tmp_path / "forms.xlsx"
    book.save(path)
    before = info(demo_file, capsys)
    assert main(["--db", str(demo_file), "import", "participants", str(path)]) == 1
    err = capsys.readouterr().err
    assert "2 sheets with data ('Form1', 'Old')" in err and "--sheet NAME" in err
    assert info(demo_file, capsys) == before
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--sheet", "Form1", "--dry-run"]) == 0
    assert "Excel workbook, sheet 'Form1', 1 rows." in capsys.readouterr().out
    assert main(["--db", str(demo_file), "import", "participants", str(path), "--sheet", "Form1"]) == 0
    assert "1 added" in capsys.readouterr().out
