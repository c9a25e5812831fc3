"""The friendly placeholder a page shows when it has nothing to list yet."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from mentordesk.ui.icons import icon


class EmptyState(QWidget):
    def __init__(
        self,
        icon_name: str,
        title: str,
        text: str,
        action_text: str = "",
        on_action: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(10)
        picture = QLabel()
        picture.setPixmap(icon(icon_name).pixmap(QSize(64, 64)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("emptyTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = QLabel(text)
        self.text_label.setObjectName("emptyText")
        self.text_label.setWordWrap(True)
        self.text_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label.setMinimumWidth(380)  # otherwise the label wraps at its size hint
        self.text_label.setMaximumWidth(460)
        layout.addWidget(picture)
        layout.addWidget(self.title_label)
        layout.addWidget(self.text_label, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.action_button: QPushButton | None = None
        if action_text and on_action is not None:
            self.action_button = QPushButton(action_text)
            self.action_button.setObjectName("primary")
            self.action_button.clicked.connect(on_action)
            layout.addWidget(self.action_button, alignment=Qt.AlignmentFlag.AlignHCenter)
