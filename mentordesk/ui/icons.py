"""Icons from the Material Design font bundled with qtawesome (no network, no hand-drawn pixmaps)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

NAMES = {
    "dashboard": "mdi6.view-dashboard-outline",
    "participants": "mdi6.account-group-outline",
    "pairing": "mdi6.account-switch-outline",
    "meetings": "mdi6.calendar-month-outline",
    "goals": "mdi6.flag-checkered",
    "documents": "mdi6.file-document-multiple-outline",
    "surveys": "mdi6.clipboard-text-outline",
    "settings": "mdi6.cog-outline",
    "concerns": "mdi6.shield-alert-outline",
    "events": "mdi6.calendar-star",
    "attach": "mdi6.paperclip",
    "pause": "mdi6.pause-circle-outline",
    "add": "mdi6.plus",
    "edit": "mdi6.pencil-outline",
    "delete": "mdi6.trash-can-outline",
    "import": "mdi6.file-import-outline",
    "export": "mdi6.file-export-outline",
    "search": "mdi6.magnify",
    "warning": "mdi6.alert-outline",
    "error": "mdi6.alert-circle-outline",
    "ok": "mdi6.check-circle-outline",
    "info": "mdi6.information-outline",
    "calendar": "mdi6.calendar",
    "print": "mdi6.printer-outline",
    "pdf": "mdi6.file-pdf-box",
    "backup": "mdi6.backup-restore",
    "lock": "mdi6.lock-outline",
    "shield": "mdi6.shield-check-outline",
    "match": "mdi6.link-variant",
    "pin": "mdi6.pin-outline",
    "run": "mdi6.play-outline",
    "refresh": "mdi6.refresh",
    "programme": "mdi6.school-outline",
    "copy": "mdi6.content-copy",
    "history": "mdi6.history",
    "person": "mdi6.account-outline",
    "close": "mdi6.close",
    "open": "mdi6.folder-open-outline",
    "save": "mdi6.content-save-outline",
}

# The code points of the glyphs we use, so start-up need not parse the font's 7,000-entry
# name table (tests/test_icons.py checks them against it). Other names are looked up there.
CODEPOINTS = {
    "view-dashboard-outline": 0xF0A1D,
    "account-group-outline": 0xF0B58,
    "account-switch-outline": 0xF04CB,
    "calendar-month-outline": 0xF0E18,
    "flag-checkered": 0xF023C,
    "file-document-multiple-outline": 0xF1518,
    "clipboard-text-outline": 0xF0A38,
    "cog-outline": 0xF08BB,
    "plus": 0xF0415,
    "pencil-outline": 0xF0CB6,
    "trash-can-outline": 0xF0A7A,
    "file-import-outline": 0xF102F,
    "file-export-outline": 0xF102E,
    "magnify": 0xF0349,
    "alert-outline": 0xF002A,
    "alert-circle-outline": 0xF05D6,
    "check-circle-outline": 0xF05E1,
    "information-outline": 0xF02FD,
    "calendar": 0xF00ED,
    "printer-outline": 0xF1786,
    "file-pdf-box": 0xF0226,
    "backup-restore": 0xF006F,
    "lock-outline": 0xF0341,
    "shield-check-outline": 0xF0CC8,
    "link-variant": 0xF0339,
    "pin-outline": 0xF0931,
    "play-outline": 0xF0F1B,
    "refresh": 0xF0450,
    "school-outline": 0xF1180,
    "content-copy": 0xF018F,
    "history": 0xF02DA,
    "account-outline": 0xF0013,
    "close": 0xF0156,
    "folder-open-outline": 0xF0DCF,
    "content-save-outline": 0xF0818,
    "eye-outline": 0xF06D0,
    "lock-open-variant-outline": 0xF0FC7,
    "shield-alert-outline": 0xF0ECD,
    "paperclip": 0xF03E2,
    "pause-circle-outline": 0xF03E6,
    "calendar-star": 0xF09D3,
    # The main window's own, drawn before its first paint.
    "menu": 0xF035C,
    "menu-open": 0xF0BAB,
    "server-network": 0xF048D,
    "database-outline": 0xF1632,
}


MDI_PREFIX = "mdi6."
ICON_PREFIX = "mentordesk:"  # QIcon.name() of every icon made here: how tests tell ours from others
MDI_FONT = "materialdesignicons6-webfont-6.9.96.ttf"
MDI_CHARMAP = "materialdesignicons6-webfont-charmap-6.9.96.json"


class GlyphEngine(QIconEngine):
    """Paints one glyph of the icon font, the way qtawesome does (glyph at 7/8 of the icon height)."""

    def __init__(self, char: str, family: str, colour: str, name: str = "") -> None:
        super().__init__()
        self.char, self.family, self.colour, self.name = char, family, colour, name

    def iconName(self) -> str:  # noqa: N802 (Qt's name)
        return ICON_PREFIX + self.name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        colour = QColor(self.colour)
        if mode == QIcon.Mode.Disabled:
            colour.setAlphaF(0.4)
        font = QFont(self.family)
        font.setPixelSize(max(1, round(0.875 * rect.height())))
        painter.save()
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.char, self.family, self.colour, self.name)


def _fonts_folder() -> Path:
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("qtawesome (which ships the icon font) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _mdi_family() -> str:
    """The Material Design font that ships inside qtawesome, loaded without importing qtawesome.

    Importing qtawesome pulls in qtpy, which loads QtOpenGL and creates hundreds of enum
    classes: about a fifth of a second at every start-up, for a font file and a name table.
    """
    path = _fonts_folder() / MDI_FONT
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"could not load the icon font {path}")
    return families[0]


@cache
def _charmap() -> dict[str, str]:
    import json

    charmap = json.loads((_fonts_folder() / MDI_CHARMAP).read_text(encoding="utf-8"))
    return {name: chr(int(code, 16)) for name, code in charmap.items()}


def glyph(short_name: str) -> str | None:
    """The character of a Material Design icon (name without the ``mdi6.`` prefix), or None."""
    code = CODEPOINTS.get(short_name)
    return chr(code) if code is not None else _charmap().get(short_name)


@cache
def _cached(name: str, colour: str) -> QIcon:
    full = NAMES.get(name, name)
    if not full.startswith(MDI_PREFIX):  # another qtawesome font: let qtawesome draw it
        import qtawesome

        return qtawesome.icon(full, color=colour)
    char = glyph(full.removeprefix(MDI_PREFIX))
    if char is None:
        raise KeyError(f"no icon called {full!r} in the Material Design font")
    return QIcon(GlyphEngine(char, _mdi_family(), colour, name))


def icon(name: str, colour: str | None = None) -> QIcon:
    """An icon by our name (see NAMES) or by a raw qtawesome name; tinted to suit the palette."""
    from mentordesk.ui import theme

    if colour is None:
        colour = "#C9CDD3" if theme.is_dark() else "#4A5360"
    return _cached(name, colour)
