"""The audit trail as a table model, and the proxy that filters it by entity, action, dates and text."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from mentordesk.services.audit_log import AuditRow, action_label
from mentordesk.ui.formatting import format_datetime

WHEN, WHO, ACTION, RECORD, FIELDS, CHANGES, SUMMARY = range(7)
HEADERS = ("When", "Who", "Action", "Record", "Fields changed", "Old → new", "Note")
SortRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2


def _local(row: AuditRow):
    """Events are stored in UTC; people read local time."""
    from datetime import UTC

    return row.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AuditRow] = []
        self._shown: dict[int, tuple[str, ...]] = {}

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._shown = {}
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def _texts(self, row_number: int) -> tuple[str, ...]:
        # Formatting is cached per row: data() is called for every paint.
        texts = self._shown.get(row_number)
        if texts is None:
            row = self.rows[row_number]
            texts = (
                format_datetime(_local(row)),
                row.actor,
                self.tr(action_label(row.action)),
                row.record,
                ", ".join(row.fields),
                row.changes_text,
                row.summary,
            )
            self._shown[row_number] = texts
        return texts

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts(index.row())[index.column()]
        if role == SortRole:
            if index.column() == WHEN:
                return row.at.isoformat() + f"{row.id:012d}"
            if index.column() == RECORD:
                return f"{row.entity}{(row.entity_id or 0):012d}"
            return self._texts(index.row())[index.column()].casefold()
        if role == RowRole:
            return row
        return None


class AuditFilterProxy(QSortFilterProxyModel):
    """Keeps the rows that match every filter that is set; an empty filter matches everything."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entity = ""
        self.action = ""
        self.since: date | None = None
        self.until: date | None = None
        self.text = ""
        self.setSortRole(SortRole)

    def set_filters(
        self,
        *,
        entity: str | None = None,
        action: str | None = None,
        since: date | None | bool = False,
        until: date | None | bool = False,
        text: str | None = None,
    ) -> None:
        """Change some filters (``False`` for a date: leave it as it is)."""
        # Qt >= 6.10 wants begin/endFilterChange around the change; older Qt has only invalidateFilter.
        modern = hasattr(self, "endFilterChange")
        if modern:
            self.beginFilterChange()
        if entity is not None:
            self.entity = entity
        if action is not None:
            self.action = action
        if since is not False:
            self.since = since  # type: ignore[assignment]
        if until is not False:
            self.until = until  # type: ignore[assignment]
        if text is not None:
            self.text = text
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        row: AuditRow = model.rows[source_row]  # type: ignore[attr-defined]
        if self.entity and row.entity != self.entity:
            return False
        if self.action and row.action != self.action:
            return False
        day = _local(row).date()
        if self.since is not None and day < self.since:
            return False
        if self.until is not None and day > self.until:
            return False
        return row.matches_text(self.text)
