"""Reading a CSV file someone exported from Excel, LibreOffice, Google Sheets or a school system.

``sniff`` looks at the file once, in 1 MiB chunks (memory stays flat for a 50 MB
file): it refuses what is not CSV text (empty, binary, a workbook renamed to .csv)
with a message that says what to do, detects the encoding (UTF-8 with or without a
byte-order mark, UTF-16, else Windows-1252 or Latin-1), the delimiter (comma,
semicolon, tab, pipe) and the header row. ``iter_records`` then streams the records
with their row numbers as a spreadsheet shows them (the header is row 1), each
cell without the apostrophe guard ``write.neutralise`` adds, so an exported file
imports back as it was.

An Excel workbook (.xlsx, by its name or its contents) is read the same way through
``workbook``: one sheet (``sheet``; ``ChooseSheet`` when several hold data and none
was chosen), every cell as the text a CSV export would hold.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mentordesk.core.csv_files.workbook import ChooseSheet, Workbook, WorkbookError, is_workbook
from mentordesk.core.csv_files.write import unguard

CHUNK = 1 << 20
SAMPLE_BYTES = 256 * 1024  # enough for a few thousand rows: delimiter, header, date order
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
# Bytes that never occur in text (tab, line feed, carriage return and form feed are text).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")

_MAGIC = (
    (b"PK\x03\x04", "an OpenDocument spreadsheet (.ods) or another zip file, not an Excel workbook"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"SQLite format 3\x00", "a database file"),
    (b"{\\rtf", "a Word/RTF document"),
)
SAVE_AS_CSV = (
    "Open it in Excel or LibreOffice and use File > Save As > 'CSV UTF-8 (comma delimited)', "
    "then import that file."
)


NUL_IN_ROW = "the row holds a NUL character (binary data), which no field can keep: remove it from the file"


class NotCsv(ValueError):
    """The file cannot be read as CSV; the message says why and what to do."""


class SheetNeeded(NotCsv):
    """A workbook with several sheets of data and none chosen: ``sheets`` names them."""

    def __init__(self, message: str, sheets: list[str]) -> None:
        super().__init__(message)
        self.sheets = sheets


@dataclass(frozen=True)
class Sniffed:
    path: Path
    size: int
    encoding: str  # a Python codec name
    encoding_label: str  # for people: "UTF-8 with BOM", "Windows-1252"...
    delimiter: str
    line_endings: str  # "CRLF (Windows)", "LF", "CR", "mixed"
    header: tuple[str, ...]
    sample_rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)  # the first data rows
    sheet: str | None = None  # a workbook's sheet; None for a CSV file
    sheets: tuple[str, ...] = ()  # a workbook's sheets that hold data
    # Rows already read from elsewhere (returned PDF forms): records come from here, not the file.
    table: tuple[tuple[str, ...], ...] | None = None
    table_errors: tuple[str, ...] = ()  # per table row: "" or why that row could not be read
    source: str = ""  # how the rows were read, for people ("4 returned PDF forms")

    @property
    def delimiter_name(self) -> str:
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    @property
    def is_workbook(self) -> bool:
        return self.sheet is not None

    @property
    def summary(self) -> str:
        """How the file was read, for people: "UTF-8, comma-separated, line ends LF" or the sheet."""
        if self.source:
            return self.source
        if self.sheet is not None:
            return f"Excel workbook, sheet {self.sheet!r}"
        return f"{self.encoding_label}, {self.delimiter_name}-separated, line ends {self.line_endings}"


def _refuse_magic(head: bytes) -> None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise NotCsv(f"This is not a CSV file: it looks like {what}. {SAVE_AS_CSV}")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")):
        raise NotCsv(f"This is not a CSV file: it looks like a web page or XML. {SAVE_AS_CSV}")


def _utf16_without_bom(head: bytes) -> str | None:
    """Excel's "Unicode text" without a BOM: every other byte of ASCII text is zero."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


@dataclass
class _Scan:
    utf8_ok: bool = True
    has_nul_at: int = -1
    cp1252_ok: bool = True


def _scan_bytes(path: Path, size: int, progress: Callable[[int, int], None] | None) -> _Scan:
    """One pass over the bytes: is it valid UTF-8, does it hold NUL bytes, is it Windows-1252."""
    scan = _Scan()
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            if scan.has_nul_at < 0:
                nul = chunk.find(b"\x00")
                if nul >= 0:
                    scan.has_nul_at = offset + nul
                    break
            if scan.utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    scan.utf8_ok = False
            if scan.cp1252_ok and any(b in chunk for b in _CP1252_UNDEFINED):
                scan.cp1252_ok = False
            offset += len(chunk)
            if progress:
                progress(offset, size)
    if scan.utf8_ok:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:  # the file ends in the middle of a character
            scan.utf8_ok = False
    return scan


