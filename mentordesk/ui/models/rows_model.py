"""One read-only table model over a list of plain rows, shared by every area's tables.

A subclass names its columns (``HEADERS``) and says how a row reads: either
``row_texts`` (one display text per column) or ``cell`` answering DisplayRole. Where
a column should not sort as folded text (dates, numbers) it overrides ``sort_key``
or answers SORT_ROLE in ``cell``; ``cell`` also answers any other role (icons,
colours, tooltips, tick boxes). The rows come from a service; ``data()`` only
formats them and never queries.

Display texts are worked out once per row and kept until ``set_rows``: ``data()``
is called for every cell on every paint. They are keyed by the row object, so a
model that reorders its own rows (see the roster) keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain row object behind a table row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly (dates as ISO text, numbers)

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class RowsTableModel(QAbstractTableModel, Generic[RowT]):
    HEADERS: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []
        self._texts: dict[int, Sequence[Any]] = {}

    # -- loading ----------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[RowT]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = {}
        self.rows_replaced()
        self.endResetModel()

    def rows_replaced(self) -> None:
        """Called inside the reset after new rows arrive: rebuild whatever a subclass derives from them."""

    def row_at(self, row: int) -> RowT:
        return self.rows[row]

    # -- how a row reads ----------------------------------------------------------------------------
    def row_texts(self, row: RowT) -> Sequence[Any]:
        """What each column shows for ``row`` (DisplayRole), in column order: by default, ``cell``'s answers."""
        display = Qt.ItemDataRole.DisplayRole
        return [self.cell(row, column, display) for column in range(self.columnCount())]

    def texts(self, row: RowT) -> Sequence[Any]:
        key = id(row)  # rows stay referenced by self.rows, so their ids are stable until set_rows
        texts = self._texts.get(key)
        if texts is None:
            texts = self._texts[key] = self.row_texts(row)
        return texts

    def sort_key(self, row: RowT, column: int) -> Any:
        """SORT_ROLE: what ``cell`` gives for it, else the shown text, case-folded."""
        key = self.cell(row, column, SORT_ROLE)
        return key if key is not None else str(self.texts(row)[column]).casefold()

    def cell(self, row: RowT, column: int, role: int) -> Any:
        """Any other role (decoration, colour, tooltip, check state...): nothing by default."""
        return None

    # -- Qt model API -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(row)[index.column()]
        if role == SORT_ROLE:
            return self.sort_key(row, index.column())
        if role == ROW_ROLE:
            return row
        return self.cell(row, index.column(), role)
