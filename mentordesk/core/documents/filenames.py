"""File names people can read and that every operating system accepts (Windows is the strictest).

"Riverside Futures - Agreement - Zoë Ó'Brien & Łukasz Kowalski - 2026-11-27.pdf":
letters in any script stay, characters Windows reserves go, device names such as CON
are defused, and the name stays short enough for a Windows path and a Linux byte limit.
A name that is too long shortens its longest pieces, each keeping its last word
("Riverside Fu… 2026-27", "Oluwaseun-M… Papadopoulos"), and never the date at the end,
so both people, their surnames and the day stay readable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Characters Windows refuses in a file name, plus the path separators of every system.
_RESERVED_CHARS = re.compile(r'[<>:"?*\x00-\x1f\x7f]')
_SEPARATORS = re.compile(r"\s*[/\\|]+\s*")  # "2026/27" reads best as "2026-27"
# Device names Windows reserves with or without an extension ("CON.pdf" is still CON).
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
_RESERVED_NAMES |= {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
_RESERVED_NAMES |= {f"COM{c}" for c in "¹²³"} | {f"LPT{c}" for c in "¹²³"}

MAX_CHARS = 120  # leaves room for the folder within Windows' 260-character path limit
MAX_BYTES = 240  # ext4 and most Linux file systems allow 255 bytes per name; CJK takes 3 bytes a letter
SEPARATOR = " - "


def clean_part(text: str) -> str:
    """One part of a name: reserved characters become spaces, invisible characters go, spaces collapse."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SEPARATORS.sub("-", text)
    text = _RESERVED_CHARS.sub(" ", text)
    # Drop other invisible characters (formatting marks, line and paragraph separators).
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    return re.sub(r"\s+", " ", text).strip()


def _fits(text: str, max_chars: int, max_bytes: int) -> bool:
    return len(text) <= max_chars and len(text.encode("utf-8")) <= max_bytes


def _shorten(text: str, max_chars: int, max_bytes: int) -> str:
    if _fits(text, max_chars, max_bytes):
        return text
    cut = text[:max_chars]
    while cut and not _fits(cut, max_chars, max_bytes):
        cut = cut[:-1]
    # Prefer to end at a word boundary when that does not lose much.
    space = cut.rfind(" ")
    if space > len(cut) * 0.6:
        cut = cut[:space]
    return cut


ELLIPSIS = "…"
_NAME_SEPARATORS = re.compile(r"( & |, )")  # how join_names lists people
KEEP_WHOLE = 20  # a last part this short (a date) is never shortened
MIN_PIECE = 6  # characters a shortened piece keeps, the ellipsis included
MIN_HEAD = 4  # letters of a first name kept before its surname is shortened


def shorten_middle(text: str, length: int) -> str:
    """``text`` cut to ``length`` characters by dropping its middle: "Oluwaseun…Smith"."""
    if len(text) <= length:
        return text
    if length <= 1:
        return text[:length]
    head = length // 2
    tail = length - 1 - head
    return text[:head] + ELLIPSIS + text[len(text) - tail :]


def _shrink_piece(piece: str) -> str:
    """One character less: "Oluwaseun-Maximilian Fernández" -> "Oluwaseun-Maxim… Fernández".

    The last word (a surname, a year) stays whole while the words before it shrink from their
    end; a single word loses its middle."""
    head, space, last = piece.rpartition(" ")
    if space and len(head.rstrip(ELLIPSIS)) > MIN_HEAD:
        stem = head[:-1] if head.endswith(ELLIPSIS) else head
        return stem[:-1].rstrip() + ELLIPSIS + space + last
    if ELLIPSIS in last:  # widen the gap, alternating sides so the ends stay balanced
        start, _, end = last.partition(ELLIPSIS)
        last = start[:-1] + ELLIPSIS + end if len(start) >= len(end) else start + ELLIPSIS + end[1:]
    else:
        last = shorten_middle(last, len(last) - 1)
    return head + space + last


def _fit_parts(parts: list[str], max_chars: int, max_bytes: int) -> str:
    """Join ``parts``; while too long, shorten the longest piece of any part (people listed with
    " & " and ", " are pieces each); the short last part, the date, is kept whole. As a last
    resort the end is cut."""
    fixed = len(parts) - 1 if len(parts) > 1 and len(parts[-1]) <= KEEP_WHOLE else len(parts)
    split = [_NAME_SEPARATORS.split(part) for part in parts[:fixed]]
    rest = parts[fixed:]

    def joined() -> str:
        return SEPARATOR.join(["".join(pieces) for pieces in split] + rest)

    while not _fits(joined(), max_chars, max_bytes):
        candidates = [
            (len(piece.encode("utf-8")), p, i)
            for p, pieces in enumerate(split)
            for i, piece in enumerate(pieces)
            if i % 2 == 0 and len(piece) > MIN_PIECE
        ]
        if not candidates:
            break
        _size, p, i = max(candidates)
        split[p][i] = _shrink_piece(split[p][i])
    return _shorten(joined(), max_chars, max_bytes)


def _defuse(stem: str) -> str:
    stem = stem.rstrip(" .")  # Windows silently drops trailing dots and spaces
    if stem.split(".")[0].strip().upper() in _RESERVED_NAMES:
        stem = "_" + stem
    return stem


def safe_filename(
    parts: Iterable[str],
    extension: str = ".pdf",
    max_chars: int = MAX_CHARS,
    max_bytes: int = MAX_BYTES,
    fallback: str = "document",
) -> str:
    """Join ``parts`` into one safe file name ending in ``extension``; empty parts are skipped."""
    extension = clean_part(extension).replace(" ", "")
    if extension and not extension.startswith("."):
        extension = "." + extension
    cleaned = [c for c in (clean_part(p) for p in parts) if c.strip(" .")]
    if cleaned:
        cleaned[0] = cleaned[0].lstrip(" .")
    stem = _fit_parts(
        cleaned, max(1, max_chars - len(extension)), max(1, max_bytes - len(extension.encode("utf-8")))
    )
    stem = _defuse(stem) or fallback
    return stem + extension


def numbered(name: str, number: int) -> str:
    """ "Agreement.pdf", 2 -> "Agreement (2).pdf": the next free name when a file already exists."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    suffix = f" ({number})"
    stem = _fit_parts(
        stem.split(SEPARATOR), MAX_CHARS - len(suffix) - len(extension) - 1, MAX_BYTES - len(suffix) - 8
    )
    return f"{stem}{suffix}.{extension}" if dot else f"{stem}{suffix}"


def join_names(names: list[str], limit: int = 3) -> str:
    """ "A", "A & B", "A, B & C", "A, B & 4 others" for a file name."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return names[0] if names else ""
    if len(names) > limit:
        return f"{', '.join(names[: limit - 1])} & {len(names) - limit + 1} others"
    return f"{', '.join(names[:-1])} & {names[-1]}"
