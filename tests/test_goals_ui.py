"""The Goals page and its editors, driven with pytest-qt (offscreen).

Modal dialogs are driven by replacing ``exec`` with a function that fills the
dialog and presses OK, so a failing assertion can never leave a test waiting on
an open dialog.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

from mentordesk.services import goal_templates, goals, reflections
from mentordesk.store.models import Goal, GoalTemplate, Milestone, Programme, Reflection
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.goal_dialog import GoalDialog
from mentordesk.ui.goals.models import PROGRESS_ROLE, SORT_ROLE, GoalTableModel, MilestoneTableModel
from mentordesk.ui.goals.page import GoalsPage
from mentordesk.ui.goals.reflection_dialog import ReflectionDialog
from mentordesk.ui.goals.small_dialogs import MilestoneDialog, ReviewDialog, TemplatePickerDialog
from tests.goals_fixtures import good_draft, make_match


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def driven(handler):
    """A stand-in for QDialog.exec: let ``handler`` fill the dialog and press OK."""

    def exec_(self):
        handler(self)
        return self.result()

    return exec_


@pytest.fixture
def page(qtbot, demo_db, tmp_path):
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(Programme.get().id)
    widget = GoalsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def pair(qtbot, db):
    return make_match()


def goal_progress(page, goal_id: int) -> int:
    model = page.panel.goal_model
    return model.data(model.index(model.row_of_id(goal_id), GoalTableModel.PROGRESS), PROGRESS_ROLE)


# -- the page ------------------------------------------------------------------------------------


def test_page_shows_programme_summary_matches_and_goals(page):
    summary = goals.summary(page.ctx.programme_id)
    assert page.cards["achieved"].value.text() == str(summary.counts.achieved) == "1"
    assert page.cards["dropped"].value.text() == "1"
    assert page.cards["in_progress"].value.text() == str(summary.counts.in_progress)
    assert page.match_model.rowCount() == 7
    assert page.match_model.rows[-1].status == "closed"  # active first, closed last
    match = page.match_model.rows[0]
    assert page.panel.title_label.text() == match.label
    assert page.panel.goal_model.rowCount() == len(goals.list_goals(match.id))
    assert page.panel.latest_label.text().count("Successes") == 1
    assert "Due for review (" in page.tabs.tabText(1)
    assert page.due_model.rowCount() == len(goals.goals_due_for_review(page.ctx.programme_id, within_days=14))


def test_filter_narrows_the_match_list(page):
    first = page.match_model.rows[0].label.split(" ")[0]
    page.filter_edit.setText(first)
    assert 1 <= page.match_proxy.rowCount() < page.match_model.rowCount()
    page.filter_edit.setText("no such name at all")
    assert page.match_proxy.rowCount() == 0


def test_empty_states(qtbot, db, tmp_path):
    programme = Programme.create(name="Empty")
    ctx = AppContext(tmp_path / "test.db")
    page = GoalsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.stack.currentWidget() is page.no_programme
    ctx.set_programme(programme.id)
    page.refresh()
    assert page.stack.currentWidget() is page.no_matches
    assert "Pairing" in page.no_matches.text_label.text()
    make_match(name="Empty")
    page.refresh()
    assert page.panel.goal_stack.currentWidget() is page.panel.no_goals
    assert page.panel.journal.stack.currentWidget() is page.panel.journal.empty
    assert page.due_stack.currentWidget() is page.nothing_due


def test_keyboard_shortcuts_exist(page):
    assert page.panel.new_goal_action.shortcut().toString() == "Ctrl+N"
    assert page.panel.journal.add_action.shortcut().toString() == "Ctrl+J"
    assert page.panel.add_step_action.shortcut().toString() == "Ctrl+M"
    assert page.panel.new_goal_action in page.actions()  # active wherever the focus is on the page


# -- creating and editing goals ------------------------------------------------------------------


def test_create_a_goal_through_the_dialog(page, monkeypatch):
    match = page.panel.match

    def fill(dialog: GoalDialog):
        dialog.title_edit.setText("Join the debating club")
        dialog.measurable_edit.setText("Attends three sessions")
        dialog.specific_edit.setPlainText("Go to the Thursday club")
        dialog.steps_edit.setPlainText("Ask the teacher\nGo once\nGo three times")
        dialog.accept()

    monkeypatch.setattr(GoalDialog, "exec", driven(fill))
    before = page.panel.goal_model.rowCount()
    page.panel.new_goal_action.trigger()
    assert page.panel.goal_model.rowCount() == before + 1
    goal = Goal.get(Goal.title == "Join the debating club")
    assert goal.match_id == match.id and goal.measurable == "Attends three sessions"
    assert [m.title for m in goal.milestones.order_by(Milestone.position)] == [
        "Ask the teacher",
        "Go once",
        "Go three times",
    ]
    assert page.panel.current_goal().id == goal.id  # the new goal is selected
    assert page.panel.step_model.rowCount() == 3


def test_goal_dialog_validates_as_you_type(qtbot, pair):
    dialog = GoalDialog(pair.match.id, pair.programme.id)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.error_label.isVisibleTo(dialog)  # nothing shouted before the user types
    dialog.title_edit.setText("x")
    dialog.title_edit.setText("")
    assert "Title:" in dialog.error_label.text()
    assert dialog.title_edit.property("invalid") is True
    dialog.title_edit.setText("Read a book a month")
    assert dialog.title_edit.property("invalid") is False
    assert "Measurable:" in dialog.advice_label.text()  # advice, not an error
    dialog.target_edit.setDate(qdate(date.today() - timedelta(days=2)))
    assert "Target date:" in dialog.error_label.text() and "in the past" in dialog.error_label.text()
    dialog.accept()
    assert not ok.isEnabled() and Goal.select().count() == 0
    dialog.target_edit.setDate(qdate(date.today() + timedelta(days=30)))
    assert ok.isEnabled() and dialog.error_label.text() == ""
    dialog.accept()
    assert Goal.get().title == "Read a book a month"


def test_achieved_needs_a_date_and_dropped_a_reason_in_the_editor(qtbot, pair):
    goal_id = goals.create_goal(
        pair.match.id,
        good_draft(
            status="in_progress",
            target_date=date.today() + timedelta(days=60),
            review_on=date.today() + timedelta(days=20),
        ),
        owner_id=pair.mentee.id,
    )
    dialog = GoalDialog(pair.match.id, pair.programme.id, goals.get_goal(goal_id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.achieved_edit.isVisible() and not dialog.reason_edit.isVisible()
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("dropped"))
    assert dialog.reason_edit.isVisible()
    assert "Reason for dropping:" in dialog.error_label.text()
    dialog.accept()
    assert Goal.get_by_id(goal_id).status == "in_progress"
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("achieved"))
    assert dialog.achieved_edit.isVisible() and not dialog.reason_edit.isVisible()
    dialog.achieved_edit.setDate(qdate(date.today() + timedelta(days=3)))
    assert "Achieved on:" in dialog.error_label.text() and "future" in dialog.error_label.text()
    dialog.achieved_edit.setDate(qdate(date.today()))
    dialog.accept()
    goal = Goal.get_by_id(goal_id)
    assert goal.status == "achieved" and goal.achieved_on == date.today()


def test_not_started_cannot_follow_in_progress_in_the_editor(qtbot, pair):
    goal_id = goals.create_goal(
        pair.match.id,
        good_draft(
            status="in_progress",
            target_date=date.today() + timedelta(days=60),
            review_on=date.today() + timedelta(days=20),
        ),
        owner_id=pair.mentee.id,
    )
    dialog = GoalDialog(pair.match.id, pair.programme.id, goals.get_goal(goal_id))
    qtbot.addWidget(dialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("not_started"))
    assert "Status:" in dialog.error_label.text() and "cannot become" in dialog.error_label.text()
    assert dialog.status_combo.property("invalid") is True


def test_new_goal_from_a_template(page, monkeypatch):
    monkeypatch.setattr(
        TemplatePickerDialog,
        "exec",
        driven(lambda d: (d.select("Choose three university courses to research"), d.accept())),
    )
    monkeypatch.setattr(GoalDialog, "exec", driven(lambda d: d.accept()))
    match = page.panel.match
    page.panel.template_action.trigger()
    goal = Goal.select().where(Goal.match == match.id).order_by(Goal.id.desc()).first()
    template = GoalTemplate.get(GoalTemplate.title == "Choose three university courses to research")
    assert goal.title == template.title and goal.template_id == template.id
    assert [m.title for m in goal.milestones.order_by(Milestone.position)] == template.milestones


# -- milestones ----------------------------------------------------------------------------------


def test_ticking_a_milestone_updates_progress(qtbot, pair, tmp_path, monkeypatch):
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(pair.programme.id)
    from mentordesk.services.goals import MilestoneDraft

    goal_id = goals.create_goal(
        pair.match.id,
        good_draft(
            target_date=date.today() + timedelta(days=60), review_on=date.today() + timedelta(days=20)
        ),
        owner_id=pair.mentee.id,
        milestones=[
            MilestoneDraft("One"),
            MilestoneDraft("Two"),
            MilestoneDraft("Three"),
            MilestoneDraft("Four"),
        ],
    )
    page = GoalsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    assert goal_progress(page, goal_id) == 0
    steps = page.panel.step_model
    assert steps.setData(
        steps.index(0, MilestoneTableModel.DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert goal_progress(page, goal_id) == 25
    assert page.panel.current_goal().status == "in_progress"  # ticking started the goal
    steps = page.panel.step_model
    assert (
        steps.data(steps.index(0, MilestoneTableModel.DONE), Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    for row in (1, 2):
        steps.setData(
            steps.index(row, MilestoneTableModel.DONE),
            Qt.CheckState.Checked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    assert goal_progress(page, goal_id) == 75 and not asked
    steps.setData(
        steps.index(3, MilestoneTableModel.DONE), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert asked and "Mark the goal achieved" in asked[0]
    goal = Goal.get_by_id(goal_id)
    assert goal.status == "achieved" and goal.achieved_on == date.today()
    assert page.cards["achieved"].value.text() == "1"


def test_add_and_edit_a_milestone(qtbot, page, monkeypatch):
    goal = page.panel.current_goal()
    count = len(goal.milestones)

    def fill(dialog: MilestoneDialog):
        dialog.title_edit.setText("Tell the form tutor")
        dialog.accept()

    monkeypatch.setattr(MilestoneDialog, "exec", driven(fill))
    page.panel.add_step_action.trigger()
    assert page.panel.step_model.rowCount() == count + 1
    assert page.panel.step_model.rows[-1].title == "Tell the form tutor"
    dialog = MilestoneDialog(goal)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("")
    dialog.accept()
    assert "Title:" in dialog.error_label.text()
    dialog.title_edit.setText("x")
    dialog.done_check.setChecked(True)
    dialog.done_edit.setDate(qdate(date.today() + timedelta(days=1)))
    assert "Done on:" in dialog.error_label.text()


# -- reflections ---------------------------------------------------------------------------------


def test_add_a_reflection(page, monkeypatch):
    match = page.panel.match
    before = Reflection.select().where(Reflection.match == match.id).count()
    goal = page.panel.current_goal()

    def fill(dialog: ReflectionDialog):
        mentee = next(m for m in reflections.author_choices(match.id) if m.role == "mentee")
        dialog.select_author(mentee.participant_id)
        dialog.successes_edit.setPlainText("Gave a two-minute talk in tutor time")
        dialog.next_edit.setPlainText("Try it in history")
        for i in range(dialog.goal_list.count()):
            if dialog.goal_list.item(i).data(Qt.ItemDataRole.UserRole) == goal.id:
                dialog.goal_list.item(i).setCheckState(Qt.CheckState.Checked)
        if dialog.meeting_combo.count() > 1:
            dialog.meeting_combo.setCurrentIndex(1)
        dialog.accept()

    monkeypatch.setattr(ReflectionDialog, "exec", driven(fill))
    page.panel.journal.add_action.trigger()
    assert Reflection.select().where(Reflection.match == match.id).count() == before + 1
    latest = reflections.latest_reflection(match.id)
    assert latest.successes == "Gave a two-minute talk in tutor time" and latest.author_role == "mentee"
    assert latest.goal_ids == (goal.id,)
    assert "Gave a two-minute talk" in page.panel.latest_label.text()
    assert page.panel.journal.model.rowCount() == before + 1


def test_reflection_dialog_refuses_an_empty_entry(qtbot, pair):
    dialog = ReflectionDialog(pair.match.id)
    qtbot.addWidget(dialog)
    assert not dialog.error_label.isVisibleTo(dialog)
    dialog.accept()
    assert "Successes:" in dialog.error_label.text() and Reflection.select().count() == 0
    dialog.challenges_edit.setPlainText("Found it hard to start")
    assert dialog.error_label.text() == ""
    dialog.select_author(pair.mentor.id)
    dialog.accept()
    entry = Reflection.get()
    assert entry.author_role == "mentor" and entry.challenges == "Found it hard to start"


# -- reviews, templates, export ------------------------------------------------------------------


def test_review_from_the_due_list(page, monkeypatch):
    before = page.due_model.rowCount()
    due = page.current_due()
    assert due is not None
    monkeypatch.setattr(
        ReviewDialog, "exec", driven(lambda d: (d.notes_edit.setPlainText("On track"), d.accept()))
    )
    page.review_due()
    goal = Goal.get_by_id(due.goal_id)
    assert goal.reviewed_on == date.today() and goal.review_notes == "On track"
    assert goal.review_on > date.today() + timedelta(days=14)
    assert page.due_model.rowCount() == before - 1


def test_open_match_from_the_due_list(page):
    page.tabs.setCurrentIndex(1)
    due = page.current_due()
    page.open_match_action.trigger()
    assert page.tabs.currentIndex() == 0
    assert page.panel.match.id == due.match_id and page.panel.current_goal().id == due.goal_id


def test_review_dialog_keeps_reviews_yearly(qtbot, page):
    goal = page.panel.current_goal()
    dialog = ReviewDialog(goal, page.ctx.programme_id)
    qtbot.addWidget(dialog)
    dialog.next_edit.setDate(qdate(date.today() + timedelta(days=400)))
    assert "at least once a year" in dialog.error_label.text()
    dialog.accept()
    assert Goal.get_by_id(goal.id).reviewed_on != date.today()


def test_template_editor_in_settings(qtbot, page):
    from mentordesk.ui.settings import goals_tab

    title, tab = goals_tab.create_tab(page.ctx)
    qtbot.addWidget(tab)
    assert title == "Goals"
    editor = tab.editor
    count = len(editor.templates)
    editor.new_template()
    editor.title_edit.setText("Improve confidence in public speaking")
    editor.milestones_edit.setPlainText("- Agree what success looks like\n\n- Speak in tutor time\n")
    saved = editor.save()
    assert saved and len(editor.templates) == count + 1
    assert goal_templates.get_template(saved).milestones == (
        "Agree what success looks like",
        "Speak in tutor time",
    )
    editor.new_template()
    editor.title_edit.setText("improve confidence in public speaking")
    assert editor.save() == 0 and "already exists" in editor.error_label.text()
    tab.interval_spin.setValue(30)
    tab.interval_spin.editingFinished.emit()
    assert goals.review_interval_days(page.ctx.programme_id) == 30


def test_delete_template_asks_first(qtbot, page, monkeypatch):
    from mentordesk.ui.goals.templates import TemplateEditor

    editor = TemplateEditor(page.ctx)
    qtbot.addWidget(editor)
    first = editor.current
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    editor.delete_template()
    assert GoalTemplate.get_or_none(GoalTemplate.id == first.id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    editor.delete_template()
    assert GoalTemplate.get_or_none(GoalTemplate.id == first.id) is None


def test_delete_goal_asks_first(page, monkeypatch):
    goal = page.panel.current_goal()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.panel.delete_goal_action.trigger()
    assert Goal.get_or_none(Goal.id == goal.id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.panel.delete_goal_action.trigger()
    assert Goal.get_or_none(Goal.id == goal.id) is None
    assert page.panel.goal_model.row_of_id(goal.id) == -1


def test_export_buttons_write_csv(page, tmp_path, monkeypatch):
    target = tmp_path / "goals.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV files (*.csv)"))
    page.export_goals_action.trigger()
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == Goal.select().count()
    page.bom_action.setChecked(False)
    other = tmp_path / "reflections.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    page.export_reflections()
    assert not other.read_bytes().startswith(b"\xef\xbb\xbf")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.csv"), ""))
    page.export_goals()
    assert warned and "does not exist" in warned[0]


# -- models without a view -----------------------------------------------------------------------


def test_goal_model_roles(demo_db):
    match_id = goals.list_matches(Programme.get().id)[0].id
    model = GoalTableModel()
    model.set_rows(goals.list_goals(match_id))
    assert model.rowCount() >= 2 and model.columnCount() == 6
    first = model.rows[0]
    assert model.data(model.index(0, GoalTableModel.TITLE)) == first.title
    assert model.data(model.index(0, GoalTableModel.PROGRESS)) == ""  # the delegate draws the bar
    assert model.data(model.index(0, GoalTableModel.PROGRESS), PROGRESS_ROLE) == first.progress
    assert model.data(model.index(0, GoalTableModel.TARGET), SORT_ROLE) == first.target_date.isoformat()
    assert model.headerData(GoalTableModel.STATUS, Qt.Orientation.Horizontal) == "Status"


def test_milestone_model_emits_toggles(qtbot, demo_db):
    match_id = goals.list_matches(Programme.get().id)[0].id
    goal = goals.list_goals(match_id)[0]
    model = MilestoneTableModel()
    model.set_rows(goal.milestones)
    index = model.index(0, MilestoneTableModel.DONE)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, MilestoneTableModel.TITLE)) & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(model.doneToggled) as blocker:
        model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert blocker.args == [goal.milestones[0].id, False]


def test_reopening_a_finished_goal_suggests_a_review_date(qtbot, pair):
    target = date.today() + timedelta(days=200)
    goal_id = goals.create_goal(
        pair.match.id,
        good_draft(status="achieved", achieved_on=date.today(), review_on=None, target_date=target),
        owner_id=pair.mentee.id,
    )
    dialog = GoalDialog(pair.match.id, pair.programme.id, goals.get_goal(goal_id))
    qtbot.addWidget(dialog)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("in_progress"))
    dialog.accept()
    goal = Goal.get_by_id(goal_id)
    assert goal.status == "in_progress" and goal.achieved_on is None
    assert goal.review_on == date.today() + timedelta(days=90)


def test_peer_goals_can_be_shared_in_the_editor(qtbot, db):
    peers = make_match(name="Peer circle", kind="peer", mentees=2)
    dialog = GoalDialog(peers.match.id, peers.programme.id)
    qtbot.addWidget(dialog)
    labels = [dialog.owner_combo.itemText(i) for i in range(dialog.owner_combo.count())]
    assert labels[-1] == "Shared by everyone in the match" and dialog.owner_combo.currentData() is None
    dialog.title_edit.setText("Finish the group project")
    dialog.accept()
    assert Goal.get().owner_id is None
