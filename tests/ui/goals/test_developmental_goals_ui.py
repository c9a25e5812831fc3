"""A developmental programme on the Goals page: the mentor's own goals are chosen, listed and counted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from mentordesk.services import goals
from mentordesk.store.models import Goal
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.goal_dialog import GoalDialog
from mentordesk.ui.goals.models import GoalTableModel
from mentordesk.ui.goals.page import GoalsPage
from tests.goals_fixtures import TODAY, make_match


def _page(qtbot, tmp_path, programme_id: int) -> GoalsPage:
    ctx = AppContext(tmp_path / "test.db")
    ctx.set_programme(programme_id)
    page = GoalsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    return page


def test_the_mentor_chooses_themself_as_owner_and_the_page_says_whose_goal_it_is(qtbot, db, tmp_path, monkeypatch):
    pair = make_match(name="Leaders learning", kind="developmental")
    goals.create_reflection(
        pair.match.id,
        goals.ReflectionDraft(written_on=TODAY, successes="Asked, then listened"),
        author_id=pair.mentor.id,
        today=TODAY,
    )
    page = _page(qtbot, tmp_path, pair.programme.id)

    def fill(dialog: GoalDialog) -> int:
        qtbot.addWidget(dialog)
        assert dialog.owner_combo.itemText(1) == "Zoë Ó'Brien (mentor)"
        dialog.owner_combo.setFocus()
        QTest.keyClick(dialog.owner_combo, Qt.Key.Key_Down)  # from the mentee to the mentor
        dialog.title_edit.setFocus()
        QTest.keyClicks(dialog.title_edit, "Listen more than I talk")
        QTest.keyClicks(dialog.measurable_edit, "My mentee says so at the review")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(GoalDialog, "exec", fill)
    page.panel.new_goal_action.trigger()
    goal = Goal.get(Goal.title == "Listen more than I talk")
    assert goal.owner_id == pair.mentor.id
    model = page.panel.goal_model
    row = model.row_of_id(goal.id)
    assert model.index(row, GoalTableModel.OWNER).data() == "Zoë Ó'Brien (mentor)"
    assert page.panel.both_sides_label.isVisible()
    assert page.panel.both_sides_label.text() == (
        "Both keep goals here. Mentor's own: 1 goal, 1 reflection · Mentee's: 0 goals, 0 reflections"
    )
    title = model.index(row, GoalTableModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert title == "Listen more than I talk\nOwner: Zoë Ó'Brien (mentor)"  # where the column gives way


def test_a_one_to_one_mentor_is_not_offered_and_no_count_is_shown(qtbot, db, tmp_path):
    pair = make_match(name="Year 10", kind="one_to_one")
    dialog = GoalDialog(pair.match.id, pair.programme.id)
    qtbot.addWidget(dialog)
    assert [dialog.owner_combo.itemText(i) for i in range(dialog.owner_combo.count())] == ["Priya Test0"]
    page = _page(qtbot, tmp_path, pair.programme.id)
    assert not page.panel.both_sides_label.isVisible()
