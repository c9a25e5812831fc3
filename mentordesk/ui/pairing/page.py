"""The Pairing area."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class PairingPage(Page):
    title = "Pairing"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header(self.tr("Pairing")))
        self.empty = EmptyState(
            "pairing",
            self.tr("Nothing here yet"),
            self.tr(
                "Proposed and active matches will appear here, each with the reasons behind it. Once mentors and mentees are ready, run the matcher or pair people by hand."
            ),
        )
        layout.addWidget(self.empty, 1)
