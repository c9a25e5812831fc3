"""Menus that answer the keyboard: an underlined letter for every item, and greyed-out items that say why.

An item with no underlined letter (the View menu's page names) cannot be picked by letter; two
items sharing one (File's "Programme report…" and "Restore from backup…" both had R) make the
letter stop on the first and wait for Return. ``give_mnemonics`` underlines a free letter in
every item that has none. Qt shows neither the tooltip nor the status tip of a greyed-out menu
item; ``explain_disabled`` shows both, so the reason is there where the item is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolTip


def mnemonic(text: str) -> str:
    """The underlined letter of a menu item's text, upper case, or "" when it has none."""
    key = QKeySequence.mnemonic(text)
    return key.toString().rpartition("+")[2].upper() if not key.isEmpty() else ""


def _items(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if not a.isSeparator() and a.text()]


def give_mnemonics(menu: QMenu) -> None:
    """Underline a free letter in each item that has none: a word's first letter if free, else any other."""
    taken = {mnemonic(a.text()) for a in _items(menu)} - {""}
    for action in _items(menu):
        text = action.text()
        if mnemonic(text) or "&" in text.replace("&&", ""):
            continue
        starts = [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]
        others = [i for i, c in enumerate(text) if c.isalnum() and i not in starts]
        for i in starts + others:
            if text[i].upper() not in taken:
                taken.add(text[i].upper())
                action.setText(text[:i] + "&" + text[i:])
                break


def menu_letters(menu: QMenu) -> dict[str, list[str]]:
    """Each underlined letter of ``menu`` and the items (shown or hidden) that use it."""
    found: dict[str, list[str]] = {}
    for action in _items(menu):
        found.setdefault(mnemonic(action.text()), []).append(action.text().replace("&", ""))
    return found


class _DisabledExplainer(QObject):
    def __init__(self, menu: QMenu, window: QMainWindow) -> None:
        super().__init__(menu)
        self.menu = menu
        self.window = window
        self.shown: QAction | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.MouseMove:
            action = self.menu.actionAt(event.position().toPoint())  # type: ignore[attr-defined]
            if action is not None and not action.isEnabled() and action.statusTip():
                if action is not self.shown:
                    self.shown = action
                    self.window.statusBar().showMessage(action.statusTip())
            elif self.shown is not None:
                self.shown = None
                self.window.statusBar().clearMessage()
        elif event.type() == QEvent.Type.Hide and self.shown is not None:
            self.shown = None
            self.window.statusBar().clearMessage()
            QToolTip.hideText()
        return False


def explain_disabled(menu: QMenu, window: QMainWindow) -> None:
    """Hovering a greyed-out item of ``menu`` shows its reason: tooltip, and status tip in the status bar."""
    menu.setToolTipsVisible(True)  # only items given a tooltip of their own show one
    menu.installEventFilter(_DisabledExplainer(menu, window))
