"""The same tables as an Excel workbook (.xlsx), where every cell's type is explicit.

A spreadsheet opening a CSV guesses types: "007" loses its zeros, "1/2" becomes a date,
"+44 7700 900123" a number or a formula. In a workbook written here, text is a string
cell (so none of that happens and nothing is evaluated: openpyxl would read a text
starting with "=" as a formula, so those cells are set as strings explicitly), numbers
are number cells, and dates are date cells with a date format. Written next to the
target and moved into place, like the CSV files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from mentordesk.core.private_files import replace_privately

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def _set(cell, value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "yes" if value else "no"
        cell.data_type = TYPE_STRING
    elif isinstance(value, datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float):
        cell.value = value
    else:
        cell.value = str(value)
        cell.data_type = TYPE_STRING  # never a formula, whatever it starts with


def write_xlsx(
    path: Path | str, header: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str = "Sheet1"
) -> int:
    """Write one sheet with a bold, frozen header row; returns the number of data rows."""
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    table = book.active
    assert table is not None
    table.title = sheet[:31]
    bold = Font(bold=True)
    widths = [len(h) for h in header]
    for column, title in enumerate(header, start=1):
        cell = table.cell(row=1, column=column)
        _set(cell, title)
        cell.font = bold
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            _set(table.cell(row=count + 1, column=column), value)
            if value is not None and column <= len(widths):
                widths[column - 1] = max(widths[column - 1], min(len(str(value)), 60))
    table.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        table.column_dimensions[get_column_letter(column)].width = width + 2
    with replace_privately(path) as partial:
        book.save(partial)
    return count
