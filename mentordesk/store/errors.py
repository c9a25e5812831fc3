"""What can go wrong when a database file is opened, and how to tell an encrypted file from a plain one
(and either from a file chosen by mistake: a text file, a PDF, a zip).

Apart from ``db`` (the open path) so that the modules ``db`` uses (migrations, backups, the server
connection, the file lock) can raise and recognise these without importing the open path back.
"""

from __future__ import annotations

import codecs
from pathlib import Path


class DatabaseError(Exception):
    """A database could not be opened; the message says what to do."""


class WrongPassphrase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseDamaged(DatabaseError):
    """The file failed SQLite's integrity or foreign-key check; it was not written to."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


SQLITE_HEADER = b"SQLite format 3\x00"

# SQLite (and so SQLCipher) pages are a power of two from 512 to 65536 bytes, and a database file is
# always a whole number of them: SQLCipher's default page is 4096 bytes, older versions used 1024.
SMALLEST_PAGE = 512
# An encrypted page looks like random bytes (the file starts with a random salt): 512 random bytes hold
# about 220 different byte values, text or a file of zeros far fewer.
_RANDOM_DISTINCT = 128
_SNIFF = 4096

# What other files start with, to say what a file chosen by mistake looks like.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip file (a Word, Excel or OpenDocument file, or another archive)"),
    (b"PK\x05\x06", "an empty zip file"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel document (.doc or .xls)"),
    (b"PGDMP", "a PostgreSQL dump (a shared server's backup: its administrator restores it with pg_restore)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
)
_TEXT_CONTROLS = set(range(32)) - {9, 10, 12, 13}


# The end of every such message: the GUI shows it as the box's second paragraph, with its own hint.
LEFT_AS_IT_WAS = " It was left as it was. "
CHOOSE_ANOTHER = (
    "Choose the .db file MentorDesk made (in the app: File › Open local file…; on the command line: --db PATH)."
)


class NotADatabase(DatabaseError):
    """The file is neither a plain nor an encrypted SQLite database (or it is empty); nothing was changed."""


def is_plain_file(path: Path | str) -> bool:
    """True when ``path`` starts with SQLite's plain (unencrypted) header."""
    return _head(Path(path), len(SQLITE_HEADER)) == SQLITE_HEADER


def is_encrypted_file(path: Path | str) -> bool:
    """True when ``path`` could be an encrypted (SQLCipher) database: a whole number of pages of
    what looks like random bytes, without SQLite's plain header or another format's."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return False
    if size < SMALLEST_PAGE or size % SMALLEST_PAGE:
        return False
    head = _head(path, _SNIFF)
    return _looks_random(head) and not _surely_another_format(head)


def _surely_another_format(head: bytes) -> bool:
    """True for text, or a format whose magic is at least 4 bytes long. An encrypted file starts
    with its random salt, which begins with a given 2 bytes (gzip's, a UTF-16 mark) once in 65,536
    files and would lock their owners out for good; a 4-byte magic, once in 4 billion."""
    if any(len(magic) >= 4 and head.startswith(magic) for magic, _ in _MAGIC):
        return True
    return _as_text(head) is not None or not _TEXT_CONTROLS.intersection(head)


def what_it_looks_like(path: Path | str) -> str | None:
    """What ``path`` looks like when it holds data but is neither a plain nor a possibly encrypted
    SQLite database: "a text file", "a PDF document", "a file of 4,097 bytes, which is not a whole
    number of database pages"... None for a database, an empty or a missing file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    if size == 0 or not path.is_file():
        return None
    head = _head(path, _SNIFF)
    if head.startswith(SQLITE_HEADER) or is_encrypted_file(path):
        return None
    what = _looks_like(head)
    if what is None and (size < SMALLEST_PAGE or size % SMALLEST_PAGE):
        what = f"a file of {size:,} bytes, which is not a whole number of database pages"
    elif what is None:
        what = f"a file of {size:,} bytes that holds no database, plain or encrypted"
    return what


def not_a_database(path: Path | str) -> str | None:
    """Why ``path`` cannot be a MentorDesk database (see ``what_it_looks_like``): the message, which
    names the file, says what it looks like and what to do. None for a database, empty or missing file."""
    what = what_it_looks_like(path)
    if what is None:
        return None
    message = f"{Path(path).name} is not a MentorDesk database: it looks like {what}.{LEFT_AS_IT_WAS}{CHOOSE_ANOTHER}"
    if what.startswith("a file of"):  # no other format: perhaps a database an interrupted copy cut short
        message += " If it is a copy of a MentorDesk database that was cut short, restore a backup."
    return message


def _head(path: Path, size: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _looks_random(head: bytes) -> bool:
    return len(set(head[:SMALLEST_PAGE])) >= _RANDOM_DISTINCT


def _looks_like(head: bytes) -> str | None:
    """The kind of file ``head`` (a file's first bytes) starts, when it is a known one or text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "a text file (UTF-16)"
    text = _as_text(head)
    if text is None:  # not UTF-8: text in another encoding (Windows-1252...) still has no control bytes
        return "a text file" if head and not _TEXT_CONTROLS.intersection(head) else None
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")):
        return "a web page"
    if start.startswith("<?xml"):
        return "an XML file"
    return "a text file"


def _as_text(head: bytes) -> str | None:
    """``head`` as UTF-8 text (a character cut at its end allowed), or None when it is not text."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return None
    if any(ord(c) in _TEXT_CONTROLS for c in text):
        return None
    return text
