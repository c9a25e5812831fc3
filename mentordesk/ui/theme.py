"""Fusion with one accent colour, light or dark following the system, and the shared style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from mentordesk import config

STYLE = "Fusion"
ACCENT = QColor("#2F6FDE")
ACCENT_DARK = QColor("#5B8FF0")
SPACING = 12  # the one spacing unit for margins between groups


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def build_palette(dark: bool) -> QPalette:
    palette = QPalette()
    if dark:
        window, base, alt, text = QColor("#1F2124"), QColor("#17181A"), QColor("#24272B"), QColor("#E8EAED")
        button, mid = QColor("#2A2D31"), QColor("#3A3E44")
        accent = ACCENT_DARK
    else:
        window, base, alt, text = QColor("#F5F6F8"), QColor("#FFFFFF"), QColor("#F0F2F5"), QColor("#1D232B")
        button, mid = QColor("#FFFFFF"), QColor("#D5D9E0")
        accent = ACCENT
    palette.setColor(QPalette.ColorRole.Window, window)
    palette.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.AlternateBase, alt)
    palette.setColor(QPalette.ColorRole.Text, text)
    palette.setColor(QPalette.ColorRole.Button, button)
    palette.setColor(QPalette.ColorRole.ButtonText, text)
    palette.setColor(QPalette.ColorRole.Mid, mid)
    palette.setColor(QPalette.ColorRole.Highlight, accent)
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Link, accent)
    palette.setColor(QPalette.ColorRole.ToolTipBase, base)
    palette.setColor(QPalette.ColorRole.ToolTipText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#8A9099"))
    disabled = QColor("#7A8089")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def is_dark() -> bool:
    app = QApplication.instance()
    if not isinstance(app, QGuiApplication):  # None, or a QCoreApplication without a palette
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def accent() -> QColor:
    return ACCENT_DARK if is_dark() else ACCENT


def new_application(argv0: str) -> QApplication:
    """The application, started in our style: chosen afterwards, with ``setStyle``, the style object
    comes back to Python, whose wrapper type costs the window's first paint 4 ms of enum classes."""
    global _started_styled
    app = QApplication([argv0, "-style", STYLE])
    _started_styled = True
    return app


_started_styled = False  # new_application started the application in STYLE: apply need not set it


def apply(app: QApplication, dark: bool | None = None) -> None:
    if not _started_styled:
        app.setStyle(STYLE)
    dark = system_prefers_dark() if dark is None else dark
    app.setPalette(build_palette(dark))
    qss = config.resources_dir() / "style.qss"
    if qss.is_file():
        colour = (ACCENT_DARK if dark else ACCENT).name()
        app.setStyleSheet(qss.read_text(encoding="utf-8").replace("@accent", colour))


def follow_system(app: QApplication) -> None:
    """Re-apply the palette when the desktop switches between light and dark."""
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda scheme: apply(app))
