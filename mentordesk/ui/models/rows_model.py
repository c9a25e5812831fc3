"""One read-only table model over a list of plain rows, shared by every area's tables.

A subclass names its columns (``HEADERS``) and says how a row reads: either
``row_texts`` (one display text per column) or ``cell`` answering DisplayRole. A column
sorts by the text it shows, in the locale's alphabetical order (``collation_ranks``): a
person's name sorts as it reads ("Ann Lee" among the As), whatever case or accents it has.
Where a column should not sort as text (dates, numbers) it overrides ``sort_key``
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

from mentordesk.ui.formatting import collation_ranks

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
        # column -> {id(row): place of its text in alphabetical order}, worked out on the first sort
        self._ranks: dict[int, dict[int, int]] = {}
        self._ranked_rows: list[RowT] = []  # keeps the ranked rows alive, so their ids stay theirs

    # -- loading ----------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[RowT]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = {}
        self._ranks, self._ranked_rows = {}, []
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
        """SORT_ROLE: what ``cell`` gives for it, else the shown text's alphabetical place."""
        key = self.cell(row, column, SORT_ROLE)
        return key if key is not None else self.text_rank(row, column)

    def text_rank(self, row: RowT, column: int) -> int:
        """Where the text ``row`` shows in ``column`` comes in the locale's alphabetical order.

        Worked out for the whole column on its first sort (a few ms for thousands of rows) and
        kept until ``set_rows``, so sorting again, or a proxy asking row by row, costs a lookup."""
        ranks = self._ranks.get(column)
        if ranks is None or id(row) not in ranks:
            if {id(r) for r in self.rows} != {id(r) for r in self._ranked_rows}:
                self._ranks = {}  # other rows than last time (a subclass set them itself): start again
                self._ranked_rows = list(self.rows)
            texts = [str(self.texts(r)[column]) for r in self._ranked_rows]
            ranks = dict(zip(map(id, self._ranked_rows), collation_ranks(texts), strict=True))
            self._ranks[column] = ranks
        return ranks[id(row)]

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