def detect_encoding(path: Path, progress: Callable[[int, int], None] | None = None) -> tuple[str, str]:
    """(codec, label) for a text file; ``NotCsv`` for empty, binary or non-CSV files."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(SAMPLE_BYTES)
    except FileNotFoundError:
        raise NotCsv(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise NotCsv(f"{path} is a folder: choose a CSV file inside it.") from None
    except PermissionError:
        raise NotCsv(f"{path} cannot be read (permission denied).") from None
    if size == 0:
        raise NotCsv("The file is empty (0 bytes): export the roster again and choose the new file.")
    _refuse_magic(head)
    if head.startswith(codecs.BOM_UTF8):
        encoding, label = "utf-8-sig", "UTF-8 with BOM"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "UTF-16 (Unicode text)"
    elif bom_less := _utf16_without_bom(head):
        return bom_less, "UTF-16 (Unicode text)"
    else:
        encoding, label = "utf-8", "UTF-8"
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    if b"\x00" in head or controls > max(2, len(head) // 200):
        raise NotCsv(
            "This is not a CSV file: it contains binary data, not text. "
            f"If it came from a spreadsheet, {SAVE_AS_CSV[0].lower()}{SAVE_AS_CSV[1:]}"
        )
    scan = _scan_bytes(path, size, progress)
    if scan.has_nul_at >= 0:
        raise NotCsv(
            f"The file holds binary data from byte {scan.has_nul_at:,} on, so it is not plain CSV text. {SAVE_AS_CSV}"
        )
    if scan.utf8_ok:
        return encoding, label
    if scan.cp1252_ok:
        return "cp1252", "Windows-1252 (Western European)"
    return "latin-1", "Latin-1 (ISO-8859-1)"


def _line_endings(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, n in (("CRLF (Windows)", crlf), ("LF", lf), ("CR", cr)) if n]
    if not kinds:
        return "none (a single line)"
    return kinds[0] if len(kinds) == 1 else "mixed (" + ", ".join(kinds) + ")"


def _records(text: str, delimiter: str, limit: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the header into most columns and the rows most consistently."""
    best, best_score = ",", (-1.0, 0)
    for delimiter in DELIMITERS:
        rows = _records(text, delimiter, 50)
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for r in rows[1:] if len(r) == width) / max(1, len(rows) - 1)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _decode_sample(path: Path, encoding: str) -> str:
    with open(path, "rb") as handle:
        raw = handle.read(SAMPLE_BYTES)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(raw)
    if len(raw) == SAMPLE_BYTES:  # cut the partial last line
        cut = max(text.rfind("\n"), text.rfind("\r"))
        text = text[: cut + 1] if cut > 0 else text
    return text


