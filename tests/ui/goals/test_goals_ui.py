"""The Goals page and its goal editor, driven with pytest-qt (offscreen): the programme summary,
the match list and its filter, empty states, shortcuts, creating and editing goals (validation,
status rules, templates, shared peer goals), and the table models without a view.

Milestones, reflections, reviews, templates in settings, deleting and export are in
tests/test_goals_ui_progress.py. Modal dialogs are driven by replacing ``exec`` (see ``driven`` in
tests/goals_fixtures.py), so a failing assertion can never leave a test waiting on an open dialog.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from mentordesk.services.goals import changes
from mentordesk.store.models import Goal, GoalTemplate, Milestone, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.goal_dialog import GoalDialog
from mentordesk.ui.goals.models import PROGRESS_ROLE, SORT_ROLE, GoalTableModel, MilestoneTableModel
from mentordesk.ui.goals.page import GoalsPage
from mentordesk.ui.goals.small_dialogs import TemplatePickerDialog
from tests import goals_fixtures
from tests.goals_fixtures import driven, good_draft, make_match, qdate

page = goals_fixtures.page  # the shared fixtures
pair = goals_fixtures.pair


# -- the page ------------------------------------------------------------------------------------


def test_page_shows_programme_summary_matches_and_goals(page):
    summary = changes.summary(page.ctx.programme_id)
    assert page.cards["achieved"].value.text() == str(summary.counts.achieved) == "1"
    assert page.cards["dropped"].value.text() == "1"
    assert page.cards["in_progress"].value.text() == str(summary.counts.in_progress)
    assert page.match_model.rowCount() == 7
    assert page.match_model.rows[-1].status == "closed"  # active first, closed last
    match = page.match_model.rows[0]
    assert page.panel.title_label.text() == match.label
    assert page.panel.goal_model.rowCount() == len(changes.list_goals(match.id))
    assert page.panel.latest_label.text().count("Successes") == 1
    assert "Due for review (" in page.tabs.tabText(1)
    assert page.due_model.rowCount() == len(changes.goals_due_for_review(page.ctx.programme_id, within_days=14))


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
    goal_id = changes.create_goal(
        pair.match.id,
        good_draft(
            status="in_progress",
            target_date=date.today() + timedelta(days=60),
            review_on=date.today() + timedelta(days=20),
        ),
        owner_id=pair.mentee.id,
    )
    dialog = GoalDialog(pair.match.id, pair.programme.id, changes.get_goal(goal_id))
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
    goal_id = changes.create_goal(
        pair.match.id,
        good_draft(
            status="in_progress",
            target_date=date.today() + timedelta(days=60),
            review_on=date.today() + timedelta(days=20),
        ),
        owner_id=pair.mentee.id,
    )
    dialog = GoalDialog(pair.match.id, pair.programme.id, changes.get_goal(goal_id))
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


# -- models without a view -----------------------------------------------------------------------


def test_goal_model_roles(demo_db):
    match_id = changes.list_matches(Programme.get().id)[0].id
    model = GoalTableModel()
    model.set_rows(changes.list_goals(match_id))
    assert model.rowCount() >= 2 and model.columnCount() == 6
    first = model.rows[0]
    assert model.data(model.index(0, GoalTableModel.TITLE)) == first.title
    assert model.data(model.index(0, GoalTableModel.PROGRESS)) == ""  # the delegate draws the bar
    assert model.data(model.index(0, GoalTableModel.PROGRESS), PROGRESS_ROLE) == first.progress
    assert model.data(model.index(0, GoalTableModel.TARGET), SORT_ROLE) == first.target_date.isoformat()
    assert model.headerData(GoalTableModel.STATUS, Qt.Orientation.Horizontal) == "Status"


def test_milestone_model_emits_toggles(qtbot, demo_db):
    match_id = changes.list_matches(Programme.get().id)[0].id
    goal = changes.list_goals(match_id)[0]
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
    goal_id = changes.create_goal(
        pair.match.id,
        good_draft(status="achieved", achieved_on=date.today(), review_on=None, target_date=target),
        owner_id=pair.mentee.id,
    )
    dialog = GoalDialog(pair.match.id, pair.programme.id, changes.get_goal(goal_id))
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


def test_goal_form_stays_still_as_its_messages_come_and_go(qtbot, pair):
    """Typing a title, clearing it (its error shows) and filling the SMART fields (the advice
    shrinks and goes) moves no field, at the dialog's own size and in a taller window."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    for size in (None, (1000, 680)):
        dialog = GoalDialog(pair.match.id, pair.programme.id)
        qtbot.addWidget(dialog)
        dialog.show()
        if size:
            dialog.resize(*size)
        qtbot.wait(20)
        watched = dict(dialog.fields, steps=dialog.steps_edit, buttons=dialog.buttons)

        def places(watched=watched, dialog=dialog) -> dict:
            return {n: (w.mapTo(dialog, QPoint(0, 0)).y(), w.height()) for n, w in watched.items() if w.isVisible()}

        first = places()
        steps = [
            lambda d=dialog: QTest.keyClicks(d.title_edit, "A"),
            lambda d=dialog: QTest.keyClick(d.title_edit, Qt.Key.Key_Backspace),
            lambda d=dialog: QTest.keyClicks(d.title_edit, "Speak up"),
            lambda d=dialog: QTest.keyClicks(d.specific_edit, "Ask one question in every lesson"),
            lambda d=dialog: QTest.keyClicks(d.measurable_edit, "The teacher notes it"),
        ]
        seen_error = False
        for step in steps:
            step()
            qtbot.wait(20)
            seen_error = seen_error or "needs a title" in dialog.error_label.text()
            assert places() == first, f"size {size}: a field moved"
        assert seen_error and not dialog.error_label.text() and not dialog.advice_label.isVisible()
        dialog.close()
