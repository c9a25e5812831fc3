"""The Settings area."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header(self.tr("Settings")))
        self.empty = EmptyState(
            "settings",
            self.tr("Nothing here yet"),
            self.tr("Programme, paperwork and data-protection settings will appear here. "),
        )
        layout.addWidget(self.empty, 1)
