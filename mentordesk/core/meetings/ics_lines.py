"""iCalendar content lines written straight to text (RFC 5545, sections 3.1 and 3.3).

The calendar export writes tens of thousands of plain events; building an icalendar
object per property and serialising it costs most of the export's time. These few
rules are all a plain event needs, and they give the bytes icalendar gives for the
same values (a test holds them to that):

- TEXT values escape backslash, semicolon and comma, and turn every line break into
  ``\\n`` (3.3.11);
- a content line longer than 74 octets is folded: CRLF and a space before the octet
  that would make the line reach 75, never inside a UTF-8 character, and never right
  after a backslash (a reader could take the escape apart) (3.1);
- date-times are ``YYYYMMDDTHHMMSS``, with ``Z`` in UTC (3.3.5).
"""

from __future__ import annotations

from datetime import datetime

LIMIT = 75  # a line is folded before the octet that would make it this long
FOLD = "\r\n "


def escape_text(value: str) -> str:
    """A TEXT value as written in a content line."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """``line`` folded into pieces of fewer than 75 octets, joined by CRLF and a space."""
    if line.isascii() and len(line) < LIMIT:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current, size = [carried], len(carried.encode("utf-8"))
            else:
                pieces.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        pieces.append("".join(current))
    return FOLD.join(pieces)


def stamp(moment: datetime) -> str:
    """A date-time as ``YYYYMMDDTHHMMSS`` (wall clock; seconds, no fraction)."""
    return (
        f"{moment.year:04}{moment.month:02}{moment.day:02}"
        f"T{moment.hour:02}{moment.minute:02}{moment.second:02}"
    )


def utc_stamp(moment: datetime) -> str:
    """A UTC date-time as ``YYYYMMDDTHHMMSSZ``."""
    return stamp(moment) + "Z"
