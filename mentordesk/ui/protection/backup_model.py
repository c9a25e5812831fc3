"""The list of backups as a table model (plain rows, no queries in data())."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from mentordesk.services.backups import BackupEntry
from mentordesk.ui.formatting import format_datetime

WHEN, REASON, SIZE = range(3)
HEADERS = ("Taken", "Why", "Size")
SortRole = Qt.ItemDataRole.UserRole + 1
EntryRole = Qt.ItemDataRole.UserRole + 2

REASONS = {
    "auto": "Daily, automatic",
    "manual": "Backed up by you",
    "before-restore": "Before a restore",
    "before-import": "Before an import",
    "before-erase": "Before an erasure",
}


def reason_text(reason: str) -> str:
    base = reason.rstrip("-0123456789") if reason[-1:].isdigit() else reason
    if base in REASONS:
        return REASONS[base]
    if base.startswith("before-migration"):
        return "Before an upgrade"
    return base.replace("-", " ").capitalize() or "Backup"


def size_text(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


class BackupListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[BackupEntry] = []

    def set_entries(self, entries: list[BackupEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHEN:
                return format_datetime(entry.taken_at)
            if column == REASON:
                return self.tr(reason_text(entry.reason))
            return size_text(entry.size)
        if role == SortRole:
            return (entry.taken_at.isoformat(), entry.reason, entry.size)[column]
        if role == EntryRole:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
