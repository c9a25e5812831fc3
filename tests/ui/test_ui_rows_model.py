"""The shared table model every area builds its tables on, tested without a view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsTableModel


@dataclass
class Item:
    name: str
    due: date


class ItemModel(RowsTableModel[Item]):
    NAME, DUE = range(2)
    HEADERS = ("Name", "Due")

    def __init__(self) -> None:
        super().__init__()
        self.formatted = 0
        self.replaced = 0

    def rows_replaced(self) -> None:
        self.replaced += 1

    def row_texts(self, row: Item) -> tuple[str, ...]:
        self.formatted += 1
        return (row.name, row.due.strftime("%d/%m/%Y"))

    def sort_key(self, row: Item, column: int):
        return row.due.isoformat() if column == self.DUE else super().sort_key(row, column)

    def cell(self, row: Item, column: int, role: int):
        return "late" if role == Qt.ItemDataRole.ToolTipRole and row.due < date(2025, 1, 1) else None


def test_rows_headers_texts_and_roles():
    model = ItemModel()
    assert model.rowCount() == 0 and model.columnCount() == 2
    items = [Item("beta", date(2025, 3, 1)), Item("Alpha", date(2024, 12, 31))]
    model.set_rows(items)
    assert model.replaced == 1 and model.rows == items and model.rows is not items
    assert model.rowCount() == 2 and model.rowCount(model.index(0, 0)) == 0
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Due"
    assert model.headerData(1, Qt.Orientation.Vertical) is None
    assert model.data(model.index(0, ItemModel.DUE)) == "01/03/2025"
    assert model.data(model.index(0, ItemModel.NAME), SORT_ROLE) == "beta"
    assert model.data(model.index(1, ItemModel.NAME), SORT_ROLE) == "alpha"
    assert model.data(model.index(1, ItemModel.DUE), SORT_ROLE) == "2024-12-31"
    assert model.data(model.index(1, 0), ROW_ROLE) is items[1] and model.row_at(1) is items[1]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) == "late"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None


def test_texts_are_formatted_once_per_row_until_new_rows_arrive():
    model = ItemModel()
    model.set_rows([Item("a", date(2025, 1, 2)), Item("b", date(2025, 1, 3))])
    for _ in range(3):
        for r in range(2):
            for c in range(2):
                model.data(model.index(r, c))
    assert model.formatted == 2
    model.set_rows([Item("a", date(2026, 1, 2))])
    assert model.data(model.index(0, ItemModel.DUE)) == "02/01/2026" and model.formatted == 3


def test_a_proxy_sorts_by_the_sort_role():
    model = ItemModel()
    model.set_rows([Item("x", date(2025, 2, 1)), Item("y", date(2024, 11, 30)), Item("z", date(2025, 1, 15))])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(ItemModel.DUE)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["y", "z", "x"]


class CellModel(RowsTableModel[Item]):
    """A model written the other way: ``cell`` answers DisplayRole and SORT_ROLE itself."""

    NAME, DUE = range(2)
    HEADERS = ("Name", "Due")

    def cell(self, row: Item, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name if column == self.NAME else row.due.strftime("%d/%m/%Y")
        if role == SORT_ROLE and column == self.DUE:
            return row.due.toordinal()
        return None


def test_a_model_can_answer_display_and_sort_roles_in_cell():
    model = CellModel()
    model.set_rows([Item("Zoë", date(2026, 1, 2)), Item("adam", date(2025, 12, 31))])
    assert model.data(model.index(0, 1)) == "02/01/2026"
    assert model.data(model.index(1, 0), SORT_ROLE) == "adam"  # no key from cell: the folded text
    assert model.data(model.index(0, 1), SORT_ROLE) == date(2026, 1, 2).toordinal()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1)
    assert proxy.index(0, 0).data() == "adam"  # 31/12/2025 sorts before 02/01/2026, unlike the text
