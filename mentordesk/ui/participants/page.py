"""The Participants area."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class ParticipantsPage(Page):
    title = "Participants"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header(self.tr("Participants")))
        self.empty = EmptyState(
            "participants",
            self.tr("Nothing here yet"),
            self.tr(
                "Everyone enrolled in the programme will be listed here, with their screening status. Add people one by one or import a roster from a CSV file."
            ),
        )
        layout.addWidget(self.empty, 1)
