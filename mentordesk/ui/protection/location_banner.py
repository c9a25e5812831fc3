"""A banner over the pages when the database file sits in a synced folder or on a network mount.

Shown when such a file is opened, until the coordinator dismisses it for that path (remembered in
the settings); it offers File › Connect to a shared server… at once.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from mentordesk.ui.icons import icon

DISMISSED = "location_warning/dismissed"  # the paths whose warning was dismissed


class LocationBanner(QFrame):
    def __init__(self, window, text: str) -> None:
        super().__init__()
        self.window_ = window
        self.setObjectName("card")
        self.setAccessibleName(self.tr("Warning about where the database is kept"))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 10, 8)
        picture = QLabel()
        picture.setPixmap(icon("warning", "#B26A00").pixmap(QSize(24, 24)))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(picture)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Where the database is kept"))
        row.addWidget(self.label, 1)
        self.connect_button = QPushButton(icon("mdi6.server-network"), self.tr("Use a &shared server…"))
        self.connect_button.setAccessibleName(self.tr("Connect to a shared server instead"))
        self.connect_button.clicked.connect(window.connect_to_server)
        row.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignTop)
        self.dismiss_button = QPushButton(self.tr("D&ismiss"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss this warning for this file"))
        self.dismiss_button.clicked.connect(self.dismiss)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)

    def dismiss(self) -> None:
        from mentordesk.ui.main_window import app_settings

        settings = app_settings()
        paths = _dismissed(settings)
        path = str(self.window_.ctx.db_path.resolve())
        if path not in paths:
            settings.setValue(DISMISSED, [*paths, path])
            settings.sync()
        self.hide()


def _dismissed(settings) -> list[str]:
    value = settings.value(DISMISSED, [])
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in (value or [])]


def warn_if_risky(window) -> LocationBanner | None:
    """Show the banner on ``window`` when its file is in a risky place and not dismissed for that path."""
    from mentordesk.services import protection
    from mentordesk.ui.main_window import app_settings

    if window.ctx.is_server:
        return None
    text = protection.location_warning(window.ctx.db_path)
    if text is None or str(window.ctx.db_path.resolve()) in _dismissed(app_settings()):
        return None
    banner = LocationBanner(window, text)
    window.content_layout.insertWidget(0, banner)
    banner.show()
    window.location_banner = banner
    return banner
