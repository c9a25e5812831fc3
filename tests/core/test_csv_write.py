"""CSV conventions shared by every export."""

from __future__ import annotations

import csv
import io
from datetime import date

from mentordesk.core.csv_files.write import encode_csv, neutralise, write_csv


def test_formula_cells_are_neutralised_but_numbers_are_not():
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+44 7700") == "'+44 7700"
    assert neutralise("-1+2") == "'-1+2"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\tcmd") == "'\tcmd"
    assert neutralise(-3) == "-3"
    assert neutralise(date(2026, 9, 1)) == "2026-09-01"
    assert neutralise(None) == "" and neutralise(True) == "yes"


def test_bom_crlf_and_quoting_round_trip(tmp_path):
    path = tmp_path / "out.csv"
    rows = [["Zoë Ó'Brien", 'says "hi", twice', "line\nbreak"], ["Łukasz", "=1+1", ""]]
    assert write_csv(path, ["name", "note", "extra"], rows) == 2
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and data.count(b"\r\n") == 3
    text = data.decode("utf-8-sig")
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert back[1] == rows[0]
    assert back[2] == ["Łukasz", "'=1+1", ""]
    assert not (tmp_path / "out.csv.partial").exists()


def test_without_bom_and_with_semicolons():
    data = encode_csv(["a", "b"], [["1;2", "x"]], bom=False, delimiter=";")
    assert data == b'a;b\r\n"1;2";x\r\n'


def test_full_width_formula_signs_are_guarded_too():
    for sign in ("＝", "＋", "－", "＠"):
        assert neutralise(f"{sign}SUM(A1)") == f"'{sign}SUM(A1)"


def test_only_what_a_spreadsheet_runs_is_guarded():
    for text in ("007", "1/2", "it's", "O'Brien", "'quoted'", "A-level", "Year 9 - set 2"):
        assert neutralise(text) == text


def test_the_reader_takes_off_exactly_the_guard_the_writer_adds(tmp_path):
    from mentordesk.core.csv_files import iter_records, sniff

    values = ["+44 7700 900123", "=1+1", "'=quoted already", "''=twice", "'plain", "＠home", "-", "'", "x"]
    path = tmp_path / "guarded.csv"
    write_csv(path, ["Value", "Other"], [[v, "y"] for v in values])
    assert [r.cells[0] for r in iter_records(sniff(path))] == values


def test_exports_are_private_and_a_failed_one_leaves_the_old_file(tmp_path):
    import stat

    import pytest

    path = tmp_path / "roster.csv"
    write_csv(path, ["Name"], [["Ann"]])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def broken():
        yield ["Bo"]
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_csv(path, ["Name"], broken())
    assert "Ann" in path.read_text(encoding="utf-8-sig")
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]
