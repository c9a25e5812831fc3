"""A register read from CSV text: one row per person, naming them by e-mail or by name, with a mark.

Headers are matched loosely: ``email``/``e-mail``; ``name`` (or ``first name`` and ``last name``);
``mark``/``attendance``/``status``/``attended``. Every problem names its row and the fix; a file with
problems gives no lines at all (the caller saves nothing).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from mentordesk.core.events.rules import mark_of

_EMAIL = ("email", "e-mail", "email address", "e-mail address")
_NAME = ("name", "full name", "person", "participant")
_FIRST = ("first name", "first", "given name")
_LAST = ("last name", "last", "surname", "family name")
_MARK = ("mark", "attendance", "status", "attended", "register")


@dataclass(frozen=True)
class RegisterLine:
    row: int  # the row number as a spreadsheet shows it (the header is row 1)
    email: str
    name: str
    mark: str


def _find(headers: list[str], names: tuple[str, ...]) -> int | None:
    return next((i for i, h in enumerate(headers) if h in names), None)


def read_register(text: str) -> tuple[list[RegisterLine], list[str]]:
    """(lines, problems); when there are problems the lines are empty."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        return [], ["The file is empty: it needs a header row (e.g. name,email,mark) and one row per person."]
    headers = [" ".join(h.split()).lower() for h in rows[0]]
    email, name = _find(headers, _EMAIL), _find(headers, _NAME)
    first, last = _find(headers, _FIRST), _find(headers, _LAST)
    mark = _find(headers, _MARK)
    problems = []
    if mark is None:
        problems.append("No mark column: add one headed 'mark' (attended, apologies or absent).")
    if email is None and name is None and first is None:
        problems.append("No column says who: add one headed 'email' or 'name'.")
    if problems:
        return [], problems
    assert mark is not None
    lines = []

    def cell(row: list[str], index: int | None) -> str:
        return " ".join(row[index].split()) if index is not None and index < len(row) else ""

    for number, row in enumerate(rows[1:], 2):
        who_name = cell(row, name) or " ".join(p for p in (cell(row, first), cell(row, last)) if p)
        who_email = cell(row, email).lower()
        word = cell(row, mark)
        value = mark_of(word)
        if value is None:
            problems.append(
                f"Row {number}: '{word}' is not a mark: write attended, apologies or absent (or leave it empty)."
            )
            continue
        if not who_email and not who_name:
            problems.append(f"Row {number}: no name or e-mail: say who this row is about.")
            continue
        lines.append(RegisterLine(number, who_email, who_name, value))
    return ([], problems) if problems else (lines, [])
