"""Table models for the Meetings area: the agenda, the contact log and the "needs attention" list.

Each model holds plain rows loaded by a service; ``data()`` only formats them.
``RowFilter`` filters any of them by match, person and mode, and the calendar
views read the agenda's filtered rows from it, so one filter drives every view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from mentordesk.core.vocab import label
from mentordesk.services.meetings import ContactRow, MeetingRow, OverdueItem
from mentordesk.ui.formatting import format_date, format_datetime, format_weekday_time
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsTableModel

STATUS_COLOURS = {
    "planned": QColor("#2F6FDE"),
    "held": QColor("#2E7D32"),
    "cancelled": QColor("#8A9099"),
    "missed": QColor("#C62828"),
}
STATUS_ICONS = {"planned": "calendar", "held": "ok", "cancelled": "close", "missed": "warning"}

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowTableModel(RowsTableModel[RowT]):
    """The shared table model, sorting its own list: see ``sort``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def rows_replaced(self) -> None:
        if self._sort is not None:
            self._sort_rows(*self._sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the list itself (one key per row, then C's sort): thousands of rows in a few ms,
        where a proxy calling ``lessThan`` through ``data()`` would take a tenth of a second."""
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(self.HEADERS):
            self.rows.sort(
                key=lambda row: self.sort_key(row, column), reverse=order == Qt.SortOrder.DescendingOrder
            )


class MeetingTableModel(RowTableModel[MeetingRow]):
    WHEN, WHO, MODE, PLACE, STATUS, SERIES = range(6)
    HEADERS = ("When", "Who", "Mode", "Place or link", "Status", "Repeats")

    def cell(self, row: MeetingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return f"{format_weekday_time(row.starts_at)}–{row.ends_at:%H:%M}"
            if column == self.WHO:
                return row.who
            if column == self.MODE:
                return self.tr(label(row.mode))
            if column == self.PLACE:
                return row.place or row.link
            if column == self.STATUS:
                return self.tr(label(row.status))
            if column == self.SERIES:
                if not row.series_id:
                    return ""
                return self.tr("Series (moved)") if row.moved else self.tr("Series")
        if role == SORT_ROLE:
            if column == self.WHEN:
                return row.starts_at.isoformat()
            return str(self.cell(row, column, Qt.ItemDataRole.DisplayRole)).lower()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return icon(
                STATUS_ICONS.get(row.status, "calendar"),
                STATUS_COLOURS.get(row.status, QColor("#4A5360")).name(),
            )
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "cancelled":
            return STATUS_COLOURS["cancelled"]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Double-click to edit; right-click for more.")
        return None


WITH_LABELS = {"mentor": "Mentor", "mentee": "Mentee", "guardian": "Guardian"}


class ContactTableModel(RowTableModel[ContactRow]):
    WHEN, WITH, ABOUT, CHANNEL, SUMMARY, SAFETY, FOLLOW_UP = range(7)
    HEADERS = ("When", "With", "About", "Channel", "Summary", "Safety", "Follow-up")

    def cell(self, row: ContactRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHEN:
                return format_datetime(row.contacted_at)
            if column == self.WITH:
                with_whom = self.tr(WITH_LABELS.get(row.with_whom, label(row.with_whom)))
                return f"{with_whom}: {row.person}" if row.person else with_whom
            if column == self.ABOUT:
                return row.match_who
            if column == self.CHANNEL:
                return self.tr(label(row.channel))
            if column == self.SUMMARY:
                return row.summary.splitlines()[0] if row.summary else ""
            if column == self.SAFETY:
                return self.tr("Concern") if row.safety_concern else ""
            if column == self.FOLLOW_UP:
                if row.follow_up_on is None:
                    return ""
                done = self.tr(" (done)") if row.follow_up_done else ""
                return format_date(row.follow_up_on) + done
        if role == SORT_ROLE:
            if column == self.WHEN:
                return row.contacted_at.isoformat()
            if column == self.FOLLOW_UP:
                return row.follow_up_on.isoformat() if row.follow_up_on else ""
            if column == self.SAFETY:
                return int(row.safety_concern)
            return str(self.cell(row, column, Qt.ItemDataRole.DisplayRole)).lower()
        if role == Qt.ItemDataRole.DecorationRole and column == self.SAFETY and row.safety_concern:
            return icon("shield", "#C62828")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SAFETY and row.safety_concern:
            return QColor("#C62828")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUMMARY:
            return row.summary
        return None


KIND_LABELS = {
    "meeting": "Meeting overdue",
    "checkin": "Check-in overdue",
    "outcome": "Outcome to record",
    "follow_up": "Follow-up due",
}


class AttentionTableModel(RowTableModel[OverdueItem]):
    WHO, KIND, PROBLEM, DUE, DAYS = range(5)
    HEADERS = ("Match or person", "What", "Details", "Due", "Days overdue")

    def cell(self, row: OverdueItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.WHO:
                return row.who
            if column == self.KIND:
                return self.tr(KIND_LABELS.get(row.kind, label(row.kind)))
            if column == self.PROBLEM:
                return row.problem
            if column == self.DUE:
                return format_date(row.due_on)
            if column == self.DAYS:
                return str(row.days_overdue)
        if role == SORT_ROLE:
            if column == self.DAYS:
                return row.days_overdue + (1_000_000 if row.safety else 0)  # safety concerns on top
            if column == self.DUE:
                return row.due_on.isoformat()
            return str(self.cell(row, column, Qt.ItemDataRole.DisplayRole)).lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == self.KIND:
            return icon("shield", "#C62828") if row.safety else icon("warning", "#B26A00")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Double-click to act on it.")
        return None


class RowFilter(QSortFilterProxyModel):
    """Filters a ``RowTableModel`` by match, person and meeting mode; sorts by ``SORT_ROLE``.

    ``members_of`` maps a match to its people, so a person filter also finds rows that only
    name the match (an overdue match, a check-in about the match).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.match_id: int | None = None
        self.person_id: int | None = None
        self.mode: str | None = None
        self.members_of: Callable[[int | None], tuple[int, ...]] = lambda _match: ()
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts its own list; this proxy only filters (see RowTableModel.sort).
        model = self.sourceModel()
        if isinstance(model, RowTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_filters(self, match_id: int | None, person_id: int | None, mode: str | None) -> None:
        if (match_id, person_id, mode) == (self.match_id, self.person_id, self.mode):
            return
        self.beginFilterChange()
        self.match_id, self.person_id, self.mode = match_id, person_id, mode
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        return self.accepts(model.row_at(source_row))

    def accepts(self, row: Any) -> bool:
        if not (self.match_id or self.person_id or self.mode):
            return True
        match_id = getattr(row, "match_id", None)
        if self.match_id and match_id != self.match_id:
            return False
        if self.mode and getattr(row, "mode", self.mode) != self.mode:
            return False
        if self.person_id:
            people = getattr(row, "member_ids", None)
            if people is None:
                people = self.members_of(match_id)
            if self.person_id not in people and getattr(row, "participant_id", None) != self.person_id:
                return False
        return True

    def visible_rows(self) -> list[Any]:
        """The filtered rows in the source's order (what the calendar views draw), read straight from
        the source list: no per-row ``data()`` calls."""
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return [self.data(self.index(r, 0), ROW_ROLE) for r in range(self.rowCount())]
        return [row for row in model.rows if self.accepts(row)]
