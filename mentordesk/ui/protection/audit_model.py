"""The audit trail as a table model, and the proxy that filters it by entity, action, dates and text."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from mentordesk.services.protection import AuditRow, action_label
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsTableModel

WHEN, WHO, ACTION, RECORD, FIELDS, CHANGES, SUMMARY = range(7)
SortRole = SORT_ROLE
RowRole = ROW_ROLE


def _local(row: AuditRow):
    """Events are stored in UTC; people read local time."""
    from datetime import UTC

    return row.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


class AuditTableModel(RowsTableModel[AuditRow]):
    HEADERS = ("When", "Who", "Action", "Record", "Fields changed", "Old → new", "Note")

    def row_texts(self, row: AuditRow) -> tuple[str, ...]:
        return (
            format_datetime(_local(row)),
            row.who,
            self.tr(action_label(row.action)),
            row.record,
            row.fields_text,
            row.changes_text,
            row.summary,
        )

    def sort_key(self, row: AuditRow, column: int) -> Any:
        if column == WHEN:
            return row.at.isoformat() + f"{row.id:012d}"
        if column == RECORD:
            return f"{row.entity}{(row.entity_id or 0):012d}"
        return super().sort_key(row, column)

    def cell(self, row: AuditRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.texts(row)[column]
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
