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

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.programme_id: int = 0

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
