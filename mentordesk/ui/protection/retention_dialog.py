"""Records due for erasure under the programmes' retention rules; erased only after confirmation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import label
from mentordesk.services import protection
from mentordesk.services.protection import DueRecord
from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import RowsTableModel
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.form_parts import destructive_button, dialog_buttons

NAME, ROLES, PROGRAMMES, ENDED, DUE = range(5)


class DueModel(RowsTableModel[DueRecord]):
    """Rows due for erasure, each with a tick box (unticked by default: erasing is opt-in)."""

    HEADERS = ("Name", "Roles", "Programmes", "Programme ended", "Due since")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticked: set[int] = set()

    def rows_replaced(self) -> None:
        self.ticked = set()

    def row_texts(self, row: DueRecord) -> tuple[str, ...]:
        roles = ", ".join(label(r) for r in row.roles.split(", "))
        return (row.name, roles, row.programmes, format_date(row.programme_ended), format_date(row.due_since))

    def cell(self, row: DueRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME:
            return Qt.CheckState.Checked if row.participant_id in self.ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.column() == NAME else base

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != NAME:
            return False
        pid = self.rows[index.row()].participant_id
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked.add(pid)
        else:
            self.ticked.discard(pid)
        self.dataChanged.emit(index, index, [role])
        return True

    def tick_all(self, ticked: bool) -> None:
        self.ticked = {r.participant_id for r in self.rows} if ticked else set()
        if self.rows:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self.rows) - 1, NAME))


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Records due for erasure"))
        self.resize(QSize(860, 480))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "People whose programmes ended longer ago than the programme's retention rule allows "
                "(set the rules in Settings > Privacy). Someone still in another programme or an open match "
                "is not listed. Tick the people to erase; each keeps an anonymous stub for statistics."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        self.model = DueModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(PROGRAMMES, QHeaderView.ResizeMode.Stretch)
        self.empty = EmptyState(
            "shield",
            self.tr("Nothing is due"),
            self.tr(
                "When a programme with a retention rule has ended and the time is up, the people to erase "
                "are listed here. Rules are set per programme in Settings > Privacy."
            ),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.all_button = QPushButton(icon("ok"), self.tr("Tick &all"))
        self.all_button.clicked.connect(lambda: self.model.tick_all(True))
        self.erase_button = destructive_button(self.tr("&Erase ticked…"))
        self.erase_button.clicked.connect(self.erase_ticked)
        layout.addWidget(dialog_buttons(self, None, extra=(self.all_button, self.erase_button)))
        self.model.dataChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(protection.due())
        self.stack.setCurrentWidget(self.table if self.model.rows else self.empty)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        n = len(self.model.ticked)
        self.erase_button.setEnabled(n > 0)
        self.erase_button.setText(
            self.tr("&Erase {n} ticked…").format(n=n) if n else self.tr("&Erase ticked…")
        )
        self.all_button.setEnabled(bool(self.model.rows))

    def confirm(self, count: int) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Erase {n} people?").format(n=count),
            self.tr(
                "Their contact details, guardians, consents, checks, tags, availability, check-ins and "
                "reflections will be deleted for good; matches and statistics keep anonymous stubs. "
                "A backup is made first. Erase {n} people?"
            ).format(n=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def erase_ticked(self) -> None:
        ids = sorted(self.model.ticked)
        if not ids or not self.confirm(len(ids)):
            return
        protection.backup_before(self.ctx.db_path, "erase")
        done = protection.erase_due(ids)
        self.ctx.notify("participants")
        self.ctx.show_status(self.tr("{n} people erased under the retention rules.").format(n=done))
        self.reload()
