"""Reading an Excel workbook (.xlsx) as rows of text, as if it were the same table saved as CSV.

Microsoft Forms exports .xlsx, and many coordinators keep their lists in Excel. The workbook
is read with openpyxl (values, never formulas: ``data_only``), one sheet, and every cell turned
into the text a CSV export of it would hold: dates as ``yyyy-mm-dd``, whole numbers without
".0", true/false as Yes/No. Refused, each with what to do: a password-protected workbook,
an old .xls, several sheets with data and none chosen (``ChooseSheet`` lists them), a chosen
sheet that does not exist, a header row with merged cells.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


class WorkbookError(ValueError):
    """The workbook cannot be read; the message says why and what to do."""


class ChooseSheet(WorkbookError):
    """Several sheets hold data: the caller must say which one (``sheets`` lists them)."""

    def __init__(self, sheets: list[str]) -> None:
        self.sheets = sheets
        names = ", ".join(repr(s) for s in sheets)
        super().__init__(f"The workbook has {len(sheets)} sheets with data ({names}): choose one.")


def is_workbook(path: Path) -> bool:
    """An .xlsx/.xlsm by its name, or any zip holding an Excel workbook part."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _refuse_unreadable(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if head.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in head or b"E\x00n\x00c\x00r\x00y\x00p\x00t" in head:
            raise WorkbookError(
                "The workbook is protected by a password. Open it in Excel, remove the password "
                "(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and import again."
            )
        raise WorkbookError(
            "This is an old Excel workbook (.xls). Open it in Excel or LibreOffice and save it as "
            ".xlsx (or as CSV UTF-8), then import that file."
        )
    if not zipfile.is_zipfile(path):
        raise WorkbookError("The file is named like an Excel workbook but is not one: check the file.")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


class Workbook:
    """One sheet of a workbook, read once: its rows as text."""

    def __init__(self, path: Path, sheet: str | None = None) -> None:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        _refuse_unreadable(path)
        try:
            # From an open file, so a workbook saved under another name (.csv) still reads; not
            # read-only, because merged cells are only seen so.
            with open(path, "rb") as handle:
                book = load_workbook(handle, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, InvalidFileException):
            raise WorkbookError(
                "The workbook could not be read: open it in Excel, save it again "
                "as .xlsx (or as CSV UTF-8), and import that file."
            ) from None
        with_data = [ws.title for ws in book.worksheets if ws.max_row > 1 or ws.max_column > 1 or ws["A1"].value]
        if sheet is None:
            if len(with_data) > 1:
                raise ChooseSheet(with_data)
            if not with_data:
                raise WorkbookError("The workbook has no data in any sheet.")
            sheet = with_data[0]
        if sheet not in book.sheetnames:
            names = ", ".join(repr(s) for s in book.sheetnames)
            raise WorkbookError(f"The workbook has no sheet {sheet!r}; its sheets are {names}.")
        self.sheet = sheet
        self.sheets = with_data
        ws = book[sheet]
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        header_row = next((i for i, r in enumerate(rows) if any(c for c in r)), None)
        if header_row is None:
            raise WorkbookError(f"The sheet {sheet!r} is empty.")
        merged = [str(r) for r in ws.merged_cells.ranges if r.min_row <= header_row + 1 <= r.max_row]
        if merged:
            raise WorkbookError(
                f"The header row of sheet {sheet!r} has merged cells ({', '.join(merged)}): "
                "unmerge them so that each column has its own name in one cell, then import again."
            )
        self.rows = rows  # every row, the header included, as a spreadsheet numbers them from 1

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(row number, cells) for every row, trailing empty cells dropped."""
        for number, cells in enumerate(self.rows, start=1):
            while cells and not cells[-1]:
                cells = cells[:-1]
            yield number, cells
