"""Settings: one tab per concern, each contributed by the area that owns it.

A module in ``mentordesk.ui.settings`` whose name ends in ``_tab`` defines
``TAB_ORDER`` (an int, lower first) and ``create_tab(ctx) -> tuple[str, QWidget]``.
Tabs are built when the page is first shown and refreshed with it.
"""

from __future__ import annotations

import importlib
import pkgutil

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from mentordesk.ui import settings as settings_package
from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page


def tab_modules() -> list:
    modules = [
        importlib.import_module(f"{settings_package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(settings_package.__path__)
        if info.name.endswith("_tab")
    ]
    return sorted(modules, key=lambda m: (getattr(m, "TAB_ORDER", 100), m.__name__))


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
