"""Alumni of every programme: people who left, findable with their history until retention erases them.

Shown by the Participants page when its status filter is "Alumni of every programme". Opening a row
(Enter or double-click) switches to that person's programme and selects them there, where the detail
pane shows their record and status history.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from mentordesk.core.vocab import label
from mentordesk.services import participants
from mentordesk.services.participants import AlumnusRow
from mentordesk.ui.formatting import format_date
from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel


class AlumniModel(RowsTableModel[AlumnusRow]):
    NAME, PROGRAMME, ROLE, LEFT, REASON, MATCHES, NOW_IN = range(7)
    HEADERS = ("Name", "Programme", "Role", "Left on", "Why they left", "Matches", "Now in")

    def row_texts(self, row: AlumnusRow) -> list[Any]:
        return [
            row.name,
            row.programme,
            label(row.role),
            format_date(row.exited_on) if row.exited_on else "",
            row.exit_reason,
            str(row.matches),
            ", ".join(row.now_in),
        ]

    def cell(self, row: AlumnusRow, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == self.LEFT:
            return row.exited_on.isoformat() if row.exited_on else ""
        if role == SORT_ROLE and column == self.MATCHES:
            return row.matches
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.REASON, self.NOW_IN):
            return self.texts(row)[column] or None
        return None


class AlumniPanel(QWidget):
    openRequested = Signal(int, int)  # programme id, participant id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.model = AlumniModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Alumni of every programme"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AlumniModel.REASON, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_current())
        self.table.activated.connect(lambda _index: self.open_current())  # Enter
        layout.addWidget(self.table, 1)

    def reload(self, text: str = "") -> int:
        rows = participants.alumni(text)
        self.model.set_rows(rows)
        self.table.sortByColumn(AlumniModel.LEFT, Qt.SortOrder.DescendingOrder)
        if rows:
            self.hint.setText(
                self.tr(
                    "{n} people who left a programme, from every programme (archived ones too). They stay "
                    "here with their history until the retention rule erases them. Press Enter or "
                    "double-click to open someone in their programme."
                ).format(n=len(rows))
            )
        else:
            self.hint.setText(
                self.tr("Nobody matches: no one has left a programme yet, or the search finds no one.")
            )
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        return len(rows)

    def current(self) -> AlumnusRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.openRequested.emit(row.programme_id, row.participant_id)
