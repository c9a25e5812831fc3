"""CSV that opens correctly in Excel and LibreOffice, and cannot run formulas.

Conventions shared by every export: UTF-8 (with a byte-order mark by default, so
Excel detects the encoding), CRLF line ends, minimal quoting by the csv module,
and cells that a spreadsheet would read as a formula neutralised with a leading
apostrophe (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from mentordesk.core.private_files import replace_privately

# What makes a spreadsheet evaluate a cell: the ASCII signs, tab and carriage return, and the
# full-width signs that Excel and LibreOffice also accept as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
GUARD = "'"


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def unguard(text: str) -> str:
    """A cell as it was before ``neutralise``: exactly the guard it adds is taken off, nothing else."""
    if text.startswith(GUARD) and looks_like_formula(text[1:].lstrip(GUARD)):
        return text[1:]
    return text


def neutralise(value: object) -> str:
    """The text of a cell, made inert if a spreadsheet would evaluate it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return str(value)  # a negative number is data, not a formula
    text = str(value)
    # A value that already starts with the guard before a formula sign gets one more, so that
    # ``unguard`` gives back exactly this text.
    if looks_like_formula(text.lstrip(GUARD)):
        return GUARD + text
    return text


def encode_csv(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True, delimiter: str = ","
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def write_csv(
    path: Path | str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    bom: bool = True,
    delimiter: str = ",",
) -> int:
    """Write atomically (a half-written export never replaces a good one); returns the row count."""
    materialised = [list(r) for r in rows]
    data = encode_csv(header, materialised, bom=bom, delimiter=delimiter)
    with replace_privately(path) as partial:
        partial.write_bytes(data)
    return len(materialised)


def write_table(
    path: Path | str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    bom: bool = True,
    sheet: str = "Sheet1",
) -> int:
    """A table as CSV, or as an Excel workbook when the file name ends in .xlsx; returns the row count."""
    if Path(path).suffix.lower() == ".xlsx":
        from mentordesk.core.csv_files.xlsx import write_xlsx

        return write_xlsx(path, header, rows, sheet=sheet)
    return write_csv(path, header, rows, bom=bom)
