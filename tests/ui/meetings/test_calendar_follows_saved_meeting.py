"""Found from outside: after scheduling a meeting in another month than the one shown, the calendar
stayed where it was and the coordinator did not see the new meeting. After a save (a new meeting or a
changed date) the calendar goes to the meeting's month, its day and the meeting selected. Dates typed
with key clicks into the real dialog."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.services.meetings import schedule
from mentordesk.store.models import Meeting
from mentordesk.ui.meetings.calendar_panel import MONTH, WEEK
from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
from tests import locale_fixtures, meetings_fixtures
from tests.meetings_fixtures import HOUR, TODAY, make_pair

pair = meetings_fixtures.pair_started_60_days_ago  # the shared fixtures
page = meetings_fixtures.page


british_dates = locale_fixtures.british_dates  # day-first typed dates in every test here


def tuesday_in(months_ahead: int) -> date:
    """A Tuesday (both people are free then) in the month ``months_ahead`` after this one."""
    month = TODAY.month - 1 + months_ahead
    first = date(TODAY.year + month // 12, month % 12 + 1, 10)
    return first + timedelta(days=(1 - first.weekday()) % 7)


def retype(field, text: str) -> None:
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, text)


def open_schedule(qtbot, page) -> ScheduleDialog:
    qtbot.mouseClick(page.schedule_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, ScheduleDialog)
    return dialog


def assert_shown(page, meeting_id: int, day: date) -> None:
    calendar = page.calendar
    assert calendar.view == MONTH
    assert (calendar.anchor.year, calendar.anchor.month) == (day.year, day.month)
    assert calendar.period_label.text() == day.strftime("%B %Y")
    assert calendar.selected_day() == day
    assert calendar.selected_meeting_id() == meeting_id
    assert calendar.edit_button.isEnabled()  # the selection is real: Edit and F2 act on it
    cell = next(c for c in calendar.month_view._cells if c.day == day)
    assert meeting_id in [row.id for _, row in cell.chips]


def test_scheduling_two_months_ahead_shows_that_month_with_the_meeting_selected(qtbot, page, pair):
    day = tuesday_in(2)
    assert page.calendar.anchor.month == TODAY.month  # the page opens on this month
    dialog = open_schedule(qtbot, page)
    retype(dialog.start_edit.date_edit, day.strftime("%d/%m/%Y"))
    QTest.keyClicks(dialog.place_edit, "Library")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = Meeting.get()
    assert saved.starts_at.date() == day and saved.place == "Library"
    assert_shown(page, saved.id, day)


def test_moving_a_meeting_to_another_month_in_edit_follows_it(qtbot, page, pair):
    first = datetime.combine(tuesday_in(1), time(16))
    mid = schedule.schedule_meeting(pair.match.id, first, first + HOUR)
    page.refresh()
    calendar = page.calendar
    qtbot.mouseClick(calendar.next_button, Qt.MouseButton.LeftButton)  # to next month, by hand
    rect = calendar.month_view.rect_of(mid)
    assert rect is not None
    qtbot.mouseClick(calendar.month_view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    qtbot.mouseClick(calendar.edit_button, Qt.MouseButton.LeftButton)  # Ed&it…
    dialog = page.dialog
    assert isinstance(dialog, ScheduleDialog) and dialog.meeting.id == mid
    later = tuesday_in(3)
    retype(dialog.start_edit.date_edit, later.strftime("%d/%m/%Y"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and Meeting.get_by_id(mid).starts_at.date() == later
    assert_shown(page, mid, later)


def test_the_week_view_goes_to_the_meeting_s_week(qtbot, page, pair):
    page.calendar.set_view(WEEK)
    day = tuesday_in(2)
    dialog = open_schedule(qtbot, page)
    retype(dialog.start_edit.date_edit, day.strftime("%d/%m/%Y"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    calendar = page.calendar
    first, after = calendar.visible_range()
    assert calendar.view == WEEK and first <= day < after
    saved = Meeting.get()
    assert calendar.selected_meeting_id() == saved.id and calendar.week_view.rect_of(saved.id) is not None


def test_filters_that_would_hide_the_new_meeting_are_cleared(qtbot, page, pair):
    other = make_pair(pair.programme, mentor_name="Kim", mentee_name="Lee")
    page.refresh()
    page.match_filter.setCurrentIndex(page.match_filter.findData(other.match.id))
    dialog = open_schedule(qtbot, page)
    assert dialog.match_id() == other.match.id  # the filter's match is offered first
    combo = dialog.match_combo
    combo.setFocus()
    down = combo.findData(pair.match.id) > combo.currentIndex()
    for _ in range(combo.count()):
        if combo.currentData() == pair.match.id:
            break
        QTest.keyClick(combo, Qt.Key.Key_Down if down else Qt.Key.Key_Up)
    assert combo.currentData() == pair.match.id
    day = tuesday_in(2)
    retype(dialog.start_edit.date_edit, day.strftime("%d/%m/%Y"))
    said: list[str] = []
    page.ctx.statusMessage.connect(lambda text, _ms: said.append(text))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = Meeting.get()
    assert saved.match_id == pair.match.id
    assert said[-1] == "1 meeting(s) scheduled. The filters were cleared so that it shows."
    assert page.match_filter.currentData() is None  # All matches: the new meeting is not hidden
    assert_shown(page, saved.id, day)
