"""Table models of the Events area: plain rows from the service, no queries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from mentordesk.core.events import MARKS
from mentordesk.services.events import EventRow, InviteeRow
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel

MARK_COLOURS = {"attended": QColor("#2E7D32"), "apologies": QColor("#B26A00"), "absent": QColor("#C62828")}
MARK_ICONS = {"attended": "ok", "apologies": "info", "absent": "close"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Events", text)


class EventsModel(RowsTableModel[EventRow]):
    HEADERS = ("When", "Event", "Kind", "Place", "Invited", "Attended")

    def row_texts(self, row: EventRow) -> tuple[str, ...]:
        return (
            format_datetime(row.starts_at),
            row.title,
            tr(row.kind_label),
            row.place,
            str(row.invited),
            f"{row.attended} of {row.invited}" if row.attended or row.apologies or row.absent else "—",
        )

    def cell(self, row: EventRow, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == 0:
            return row.starts_at.isoformat()
        if role == SORT_ROLE and column in (4, 5):
            return row.invited if column == 4 else row.attended
        return None


class RegisterModel(RowsTableModel[InviteeRow]):
    """The invitees with the marks being edited (``marks``: participant id -> mark)."""

    HEADERS = ("Name", "Role", "Mark")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.marks: dict[int, str] = {}

    def rows_replaced(self) -> None:
        self.marks = {r.participant_id: r.mark for r in self.rows}

    def mark(self, row: int) -> str:
        return self.marks.get(self.rows[row].participant_id, "")

    def set_mark(self, row: int, mark: str) -> None:
        self.marks[self.rows[row].participant_id] = mark
        index = self.index(row, 2)
        self.dataChanged.emit(self.index(row, 0), index)

    def changed(self) -> Mapping[int, str]:
        """The marks that differ from the saved ones."""
        return {
            r.participant_id: self.marks[r.participant_id]
            for r in self.rows
            if self.marks[r.participant_id] != r.mark
        }

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        mark = self.marks.get(row.participant_id, "")
        if index.column() == 2:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return tr(MARKS[mark])
            if role == Qt.ItemDataRole.ForegroundRole and mark in MARK_COLOURS:
                return MARK_COLOURS[mark]
            if role == Qt.ItemDataRole.DecorationRole and mark in MARK_ICONS:
                return icon(MARK_ICONS[mark])
        if index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if mark == "attended" else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, tr(row.role.capitalize()))[index.column()]
        return super().data(index, role)
