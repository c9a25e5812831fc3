"""Fonts for paperwork: DejaVu Sans shipped with the app, a CJK font when the system has one.

reportlab's built-in Helvetica cannot draw Ł, Greek or Cyrillic, so every PDF embeds
DejaVu Sans from ``resources/fonts``. DejaVu has no Chinese, Japanese or Korean
letters; when the computer has a CJK TrueType font, runs of those letters switch to
it. Scripts written right to left (Arabic, Hebrew) need shaping that reportlab does
not do, so they count as "cannot render": the app warns instead of printing boxes.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mentordesk import config

log = logging.getLogger(__name__)

REGULAR = "MDSans"
BOLD = "MDSans-Bold"
FALLBACK = "MDFallback"

# TrueType CJK fonts in their usual places (reportlab cannot read CFF-based .otf/.ttc files).
KNOWN_CJK_FONTS = [
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/truetype/takao-gothic/TakaoPGothic.ttf",
    "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:/Windows/Fonts/msgothic.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/malgun.ttf",
]

_lock = threading.Lock()


def fonts_dir() -> Path:
    return config.resources_dir() / "fonts"


@cache
def _register_base() -> TTFont:
    folder = fonts_dir()
    regular = TTFont(REGULAR, str(folder / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return regular


def ensure_fonts() -> None:
    """Register the shipped fonts with reportlab (once per process; safe from any thread)."""
    with _lock:
        _register_base()


def _fc_list_cjk() -> list[str]:
    """CJK font files fontconfig knows about (Linux and most BSDs); empty where fc-list is missing."""
    if not shutil.which("fc-list"):
        return []
    found: list[str] = []
    for lang in ("ja", "zh-cn", "ko"):
        try:
            out = subprocess.run(
                ["fc-list", f":lang={lang}", "file"], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return found
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.lower().endswith((".ttf", ".ttc")) and path not in found:
                found.append(path)
    return found


def cjk_candidates() -> list[str]:
    """Where to look for a CJK font, best first: the user's choice, known files, fontconfig."""
    chosen = os.environ.get("MENTORDESK_CJK_FONT", "")
    candidates = [chosen] if chosen else []
    candidates += [p for p in KNOWN_CJK_FONTS if sys.platform == "win32" or not p.startswith("C:")]
    return candidates + _fc_list_cjk()


@cache
def _register_fallback() -> TTFont | None:
    for path in cjk_candidates():
        if not path or not Path(path).is_file():
            continue
        try:
            font = TTFont(FALLBACK, path)  # the first face of a .ttc collection
        except Exception as exc:  # CFF outlines, damaged files: try the next one
            log.debug("cannot use %s for CJK: %s", path, exc)
            continue
        if 0x4E00 not in font.face.charToGlyph:  # not a CJK font after all
            continue
        pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(
            FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
        )
        log.info("CJK font for paperwork: %s", Path(path).name)
        return font
    log.info("no CJK font found: Chinese, Japanese and Korean names cannot be printed")
    return None


def fallback_font() -> TTFont | None:
    with _lock:
        _register_base()
        return _register_fallback()


def fallback_font_name() -> str:
    font = fallback_font()
    return Path(font.face.filename).name if font is not None else ""


def _base_covers(char: str) -> bool:
    return ord(char) in _register_base().face.charToGlyph


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _needs_no_glyph(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\t\n\r"


@dataclass(frozen=True)
class RenderProblem:
    text: str
    characters: str  # the characters that cannot be printed, each once
    reason: str

    def __str__(self) -> str:
        return f"{self.text}: {self.reason}"


def render_problem(text: str) -> RenderProblem | None:
    """Why ``text`` cannot be printed faithfully, or None when every character has a glyph."""
    ensure_fonts()
    rtl = "".join(dict.fromkeys(ch for ch in text if _is_rtl(ch)))
    if rtl:
        return RenderProblem(text, rtl, "right-to-left script (Arabic or Hebrew) cannot be printed yet")
    missing = [ch for ch in text if not _needs_no_glyph(ch) and not _base_covers(ch)]
    if not missing:
        return None
    fallback = fallback_font()
    if fallback is not None:
        missing = [ch for ch in missing if ord(ch) not in fallback.face.charToGlyph]
        if not missing:
            return None
    unique = "".join(dict.fromkeys(missing))
    if fallback is None and any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in unique):
        reason = "needs a Chinese, Japanese or Korean font, and none is installed"
    else:
        reason = "no installed font has these characters"
    return RenderProblem(text, unique, reason)


def render_problems(texts: list[str]) -> list[RenderProblem]:
    """The texts (names) that would print as boxes, each listed once."""
    problems = []
    for text in dict.fromkeys(texts):
        problem = render_problem(text)
        if problem is not None:
            problems.append(problem)
    return problems


def para(text: str) -> str:
    """``text`` as reportlab paragraph markup: XML escaped, CJK runs switched to the fallback font."""
    ensure_fonts()
    if text.isascii():
        return escape(text)
    out: list[str] = []
    run: list[str] = []
    fallback = None
    for char in text:
        if _base_covers(char) or _needs_no_glyph(char):
            if run:
                out.append(f'<font face="{FALLBACK}">{escape("".join(run))}</font>')
                run = []
            out.append(escape(char))
            continue
        fallback = fallback if fallback is not None else fallback_font()
        if fallback is not None and ord(char) in fallback.face.charToGlyph:
            run.append(char)
        else:
            out.append(escape(char))
    if run:
        out.append(f'<font face="{FALLBACK}">{escape("".join(run))}</font>')
    return "".join(out)


def string_font(text: str, bold: bool = False) -> str:
    """The font to draw ``text`` with on the canvas (headers, footers), where runs cannot switch."""
    ensure_fonts()
    if all(_base_covers(ch) or _needs_no_glyph(ch) for ch in text):
        return BOLD if bold else REGULAR
    fallback = fallback_font()
    return FALLBACK if fallback is not None else (BOLD if bold else REGULAR)
