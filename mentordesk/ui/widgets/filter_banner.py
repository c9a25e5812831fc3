"""A line above a list shown filtered from elsewhere ("Showing 7 drifting matches, from the dashboard")
with a button that shows everything again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from mentordesk.ui.icons import icon


class FilterBanner(QFrame):
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.show_all = QPushButton(icon("close"), self.tr("Show &all"))
        self.show_all.setAccessibleName(self.tr("Show every row again"))
        self.show_all.clicked.connect(self.clear)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_all)
        self.hide()

    def show_caption(self, caption: str) -> None:
        self.label.setText(caption)
        self.show()

    def clear(self) -> None:
        self.hide()
        self.cleared.emit()