def _unique_header(cells: list[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out = []
    for index, cell in enumerate(cells):
        name = " ".join(cell.replace("\ufeff", "").split()) or f"Column {index + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return tuple(out)


def sniff(
    path: Path | str,
    encoding: str | None = None,
    delimiter: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    sheet: str | None = None,
) -> Sniffed:
    """Detect encoding, delimiter and header (or use the ones given); ``NotCsv`` when it is not CSV.

    A workbook is read from ``sheet`` (or its only sheet with data); ``SheetNeeded`` when it
    has several and none was chosen.
    """
    path = Path(path)
    if path.is_file() and is_workbook(path):
        return _sniff_workbook(path, sheet)
    if encoding is None:
        encoding, label = detect_encoding(path, progress)
    else:
        label = encoding
        detect_encoding(path, progress)  # still refuse binary and workbooks
    text = _decode_sample(path, encoding)
    if not text.strip():
        raise NotCsv("The file has no text in it (only spaces or blank lines).")
    delimiter = delimiter or detect_delimiter(text)
    rows = _records(text, delimiter, 201)
    if not rows:
        raise NotCsv(
            "The file could not be read as CSV: check that it is a comma- or semicolon-separated file."
        )
    header = _unique_header(rows[0])
    if any("@" in cell and "." in cell.split("@")[-1] for cell in rows[0]):
        raise NotCsv(
            "The first row looks like a person, not column names (it holds an e-mail address). "
            "Add a header row naming the columns (e.g. First name, Last name, E-mail, Role) and try again."
        )
    return Sniffed(
        path=path,
        size=path.stat().st_size,
        encoding=encoding,
        encoding_label=label,
        delimiter=delimiter,
        line_endings=_line_endings(text),
        header=header,
        sample_rows=tuple(_unguarded(r) for r in rows[1:]),
    )


def _sniff_workbook(path: Path, sheet: str | None) -> Sniffed:
    try:
        book = Workbook(path, sheet)
    except ChooseSheet as exc:
        raise SheetNeeded(str(exc), exc.sheets) from None
    except WorkbookError as exc:
        raise NotCsv(str(exc)) from None
    rows = [cells for _, cells in book.records() if any(c.strip() for c in cells)]
    header = _unique_header(rows[0])
    return Sniffed(
        path=path,
        size=path.stat().st_size,
        encoding="",
        encoding_label="Excel workbook",
        delimiter="",
        line_endings="",
        header=header,
        sample_rows=tuple(_unguarded(r) for r in rows[1:201]),
        sheet=book.sheet,
        sheets=tuple(book.sheets),
    )


@dataclass(frozen=True)
class Record:
    row: int  # as a spreadsheet numbers it: the header is row 1
    cells: tuple[str, ...]
    error: str = ""  # set when the CSV itself is malformed on this row
    blank: bool = False  # an empty row between rows of data (blank rows at the end are not reported)


class _CharCounter:
    """Counts characters as csv.reader pulls lines, for a progress bar without a second pass."""

    def __init__(self, handle: io.TextIOBase) -> None:
        self.handle = handle
        self.chars = 0

    def lines(self) -> Iterator[str]:
        for line in self.handle:
            self.chars += len(line)
            yield line


def iter_records(sniffed: Sniffed, progress: Callable[[int, int], None] | None = None) -> Iterator[Record]:
    """Every record after the header; a malformed record is yielded with ``error``, a blank one between
    records with ``blank`` (blank rows before the header or after the last record are left out)."""
    if sniffed.table is not None:
        total = len(sniffed.table)
        for index, row_cells in enumerate(sniffed.table):
            error = sniffed.table_errors[index] if index < len(sniffed.table_errors) else ""
            yield Record(index + 2, () if error else row_cells, error)
            if progress is not None:
                progress(index + 1, total)
        return
    if sniffed.sheet is not None:
        try:
            book = Workbook(sniffed.path, sniffed.sheet)
        except WorkbookError as exc:  # changed since it was sniffed
            yield Record(1, (), str(exc))
            return
        total = len(book.rows)

        def row_reached(row: int) -> None:
            if progress:
                progress(row, total)

        yield from _after_header(((row, cells, "") for row, cells in book.records()), row_reached)
        row_reached(total)
        return
    with open(sniffed.path, encoding=sniffed.encoding, newline="", errors="replace") as handle:
        counted = _CharCounter(handle)
        reader = csv.reader(counted.lines(), delimiter=sniffed.delimiter, strict=True)

        def chars_read(_row: int) -> None:
            if progress:  # characters, not bytes: close enough for a progress bar
                progress(min(counted.chars, sniffed.size), sniffed.size)

        yield from _after_header(_csv_rows(reader), chars_read)
    if progress:
        progress(sniffed.size, sniffed.size)


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str], str]]:
    """(row number, cells, problem) for each CSV record; a malformed one has no cells and a problem."""
    row = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row += 1
            yield row, [], _csv_problem(str(exc))
            continue
        row += 1
        yield row, cells, ""


def _after_header(rows: Iterable[tuple[int, list[str], str]], tick: Callable[[int], object]) -> Iterator[Record]:
    """The records after the header of a CSV file or a sheet alike: blank rows between records are
    reported (not those before the header or after the last record), a NUL character refuses its row."""
    header_seen = False
    blanks: list[int] = []
    for row, cells, problem in rows:
        if problem:
            yield Record(row, (), problem)
            continue
        text = "".join(cells)  # the row's cells at once: one test each below, not one per cell
        if not text.strip():  # blank: no cell holds anything but spaces
            if header_seen:
                blanks.append(row)
            continue
        if not header_seen:
            header_seen = True
            continue
        for blank in blanks:
            yield Record(blank, (), blank=True)
        blanks.clear()
        if "\x00" in text:
            yield Record(row, (), NUL_IN_ROW)
            continue
        yield Record(row, _unguarded(cells) if "'" in text else tuple(cells))
        if row % 2000 == 0:
            tick(row)


def _unguarded(cells: list[str]) -> tuple[str, ...]:
    """The cells without the apostrophe our exports (and OWASP's advice) put before formula signs."""
    return tuple(unguard(cell) if cell.startswith("'") else cell for cell in cells)


def _csv_problem(message: str) -> str:
    if "field larger than field limit" in message:
        return (
            'a value is longer than 128,000 characters: a quote (") is probably not closed, '
            "so the rest of the file ran into one cell"
        )
    if "unexpected end of data" in message:
        return 'the file ends inside a quoted value: a quote (") is not closed'
    if "expected after" in message:
        return "a quoted value is followed by more text: put the whole value inside the quotes"
    if "new-line character seen in unquoted field" in message:
        return "a line break inside a value that is not quoted"
    return f"the row could not be read as CSV ({message})"
