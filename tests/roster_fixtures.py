"""Helpers shared by the roster and participants tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HEADER = "First name,Last name,E-mail,Phone,Date of birth,Role,Organisation,Skills,Interests,Availability"
GOOD_ROWS = [
    "Zoë,Ó'Brien,zoe@example.org,07700 900111,03/04/1985,mentor,Harbour Engineering,coding;maths,chess,Mon 16:00-17:30",
    "Łukasz,Kowalski,lukasz@example.org,07700 900112,25/12/1990,mentor,City Council,finance,music,Tue 17:00-18:00",
    "Siobhán,Nguyen,siobhan@example.org,,14/02/1999,mentee,Riverside Academy,essay writing,drama,",
]


def write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def roster_file(tmp_path: Path, rows: list[str] | None = None, name: str = "roster.csv", **kwargs) -> Path:
    lines = [HEADER, *(GOOD_ROWS if rows is None else rows)]
    return write(tmp_path / name, "\n".join(lines) + "\n", **kwargs)


def xlsx_bytes() -> bytes:
    """A minimal zip with the parts an .xlsx has: enough for the magic-number check."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


def dump() -> str:
    """Every row of every table as text, on either backend: two equal dumps mean nothing changed."""
    from mentordesk.store.models import ALL_MODELS

    return "\n".join(
        f"{model._meta.table_name} {row!r}"
        for model in ALL_MODELS
        for row in model.select().order_by(model._meta.primary_key).tuples()
    )


def counts() -> dict[str, int]:
    from mentordesk.store.models import ALL_MODELS

    return {model._meta.table_name: model.select().count() for model in ALL_MODELS}
