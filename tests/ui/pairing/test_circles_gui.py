"""Group circles in the GUI, driven with keys on real widgets: New programme… asks for the circle shape,
Settings › Pairing changes it, the outcome dialog shows each member's register, the match record
lists attendance, and the drafts name every co-facilitator."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.core.vocab import ProgrammeKind
from mentordesk.services import demo
from mentordesk.services.pairing.settings import read_settings
from mentordesk.store.models import Attendance, Match, Meeting, Programme
from mentordesk.ui import screenshots
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow


@pytest.fixture
def circles_window(qtbot, db, tmp_path):
    demo.seed_demo(showcase=True)
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    group = Programme.get(Programme.kind == ProgrammeKind.GROUP.value)
    win.ctx.set_programme(group.id)
    screenshots._settle()
    return win, group


def test_new_programme_for_group_asks_for_the_circle_shape(qtbot, db):
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.kind_combo.currentData() == "one_to_one"
    assert not dialog.circle_size.isVisible() and not dialog.circle_mentors.isVisible()
    QTest.keyClicks(dialog.name_edit, "Year 8 circles")
    dialog.kind_combo.setFocus()
    QTest.keyClick(dialog.kind_combo, Qt.Key.Key_Down)  # Group comes after One-to-one
    assert dialog.kind_combo.currentData() == "group"
    assert dialog.circle_size.isVisible() and dialog.circle_mentors.isVisible()
    assert "co-facilitators" in dialog.kind_help.text()
    assert (dialog.circle_size.value(), dialog.circle_mentors.value()) == (6, 2)
    assert dialog.circle_mentors_label.buddy() is dialog.circle_mentors
    dialog.circle_mentors.setFocus()
    QTest.keyClick(dialog.circle_mentors, Qt.Key.Key_Up)
    dialog.circle_size.setFocus()
    QTest.keyClick(dialog.circle_size, Qt.Key.Key_Down)
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    created = Programme.get(Programme.name == "Year 8 circles")
    settings = read_settings(created)
    assert (created.kind, settings.group_size, settings.mentors_per_circle) == ("group", 5, 3)


def test_settings_pairing_changes_the_mentors_per_circle(circles_window):
    win, group = circles_window
    page = win.show_area("settings")
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Pairing")
    page.tabs.setCurrentIndex(index)
    tab = page.tabs.widget(index)
    screenshots._settle()
    assert tab.circle_mentors.isVisible() and tab.circle_mentors.value() == 2
    assert tab.circle_mentors_label.buddy() is tab.circle_mentors
    tab.circle_mentors.setFocus()
    QTest.keyClick(tab.circle_mentors, Qt.Key.Key_Up)
    assert read_settings(Programme.get_by_id(group.id)).mentors_per_circle == 3


def test_drafts_name_every_co_facilitator_and_a_mentee_moves_to_another_circle(qtbot, circles_window):
    win, group = circles_window
    page = win.show_area("pairing")
    screenshots._settle()
    review = page.review
    rows = review.model.rows
    assert rows and all(" & " in r.mentor_name for r in rows)
    assert review.alternatives_box.title() == "Other circles with room"
    review.view.setFocus()
    review.view.selectRow(0)
    row = review.selected_rows()[0]
    qtbot.waitUntil(lambda: review.alternatives.count() > 0, timeout=5000)
    item = review.alternatives.item(0)
    assert " & " in item.text() and "in the circle" in item.text()
    assert row.mentor_name not in item.text()  # another circle, not the one they are in
    review.alternatives.setFocus()
    review.alternatives.setCurrentRow(0)
    QTest.mouseClick(review.use_button, Qt.MouseButton.LeftButton)
    screenshots._settle()
    moved = next(r for r in review.model.rows if r.mentee_id == row.mentee_id)
    assert moved.match_id != row.match_id and moved.pinned
    assert len(review.model.rows) == len(rows)  # nobody else left a circle


def test_outcome_dialog_shows_each_members_register_and_saves_it(qtbot, circles_window):
    from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog

    _win, group = circles_window
    live = Match.get((Match.programme == group) & (Match.status == "active"))
    planned = (
        Meeting.select()
        .where((Meeting.match == live) & (Meeting.status == "planned"))
        .order_by(Meeting.starts_at)
        .first()
    )
    dialog = OutcomeDialog(planned.id, now=datetime.combine(planned.starts_at.date(), datetime.max.time()))
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(dialog.attendance) == 8  # two co-facilitators and six mentees
    notes = [label.text() for label in dialog.attendance_so_far.values()]
    assert len(notes) == 8 and all(n.startswith("so far ") and " of " in n for n in notes)
    assert all("held meeting(s)" in box.toolTip() for box in dialog.attendance.values())
    absent = list(dialog.attendance)[-1]
    box = dialog.attendance[absent]
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Space)
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    recorded = {
        a.participant_id: a.attended for a in Attendance.select().where(Attendance.meeting == planned.id)
    }
    assert len(recorded) == 8 and recorded[absent] is False and sum(recorded.values()) == 7


def test_the_match_record_lists_every_members_attendance(circles_window):
    win, group = circles_window
    page = win.show_area("pairing")
    page.tabs.setCurrentWidget(page.matches)
    screenshots._settle()
    live = Match.get((Match.programme == group) & (Match.status == "active"))
    assert page.matches.select_match(live.id)
    page.matches.view.setFocus()
    QTest.keyClick(page.matches.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    box = page.matches.history_box
    assert box.isVisible() and box.windowTitle() == "Status history and attendance"
    lines = box.informativeText().split("Attendance:")[1].strip().splitlines()
    assert len(lines) == 8
    assert sum("(mentor)" in line.casefold() for line in lines) == 2
    assert all("held meeting(s)" in line for line in lines)
    box.close()
