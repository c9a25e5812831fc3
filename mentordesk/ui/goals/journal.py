"""The reflections journal of one match: entries newest first, the selected one in full."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import goals as goals_service
from mentordesk.services.goals import ReflectionRow
from mentordesk.ui.formatting import format_date, format_datetime
from mentordesk.ui.goals.models import ROLE_LABELS, SORT_ROLE, ReflectionTableModel
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.table_fit import fit_columns


def make_table(model, sortable: bool = True) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # No sort column at first: rows keep the service's order (active matches first, goals as set)
    # until the user clicks a header.
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(sortable)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(False)
    return view, proxy


def tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    return button


def make_action(owner: QWidget, icon_name: str, text: str, slot, shortcut: str = "") -> QAction:
    """An action on ``owner`` whose shortcut works only while the Goals page shows (anywhere in the window:
    see Page.keys_answer_window_wide)."""
    action = QAction(icon(icon_name), text, owner)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({action.shortcut().toString()})")
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def reflection_summary_html(entry: ReflectionRow) -> str:
    """The latest reflection in a few lines, for the card under a match's goals."""
    role = ROLE_LABELS.get(entry.author_role, entry.author_role)
    who = f"{entry.author_name} ({role.lower()})" if entry.author_name else role
    fields = [
        f"<b>{caption}:</b> {escape(text)}"
        for caption, text in (
            ("Successes", entry.successes),
            ("Challenges", entry.challenges),
            ("What helped", entry.what_helped),
            ("Next steps", entry.next_steps),
        )
        if text
    ]
    head = f"<b>{escape(format_date(entry.written_on))}</b> · {escape(who)}"
    return head + "<br>" + " &nbsp;·&nbsp; ".join(fields)


def reflection_html(entry: ReflectionRow) -> str:
    role = ROLE_LABELS.get(entry.author_role, entry.author_role)
    who = f"{entry.author_name} ({role.lower()})" if entry.author_name else role
    parts = [f"<p><b>{escape(format_date(entry.written_on, long=True))}</b> · {escape(who)}</p>"]
    if entry.meeting_at:
        parts.append(f"<p><i>After the meeting of {escape(format_datetime(entry.meeting_at))}</i></p>")
    for caption, text in (
        ("Successes", entry.successes),
        ("Challenges", entry.challenges),
        ("What helped", entry.what_helped),
        ("Next steps", entry.next_steps),
    ):
        if text:
            parts.append(f"<p><b>{caption}:</b> {escape(text)}</p>")
    if entry.goal_titles:
        parts.append(f"<p><b>Goals:</b> {escape('; '.join(entry.goal_titles))}</p>")
    return "".join(parts)


class JournalWidget(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, shortcut_owner: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match_id = 0
        self.entries: list[ReflectionRow] = []
        owner = shortcut_owner or self
        self.add_action = make_action(
            owner, "add", self.tr("Add &reflection…"), self.add_reflection, "Ctrl+J"
        )
        self.edit_action = make_action(owner, "edit", self.tr("Edit…"), self.edit_reflection)
        self.delete_action = make_action(owner, "delete", self.tr("Delete"), self.delete_reflection)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        for action in (self.add_action, self.edit_action, self.delete_action):
            bar.addWidget(tool_button(action))
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = ReflectionTableModel()
        self.view, self.proxy = make_table(self.model)
        self.view.setAccessibleName(self.tr("Reflections"))
        self.view.sortByColumn(ReflectionTableModel.DATE, Qt.SortOrder.DescendingOrder)
        header = self.view.horizontalHeader()
        for column in range(ReflectionTableModel.SUCCESSES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # The date and what went well always show; the rest give way on a laptop (the text below has them).
        fit_columns(
            self.view,
            stretch=(ReflectionTableModel.SUCCESSES,),
            optional=(
                ReflectionTableModel.ROLE,
                ReflectionTableModel.MEETING,
                ReflectionTableModel.GOALS,
                ReflectionTableModel.AUTHOR,
            ),
        )
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.view.doubleClicked.connect(self.edit_reflection)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Reflection"))
        self.empty = EmptyState(
            "history",
            self.tr("No reflections yet"),
            self.tr(
                "After a meeting, the mentee and the mentor each note successes, challenges, what helped and "
                "next steps. Their entries collect here."
            ),
            self.tr("Add reflection…"),
            self.add_reflection,
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.text)
        self.stack = QStackedWidget()
        self.stack.addWidget(splitter)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self._update_actions()

    def load(self, match_id: int) -> list[ReflectionRow]:
        """Show the journal of ``match_id`` (0: none), keeping the selected entry; returns the entries."""
        previous = self.current() if match_id == self.match_id else None
        self.match_id = match_id
        self.entries = goals_service.list_reflections(match_id) if match_id else []
        self.model.set_rows(self.entries)
        self.stack.setCurrentIndex(0 if self.entries else 1)
        wanted = previous.id if previous else (self.entries[0].id if self.entries else 0)
        row = self.model.row_of_id(wanted)
        if row >= 0:
            self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self._on_current()
        return self.entries

    def current(self) -> ReflectionRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.entries:
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _on_current(self, *_: object) -> None:
        entry = self.current()
        self.text.setHtml(reflection_html(entry) if entry else "")
        self._update_actions()

    def _update_actions(self) -> None:
        self.add_action.setEnabled(bool(self.match_id))
        has_entry = self.current() is not None
        self.edit_action.setEnabled(has_entry)
        self.delete_action.setEnabled(has_entry)

    def add_reflection(self) -> None:
        from mentordesk.ui.goals.reflection_dialog import ReflectionDialog

        if self.match_id and ReflectionDialog(self.match_id, parent=self).exec():
            self.changed.emit()

    def edit_reflection(self, *_: object) -> None:
        from mentordesk.ui.goals.reflection_dialog import ReflectionDialog

        entry = self.current()
        if entry is not None and ReflectionDialog(self.match_id, entry, self).exec():
            self.changed.emit()

    def delete_reflection(self) -> None:
        entry = self.current()
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete reflection"),
            self.tr("Delete the reflection of {date}? This cannot be undone.").format(
                date=format_date(entry.written_on)
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            goals_service.delete_reflection(entry.id)
            self.changed.emit()
