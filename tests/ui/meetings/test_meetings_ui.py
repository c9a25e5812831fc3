"""The Meetings page with pytest-qt: empty states, calendar views, navigation, filters, opening and
dragging meetings with the mouse, and the table models without a view.

Scheduling, outcomes, the contact log, needs attention, export and the settings tab are in
tests/test_meetings_ui_dialogs.py; the shared set-up is in tests/meetings_fixtures.py.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from mentordesk.services.meetings import outcomes, queries, schedule
from mentordesk.services.meetings.cadence import OverdueItem
from mentordesk.store.models import Match, Meeting, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.meetings.calendar_panel import AGENDA, MONTH, WEEK
from mentordesk.ui.meetings.models import (
    ROW_ROLE,
    SORT_ROLE,
    AttentionTableModel,
    MeetingTableModel,
    RowFilter,
)
from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog
from mentordesk.ui.meetings.page import CONTACTS_TAB, MeetingsPage
from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
from tests import meetings_fixtures
from tests.discard_fixtures import discard_button
from tests.meetings_fixtures import HOUR, TODAY, make_pair, next_weekday

pair = meetings_fixtures.pair_started_60_days_ago  # the shared fixtures
page = meetings_fixtures.page


@pytest.fixture
def demo_page(qtbot, demo_db, tmp_path):
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = Programme.get().id
    widget = MeetingsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.refresh()
    return widget


# -- the page and its views ------------------------------------------------------------------------


def test_without_a_programme_the_page_says_how_to_start(qtbot, db, tmp_path):
    widget = MeetingsPage(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.body.currentWidget() is widget.no_programme
    assert "Create a programme" in widget.no_programme.text_label.text()
    assert not widget.schedule_button.isEnabled()


def test_a_programme_without_matches_points_to_pairing(qtbot, programme, tmp_path):
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = programme.id
    widget = MeetingsPage(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.body.currentWidget() is widget.no_matches
    assert widget.no_matches.action_button is not None and not widget.schedule_button.isEnabled()


def test_month_view_shows_the_demo_meetings_and_switches_to_week_and_agenda(demo_page):
    calendar = demo_page.calendar
    assert calendar.view == MONTH and calendar.stack.currentWidget() is calendar.month_view
    first, after = calendar.visible_range()
    expected = queries.calendar_rows(
        demo_page.ctx.programme_id, datetime.combine(first, time.min), datetime.combine(after, time.min)
    )
    assert expected and [r.id for r in calendar.month_view.rows] == [r.id for r in expected]
    drawn = {row.id for _, row in calendar.month_view._hits}
    assert drawn and drawn <= {r.id for r in expected}
    calendar.view_buttons[WEEK].click()
    assert calendar.view == WEEK and calendar.stack.currentWidget() is calendar.week_scroll
    first, after = calendar.visible_range()
    assert (after - first).days == 7 and first <= TODAY < after
    assert all(first <= r.starts_at.date() < after for r in demo_page.meeting_model.rows)
    calendar.view_buttons[AGENDA].click()
    assert calendar.stack.currentWidget() is calendar.agenda_stack
    assert calendar.agenda_table.model().rowCount() == len(demo_page.meeting_model.rows)


def test_navigation_moves_the_period_and_reloads(demo_page):
    calendar = demo_page.calendar
    label = calendar.period_label.text()
    calendar.next_button.click()
    assert calendar.period_label.text() != label
    assert calendar.visible_range()[0] > TODAY - timedelta(days=7)
    calendar.previous_button.click()
    calendar.previous_button.click()
    earlier = calendar.visible_range()
    assert earlier[1] <= TODAY.replace(day=1) + timedelta(days=14)
    calendar.today_button.click()
    assert calendar.period_label.text() == label


def test_filters_by_match_person_and_mode_drive_every_view(demo_page):
    match = Match.select().where(Match.status == "active").first()
    total = demo_page.meeting_proxy.rowCount()
    demo_page.match_filter.setCurrentIndex(demo_page.match_filter.findData(match.id))
    shown = demo_page.meeting_proxy.visible_rows()
    assert shown and len(shown) < total and {r.match_id for r in shown} == {match.id}
    assert {r.match_id for r in demo_page.calendar.month_view.rows} == {match.id}
    demo_page.tabs.setCurrentIndex(CONTACTS_TAB)
    assert demo_page.contacts.proxy.rowCount() == 1
    assert all(r.match_id == match.id for r in demo_page.contacts.proxy.visible_rows())
    demo_page.clear_filters.click()
    person = queries.match_people(match_ids={match.id})[match.id].members[1].participant_id
    demo_page.person_filter.setCurrentIndex(demo_page.person_filter.findData(person))
    assert {r.match_id for r in demo_page.meeting_proxy.visible_rows()} == {match.id}
    demo_page.clear_filters.click()
    demo_page.mode_filter.setCurrentIndex(demo_page.mode_filter.findData("online"))
    assert demo_page.meeting_proxy.rowCount() == 0  # the demo meets in person
    demo_page.calendar.set_view(AGENDA)
    assert demo_page.calendar.agenda_stack.currentWidget() is demo_page.calendar.agenda_empty


def test_double_click_on_a_meeting_in_the_month_view_opens_it(qtbot, demo_page):
    coming = Meeting.select().where(Meeting.starts_at > datetime.now()).order_by(Meeting.starts_at).first()
    demo_page.calendar.set_anchor(coming.starts_at.date())
    view = demo_page.calendar.month_view
    rect = view.rect_of(coming.id)
    assert rect is not None
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    dialog = demo_page.dialog
    assert (
        isinstance(dialog, ScheduleDialog) and dialog.meeting is not None and dialog.meeting.id == coming.id
    )
    dialog.reject()


def test_double_click_on_a_past_unrecorded_meeting_asks_what_happened(qtbot, page, pair):
    yesterday = datetime.combine(TODAY - timedelta(days=1), time(16))
    mid = schedule.schedule_meeting(pair.match.id, yesterday, yesterday + HOUR)
    page.refresh()
    page.open_meeting(mid)
    assert isinstance(page.dialog, OutcomeDialog) and page.dialog.status() == "held"
    page.dialog.reject()


def test_dragging_a_meeting_in_the_week_view_moves_it(qtbot, page, pair):
    day = next_weekday(1)
    start = datetime.combine(day, time(16))
    mid = schedule.schedule_meeting(pair.match.id, start, start + HOUR)
    calendar = page.calendar
    calendar.set_anchor(day)
    calendar.set_view(WEEK)
    view = calendar.week_view
    rect = view.rect_of(mid)
    assert rect is not None
    hour = view._hour_height()
    press = rect.center().toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=press)
    target = QPointF(press.x() + view._column_width(), press.y() + hour)  # a day later, an hour later
    qtbot.mouseMove(view, pos=QPointF(press.x() + 20, press.y()).toPoint())
    qtbot.mouseMove(view, pos=target.toPoint())
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=target.toPoint())
    moved = Meeting.get_by_id(mid)
    assert moved.starts_at == start + timedelta(days=1, hours=1)
    assert moved.duration_minutes == 60


def test_month_view_drag_keeps_the_time_and_held_meetings_do_not_move(qtbot, page, pair):
    past = datetime.combine(TODAY - timedelta(days=2), time(16))
    mid = schedule.schedule_meeting(pair.match.id, past, past + HOUR)
    outcomes.record_outcome(mid, "held")
    page.refresh()
    page.move_meeting(mid, past + timedelta(days=1))
    assert Meeting.get_by_id(mid).starts_at == past
    assert isinstance(page.dialog, QMessageBox) and "has been held" in page.dialog.text()
    page.dialog.close()
    page.calendar.set_anchor(past.date())
    view = page.calendar.month_view
    day = view.first_day() + timedelta(days=10)
    cell = next(c for c in view._cells if c.day == day)
    assert view._move_target(type("D", (), {"row": view.rows[0]})(), cell.rect.center()) == datetime.combine(
        day, view.rows[0].starts_at.time()
    )


# -- models without a view -------------------------------------------------------------------------


def test_meeting_model_and_filter_without_a_view(qtbot, pair):
    start = datetime.combine(next_weekday(1), time(16))
    schedule.schedule_meeting(
        pair.match.id, start, start + HOUR, schedule.Details(place="Library", mode="online")
    )
    other = make_pair(pair.programme, mentor_name="Kim", mentee_name="Lee")
    schedule.schedule_meeting(other.match.id, start - timedelta(days=1), start - timedelta(days=1) + HOUR)
    rows = queries.calendar_rows(
        pair.programme.id, start - timedelta(days=7), start + timedelta(days=7)
    )
    model = MeetingTableModel()
    model.set_rows(rows)
    assert model.rowCount() == 2 and model.columnCount() == 6
    assert model.headerData(MeetingTableModel.WHO, Qt.Orientation.Horizontal) == "Who"
    first = model.index(0, MeetingTableModel.WHO)
    assert model.data(first) == "Kim Carter & Lee Lopez"
    assert model.data(model.index(1, MeetingTableModel.PLACE)) == "Library"
    assert model.data(model.index(1, MeetingTableModel.MODE)) == "Online"
    proxy = RowFilter()
    proxy.setSourceModel(model)
    proxy.set_filters(None, pair.mentee.id, None)
    assert [r.match_id for r in proxy.visible_rows()] == [pair.match.id]
    proxy.set_filters(None, None, "in_person")
    assert [r.match_id for r in proxy.visible_rows()] == [other.match.id]
    proxy.set_filters(None, None, None)
    proxy.sort(MeetingTableModel.WHEN, Qt.SortOrder.DescendingOrder)
    assert proxy.data(proxy.index(0, 0), ROW_ROLE).match_id == pair.match.id


def test_attention_model_puts_safety_concerns_on_top(qtbot):
    model = AttentionTableModel()
    model.set_rows(
        [
            OverdueItem("meeting", "A & B", "No meeting", TODAY, 40, match_id=1),
            OverdueItem(
                "follow_up", "C", "Safety concern: follow-up due", TODAY, 2, contact_id=5, safety=True
            ),
        ]
    )
    proxy = RowFilter()
    proxy.setSourceModel(model)
    proxy.members_of = lambda match_id: (7,) if match_id == 1 else ()
    proxy.sort(AttentionTableModel.DAYS, Qt.SortOrder.DescendingOrder)
    assert proxy.data(proxy.index(0, AttentionTableModel.WHO)) == "C"
    plain = next(n for n, row in enumerate(model.rows) if row.who == "A & B")
    assert model.data(model.index(plain, AttentionTableModel.DAYS), SORT_ROLE) == 40
    assert model.data(model.index(plain, AttentionTableModel.DAYS)) == "40"
    proxy.set_filters(None, 7, None)
    assert [r.who for r in proxy.visible_rows()] == ["A & B"]


CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def test_record_outcome_and_edit_are_buttons_for_the_selected_meeting(qtbot, page, pair):
    yesterday = datetime.combine(TODAY - timedelta(days=1), time(16))
    mid = schedule.schedule_meeting(pair.match.id, yesterday, yesterday + HOUR)
    page.refresh()
    calendar = page.calendar
    calendar.set_anchor(yesterday.date())
    view = calendar.month_view
    assert not calendar.outcome_button.isEnabled() and not calendar.edit_button.isEnabled()
    rect = view.rect_of(mid)
    assert rect is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())  # select it
    assert calendar.outcome_button.isEnabled() and calendar.edit_button.isEnabled()
    qtbot.mouseClick(calendar.outcome_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, OutcomeDialog) and page.dialog.meeting.id == mid
    page.dialog.reject()
    qtbot.mouseClick(calendar.edit_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, ScheduleDialog) and page.dialog.meeting.id == mid
    page.dialog.reject()
    # The keys: Ctrl+Shift+O and F2, and (found from outside) the underlined letters work too.
    window = page.window()
    for keys, dialog in (
        ((Qt.Key.Key_O, CTRL_SHIFT), OutcomeDialog),
        ((Qt.Key.Key_C, ALT), OutcomeDialog),
        ((Qt.Key.Key_F2, NO_MODIFIER), ScheduleDialog),
        ((Qt.Key.Key_I, ALT), ScheduleDialog),
    ):
        page.dialog = None
        window.activateWindow()  # offscreen Qt gives the focus back to no one when a dialog closes
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        view.setFocus()
        QTest.keyClick(view, *keys)
        qtbot.waitUntil(lambda d=dialog: isinstance(page.dialog, d), timeout=2000)
        assert page.dialog.meeting.id == mid
        page.dialog.reject()


def test_the_calendar_explains_its_colours(page):
    legend = [
        w.text()
        for w in page.calendar.findChildren(QLabel)
        if w.text() in {"Planned", "Held", "Cancelled", "Missed"}
    ]
    assert sorted(legend) == ["Cancelled", "Held", "Missed", "Planned"]


def test_escape_asks_before_throwing_away_a_typed_outcome(qtbot, page, pair):
    """Found from outside: Escape in Record outcome threw away the notes typed, unasked."""
    from mentordesk.store.models import Meeting

    yesterday = datetime.combine(TODAY - timedelta(days=1), time(16))
    mid = schedule.schedule_meeting(pair.match.id, yesterday, yesterday + HOUR)
    dialog = OutcomeDialog(mid, page)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.notes_edit, "Talked about the mock exams.")
    QTest.keyClick(dialog.notes_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box.text() == "Discard this outcome?"
    QTest.keyClick(dialog.discard_box, Qt.Key.Key_Escape)  # = Keep editing
    assert dialog.isVisible() and dialog.notes_edit.toPlainText() == "Talked about the mock exams."
    dialog.close()  # the window's close button asks too
    discard = discard_button(dialog)
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert Meeting.get_by_id(mid).status == "planned" and not Meeting.get_by_id(mid).notes


def test_escape_asks_before_throwing_away_a_typed_check_in(qtbot, pair):
    """Escape in Log check-in threw away the summary typed, unasked; an untouched one still closes at once."""
    from mentordesk.store.models import ContactLog
    from mentordesk.ui.meetings.contact_dialog import ContactDialog

    untouched = ContactDialog(pair.programme.id, match_id=pair.match.id)
    qtbot.addWidget(untouched)
    untouched.show()
    QTest.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible() and untouched.discard_box is None
    dialog = ContactDialog(pair.programme.id, match_id=pair.match.id)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.summary_edit, "Phoned mum: settling in well.")
    QTest.keyClick(dialog.summary_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box.text() == "Discard this check-in?"
    QTest.keyClick(dialog.discard_box, Qt.Key.Key_Escape)  # = Keep editing
    assert dialog.isVisible()
    dialog.close()
    discard = discard_button(dialog)
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and ContactLog.select().count() == 0
