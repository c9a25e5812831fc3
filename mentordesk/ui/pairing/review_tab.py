"""Review of the matcher's drafts: each mentee with the proposed mentor, the reasons, the next-best alternatives."""

from __future__ import annotations

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QItemSelectionModel,
    QLocale,
    QSortFilterProxyModel,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import pairing
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE
from mentordesk.ui.pairing.breakdown import BreakdownView
from mentordesk.ui.pairing.models import ReviewModel, UnmatchedModel
from mentordesk.ui.pairing.stats import StatsStrip
from mentordesk.ui.widgets.empty_state import EmptyState


def make_table(
    model, sort_column: int = 0, stretch: tuple[int, ...] = (0, 1)
) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    # Names take the room; short columns fit their content, so nothing clips at 125 % scaling.
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch if column in stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    view.setWordWrap(False)
    return view, proxy


class ReviewTab(QWidget):
    """Accept, pin, swap, reject; the page owns running and publishing."""

    runRequested = Signal()
    manualRequested = Signal(int)  # mentee id (0: let the coordinator pick)
    changed = Signal(str)  # a status message after a change

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programme_id = 0
        self.circles = False  # a group programme: the alternatives are other circles
        self._alternatives_for = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        self.model = ReviewModel(self)
        self.view, self.proxy = make_table(self.model, ReviewModel.MENTEE)
        self.view.setAccessibleName(self.tr("Proposals"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.doubleClicked.connect(lambda _index: self.manualRequested.emit(self._current_mentee()))
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        tools = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(self.tr("Filter proposals by name"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by name…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        tools.addWidget(self.filter_edit, 1)
        self.accept_action = self._action("ok", self.tr("&Accept"), "A", self.accept_selected)
        self.pin_action = self._action("pin", self.tr("&Pin"), "P", self.pin_selected)
        self.swap_action = self._action("match", self.tr("&Swap mentors"), "S", self.swap_selected)
        self.reject_action = self._action("close", self.tr("&Reject"), "Delete", self.reject_selected)
        # Rejections can be undone, last first, until the matcher runs again (Ctrl+Z or the status bar).
        self.rejections: list[list] = []
        self.undo_action = self._action(
            "history",
            self.tr("&Undo reject"),
            QKeySequence(QKeySequence.StandardKey.Undo).toString(),
            self.undo_reject,
        )
        self.undo_action.setEnabled(False)
        for action in (self.accept_action, self.pin_action, self.swap_action, self.reject_action):
            button = QPushButton(action.icon(), action.text().replace("&", ""))
            button.setToolTip(
                f"{action.toolTip()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            action.changed.connect(lambda b=button, a=action: b.setText(a.text().replace("&", "")))
            button.setEnabled(action.isEnabled())
            tools.addWidget(button)
        layout.addLayout(tools)

        self.stats = StatsStrip()
        layout.addWidget(self.stats)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table_stack = QStackedWidget()
        self.empty = EmptyState(
            "pairing",
            self.tr("No proposals to review"),
            self.tr(
                "Run the matcher to propose the best mentor for everyone waiting, with the reasons for each "
                "pairing. Nothing goes live until you publish; you can also pair someone by hand."
            ),
            self.tr("Run the matcher"),
            self.runRequested.emit,
        )
        self.table_stack.addWidget(self.empty)
        self.table_stack.addWidget(self.view)
        splitter.addWidget(self.table_stack)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        self.breakdown = BreakdownView()
        side_layout.addWidget(self.breakdown)
        alternatives_box = QGroupBox(self.tr("Next-best mentors"))
        self.alternatives_box = alternatives_box
        alternatives_layout = QVBoxLayout(alternatives_box)
        self.alternatives = QListWidget()
        self.alternatives.setAccessibleName(self.tr("Next-best mentors"))
        self.alternatives.setWordWrap(True)
        self.alternatives.itemDoubleClicked.connect(lambda _item: self.use_alternative())
        alternatives_layout.addWidget(self.alternatives)
        self.use_button = QPushButton(icon("match"), self.tr("Use this mentor instead"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self.use_alternative)
        self.alternatives.currentRowChanged.connect(lambda row: self.use_button.setEnabled(row >= 0))
        alternatives_layout.addWidget(self.use_button)
        side_layout.addWidget(alternatives_box, 1)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 3)

        self.unmatched_title = QLabel(self.tr("Not matched in the last run"))
        self.unmatched_title.setObjectName("sectionTitle")
        layout.addWidget(self.unmatched_title)
        self.unmatched_model = UnmatchedModel(self)
        self.unmatched_view, _ = make_table(self.unmatched_model, stretch=(1,))
        self.unmatched_view.setAccessibleName(self.tr("Not matched"))
        self.unmatched_view.setMaximumHeight(150)
        self.unmatched_view.doubleClicked.connect(self._manual_for_unmatched)
        self.unmatched_view.setToolTip(self.tr("Double-click someone to pair them by hand."))
        layout.addWidget(self.unmatched_view, 1)

        self._alternatives_timer = QTimer(self)
        self._alternatives_timer.setSingleShot(True)
        self._alternatives_timer.setInterval(120)
        self._alternatives_timer.timeout.connect(self._load_alternatives)
        self._update_actions()

    def _action(self, icon_name: str, text: str, shortcut: str, slot) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- loading ----------------------------------------------------------------------------------
    def reload(self, programme_id: int, peer: bool = False, circles: bool = False) -> None:
        self.programme_id = programme_id
        self.circles = circles  # a group programme: the alternatives are other circles
        self.model.HEADERS = ("Peer", "Proposed partner", "Score", "Review") if peer else ReviewModel.HEADERS
        if circles:
            self.alternatives_box.setTitle(self.tr("Other circles with room"))
            self.use_button.setText(self.tr("Move to this circle"))
        else:
            self.alternatives_box.setTitle(
                self.tr("Next-best partners") if peer else self.tr("Next-best mentors")
            )
            self.use_button.setText(
                self.tr("Use this partner instead") if peer else self.tr("Use this mentor instead")
            )
        self.swap_action.setText(self.tr("&Swap partners") if peer else self.tr("&Swap mentors"))
        selected = {r.match_id for r in self.selected_rows()}
        rows = pairing.list_drafts(programme_id) if programme_id else []
        self.model.set_rows(rows)
        self.table_stack.setCurrentWidget(self.view if rows else self.empty)
        summary = pairing.last_run(programme_id) if programme_id else None
        self.stats.show_stats(pairing.draft_statistics(programme_id) if programme_id else _EMPTY, summary)
        self.unmatched_model.set_rows(summary.unmatched if summary else [])
        when = ""
        if summary:
            at = summary.at
            when = QLocale().toString(
                QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute)),
                QLocale.FormatType.ShortFormat,
            )
        self.unmatched_title.setText(
            self.tr("Not matched in the last run ({when})").format(when=when)
            if summary
            else self.tr("Not matched")
        )
        self._restore_selection(selected)
        self._alternatives_for = 0
        self._on_selection()

    def _restore_selection(self, match_ids: set[int]) -> None:
        selection = self.view.selectionModel()
        first = True
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).match_id in match_ids:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                if first:
                    self.view.setCurrentIndex(index)
                    first = False
                selection.select(index, flags)

    # -- selection --------------------------------------------------------------------------------
    def selected_rows(self) -> list:
        return [index.data(ROW_ROLE) for index in self.view.selectionModel().selectedRows()]

    def _current_mentee(self) -> int:
        rows = self.selected_rows()
        return rows[0].mentee_id if rows else 0

    def _on_selection(self, *_: object) -> None:
        rows = self.selected_rows()
        self._update_actions()
        if len(rows) == 1:
            row = rows[0]
            self.breakdown.show_breakdown(f"{row.mentee_name} + {row.mentor_name}", row.score, row.breakdown)
            self._alternatives_timer.start()
        else:
            self.breakdown.clear(self.tr("{n} proposals selected").format(n=len(rows)) if rows else "")
            self.alternatives.clear()

    def _update_actions(self) -> None:
        count = len(self.selected_rows())
        self.accept_action.setEnabled(count >= 1)
        self.pin_action.setEnabled(count >= 1)
        self.reject_action.setEnabled(count >= 1)
        self.swap_action.setEnabled(count == 2)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._alternatives_timer.start()

    def _load_alternatives(self) -> None:
        if not self.isVisible():
            # A closed window's tab (or one switched away from within the delay) reads nothing: its
            # database may be gone. Shown again, it loads them (showEvent).
            return
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].mentee_id == self._alternatives_for:
            return
        row = rows[0]
        self._alternatives_for = row.mentee_id
        self.alternatives.clear()
        if self.circles:
            self._load_circles(row.mentee_id)
            return
        try:
            found = pairing.alternative_partners(self.programme_id, row.mentee_id)
        except pairing.PairingError as exc:
            self.alternatives.addItem(str(exc))
            return
        if not found:
            item = QListWidgetItem(self.tr("No other eligible mentor has a place."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.alternatives.addItem(item)
        for candidate in found:
            reasons = candidate.explanation.summary(limit=2)
            item = QListWidgetItem(f"{candidate.name} — {candidate.score:.0f}: {reasons}")
            item.setData(Qt.ItemDataRole.UserRole, candidate.participant_id)
            self.alternatives.addItem(item)

    def _load_circles(self, mentee_id: int) -> None:
        try:
            circles = pairing.alternative_circles(self.programme_id, mentee_id)
        except pairing.PairingError as exc:
            self.alternatives.addItem(str(exc))
            return
        if not circles:
            item = QListWidgetItem(
                self.tr("No other circle has room and co-facilitators who may all take them.")
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.alternatives.addItem(item)
        for circle in circles:
            text = self.tr("{mentors} — {score} ({n} in the circle)").format(
                mentors=circle.mentors, score=f"{circle.score:.0f}", n=circle.mentees
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, circle.lead_id)
            self.alternatives.addItem(item)

    # -- operations -------------------------------------------------------------------------------
    def _run(self, operation, message: str) -> None:
        try:
            operation()
        except pairing.PairingError as exc:
            self.changed.emit(str(exc))
            self.ctx.show_status(str(exc), 8000)
            return
        self.ctx.notify("matches")
        self.changed.emit(message)
        self.ctx.show_status(message)

    def accept_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            value = not all(r.accepted for r in rows)  # toggles when all are accepted already
            ids = sorted({r.match_id for r in rows})
            self._run(
                lambda: pairing.set_accepted(ids, value),
                self.tr("Accepted {n} proposal(s).").format(n=len(rows))
                if value
                else self.tr("Acceptance removed."),
            )

    def pin_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            value = not all(r.pinned for r in rows)
            ids = sorted({r.match_id for r in rows})
            self._run(
                lambda: pairing.set_pinned(ids, value),
                self.tr("Pinned {n}: re-runs keep them.").format(n=len(rows))
                if value
                else self.tr("Unpinned."),
            )

    def reject_selected(self) -> None:
        rows = self.selected_rows()
        first = min((index.row() for index in self.view.selectionModel().selectedRows()), default=0)
        done: list = []

        def reject_all() -> None:
            for row in rows:
                done.append(pairing.reject_draft(row.match_id, row.mentee_id))

        if rows:
            self._run(
                reject_all,
                self.tr("Rejected {n}: the matcher will not propose those pairs again.").format(n=len(rows)),
            )
        if done:
            self.rejections.append(done)
            self._offer_undo()
            self._select_row_near(first)

    def _select_row_near(self, row: int) -> None:
        """After a reject, the proposal that took the rejected one's place (or the last) is selected,
        so reviewing by keyboard goes on: A, P or Delete act on it without finding one's place again."""
        count = self.proxy.rowCount()
        if self.selected_rows() or not count:
            return
        index = self.proxy.index(min(row, count - 1), 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)

    def undo_reject(self) -> None:
        """Put the last rejected pairing(s) back as they were."""
        if not self.rejections:
            return
        batch = self.rejections.pop()

        def restore() -> None:
            for rejection in reversed(batch):
                pairing.undo_reject(rejection)

        self._run(
            restore, self.tr("Rejection undone: {n} pairing(s) back in the drafts.").format(n=len(batch))
        )
        self._offer_undo()

    def forget_rejections(self) -> None:
        """A new run replaces the drafts: what was rejected before can no longer be put back."""
        self.rejections.clear()
        self._offer_undo()

    def _offer_undo(self) -> None:
        self.undo_action.setEnabled(bool(self.rejections))
        if self.rejections:
            self.ctx.offer_undo(self.tr("Undo the last reject (Ctrl+Z)"), self.undo_reject)
        else:
            self.ctx.offer_undo("", None)

    def swap_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) == 2:
            a, b = rows
            self._run(
                lambda: pairing.swap_partners((a.match_id, a.mentee_id), (b.match_id, b.mentee_id)),
                self.tr("Swapped and pinned: {a} with {m1}, {b} with {m2}.").format(
                    a=a.mentee_name, m1=b.mentor_name, b=b.mentee_name, m2=a.mentor_name
                ),
            )

    def use_alternative(self) -> None:
        rows = self.selected_rows()
        item = self.alternatives.currentItem()
        if len(rows) != 1 or item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        mentor_id = int(item.data(Qt.ItemDataRole.UserRole))
        row = rows[0]
        self._run(
            lambda: pairing.pair_manually(
                self.programme_id, row.mentee_id, mentor_id, "Chosen from the alternatives."
            ),
            (
                self.tr("{mentee} moved to the chosen circle (pinned).")
                if self.circles
                else self.tr("{mentee} is now paired with the chosen mentor (pinned).")
            ).format(mentee=row.mentee_name),
        )

    def _manual_for_unmatched(self, index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.manualRequested.emit(row.participant_id)


class _EmptyStats:
    matched = 0
    mean = worst5 = minimum = None


_EMPTY = _EmptyStats()
