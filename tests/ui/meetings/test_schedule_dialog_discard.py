"""Found from outside: Escape, Cancel or the window's close button threw away a meeting being typed in
Schedule meeting (and in Edit meeting), unasked. They ask now, as every other form does; what the
dialog fills on its own (the free times in the Availability box) is never taken for the user's typing.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from mentordesk.services.meetings import schedule
from mentordesk.store.models import Meeting
from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
from tests import locale_fixtures, meetings_fixtures
from tests.discard_fixtures import discard_button, keep_editing_button
from tests.meetings_fixtures import HOUR, next_weekday

pair = meetings_fixtures.pair_started_60_days_ago  # the shared fixtures
page = meetings_fixtures.page


british_dates = locale_fixtures.british_dates  # day-first typed dates in every test here


def _open_schedule(qtbot, page) -> ScheduleDialog:
    qtbot.mouseClick(page.schedule_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ScheduleDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_escape_asks_before_throwing_away_a_meeting_being_typed(qtbot, page, pair):
    dialog = _open_schedule(qtbot, page)
    QTest.keyClicks(dialog.place_edit, "School library")
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box is not None and dialog.discard_box.isVisible()
    assert dialog.discard_box.text() == "Discard this meeting?"
    QTest.keyClick(dialog.discard_box, Qt.Key.Key_Escape)  # = Keep editing
    assert dialog.isVisible() and dialog.place_edit.text() == "School library"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # Cancel asks too
    assert dialog.isVisible() and dialog.discard_box.isVisible()
    qtbot.mouseClick(discard_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert Meeting.select().count() == 0


def test_the_close_button_asks_too_and_keep_editing_keeps_the_agenda(qtbot, page, pair):
    dialog = _open_schedule(qtbot, page)
    QTest.keyClicks(dialog.agenda_edit, "Revision plan")
    dialog.close()  # the window's close button
    assert dialog.isVisible() and dialog.discard_box.isVisible()
    keep = keep_editing_button(dialog)
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.agenda_edit.toPlainText() == "Revision plan"
    # Saving then closes without a question.
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and Meeting.get().agenda == "Revision plan"
    assert dialog.discard_box is not None and not dialog.discard_box.isVisible()


def test_an_untouched_dialog_closes_at_once_even_after_the_free_times_came_in(qtbot, page, pair):
    dialog = _open_schedule(qtbot, page)
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_box is None
    # The Availability box is filled by the dialog's own look-up, after a pause and again whenever it
    # finds other free times: that is not the user's typing.
    dialog = _open_schedule(qtbot, page)
    assert dialog.availability.suggestion_list.count() > 0
    dialog._schedule_check()
    qtbot.wait(400)  # the pause before the dialog looks again
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_box is None
    # A look-up that comes back after the dialog opened, with other free times, is not typing either.
    dialog = _open_schedule(qtbot, page)
    later = [datetime.combine(next_weekday(1, weeks=3), time(16))]
    dialog.availability.show_result(["Sam Carter has another meeting then."], later, has_error=False)
    assert dialog.availability.suggestion_list.count() == 1
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_box is None
    # Typing and then removing it again leaves nothing to lose either.
    dialog = _open_schedule(qtbot, page)
    QTest.keyClicks(dialog.place_edit, "Hall")
    for _ in "Hall":
        QTest.keyClick(dialog.place_edit, Qt.Key.Key_Backspace)
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_box is None
    assert Meeting.select().count() == 0


def test_a_typed_date_counts_as_a_change(qtbot, page, pair):
    dialog = _open_schedule(qtbot, page)
    field = dialog.start_edit.date_edit
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, next_weekday(1, weeks=5).strftime("%d/%m/%Y"))
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box.isVisible()
    qtbot.mouseClick(discard_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and Meeting.select().count() == 0


def test_editing_a_meeting_asks_before_throwing_away_changes(qtbot, page, pair):
    start = datetime.combine(next_weekday(1), time(16))
    mid = schedule.schedule_meeting(pair.match.id, start, start + HOUR, schedule.Details(place="Library"))
    page.refresh()
    page.calendar.set_anchor(start.date())
    view = page.calendar.month_view
    rect = view.rect_of(mid)
    assert rect is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())  # select it
    qtbot.mouseClick(page.calendar.edit_button, Qt.MouseButton.LeftButton)  # Ed&it…
    dialog = page.dialog
    assert isinstance(dialog, ScheduleDialog) and dialog.meeting is not None and dialog.meeting.id == mid
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)  # untouched: closes at once
    assert not dialog.isVisible() and dialog.discard_box is None
    qtbot.mouseClick(page.calendar.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    dialog.place_edit.setFocus()
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_End)
    QTest.keyClicks(dialog.place_edit, ", room 2")
    QTest.keyClick(dialog.place_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box.text() == "Discard your changes to this meeting?"
    qtbot.mouseClick(discard_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = Meeting.get_by_id(mid)
    assert saved.place == "Library" and saved.starts_at == start
    assert timedelta(minutes=saved.duration_minutes) == HOUR
