"""The Goals area."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class GoalsPage(Page):
    title = "Goals"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header(self.tr("Goals")))
        self.empty = EmptyState(
            "goals",
            self.tr("Nothing here yet"),
            self.tr(
                "Goals, milestones and reflections for each match will appear here. Pick a match and add a goal, or start from a template."
            ),
        )
        layout.addWidget(self.empty, 1)
