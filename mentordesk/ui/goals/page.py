"""The Goals area: per programme, how many goals are achieved, in progress and dropped; per match,
its goals, milestones and reflections; and the goals due for review.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import goals, programmes
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.journal import make_action, make_table, tool_button
from mentordesk.ui.goals.match_panel import MatchPanel
from mentordesk.ui.goals.models import DueTableModel, MatchListModel, ProgressDelegate
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.explained import explain_all


class CountCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 6, 14, 6)
        self.value = QLabel("0")
        self.value.setObjectName("cardValue")
        label = QLabel(caption)
        label.setObjectName("cardLabel")
        label.setWordWrap(True)
        row.addWidget(self.value)
        row.addWidget(label, 1)


class GoalsPage(Page):
    title = "Goals"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(self.tr("Goals"), self.tr("Goals, milestones and reflections of every match."))
        )
        self._build_header_actions()
        cards = QHBoxLayout()
        cards.setSpacing(10)
        self.cards = {
            "achieved": CountCard(self.tr("achieved")),
            "in_progress": CountCard(self.tr("in progress")),
            "not_started": CountCard(self.tr("not started")),
            "dropped": CountCard(self.tr("dropped")),
            "due": CountCard(self.tr("reviews due")),
        }
        explanations = {
            "achieved": self.tr("Goals of this programme's matches with the status Achieved."),
            "in_progress": self.tr("Goals with the status In progress."),
            "not_started": self.tr("Goals with the status Not started."),
            "dropped": self.tr("Goals the match decided not to pursue (status Dropped)."),
            "due": self.tr("Open goals whose review date is today or has passed."),
        }
        explain_all(self.cards, explanations)
        for card in self.cards.values():
            cards.addWidget(card)
        self.stack = QStackedWidget()
        self.no_programme = EmptyState(
            "programme",
            self.tr("No programme yet"),
            self.tr("Goals belong to the matches of a programme. Create a programme first."),
        )
        self.no_matches = EmptyState(
            "match",
            self.tr("No matches yet"),
            self.tr(
                "Goals, milestones and reflections for each match will appear here. Make matches in Pairing, "
                "then come back to set goals with them, or start from a template."
            ),
        )
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(cards)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_by_match(), icon("match"), self.tr("By match"))
        self.tabs.addTab(self._build_due(), icon("calendar"), self.tr("Due for review"))
        body_layout.addWidget(self.tabs, 1)
        for widget in (self.no_programme, self.no_matches, body):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)

    # -- construction --------------------------------------------------------------------------
    def _build_header_actions(self) -> None:
        templates = QPushButton(icon("copy"), self.tr("&Templates…"))
        templates.setToolTip(self.tr("Edit this programme's ready-made goals"))
        templates.clicked.connect(self.edit_templates)
        self.export_button = QPushButton(icon("export"), self.tr("E&xport"))
        menu = QMenu(self.export_button)
        self.export_goals_action = menu.addAction(icon("export"), self.tr("Goals as CSV…"), self.export_goals)
        self.export_goals_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_goals_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.export_goals_action)
        self.export_reflections_action = menu.addAction(
            icon("export"), self.tr("Reflections as CSV…"), self.export_reflections
        )
        menu.addSeparator()
        self.worksheet_action = menu.addAction(
            icon("print"), self.tr("Goal worksheet for this match (PDF)"), self.print_worksheet
        )
        self.reflection_sheet_action = menu.addAction(
            icon("print"), self.tr("Reflection sheet for this match (PDF)"), self.print_reflection_sheet
        )
        menu.addSeparator()
        self.bom_action = QAction(self.tr("Add a byte-order mark (for Excel)"), menu)
        self.bom_action.setCheckable(True)
        self.bom_action.setChecked(True)
        menu.addAction(self.bom_action)
        self.export_button.setMenu(menu)
        self.header_actions.addWidget(templates)
        self.header_actions.addWidget(self.export_button)

    def _build_by_match(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 6, 0, 0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(self.tr("Filter matches"))
        self.filter_edit.setPlaceholderText(self.tr("Filter matches by name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.match_model = MatchListModel()
        self.match_view, self.match_proxy = make_table(self.match_model, sortable=False)
        self.match_view.setAccessibleName(self.tr("Matches"))
        self.match_proxy.setFilterKeyColumn(MatchListModel.MATCH)
        self.filter_edit.textChanged.connect(self.match_proxy.setFilterFixedString)
        self.match_view.setItemDelegateForColumn(MatchListModel.PROGRESS, ProgressDelegate(self.match_view))
        header = self.match_view.horizontalHeader()
        header.setSectionResizeMode(MatchListModel.MATCH, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MatchListModel.GOALS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MatchListModel.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(MatchListModel.PROGRESS, 76)
        self.match_view.selectionModel().currentRowChanged.connect(self._on_match)
        find = make_action(self, "search", self.tr("Find match"), self.filter_edit.setFocus, "Ctrl+F")
        self.filter_edit.setToolTip(find.toolTip())
        left_layout.addWidget(self.filter_edit)
        left_layout.addWidget(self.match_view, 1)
        self.panel = MatchPanel(shortcut_owner=self)
        self.panel.changed.connect(self._panel_changed)
        left.setMinimumWidth(220)  # room for the names: the list never scrolls them out of view
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([350, 730])
        return splitter

    def _build_due(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        caption = QLabel(self.tr("Overdue, and due within"))
        self.within_spin = QSpinBox()
        self.within_spin.setRange(0, 365)
        self.within_spin.setValue(14)
        self.within_spin.setSuffix(self.tr(" days"))
        caption.setBuddy(self.within_spin)
        self.within_spin.valueChanged.connect(self._load_due)
        self.due_review_action = make_action(self, "ok", self.tr("Review…"), self.review_due)
        self.open_match_action = make_action(self, "match", self.tr("Open match"), self.open_due_match)
        bar.addWidget(caption)
        bar.addWidget(self.within_spin)
        bar.addSpacing(12)
        bar.addWidget(tool_button(self.due_review_action))
        bar.addWidget(tool_button(self.open_match_action))
        bar.addStretch(1)
        hint = QLabel(self.tr("Open goals are reviewed at least once a year and when their match closes."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        bar.addWidget(hint, 1)
        layout.addLayout(bar)
        self.due_model = DueTableModel()
        self.due_view, self.due_proxy = make_table(self.due_model)
        self.due_view.setAccessibleName(self.tr("Goals due for review"))
        header = self.due_view.horizontalHeader()
        for column in range(self.due_model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DueTableModel.GOAL, QHeaderView.ResizeMode.Stretch)
        self.due_view.doubleClicked.connect(self.review_due)
        self.due_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_due_actions())
        self.nothing_due = EmptyState(
            "ok",
            self.tr("No reviews due"),
            self.tr(
                "Goals whose review date falls in this window, goals not reviewed for a year, and open goals "
                "of closed matches will be listed here."
            ),
        )
        self.due_stack = QStackedWidget()
        self.due_stack.addWidget(self.due_view)
        self.due_stack.addWidget(self.nothing_due)
        layout.addWidget(self.due_stack, 1)
        return tab

    # -- loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        programme_id = self.ctx.programme_id
        if not programme_id:
            self.stack.setCurrentWidget(self.no_programme)
            return
        data = goals.overview(programme_id, within_days=self.within_spin.value())
        matches = data.matches
        if not matches:
            self.stack.setCurrentWidget(self.no_matches)
            return
        self.stack.setCurrentIndex(2)
        counts = data.summary.counts
        for key, value in (
            ("achieved", counts.achieved),
            ("in_progress", counts.in_progress),
            ("not_started", counts.not_started),
            ("dropped", counts.dropped),
            ("due", data.summary.reviews_due),
        ):
            self.cards[key].value.setText(str(value))
        previous = self.current_match_id()
        self.match_model.set_rows(matches)
        self.select_match(previous or matches[0].id, keep_goal=self.panel.pending_goal or None)
        self.panel.pending_goal = 0
        self._show_due(data.due)

    def _load_due(self, *_: object) -> None:
        if self.ctx.programme_id:
            self._show_due(
                goals.goals_due_for_review(self.ctx.programme_id, within_days=self.within_spin.value())
            )

    def _show_due(self, rows: list) -> None:
        previous = self.current_due()
        self.due_model.set_rows(rows)
        self.due_stack.setCurrentIndex(0 if rows else 1)
        self.tabs.setTabText(
            1, self.tr("Due for review ({n})").format(n=len(rows)) if rows else self.tr("Due for review")
        )
        row = self.due_model.row_of_id(previous.goal_id) if previous else (0 if rows else -1)
        if row >= 0:
            self.due_view.setCurrentIndex(self.due_proxy.mapFromSource(self.due_model.index(row, 0)))
        self._update_due_actions()

    def print_worksheet(self):
        from mentordesk.core.vocab import DocumentKind
        from mentordesk.ui.documents.sheets import print_sheet

        return print_sheet(self.ctx, self, DocumentKind.GOAL_WORKSHEET, self.current_match_id())

    def print_reflection_sheet(self):
        from mentordesk.core.vocab import DocumentKind
        from mentordesk.ui.documents.sheets import print_sheet

        return print_sheet(self.ctx, self, DocumentKind.REFLECTION_SHEET, self.current_match_id())

    def current_match_id(self) -> int:
        index = self.match_view.currentIndex()
        if not index.isValid() or not self.match_model.rows:
            return 0
        return self.match_model.row_at(self.match_proxy.mapToSource(index).row()).id

    def select_match(self, match_id: int, keep_goal: int | None = None) -> None:
        row = self.match_model.row_of_id(match_id)
        if row < 0:
            row = 0
        index = self.match_proxy.mapFromSource(self.match_model.index(row, 0))
        self.match_view.selectionModel().blockSignals(True)
        self.match_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.match_view.selectionModel().blockSignals(False)
        self.panel.set_match(self.match_model.row_at(row), self.ctx.programme_id, keep_goal=keep_goal)

    def _on_match(self, current, _previous=None) -> None:
        if current.isValid():
            match = self.match_model.row_at(self.match_proxy.mapToSource(current).row())
            self.panel.set_match(match, self.ctx.programme_id)

    def _panel_changed(self) -> None:
        """Data changed: tell the other pages, and reload (the main window does it when it is there)."""
        self.stale = True
        self.ctx.notify("goals")
        if self.stale:
            self.refresh()

    # -- due for review ------------------------------------------------------------------------
    def current_due(self):
        index = self.due_view.currentIndex()
        if not index.isValid() or not self.due_model.rows:
            return None
        return self.due_model.row_at(self.due_proxy.mapToSource(index).row())

    def _update_due_actions(self) -> None:
        has = self.current_due() is not None
        self.due_review_action.setEnabled(has)
        self.open_match_action.setEnabled(has)

    def review_due(self, *_: object) -> None:
        from mentordesk.ui.goals.small_dialogs import ReviewDialog

        due = self.current_due()
        if due is None:
            return
        if ReviewDialog(goals.get_goal(due.goal_id), self.ctx.programme_id, self).exec():
            self._panel_changed()

    def open_due_match(self) -> None:
        due = self.current_due()
        if due is None:
            return
        self.filter_edit.clear()
        self.tabs.setCurrentIndex(0)
        self.select_match(due.match_id, keep_goal=due.goal_id)

    # -- templates and export ------------------------------------------------------------------
    def edit_templates(self) -> None:
        from mentordesk.ui.goals.templates import TemplatesDialog

        if not self.ctx.programme_id:
            return
        TemplatesDialog(self.ctx, self).exec()

    def _export(self, what: str) -> None:
        if not self.ctx.programme_id:
            return
        name = programmes.get_programme(self.ctx.programme_id).name
        stem = re.sub(r"[^\w\- ]+", "", name).strip() or "programme"
        suggested = Path.home() / f"{stem} - {what}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export {what}").format(what=what), str(suggested), self.tr("CSV files (*.csv)")
        )
        if not path:
            return
        write = goals.export_goals if what == "goals" else goals.export_reflections
        try:
            count = write(self.ctx.programme_id, path, bom=self.bom_action.isChecked())
        except goals.GoalError as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        self.ctx.show_status(self.tr("Exported {n} {what} to {path}.").format(n=count, what=what, path=path))

    def export_goals(self) -> None:
        self._export("goals")

    def export_reflections(self) -> None:
        self._export("reflections")
