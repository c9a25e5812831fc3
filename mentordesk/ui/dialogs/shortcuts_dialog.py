"""Help › Keyboard shortcuts: every shortcut of the window and of each page, read from the actions,
buttons and shortcuts themselves, so the list cannot drift from what the keys do."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.widgets.form_parts import dialog_buttons


@dataclass(frozen=True)
class Shortcut:
    where: str  # "Everywhere" or the page's title
    what: str
    keys: str  # in the platform's own spelling
    trigger: Callable[[], object] | None = field(default=None, compare=False, hash=False, repr=False)
    enabled: bool = field(default=True, compare=False, hash=False)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _name(obj: QObject) -> str:
    """What a shortcut does, in the words the GUI already uses for it."""
    if isinstance(obj, QShortcut):
        return obj.whatsThis()
    if isinstance(obj, QAction):
        return _plain(obj.text()) or obj.toolTip().partition(" (")[0]
    if isinstance(obj, QAbstractButton):
        return _plain(obj.text()) or obj.accessibleName() or obj.toolTip().partition(" (")[0]
    return ""


def _is_mnemonic(button: QAbstractButton) -> bool:
    """Alt plus the underlined letter of a button's text: Qt sets that itself, it is no shortcut of ours."""
    return bool(button.text()) and button.shortcut() == QKeySequence.mnemonic(button.text())


def _tab_widget_of(page: QObject) -> QTabWidget | None:
    """The tab widget whose page ``page`` is (a page's parent is the tab widget's own stack)."""
    stack = page.parent()
    tabs = stack.parent() if stack is not None else None
    if isinstance(tabs, QTabWidget) and isinstance(page, QWidget) and tabs.indexOf(page) >= 0:
        return tabs
    return None


def shortcuts_of(
    root: QWidget, where: str, *, skip: tuple[QWidget, ...] = (), shown_only: bool = False
) -> list[Shortcut]:
    """The shortcuts that live under ``root`` (its actions, buttons and QShortcuts), outside ``skip``.

    ``shown_only``: leave out the tabs and buttons hidden for this programme (the Page menu lists
    what works now; Help lists every page's keys)."""

    def inside_skipped(obj: QObject) -> bool:
        """Under a widget in ``skip``, inside a dialog the window opened before (its keys, such as a
        form's Ctrl+Return, work in that dialog, not in the window, and it may still be kept as a child
        after closing), or (asked) on a tab or a button hidden for this programme: a shadow board's tab
        when the programme pairs people, whose keys do nothing here."""
        node = obj if isinstance(obj, QWidget) else obj.parent()
        while node is not None and node is not root:
            if node in skip or isinstance(node, QDialog):
                return True
            if shown_only and isinstance(node, QWidget):
                tabs = _tab_widget_of(node)
                if node.isHidden() or (tabs is not None and not tabs.isTabVisible(tabs.indexOf(node))):
                    return True
            node = node.parent()
        return False

    found: list[Shortcut] = []
    for action in root.findChildren(QAction):
        if inside_skipped(action) or action.isSeparator():
            continue
        for sequence in action.shortcuts():
            found.append(Shortcut(where, _name(action), _keys(sequence), action.trigger, action.isEnabled()))
    for button in root.findChildren(QAbstractButton):
        if inside_skipped(button) or button.shortcut().isEmpty() or _is_mnemonic(button):
            continue
        found.append(
            Shortcut(where, _name(button), _keys(button.shortcut()), button.click, button.isEnabled())
        )
    for shortcut in root.findChildren(QShortcut):
        if not inside_skipped(shortcut) and not shortcut.key().isEmpty():
            found.append(
                Shortcut(
                    where,
                    _name(shortcut),
                    _keys(shortcut.key()),
                    shortcut.activated.emit,
                    shortcut.isEnabled(),
                )
            )
    unique = list(dict.fromkeys(found))  # one row for an action a menu and a button share
    return sorted(unique, key=lambda s: s.what.lower())


class ShortcutsDialog(QDialog):
    """A searchable list of shortcuts, grouped under Everywhere and each page."""

    def __init__(self, groups: list[tuple[str, list[Shortcut]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 620)
        layout = QVBoxLayout(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Type an action or a key, e.g. Ctrl+F"))
        self.filter_edit.setClearButtonEnabled(True)
        caption = QLabel(self.tr("&Find:"))
        caption.setBuddy(self.filter_edit)
        layout.addWidget(caption)
        layout.addWidget(self.filter_edit)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        for where, rows in groups:
            if not rows:
                continue
            group = QTreeWidgetItem(self.tree, [where])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for row in rows:
                QTreeWidgetItem(group, [row.what, row.keys])
        self.tree.expandAll()
        layout.addWidget(self.tree, 1)
        note = QLabel(
            self.tr(
                "Page shortcuts work while that page shows; they are also in the menu named after the page."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(dialog_buttons(self, None))
        self.filter_edit.textChanged.connect(self._filter)

    def _groups(self) -> Iterator[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """Each group of the tree with its rows (Qt answers None only for an index out of range)."""
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is not None:
                children = (group.child(i) for i in range(group.childCount()))
                yield group, [child for child in children if child is not None]

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for group, children in self._groups():
            shown = 0
            for child in children:
                match = not needle or needle in child.text(0).lower() or needle in child.text(1).lower()
                child.setHidden(not match)
                shown += match
            group.setHidden(shown == 0)

    def rows(self) -> list[tuple[str, str, str]]:
        """(where, what, keys) of every row shown, top to bottom."""
        shown = []
        for group, children in self._groups():
            for child in children:
                if not child.isHidden() and not group.isHidden():
                    shown.append((group.text(0), child.text(0), child.text(1)))
        return shown
