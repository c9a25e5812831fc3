"""Following goals up on the Goals page, driven with pytest-qt (offscreen): ticking, adding and
editing milestones, reflections, reviews from the due list, the template editor in settings,
deleting with a confirmation, and the CSV export buttons.

The page itself, the goal editor and the table models are in tests/test_goals_ui.py. Modal dialogs
are driven by replacing ``exec`` (see ``driven`` in tests/goals_fixtures.py), so a failing
assertion can never leave a test waiting on an open dialog.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from mentordesk.services.goals import changes, reflections, templates as goal_templates
from mentordesk.store.models import Goal, GoalTemplate, Reflection
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.models import PROGRESS_ROLE, GoalTableModel, MilestoneTableModel
from mentordesk.ui.goals.page import GoalsPage
from mentordesk.ui.goals.reflection_dialog import ReflectionDialog
from mentordesk.ui.goals.small_dialogs import MilestoneDialog, ReviewDialog
from tests import goals_fixtures
from tests.goals_fixtures import driven, good_draft, qdate

page = goals_fixtures.page  # the shared fixtures
pair = goals_fixtures.pair


def goal_progress(page, goal_id: int) -> int:
    model = page.panel.goal_model
    return model.data(model.index(model.row_of_id(goal_id), GoalTableModel.PROGRESS), PROGRESS_ROLE)


# -- milestones ----------------------------------------------------------------------------------


def test_ticking_a_milestone_updates_progress(qtbot, pair, tmp_path, monkeypatch):
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(pair.programme.id)
    from mentordesk.services.goals.changes import MilestoneDraft

    goal_id = changes.create_goal(
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
    assert changes.review_interval_days(page.ctx.programme_id) == 30


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
