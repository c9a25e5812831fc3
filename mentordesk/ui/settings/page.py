"""Settings: one tab per concern, each contributed by the area that owns it.

Each ``*_tab`` module in ``mentordesk.ui.settings`` defines ``create_tab(ctx) -> tuple[str, QWidget]``;
``tab_modules`` lists them in the order they appear. Tabs are built when the page is first shown and
refreshed with it.
"""

from __future__ import annotations

from types import ModuleType

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page


def tab_modules() -> list[ModuleType]:
    """The settings tabs, in the order they appear."""
    from mentordesk.ui.settings import (
        general_tab,
        goals_tab,
        meetings_tab,
        pairing_tab,
        privacy_tab,
        protection_tab,
        screening_tab,
    )

    return [general_tab, screening_tab, meetings_tab, pairing_tab, goals_tab, protection_tab, privacy_tab]


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

    def refresh(self) -> None:
        super().refresh()
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if hasattr(widget, "refresh"):
                widget.refresh()
