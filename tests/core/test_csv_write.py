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
