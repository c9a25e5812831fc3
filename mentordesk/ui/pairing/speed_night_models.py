"""Table models of the Speed night tab: the check-in list and the rounds at each table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel

Index = QModelIndex | QPersistentModelIndex
ATTENDANCE_TEXT = {"invited": "Not here yet", "present": "Here", "no_show": "Did not come"}


class CheckInModel(RowsTableModel[Any]):
    """Everyone invited: a tick for those who are here."""

    HERE, NAME, ROLE, TABLE, STATUS = range(5)
    HEADERS = ("Here", "Name", "Role", "Table", "Status")

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return row.name
            if column == self.ROLE:
                return self.tr("Mentor") if row.role == "mentor" else self.tr("Mentee")
            if column == self.TABLE:
                return str(row.table_no) if row.table_no else ""
            if column == self.STATUS:
                return self.tr(ATTENDANCE_TEXT.get(row.attendance, row.attendance))
            return ""
        if role == Qt.ItemDataRole.CheckStateRole and column == self.HERE:
            return Qt.CheckState.Checked if row.attendance == "present" else Qt.CheckState.Unchecked
        if role == SORT_ROLE and column == self.TABLE:
            return row.table_no or 0
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.HERE:
            return self.tr("here") if row.attendance == "present" else self.tr("not ticked in")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.HERE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags


class RoundsModel(RowsTableModel[Any]):
    """Rounds down, tables across; each cell the mentee at that table in that round."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tables: list[tuple[int, int, str]] = []  # (table, mentor id, mentor name)
        self.held = 0
        self.times: list[str] = []

    def set_night(self, night: Any | None, times: list[str] | None = None) -> None:
        self.tables = (
            [(s.table_no, s.participant_id, s.name) for s in night.seats if s.role == "mentor" and s.table_no]
            if night
            else []
        )
        self.tables.sort()
        self.held = night.event.rounds_held if night else 0
        self.times = times or []
        rounds: list[dict[int, str]] = []
        if night:
            for number in range(1, night.event.rounds + 1):
                rounds.append({m.mentor_id: m.mentee for m in night.round(number)})
        self.set_rows(rounds)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tables)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section < len(self.tables):
            table, _mentor, name = self.tables[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return name
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("Table {n}").format(n=table) + "\n" + name
            return None
        if role != Qt.ItemDataRole.DisplayRole or orientation == Qt.Orientation.Horizontal:
            return None
        text = self.tr("Round {n}").format(n=section + 1)
        if section < len(self.times) and self.times[section]:
            text += f"  {self.times[section]}"
        if section < self.held:
            text += " ✓"
        return text

    def cell(self, row: Any, column: int, role: int) -> Any:
        mentor_id = self.tables[column][1]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return row.get(mentor_id, "—")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
