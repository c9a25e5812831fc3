"""What every page shares: the open database, the current programme, change notifications."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal


class AppContext(QObject):
    """Pages talk to each other only through these signals, never by reaching into one another."""

    programmeChanged = Signal(int)  # the programme id, or 0 when there is none
    dataChanged = Signal(str)  # which area's data changed: "participants", "matches", "meetings", ...
    statusMessage = Signal(str, int)  # text, timeout in ms
    undoOffered = Signal(str, object)  # what Undo would undo, and the function doing it (None: no offer)

    def __init__(self, db_path: Path, parent: QObject | None = None, *, server_url: str | None = None) -> None:
        super().__init__(parent)
        # For a shared server: its URL (no password in it), and ``db_path`` names no file (only the
        # database, for titles); what works on a file alone is turned off or done the server's way.
        self.server_url = server_url
        self.db_path = Path(db_path)
        self.programme_id: int = 0

    @property
    def is_server(self) -> bool:
        return self.server_url is not None

    @property
    def database_label(self) -> str:
        """What the title and status bar call the open database: a file name, or "db on host (as user)"."""
        if self.server_url is None:
            return self.db_path.name
        from mentordesk.services import protection

        return protection.describe_server(self.server_url)

    def set_programme(self, programme_id: int) -> None:
        if programme_id != self.programme_id:
            self.programme_id = programme_id
            self.programmeChanged.emit(programme_id)

    def notify(self, area: str) -> None:
        self.dataChanged.emit(area)

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        self.statusMessage.emit(text, timeout_ms)

    def offer_undo(self, text: str, undo: Callable[[], None] | None) -> None:
        """Show (or, with ``undo`` None, withdraw) the status bar's Undo button."""
        self.undoOffered.emit(text, undo)
