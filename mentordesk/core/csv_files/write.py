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

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    if text.startswith(FORMULA_STARTS):
        return "'" + text
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
