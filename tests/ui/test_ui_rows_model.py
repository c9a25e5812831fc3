"""The shared table model every area builds its tables on, tested without a view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSortFilterProxyModel, Qt

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
    # Text sorts by its place in alphabetical order, whatever its case: Alpha before beta.
    assert model.data(model.index(0, ItemModel.NAME), SORT_ROLE) == 1
    assert model.data(model.index(1, ItemModel.NAME), SORT_ROLE) == 0
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
    assert model.data(model.index(1, 0), SORT_ROLE) == 0  # no key from cell: the text's alphabetical place
    assert model.data(model.index(0, 1), SORT_ROLE) == date(2026, 1, 2).toordinal()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1)
    assert proxy.index(0, 0).data() == "adam"  # 31/12/2025 sorts before 02/01/2026, unlike the text


# Names as people write them: a plain comparison of the strings would put "dana", "Émile" and
# "Ólafur" after "Zoë", and sort Greek and Cyrillic by code point rather than by alphabet.
NAMES_IN_ORDER = [
    "Ann Zane",
    "dana Wu",
    "Eddie Xavier",
    "Émile Moreau",
    "Frank Ólafsson",
    "Ólafur Berg",
    "Oscar Abbott",
    "Zoe Abbott",
    "zoë Adams",
    "Άννα Ζαχαρίου",
    "Βασίλης Αλεξίου",
    "Ωρίων Βλάχος",
    "Анна Яковлева",
    "Ёлка Петрова",
    "Жанна Иванова",
    "Ярослав Андреев",
]


@pytest.fixture
def british():
    """The locale the app uses where the system names none (``use_readable_locale``), then back."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


@pytest.mark.parametrize("locale", ["c", "british"])
def test_text_sorts_in_alphabetical_order_ignoring_case_and_accents(request, locale):
    """A bare "C" locale (a terminal with no LANG) sorts as British English does, not by code point."""
    if locale == "british":
        request.getfixturevalue("british")
    model = CellModel()
    shuffled = NAMES_IN_ORDER[7:] + NAMES_IN_ORDER[:7]
    shuffled.reverse()
    model.set_rows(Item(name, date(2026, 1, 1)) for name in shuffled)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(CellModel.NAME)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == NAMES_IN_ORDER
    proxy.sort(CellModel.NAME, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == NAMES_IN_ORDER[::-1]


def test_new_rows_are_ranked_afresh():
    model = CellModel()
    model.set_rows([Item("Bea", date(2026, 1, 1)), Item("Cal", date(2026, 1, 1))])
    assert [model.sort_key(r, 0) for r in model.rows] == [0, 1]
    model.set_rows([Item("Cal", date(2026, 1, 1)), Item("Abe", date(2026, 1, 1)), Item("Bea", date(2026, 1, 1))])
    assert [model.sort_key(r, 0) for r in model.rows] == [2, 0, 1]
    model.rows = [Item("Dee", date(2026, 1, 1)), *model.rows]  # set by hand, as one subclass does
    assert [model.sort_key(r, 0) for r in model.rows] == [3, 2, 0, 1]
