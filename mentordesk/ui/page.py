"""The contract between the main window and each area's page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import answers_window_wide, extra_keys


class Page(QWidget):
    """A main-window area. Subclasses build their widgets in ``__init__`` and load data in ``refresh``.

    The window calls ``refresh`` when the page is first shown, and again when it is shown after the
    programme or its data changed; pages never query the database from paint or data() calls.
    """

    title = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True

    def refresh(self) -> None:
        self.stale = False

    def keys_answer_window_wide(self) -> None:
        """Let this page's Ctrl and Alt shortcuts work wherever focus is in the window while the page
        shows: set to "within the page", Ctrl+Shift+R did nothing right after choosing a programme in
        the selector or clicking a tab (focus stays in the selector or the sidebar). A hidden page (or
        tab) answers no keys, so pages can share keys. Keys a field types (letters, Delete, Return)
        stay with their widget."""
        for action in self.findChildren(QAction):
            if action.shortcut().isEmpty() or action.shortcutContext() != Qt.ShortcutContext.WidgetWithChildrenShortcut:
                continue
            if answers_window_wide(action.shortcut()):
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def header(self, title: str, subtitle: str = "") -> QWidget:
        """The page title row; subclasses add action buttons to ``self.header_actions``."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 10)
        texts = QVBoxLayout()
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        texts.addWidget(heading)
        if subtitle:
            sub = QLabel(subtitle)
            sub.setObjectName("pageSubtitle")
            sub.setWordWrap(True)
            texts.addWidget(sub)
        row.addLayout(texts, 1)
        self.header_actions = QHBoxLayout()
        self.header_actions.setSpacing(8)
        row.addLayout(self.header_actions)
        return box

    def header_button(self, text: str, icon_name: str, shortcut: str, slot, primary: bool = False) -> QPushButton:
        """A button in the title row that ``shortcut`` presses while the page shows."""
        button = QPushButton(icon(icon_name, "#FFFFFF" if primary else None), text)
        if primary:
            button.setObjectName("primary")
        self.press_on_keys(button, text, shortcut)
        button.clicked.connect(lambda: slot())
        self.header_actions.addWidget(button)
        return button

    def press_on_keys(self, button: QPushButton, name: str, keys: str, *, tooltip: bool = True) -> None:
        """``keys`` presses ``button`` (when it is enabled) while this page shows (``form_parts.extra_keys``,
        scoped to the page); the action is named ``name``, so Help › Keyboard shortcuts lists it.
        ``tooltip``: the keys show as the button's tooltip."""
        extra_keys(button, keys, scope=self, name=name)
        if tooltip:
            button.setToolTip(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText))
