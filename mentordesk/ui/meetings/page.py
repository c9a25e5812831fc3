"""The Meetings area."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class MeetingsPage(Page):
    title = "Meetings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header(self.tr("Meetings")))
        self.empty = EmptyState(
            "meetings",
            self.tr("Nothing here yet"),
            self.tr(
                "Scheduled and recorded meetings will appear here, with matches that are overdue. Schedule a first meeting for an active match to begin."
            ),
        )
        layout.addWidget(self.empty, 1)
