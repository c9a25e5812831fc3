"""The list of backups as a table model (plain rows, no queries in data())."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from mentordesk.services.protection import BackupEntry
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsTableModel

WHEN, REASON, SIZE = range(3)
SortRole = SORT_ROLE
EntryRole = ROW_ROLE

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


class BackupListModel(RowsTableModel[BackupEntry]):
    HEADERS = ("Taken", "Why", "Size")

    def row_texts(self, entry: BackupEntry) -> tuple[str, ...]:
        return (format_datetime(entry.taken_at), self.tr(reason_text(entry.reason)), size_text(entry.size))

    def sort_key(self, entry: BackupEntry, column: int) -> Any:
        return (entry.taken_at.isoformat(), entry.reason, entry.size)[column]

    def cell(self, entry: BackupEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
