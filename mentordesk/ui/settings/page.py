"""Settings: one tab per concern, each contributed by the area that owns it.

Each ``*_tab`` module in ``mentordesk.ui.settings`` defines ``create_tab(ctx) -> tuple[str, QWidget]``;
``tab_modules`` lists them in the order they appear. Tabs are built when the page is first shown and
refreshed with it.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QTabWidget, QToolButton, QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page

if TYPE_CHECKING:
    from mentordesk.services.settings_history import SettingsSnapshot


def tab_modules() -> list[ModuleType]:
    """The settings tabs, in the order they appear."""
    from mentordesk.ui.settings import (
        checks_tab,
        closure_tab,
        custom_fields_tab,
        general_tab,
        goals_tab,
        meetings_tab,
        pairing_tab,
        privacy_tab,
        protection_tab,
        screening_tab,
    )

    return [
        general_tab,
        screening_tab,
        checks_tab,
        custom_fields_tab,
        meetings_tab,
        pairing_tab,
        closure_tab,
        goals_tab,
        protection_tab,
        privacy_tab,
    ]


class _Change(QUndoCommand):
    """One saved settings change: the states before and after it."""

    def __init__(self, page: SettingsPage, text: str, before, after) -> None:
        super().__init__(text)
        self.page, self.before, self.after = page, before, after
        self.saved_text = ""
        self.done = True  # the tab has already saved it: the first redo() does nothing

    def undo(self) -> None:
        self.page.apply_state(self.before, self.page.tr("Undone: {what}").format(what=self.text()))

    def redo(self) -> None:
        if self.done:
            self.done = False
            return
        self.page.apply_state(self.after, self.page.tr("Redone: {what}").format(what=self.text()))


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(self.tr("Settings"), self.tr("How this database and its programmes work."))
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        for module in tab_modules():
            title, widget = module.create_tab(ctx)
            self.tabs.addTab(widget, title)
        self._build_undo()

    # -- one way of saving: every change is saved at once, and can be undone ---------------------
    def _build_undo(self) -> None:
        from mentordesk.services import settings_history

        self.history = settings_history
        self.undo_stack = QUndoStack(self)
        self._state: SettingsSnapshot | None = None
        self._applying = False
        from mentordesk.ui.icons import icon

        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        for action, icon_name, keys in (
            (self.undo_action, "mdi6.undo", QKeySequence.StandardKey.Undo),
            (self.redo_action, "mdi6.redo", QKeySequence.StandardKey.Redo),
        ):
            action.setIcon(icon(icon_name))
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.header_actions.addWidget(button)
        # Each tab says "saved" in the status bar when it stores a change: that is when to compare.
        self.ctx.statusMessage.connect(self._after_status)
        self.ctx.programmeChanged.connect(self._forget)

    def _forget(self, *_: object) -> None:
        """Another programme: its settings start a fresh history."""
        self.undo_stack.clear()
        self._state = None

    def _after_status(self, text: str, _timeout: int) -> None:
        if self._applying or not self.isVisible():
            return
        before = self._state
        after = self.history.snapshot(self.ctx.programme_id)
        self._state = after
        if before is not None and before != after and before.programme_id == after.programme_id:
            tab = self.tabs.tabText(self.tabs.currentIndex()).replace("&", "")
            change = _Change(self, self.tr("change to {tab}").format(tab=tab), before, after)
            change.saved_text = text  # what the tab said it saved, shown when undoing
            self.undo_stack.push(change)

    def apply_state(self, state, message: str) -> None:
        self._applying = True
        try:
            self.history.restore(state)
            self._state = state
            self.refresh()
            self.ctx.show_status(message)
            self.ctx.notify("settings")
        finally:
            self._applying = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._state is None:
            self._state = self.history.snapshot(self.ctx.programme_id)

    def refresh(self) -> None:
        super().refresh()
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is not None and hasattr(widget, "refresh"):
                widget.refresh()
