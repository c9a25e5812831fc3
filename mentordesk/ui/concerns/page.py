"""The Concerns page: locked until the safeguarding lead confirms; then the register, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.concerns import ABOUT_LABELS, AGENCY_LABELS
from mentordesk.services import concerns
from mentordesk.services.concerns import ConcernRow
from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState

# The table's short names for the agencies (the form and the PDF say them in full).
SHORT_AGENCIES = {
    "childrens_social_care": "Social care",
    "police": "Police",
    "lado": "LADO",
    "other": "Other",
}


class ConcernsModel(RowsTableModel[ConcernRow]):
    HEADERS = ("#", "Raised on", "Category", "About", "Raised by", "Referred to", "Status")
    STATUS = 6

    def row_texts(self, row: ConcernRow) -> list[Any]:
        return [
            f"#{row.id}",
            format_date(row.raised_on),  # as the forms write dates (sorted by the day: cell)
            row.category_label,
            row.subject_names or ABOUT_LABELS.get(row.about, row.about),
            row.raised_by,
            SHORT_AGENCIES.get(row.referral_agency, "—"),
            f"Closed {format_date(row.closed_on)}" if row.closed_on else "Open",
        ]

    def cell(self, row: ConcernRow, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == 0:
            return row.id
        if role == SORT_ROLE and column == 1:
            return row.raised_on.isoformat()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return icon("concerns" if row.is_open else "ok")
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and row.referral_agency:
            return AGENCY_LABELS.get(row.referral_agency, row.referral_agency)
        return None


class ConcernsPage(Page):
    title = "Concerns"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._watching_lock = False
        self.open_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(
                self.tr("Concerns"),
                self.tr(
                    "The safeguarding concerns register: for the safeguarding lead, or whoever acts for them. "
                    "Every view is recorded in the audit log."
                ),
            )
        )
        self.raise_button = self.header_button(
            self.tr("&Raise concern…"), "add", "Ctrl+N", self.raise_concern, True
        )
        self.lock_button = self.header_button(self.tr("Loc&k register"), "lock", "Ctrl+Shift+K", self.lock)
        self.stack = QStackedWidget()
        self.locked_state = EmptyState(
            "lock",
            self.tr("The register is locked"),
            "",
            self.tr("&Unlock…"),
            self.unlock,
        )
        assert self.locked_state.action_button is not None
        self.unlock_button = self.locked_state.action_button
        self.unlock_button.setAccessibleName(self.tr("Unlock the concerns register"))
        # Ctrl+U as a page key, not the button's own shortcut: that would replace its Alt+U mnemonic,
        # leaving an underlined letter that does nothing.
        self.press_on_keys(self.unlock_button, self.tr("&Unlock…"), "Ctrl+U", tooltip=False)
        self.unlock_button.setToolTip(self.tr("Unlock the concerns register (Ctrl+U)"))
        self.empty_state = EmptyState(
            "concerns",
            self.tr("No concerns recorded"),
            self.tr(
                "When someone raises a safeguarding concern about a mentee or a mentor, record it here in their "
                "own words, with what was done about it, and close it with its outcome."
            ),
            self.tr("Raise a &concern…"),
            self.raise_concern,
        )
        self.stack.addWidget(self.locked_state)
        self.stack.addWidget(self.empty_state)
        self.list_view = self._build_list()
        self.stack.addWidget(self.list_view)
        layout.addWidget(self.stack, 1)

    def _build_list(self) -> QWidget:
        body = QWidget()
        box = QVBoxLayout(body)
        box.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.open_only = QCheckBox(self.tr("&Open concerns only"))
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.retention_label = QLabel()
        self.retention_label.setObjectName("hint")
        filters.addWidget(self.open_only)
        filters.addStretch(1)
        filters.addWidget(self.retention_label)
        filters.addWidget(self.count_label)
        box.addLayout(filters)
        self.model = ConcernsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Concerns"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.activated.connect(lambda _index: self.open_selected())
        box.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(icon("edit"), self.tr("&Open…"))
        self.open_button.setToolTip(self.tr("Open the chosen concern (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(icon("print"), self.tr("&Print concern summary…"))
        self.press_on_keys(self.print_button, self.tr("Print concern summary…"), "Ctrl+P", tooltip=False)
        self.print_button.setToolTip(self.tr("A PDF for the safeguarding lead's file (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_summary)
        self.keeping_button = QPushButton(icon("history"), self.tr("&Keeping rule…"))
        self.keeping_button.setToolTip(self.tr("How long closed concerns are kept, and those past it"))
        self.keeping_button.clicked.connect(self.edit_keeping_rule)
        self.passphrase_button = QPushButton(icon("lock"), self.tr("Register &passphrase…"))
        self.passphrase_button.clicked.connect(self.change_passphrase)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.keeping_button)
        buttons.addWidget(self.passphrase_button)
        box.addLayout(buttons)
        return body

    # -- state ------------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._watching_lock:
            protection = getattr(self.window(), "protection", None)
            idle = getattr(protection, "idle_lock", None)
            if idle is not None:
                idle.lockedChanged.connect(lambda locked: self.show_locked() if locked else None)
                self._watching_lock = True

    def refresh(self) -> None:
        super().refresh()
        if not concerns.is_unlocked():
            self.show_locked()
            return
        rows = concerns.list_concerns(self.ctx.programme_id, open_only=self.open_only.isChecked())
        self.model.set_rows(rows)
        shown = len(rows)
        opened = sum(1 for r in rows if r.is_open)
        self.count_label.setText(self.tr("{n} shown, {open} open").format(n=shown, open=opened))
        rule = concerns.get_rule()
        self.retention_label.setText(
            self.tr(
                "Closed ones kept {years} years after closing or to age {age}, whichever is later ·"
            ).format(years=rule.years_after_closure, age=rule.until_age)
        )
        empty = shown == 0 and not self.open_only.isChecked()
        self.stack.setCurrentWidget(self.empty_state if empty else self.list_view)
        self.raise_button.setEnabled(bool(self.ctx.programme_id))
        self.lock_button.setEnabled(True)
        has_rows = shown > 0
        self.open_button.setEnabled(has_rows)
        self.print_button.setEnabled(has_rows)
        if has_rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    def show_locked(self) -> None:
        """Forget every row shown and cover the register (after Lock, the idle lock, or a new database)."""
        if self.open_dialog is not None:
            self.open_dialog.close()
            self.open_dialog = None
        self.model.set_rows([])
        count = concerns.open_count(self.ctx.programme_id) if self.ctx.programme_id and self._db_open() else 0
        self.locked_state.text_label.setText(
            self.tr(
                "Concerns are visible only to the safeguarding lead, or whoever acts for them. {open}"
                "Unlock to confirm it is you; every view is recorded in the audit log."
            ).format(open=self.tr("{n} open concern(s) in this programme. ").format(n=count) if count else "")
        )
        self.stack.setCurrentWidget(self.locked_state)
        self.raise_button.setEnabled(False)
        self.lock_button.setEnabled(False)

    def _db_open(self) -> bool:
        from mentordesk.store.db import database

        return database.obj is not None

    # -- slots ----------------------------------------------------------------------------------------
    def unlock(self) -> None:
        from mentordesk.ui.concerns.unlock_dialog import RegisterUnlockDialog

        dialog = RegisterUnlockDialog(self)
        if dialog.exec():
            self.ctx.show_status(self.tr("Concerns register open until you lock it or MentorDesk locks."))
            self.refresh()
            self.table.setFocus()

    def lock(self) -> None:
        concerns.lock_register()
        self.show_locked()
        self.ctx.show_status(self.tr("Concerns register locked."))

    def edit_keeping_rule(self) -> None:
        from mentordesk.ui.concerns.retention_dialog import KeepingRuleDialog

        dialog = KeepingRuleDialog(self)
        saved = dialog.exec()
        if saved or dialog.deleted:
            self.refresh()

    def change_passphrase(self) -> None:
        from mentordesk.ui.concerns.unlock_dialog import RegisterUnlockDialog

        if RegisterUnlockDialog(self, change=True).exec():
            self.ctx.show_status(self.tr("Register passphrase changed."))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()).id

    def raise_concern(self) -> None:
        self._edit(None)

    def open_selected(self) -> None:
        concern_id = self.selected_id()
        if concern_id is not None:
            self._edit(concern_id)

    def _edit(self, concern_id: int | None) -> None:
        from mentordesk.ui.concerns.concern_dialog import ConcernDialog

        if not concerns.is_unlocked():
            self.show_locked()  # the idle lock (or another database) ended the confirmation
            return
        if not self.ctx.programme_id:
            return
        dialog = ConcernDialog(self.ctx.programme_id, concern_id, self)
        self.open_dialog = dialog
        dialog.exec()
        self.open_dialog = None
        if dialog.changed:
            self.stale = True
            self.ctx.notify("concerns")  # the dashboard's attention list counts open concerns (and we reload)
            if self.stale:
                self.refresh()

    def print_summary(self) -> None:
        concern_id = self.selected_id()
        if concern_id is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the concern summary"),
            str(Path.home() / f"concern-{concern_id}.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            concerns.write_summary(concern_id, Path(path))
        except OSError as exc:
            self.ctx.show_status(
                self.tr("The summary could not be written: {why}").format(why=exc.strerror), 8000
            )
            return
        self.ctx.show_status(self.tr("Concern summary saved (readable by you alone)."))
