"""File names people can read and that every operating system accepts (Windows is the strictest).

"Riverside Futures - Agreement - Zoë Ó'Brien & Łukasz Kowalski - 2026-11-27.pdf":
letters in any script stay, characters Windows reserves go, device names such as CON
are defused, and the name stays short enough for a Windows path and a Linux byte limit.
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
    stem = SEPARATOR.join(cleaned).lstrip(" .")
    stem = _shorten(
        stem, max(1, max_chars - len(extension)), max(1, max_bytes - len(extension.encode("utf-8")))
    )
    stem = _defuse(stem) or fallback
    return stem + extension


def numbered(name: str, number: int) -> str:
    """ "Agreement.pdf", 2 -> "Agreement (2).pdf": the next free name when a file already exists."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    suffix = f" ({number})"
    stem = _shorten(stem, MAX_CHARS - len(suffix) - len(extension) - 1, MAX_BYTES - len(suffix) - 8)
    return f"{stem}{suffix}.{extension}" if dot else f"{stem}{suffix}"


def join_names(names: list[str], limit: int = 3) -> str:
    """ "A", "A & B", "A, B & C", "A, B & 4 others" for a file name."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return names[0] if names else ""
    if len(names) > limit:
        return f"{', '.join(names[: limit - 1])} & {len(names) - limit + 1} others"
    return f"{', '.join(names[:-1])} & {names[-1]}"
