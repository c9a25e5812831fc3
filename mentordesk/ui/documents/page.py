"""The Documents area."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from mentordesk.ui.context import AppContext
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class DocumentsPage(Page):
    title = "Documents"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header(self.tr("Documents")))
        self.empty = EmptyState(
            "documents",
            self.tr("Nothing here yet"),
            self.tr(
                "Agreements, consent forms and letters you generate will be listed here. Generate an agreement for a match to begin."
            ),
        )
        layout.addWidget(self.empty, 1)
