"""One match in the Goals area: its goals with progress bars, the selected goal's milestones,
the latest reflection, and the reflections journal.

The panel only reads through the services and opens the editors; after a change
it emits ``changed`` and the page reloads (keeping the selection).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import ProgrammeKind, label
from mentordesk.services import goals
from mentordesk.services.goals import GoalRow, MatchRow, ReflectionRow
from mentordesk.ui.formatting import format_date
from mentordesk.ui.goals.journal import (
    JournalWidget,
    make_action,
    make_table,
    reflection_summary_html,
    tool_button,
)
from mentordesk.ui.goals.models import GoalTableModel, MilestoneTableModel, ProgressDelegate
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.table_fit import fit_columns


class MatchPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, shortcut_owner: QWidget | None = None) -> None:
        super().__init__(parent)
        self.match: MatchRow | None = None
        self.programme_id = 0
        self.goal_rows: list[GoalRow] = []
        self.pending_goal = 0  # the goal to select after the page reloads
        self.shortcut_owner = shortcut_owner or self
        self.journal = JournalWidget(shortcut_owner=self.shortcut_owner)
        self.journal.changed.connect(self._journal_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel()
        self.title_label.setObjectName("sectionTitle")
        self.title_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("hint")
        # A developmental match: how many goals and reflections are the mentor's own, and the mentee's.
        self.both_sides_label = QLabel()
        self.both_sides_label.setObjectName("hint")
        self.both_sides_label.setWordWrap(True)
        self.both_sides_label.setVisible(False)
        layout.addWidget(self.title_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.both_sides_label)
        self._make_actions()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_goals_tab(), icon("goals"), self.tr("Goals"))
        self.tabs.addTab(self.journal, icon("history"), self.tr("Reflections journal"))
        layout.addWidget(self.tabs, 1)

    # -- actions -------------------------------------------------------------------------------
    def _action(self, icon_name: str, text: str, slot, shortcut: str = "") -> QAction:
        return make_action(self.shortcut_owner, icon_name, text, slot, shortcut)

    def _make_actions(self) -> None:
        self.new_goal_action = self._action("add", self.tr("&New goal…"), self.new_goal, "Ctrl+N")
        self.template_action = self._action(
            "copy", self.tr("From &template…"), self.new_from_template, "Ctrl+T"
        )
        self.edit_goal_action = self._action("edit", self.tr("&Edit…"), self.edit_goal, "Ctrl+E")
        self.review_action = self._action("ok", self.tr("&Review…"), self.review_goal, "Ctrl+Shift+R")
        self.delete_goal_action = self._action("delete", self.tr("&Delete goal"), self.delete_goal)
        self.add_step_action = self._action("add", self.tr("Add &milestone…"), self.add_milestone, "Ctrl+M")
        self.edit_step_action = self._action("edit", self.tr("Edit"), self.edit_milestone)
        self.up_action = self._action("mdi6.arrow-up", self.tr("Up"), lambda: self.move_milestone(-1))
        self.down_action = self._action("mdi6.arrow-down", self.tr("Down"), lambda: self.move_milestone(1))
        self.delete_step_action = self._action("delete", self.tr("Delete"), self.delete_milestone)

    # -- goals tab -----------------------------------------------------------------------------
    def _build_goals_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        bar = QHBoxLayout()
        for action in (
            self.new_goal_action,
            self.template_action,
            self.edit_goal_action,
            self.review_action,
            self.delete_goal_action,
        ):
            bar.addWidget(tool_button(action))
        bar.addStretch(1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.goal_model = GoalTableModel()
        self.goal_view, self.goal_proxy = make_table(self.goal_model)
        self.goal_view.setAccessibleName(self.tr("Goals of this match"))
        self.goal_view.setItemDelegateForColumn(GoalTableModel.PROGRESS, ProgressDelegate(self.goal_view))
        header = self.goal_view.horizontalHeader()
        for column in (
            GoalTableModel.OWNER,
            GoalTableModel.STATUS,
            GoalTableModel.TARGET,
            GoalTableModel.REVIEW,
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(GoalTableModel.PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(GoalTableModel.PROGRESS, 100)
        # The title always shows; on a laptop the owner and review date give way (the goal's dialog has them).
        fit_columns(
            self.goal_view,
            stretch=(GoalTableModel.TITLE,),
            optional=(GoalTableModel.OWNER, GoalTableModel.REVIEW, GoalTableModel.STATUS),
        )
        self.goal_view.selectionModel().currentRowChanged.connect(self._on_goal)
        self.goal_view.doubleClicked.connect(self.edit_goal)
        self.no_goals = EmptyState(
            "goals",
            self.tr("No goals yet"),
            self.tr(
                "Goals the mentee sets with the mentor appear here with their progress. Start one, or pick a template."
            ),
            self.tr("New goal…"),
            self.new_goal,
        )
        self.goal_stack = QStackedWidget()
        self.goal_stack.addWidget(self.goal_view)
        self.goal_stack.addWidget(self.no_goals)
        splitter.addWidget(self.goal_stack)

        steps = QWidget()
        steps_layout = QVBoxLayout(steps)
        steps_layout.setContentsMargins(0, 4, 0, 0)
        steps_bar = QHBoxLayout()
        self.steps_label = QLabel(self.tr("Milestones"))
        self.steps_label.setObjectName("sectionTitle")
        self.steps_label.setWordWrap(True)  # the count wraps on a laptop screen instead of widening the panel
        steps_bar.addWidget(self.steps_label, 1)
        steps_bar.addWidget(tool_button(self.add_step_action))
        # The others as icons (named in their tooltips and to screen readers), so the title and its
        # count keep one line on a laptop screen.
        for action in (self.edit_step_action, self.up_action, self.down_action, self.delete_step_action):
            button = tool_button(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setToolTip(action.text().replace("&", ""))
            button.setAccessibleName(self.tr("{what} milestone").format(what=action.text().replace("&", "")))
            steps_bar.addWidget(button)
        steps_layout.addLayout(steps_bar)
        self.step_model = MilestoneTableModel()
        self.step_model.doneToggled.connect(self.toggle_milestone)
        self.step_view, self.step_proxy = make_table(self.step_model, sortable=False)
        self.step_view.setAccessibleName(self.tr("Milestones of this goal"))
        self.step_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        step_header = self.step_view.horizontalHeader()
        step_header.setSectionResizeMode(MilestoneTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (MilestoneTableModel.DONE, MilestoneTableModel.DUE, MilestoneTableModel.DONE_ON):
            step_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.step_view.doubleClicked.connect(self._on_step_double_click)
        self.step_view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.no_steps = QLabel(
            self.tr(
                "No milestones: progress is set by hand in the goal. Add milestones to track it step by step."
            )
        )
        self.no_steps.setObjectName("hint")
        self.no_steps.setWordWrap(True)
        steps_layout.addWidget(self.step_view, 1)
        steps_layout.addWidget(self.no_steps)
        splitter.addWidget(steps)

        card = QFrame()
        card.setObjectName("card")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(12, 8, 12, 8)
        card_head = QHBoxLayout()
        caption = QLabel(self.tr("Latest reflection"))
        caption.setObjectName("sectionTitle")
        card_head.addWidget(caption, 1)
        card_head.addWidget(tool_button(self.journal.add_action))
        journal = QToolButton()
        journal.setText(self.tr("Open journal"))
        journal.setAutoRaise(True)
        journal.clicked.connect(lambda: self.tabs.setCurrentIndex(1))
        card_head.addWidget(journal)
        card_layout.addLayout(card_head)
        self.latest_label = QLabel()
        self.latest_label.setWordWrap(True)
        self.latest_label.setTextFormat(Qt.TextFormat.RichText)
        self.latest_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        card_layout.addWidget(self.latest_label)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        layout.addWidget(card)
        return tab

    # -- loading -------------------------------------------------------------------------------
    def set_match(self, match: MatchRow | None, programme_id: int, keep_goal: int | None = None) -> None:
        self.match = match
        self.programme_id = programme_id
        if match is None:
            self.title_label.setText(self.tr("No match selected"))
            self.detail_label.clear()
            self.goal_model.set_rows([])
            self.step_model.set_rows([])
            self.journal.load(0)
            self._update_actions()
            return
        self.title_label.setText(match.label)
        bits = [self.tr(label(match.status))]
        if match.started_on:
            bits.append(self.tr("started {date}").format(date=format_date(match.started_on)))
        if match.closed_on:
            bits.append(self.tr("closed {date}").format(date=format_date(match.closed_on)))
        self.goal_model.today = date.today()
        previous = keep_goal if keep_goal is not None else self.current_goal_id()
        self.goal_rows = goals.list_goals(match.id)
        self.goal_model.set_rows(self.goal_rows)
        self.goal_stack.setCurrentIndex(0 if self.goal_rows else 1)
        self.select_goal(previous if previous else (self.goal_rows[0].id if self.goal_rows else 0))
        entries = self.journal.load(match.id)
        developmental = match.programme_kind == ProgrammeKind.DEVELOPMENTAL.value
        self.both_sides_label.setText(self._both_sides(entries) if developmental else "")
        self.both_sides_label.setVisible(developmental)
        self.detail_label.setText(" · ".join(bits))
        self._show_latest(entries)
        self._update_actions()

    def _both_sides(self, entries: list[ReflectionRow]) -> str:
        """A developmental match: how many goals and reflections are the mentor's own, and the mentee's."""

        def counted(goals_: int, notes: int) -> str:
            goal_text = self.tr("1 goal") if goals_ == 1 else self.tr("{n} goals").format(n=goals_)
            note_text = self.tr("1 reflection") if notes == 1 else self.tr("{n} reflections").format(n=notes)
            return f"{goal_text}, {note_text}"

        mentor_goals = sum(1 for g in self.goal_rows if g.owner_role == "mentor")
        mentor_notes = sum(1 for e in entries if e.author_role == "mentor")
        mentee_notes = sum(1 for e in entries if e.author_role in ("mentee", "peer"))
        return self.tr("Both keep goals here. Mentor's own: {mentor} · Mentee's: {mentee}").format(
            mentor=counted(mentor_goals, mentor_notes), mentee=counted(len(self.goal_rows) - mentor_goals, mentee_notes)
        )

    def _show_latest(self, entries: list[ReflectionRow]) -> None:
        if entries:
            self.latest_label.setText(reflection_summary_html(entries[0]))
        else:
            self.latest_label.setText(
                self.tr("<i>No reflection yet. After a meeting, add what went well and what was hard.</i>")
            )

    def _journal_changed(self) -> None:
        self.pending_goal = self.current_goal_id()
        self.changed.emit()

    def select_goal(self, goal_id: int) -> None:
        row = self.goal_model.row_of_id(goal_id)
        if row < 0 and self.goal_rows:
            row = 0
        if row >= 0:
            index = self.goal_proxy.mapFromSource(self.goal_model.index(row, 0))
            self.goal_view.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._on_goal()

    def current_goal(self) -> GoalRow | None:
        index = self.goal_view.currentIndex()
        if not index.isValid():
            return None
        return self.goal_model.row_at(self.goal_proxy.mapToSource(index).row())

    def current_goal_id(self) -> int:
        goal = self.current_goal()
        return goal.id if goal else 0

    def current_milestone(self):
        index = self.step_view.currentIndex()
        if not index.isValid():
            return None
        return self.step_model.row_at(self.step_proxy.mapToSource(index).row())

    def _on_goal(self, *_: object) -> None:
        goal = self.current_goal()
        steps = list(goal.milestones) if goal else []
        previous = self.current_milestone()
        self.step_model.set_rows(steps)
        done = sum(1 for m in steps if m.done)
        self.steps_label.setText(
            self.tr("Milestones · {done} of {n} done").format(done=done, n=len(steps))
            if steps
            else self.tr("Milestones")
        )
        self.steps_label.setToolTip(goal.title if goal else "")
        self.step_view.setVisible(bool(steps))
        self.no_steps.setVisible(goal is not None and not steps)
        if previous is not None:
            row = self.step_model.row_of_id(previous.id)
            if row >= 0:
                self.step_view.setCurrentIndex(self.step_proxy.mapFromSource(self.step_model.index(row, 1)))
        self._update_actions()

    def _update_actions(self) -> None:
        has_match = self.match is not None
        open_match = has_match and self.match is not None and self.match.status != "closed"
        goal = self.current_goal()
        step = self.current_milestone()
        self.new_goal_action.setEnabled(open_match)
        self.template_action.setEnabled(open_match)
        for action in (
            self.edit_goal_action,
            self.review_action,
            self.delete_goal_action,
            self.add_step_action,
        ):
            action.setEnabled(goal is not None)
        for action in (self.edit_step_action, self.up_action, self.down_action, self.delete_step_action):
            action.setEnabled(step is not None)

    # -- goal commands -------------------------------------------------------------------------
    def new_goal(self) -> None:
        from mentordesk.ui.goals.goal_dialog import GoalDialog

        if self.match is None or self.match.status == "closed":
            return
        dialog = GoalDialog(self.match.id, self.programme_id, parent=self)
        if dialog.exec():
            self.pending_goal = dialog.saved_id
            self.changed.emit()

    def new_from_template(self) -> None:
        from mentordesk.ui.goals.goal_dialog import GoalDialog
        from mentordesk.ui.goals.small_dialogs import TemplatePickerDialog

        if self.match is None or self.match.status == "closed":
            return
        picker = TemplatePickerDialog(self.programme_id, self)
        if not picker.exec():
            return
        draft, steps = goals.draft_from_template(picker.chosen, programme_id=self.programme_id)
        dialog = GoalDialog(
            self.match.id,
            self.programme_id,
            draft=draft,
            milestones=steps,
            template_id=picker.chosen,
            parent=self,
        )
        if dialog.exec():
            self.pending_goal = dialog.saved_id
            self.changed.emit()

    def edit_goal(self, *_: object) -> None:
        from mentordesk.ui.goals.goal_dialog import GoalDialog

        goal = self.current_goal()
        if goal is None or self.match is None:
            return
        dialog = GoalDialog(self.match.id, self.programme_id, goal, parent=self)
        if dialog.exec():
            self.pending_goal = goal.id
            self.changed.emit()

    def review_goal(self) -> None:
        from mentordesk.ui.goals.small_dialogs import ReviewDialog

        goal = self.current_goal()
        if goal is None:
            return
        if ReviewDialog(goal, self.programme_id, self).exec():
            self.pending_goal = goal.id
            self.changed.emit()

    def delete_goal(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete goal"),
            self.tr(
                "Delete the goal “{title}” with its {n} milestone(s)? Reflections that mention it stay. "
                "Consider marking it dropped instead, which keeps the record."
            ).format(title=goal.title, n=len(goal.milestones)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            goals.delete_goal(goal.id)
            self.pending_goal = 0
            self.changed.emit()

    # -- milestone commands --------------------------------------------------------------------
    def toggle_milestone(self, milestone_id: int, done: bool) -> None:
        """Tick or untick; when the last open milestone is ticked, offer to mark the goal achieved."""
        today = date.today()
        goal = self.current_goal()
        try:
            after = goals.set_milestone_done(milestone_id, today if done else None)
        except (goals.GoalError, goals.GoalRuleError) as exc:
            QMessageBox.warning(self, self.tr("Milestone not changed"), str(exc))
            return
        if done and after.is_open and all(m.done for m in after.milestones):
            answer = QMessageBox.question(
                self,
                self.tr("All milestones done"),
                self.tr("Every milestone of “{title}” is done. Mark the goal achieved today?").format(
                    title=after.title
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                goals.set_status(after.id, "achieved", achieved_on=today)
        self.pending_goal = goal.id if goal else 0
        self.changed.emit()

    def _on_step_double_click(self, index) -> None:
        if self.step_proxy.mapToSource(index).column() != MilestoneTableModel.DONE:
            self.edit_milestone()

    def add_milestone(self) -> None:
        from mentordesk.ui.goals.small_dialogs import MilestoneDialog

        goal = self.current_goal()
        if goal is not None and MilestoneDialog(goal, parent=self).exec():
            self.pending_goal = goal.id
            self.changed.emit()

    def edit_milestone(self) -> None:
        from mentordesk.ui.goals.small_dialogs import MilestoneDialog

        goal, step = self.current_goal(), self.current_milestone()
        if goal is not None and step is not None and MilestoneDialog(goal, step, self).exec():
            self.pending_goal = goal.id
            self.changed.emit()

    def move_milestone(self, offset: int) -> None:
        goal, step = self.current_goal(), self.current_milestone()
        if goal is None or step is None:
            return
        goals.move_milestone(step.id, offset)
        self.pending_goal = goal.id
        self.changed.emit()

    def delete_milestone(self) -> None:
        goal, step = self.current_goal(), self.current_milestone()
        if goal is None or step is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete milestone"),
            self.tr("Delete the milestone “{title}”?").format(title=step.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            goals.delete_milestone(step.id)
            self.pending_goal = goal.id
            self.changed.emit()
