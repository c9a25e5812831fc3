"""Fonts and text for every PDF MentorDesk writes: the one place that registers fonts and
turns user text into something reportlab can print.

reportlab's built-in Helvetica cannot draw Ł, Greek or Cyrillic, so every PDF embeds
DejaVu Sans from ``resources/fonts``. DejaVu has no Chinese, Japanese or Korean
letters; when the computer has a CJK TrueType font, each run of those letters switches
to it and everything else stays in DejaVu ("Zoë & 佐藤" keeps its Latin letters).
Right-to-left scripts (Arabic, Hebrew) are put in visual order with python-bidi and
Arabic letters joined by HarfBuzz, through reportlab's own uharfbuzz support.

Every text path goes through here: ``para`` (escaped paragraph markup),
``text_paragraph`` (a Paragraph of plain text) and ``draw_string`` (canvas headers and footers).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

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


def _base_covers(char: str) -> bool:
    return ord(char) in _register_base().face.charToGlyph


def _is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def _needs_no_glyph(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") or char in "\t\n\r"


@cache
def shaping_available() -> bool:
    """True when reportlab can join Arabic letters (uharfbuzz is installed)."""
    try:
        import uharfbuzz  # noqa: F401
    except ImportError:
        return False
    return True


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
    joined = "".join(dict.fromkeys(ch for ch in text if unicodedata.bidirectional(ch) == "AL"))
    if joined and not shaping_available():
        return RenderProblem(text, joined, "Arabic letters need the uharfbuzz package to be joined")
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


# -- text as reportlab needs it ------------------------------------------------------------------
# Control characters other than tab and newline are not allowed in paragraph markup (and print as nothing).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """``text`` without the control characters no PDF can show."""
    return _CONTROL.sub("", text or "")


def has_rtl(text: str) -> bool:
    return any(_is_rtl(ch) for ch in text)


# Unicode's isolate marks: a right-to-left name inside an English line ("Zoë, ليلى & 2 others") keeps
# its neighbours where they belong. They steer the ordering and are never drawn.
_ISOLATE, _POP_ISOLATE = "\u2068", "\u2069"
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def isolate(text: str) -> str:
    """``text`` marked as a unit for right-to-left ordering, when it holds right-to-left letters."""
    return f"{_ISOLATE}{text}{_POP_ISOLATE}" if has_rtl(text) else text


def _rtl_letter(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL", "NSM")


def _joined(word: str) -> str:
    """One right-to-left word (in reading order) as drawn: HarfBuzz joins the letters (initial,
    medial and final forms, lam-alef) and returns them left to right, as the characters of
    Unicode's presentation forms; without uharfbuzz the letters are only reversed."""
    if not shaping_available() or not any(unicodedata.bidirectional(ch) == "AL" for ch in word):
        return word[::-1]
    return str(shapeStr(word, REGULAR, 10))


def visual_order(text: str) -> str:
    """``text`` in the order it is drawn, left to right, one line at a time, Arabic joined.

    python-bidi puts right-to-left runs in visual order (the Unicode bidi algorithm, isolates
    included); each run of right-to-left letters is then shaped. The result is plain text
    that reportlab draws as it stands, in paragraphs, tables and on the canvas alike.
    """
    if not has_rtl(text):
        return _BIDI_CONTROLS.sub("", text)
    from bidi import get_display

    lines = []
    for line in text.split("\n"):
        shown = get_display(line, base_dir="L") if has_rtl(line) else line
        out: list[str] = []
        run: list[str] = []
        for char in shown:
            if _rtl_letter(char):
                run.append(char)
                continue
            if run:
                out.append(_joined("".join(reversed(run))))
                run = []
            out.append(char)
        if run:
            out.append(_joined("".join(reversed(run))))
        lines.append(_BIDI_CONTROLS.sub("", "".join(out)))
    return "\n".join(lines)


def _runs(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into runs: (True, run) for the CJK font, (False, run) for DejaVu."""
    fallback = None
    runs: list[tuple[bool, str]] = []
    for char in text:
        use_fallback = False
        if not (_base_covers(char) or _needs_no_glyph(char)):
            fallback = fallback if fallback is not None else fallback_font()
            use_fallback = fallback is not None and ord(char) in fallback.face.charToGlyph
        if runs and runs[-1][0] == use_fallback:
            runs[-1] = (use_fallback, runs[-1][1] + char)
        else:
            runs.append((use_fallback, char))
    return runs


def para(text: str) -> str:
    """``text`` as reportlab paragraph markup: the ONE escape for user values.

    Markup characters are escaped (a name like ``Ann<img src=...>`` prints as written and
    embeds nothing), control characters dropped, right-to-left runs put in visual order,
    and CJK runs switched to the fallback font. Newlines stay newlines (see ``p``).
    """
    ensure_fonts()
    text = visual_order(clean(text))
    if text.isascii():
        return escape(text)
    return "".join(
        f'<font face="{FALLBACK}">{escape(run)}</font>' if cjk else escape(run) for cjk, run in _runs(text)
    )


def text_paragraph(text: str, style: ParagraphStyle, bold: bool = False, **kwargs) -> Paragraph:
    """A Paragraph showing ``text`` exactly as written (escaped, line breaks kept)."""
    markup = para(text).replace("\n", "<br/>")
    return Paragraph(f"<b>{markup}</b>" if bold and markup else markup, style, **kwargs)


def is_plain(text: str) -> bool:
    """True when ``text`` can be drawn as it is in DejaVu: no other font, no reordering, no shaping."""
    ensure_fonts()
    return text.isascii() or all((_base_covers(ch) or _needs_no_glyph(ch)) and not _is_rtl(ch) for ch in text)


def _pieces(text: str, size: float, bold: bool) -> list[tuple[str, str, float]]:
    """(font, string, width) pieces that draw ``text`` left to right on a canvas."""
    base = BOLD if bold else REGULAR
    pieces = []
    for cjk, run in _runs(visual_order(clean(text).replace("\n", " "))):
        font = FALLBACK if cjk else base
        pieces.append((font, run, pdfmetrics.stringWidth(run, font, size)))
    return pieces


def text_width(text: str, size: float, bold: bool = False) -> float:
    ensure_fonts()
    return sum(width for _font, _text, width in _pieces(text, size, bold))


def fit(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text``, cut with "…" where it would be wider than ``width``."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_string(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    bold: bool = False,
    anchor: str = "left",
    max_width: float | None = None,
) -> float:
    """Draw ``text`` on the canvas with a font per run (DejaVu, else CJK), right-to-left text
    ordered and joined; ``anchor`` is "left", "right" or "centre". Returns the width drawn."""
    ensure_fonts()
    if max_width is not None:
        text = fit(text, size, max_width, bold)
    pieces = _pieces(text, size, bold)
    total = sum(width for _font, _text, width in pieces)
    left = x - total if anchor == "right" else x - total / 2 if anchor == "centre" else x
    for font, piece, width in pieces:
        canvas.setFont(font, size)
        canvas.drawString(left, y, piece)
        left += width
    return total
