"""The Contact log and Needs attention tabs: a sortable, filterable table with its buttons and empty state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.icons import icon
from mentordesk.ui.meetings.models import (
    ROW_ROLE,
    AttentionTableModel,
    ContactTableModel,
    RowFilter,
    RowTableModel,
)
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.table_fit import fit_columns


class ListTab(QWidget):
    """A table over a row model through a ``RowFilter``, with a button row above and an empty state."""

    rowActivated = Signal(object)

    def __init__(
        self,
        model: RowTableModel,
        empty: EmptyState,
        stretch_column: int,
        parent: QWidget | None = None,
        optional: tuple[int, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = RowFilter(self)
        self.proxy.setSourceModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fit_columns(self.table, stretch=(stretch_column,), optional=optional)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = empty
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)
        layout.addWidget(self.stack, 1)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_empty)
        self._update_empty()

    def add_button(self, text: str, icon_name: str, slot, *, needs_selection: bool = False) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.clicked.connect(slot)
        button.setProperty("needsSelection", needs_selection)
        button.setEnabled(not needs_selection)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        # Tab reads as the eye does: the buttons above first, then the table under them.
        buttons = self._button_widgets()
        for before, after in zip(buttons, [*buttons[1:], self.table], strict=False):
            QWidget.setTabOrder(before, after)

    def _button_widgets(self) -> list[QWidget]:
        """The widgets of the button row, left to right (its stretch is no widget)."""
        items = (self.buttons.itemAt(i) for i in range(self.buttons.count()))
        return [widget for item in items if item is not None and (widget := item.widget()) is not None]

    def selected(self) -> Any:
        indexes = self.table.selectionModel().selectedRows()
        return self.proxy.data(indexes[0], ROW_ROLE) if indexes else None

    def set_rows(self, rows: list) -> None:
        self.model.set_rows(rows)
        self._selection_changed()

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if row is not None:
            self.rowActivated.emit(row)

    def _selection_changed(self, *_: object) -> None:
        has = self.selected() is not None
        for widget in self._button_widgets():
            if isinstance(widget, QPushButton) and widget.property("needsSelection"):
                widget.setEnabled(has)

    def _update_empty(self, *_: object) -> None:
        self.stack.setCurrentIndex(0 if self.proxy.rowCount() else 1)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MeetingsPage", text)


def contact_tab(parent: QWidget | None = None) -> ListTab:
    empty = EmptyState(
        "person",
        _tr("No check-ins logged"),
        _tr(
            "Your check-ins with mentors, mentees and guardians appear here: how it is going, safety "
            "concerns, follow-ups. Use Log check-in after each call or conversation."
        ),
    )
    optional = (
        ContactTableModel.CHANNEL,
        ContactTableModel.SAFETY,
        ContactTableModel.FOLLOW_UP,
        ContactTableModel.ABOUT,
    )
    tab = ListTab(ContactTableModel(), empty, ContactTableModel.SUMMARY, parent, optional)
    tab.table.setAccessibleName(_tr("Check-ins"))
    tab.table.sortByColumn(ContactTableModel.WHEN, Qt.SortOrder.DescendingOrder)
    return tab


def attention_tab(parent: QWidget | None = None) -> ListTab:
    empty = EmptyState(
        "ok",
        _tr("Nothing overdue"),
        _tr(
            "Matches that have not met or had a check-in as often as the programme's rules ask, meetings "
            "without an outcome and follow-ups that are due will appear here."
        ),
    )
    tab = ListTab(AttentionTableModel(), empty, AttentionTableModel.PROBLEM, parent)
    tab.table.setAccessibleName(_tr("Needs attention"))
    tab.table.sortByColumn(AttentionTableModel.DAYS, Qt.SortOrder.DescendingOrder)
    return tab
