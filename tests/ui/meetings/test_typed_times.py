"""Found from outside: a time typed into Schedule or Edit meeting after Ctrl+A (or after tabbing back
into the field) landed in the wrong section: "16:30" saved 17:30, "16:45" saved 16:16, with no word.
Times are now read as a whole, as dates are; text that is not a time stops the save and says why."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.store.models import Meeting
from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
from mentordesk.ui.participants.editors import SlotEditor
from mentordesk.ui.widgets.date_edit import TimeEdit
from tests import locale_fixtures, meetings_fixtures

pair = meetings_fixtures.pair_started_60_days_ago  # the shared fixtures
page = meetings_fixtures.page
british_dates = locale_fixtures.british_dates  # day-first typed dates, 24-hour times


def _open_schedule(qtbot, page) -> ScheduleDialog:
    qtbot.mouseClick(page.schedule_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ScheduleDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # focus moves (and leaves fields) as on a desktop
    return dialog


def _retype(qtbot, edit: TimeEdit, text: str) -> None:
    """What the coordinator did: click into the time, Ctrl+A, type."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edit, text)


def test_a_time_typed_after_ctrl_a_is_the_time_saved(qtbot, page, pair):
    dialog = _open_schedule(qtbot, page)
    start = dialog.start_edit.time_edit
    _retype(qtbot, start, "16:30")
    QTest.keyClick(start, Qt.Key.Key_Tab)
    assert start.text() == "16:30"
    # Back into the field with Shift+Tab, as the coordinator did: the whole time is replaced again.
    QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.focusWidget() is start
    QTest.keyClicks(start, "1645")
    QTest.keyClick(start, Qt.Key.Key_Tab)
    assert start.text() == "16:45"
    assert dialog.end_edit.time_edit.text() == "17:45"  # the end follows the hour's length
    QTest.keyClicks(dialog.place_edit, "Room 4")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    meeting = Meeting.get()
    assert meeting.starts_at.time() == time(16, 45) and meeting.duration_minutes == 60


def test_text_that_is_not_a_time_is_refused_with_the_reason_and_nothing_is_saved(qtbot, page, pair):
    dialog = _open_schedule(qtbot, page)
    start = dialog.start_edit.time_edit
    for wrong in ("25:00", "16:75", "tea time"):
        _retype(qtbot, start, wrong)
        assert start.property("invalid") is True and start.error()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.focusWidget() is start
        assert "time" in dialog.error_label.text().lower()
    assert Meeting.select().count() == 0
    _retype(qtbot, start, "4:30 pm")
    QTest.keyClick(start, Qt.Key.Key_Tab)
    assert start.text() == "16:30" and start.property("invalid") is False


def test_up_and_down_step_five_minutes(qtbot):
    edit = TimeEdit()
    qtbot.addWidget(edit)
    edit.setTime(time(9, 0))
    QTest.keyClick(edit, Qt.Key.Key_Up)
    QTest.keyClick(edit, Qt.Key.Key_Up)
    QTest.keyClick(edit, Qt.Key.Key_PageDown)
    assert edit.text() == "08:10"


def test_an_availability_slot_takes_the_times_typed(qtbot):
    slots = SlotEditor()
    qtbot.addWidget(slots)
    slots.show()
    _retype(qtbot, slots.start, "1530")
    _retype(qtbot, slots.end, "17:15")
    slots.add_current()
    assert [(s.start_minute, s.end_minute) for s in slots.values()] == [(15 * 60 + 30, 17 * 60 + 15)]
    _retype(qtbot, slots.end, "half five")
    slots.add_current()
    assert "not a time" in slots.problem and len(slots.values()) == 1
