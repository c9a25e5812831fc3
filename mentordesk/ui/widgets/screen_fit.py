"""Windows never larger than the screen they are on: a 1024x700 laptop sees every button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
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



class _WholeText(QObject):
    """Keeps a window at least as tall as its wrapped text needs at the window's width."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize) and isinstance(watched, QWidget):
            layout = watched.layout()
            if layout is not None and layout.hasHeightForWidth():
                needed = layout.totalHeightForWidth(watched.width())
                screen = watched.screen()
                if screen is not None:
                    needed = min(needed, screen.availableGeometry().height() - DECORATION.height())
                if needed != watched.minimumHeight():
                    watched.setMinimumHeight(max(needed, layout.totalMinimumSize().height()))
                if watched.height() < needed:
                    watched.resize(watched.width(), needed)
        return False


def hold_wrapped_text(window: QWidget) -> None:
    """Never let ``window`` be shorter than its word-wrapped labels need at its width.

    A window's minimum height counts a wrapped label at its narrowest, and a window opens at most
    two thirds of the screen high: on a 1024x700 laptop the welcome dialog opened 466 px high and
    its keyring note was cut to one line. Watched here, the window grows to fit (within the screen)."""
    window.installEventFilter(_WholeText(window))
