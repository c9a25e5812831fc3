"""The audit log window: who changed what and when, filterable by record type, action, dates and text."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import protection as protection_service
from mentordesk.ui.icons import icon
from mentordesk.ui.protection.audit_model import (
    ACTION,
    CHANGES,
    FIELDS,
    RECORD,
    SUMMARY,
    WHEN,
    WHO,
    AuditFilterProxy,
    AuditTableModel,
)
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.form_parts import dialog_buttons
from mentordesk.ui.widgets.screen_fit import fit_on_screen


class AuditLogDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit log"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(QSize(1100, 640))
        fit_on_screen(self)  # a laptop screen is narrower than 1100
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Every change to people, checks, matches, meetings and goals, newest first. Personal details "
                "are never copied here: only which fields changed, and old and new values of statuses."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search: field, status, record number (#12)…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setAccessibleName(self.tr("Search the audit log"))
        self.entity_combo = QComboBox()
        self.entity_combo.setAccessibleName(self.tr("Kind of record"))
        self.action_combo = QComboBox()
        self.action_combo.setAccessibleName(self.tr("Action"))
        self.since_check = QCheckBox(self.tr("&From"))
        self.since_edit = DateEdit()
        self.until_check = QCheckBox(self.tr("&to"))
        self.until_edit = DateEdit()
        self.since_edit.setAccessibleName(self.tr("From date"))
        self.until_edit.setAccessibleName(self.tr("To date"))
        self.since_edit.setDate(QDate.currentDate().addMonths(-1))
        self.until_edit.setDate(QDate.currentDate())
        for check, edit in ((self.since_check, self.since_edit), (self.until_check, self.until_edit)):
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.entity_combo)
        bar.addWidget(self.action_combo)
        bar.addWidget(self.since_check)
        bar.addWidget(self.since_edit)
        bar.addWidget(self.until_check)
        bar.addWidget(self.until_edit)
        refresh = QPushButton(icon("refresh"), "")
        refresh.setToolTip(self.tr("Reload (F5)"))
        refresh.setAccessibleName(self.tr("Reload"))
        refresh.clicked.connect(self.reload)
        bar.addWidget(refresh)
        layout.addLayout(bar)

        self.model = AuditTableModel(self)
        self.proxy = AuditFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Audit events"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        for column in (WHEN, WHO, ACTION, RECORD):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIELDS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SUMMARY, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(FIELDS, 220)
        self.table.setColumnWidth(CHANGES, 220)

        self.empty = EmptyState(
            "history",
            self.tr("Nothing to show"),
            self.tr("Changes appear here as you add and edit people, checks, matches, meetings and goals."),
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        self.close_buttons = dialog_buttons(self, None)  # Esc closes too
        footer.addWidget(self.close_buttons)
        layout.addLayout(footer)

        # Typing filters after a short pause, so a long log stays responsive.
        self._text_timer = QTimer(self, singleShot=True, interval=200)
        self._text_timer.timeout.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._text_timer.start)
        self.entity_combo.currentIndexChanged.connect(self._apply_filters)
        self.action_combo.currentIndexChanged.connect(self._apply_filters)
        for check, edit in ((self.since_check, self.since_edit), (self.until_check, self.until_edit)):
            check.toggled.connect(self._apply_filters)
            edit.dateChanged.connect(self._apply_filters)
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self.search_edit.setFocus)
        QShortcut(QKeySequence.StandardKey.Refresh, self).activated.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        page = protection_service.load()
        self.truncated = page.truncated
        self.model.set_rows(page.rows)
        self._fill_combo(
            self.entity_combo, self.tr("All records"), protection_service.entities(), protection_service.entity_label
        )
        self._fill_combo(
            self.action_combo, self.tr("All actions"), protection_service.actions(), protection_service.action_label
        )
        self._apply_filters()

    def _fill_combo(self, combo: QComboBox, everything: str, values: list[str], labeller) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for value in values:
            combo.addItem(self.tr(labeller(value)), value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _date(self, check: QCheckBox, edit: DateEdit) -> date | None:
        return edit.day() if check.isChecked() else None  # a day being typed filters nothing yet

    def _apply_filters(self, *_: object) -> None:
        self.proxy.set_filters(
            entity=self.entity_combo.currentData() or "",
            action=self.action_combo.currentData() or "",
            since=self._date(self.since_check, self.since_edit),
            until=self._date(self.until_check, self.until_edit),
            text=self.search_edit.text(),
        )
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.stack.setCurrentWidget(self.table if shown else self.empty)
        if total and not shown:
            self.empty.title_label.setText(self.tr("No event matches these filters"))
            self.empty.text_label.setText(self.tr("Clear the search or widen the dates."))
        text = self.tr("{shown:,} of {total:,} events").format(shown=shown, total=total)
        if self.truncated:
            text += self.tr(" (the newest {n:,} are loaded)").format(n=total)
        self.count_label.setText(text)
