"""Windows never larger than the screen they are on: a 1024x700 laptop sees every button."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QWidget

DECORATION = QSize(0, 40)  # room for the title bar the window manager adds


def fit_within(window: QWidget, area: QRect) -> None:
    """Shrink ``window`` to ``area`` (less the title bar) if it is larger, and move it on to it."""
    room = area.size() - DECORATION
    size = window.size().boundedTo(room).expandedTo(window.minimumSizeHint())
    if size != window.size():
        window.resize(size)
    if not area.contains(window.geometry()):
        x = min(max(window.x(), area.left()), max(area.left(), area.right() - size.width()))
        y = min(max(window.y(), area.top()), max(area.top(), area.bottom() - size.height()))
        window.move(x, y)


def fit_on_screen(window: QWidget) -> None:
    """``fit_within`` the free area of the screen ``window`` is on (or will open on)."""
    screen = window.screen()
    if screen is not None:
        fit_within(window, screen.availableGeometry())

