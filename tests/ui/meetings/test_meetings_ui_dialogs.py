"""The Meetings page's dialogs and actions with pytest-qt: scheduling and editing series, recording
outcomes, the contact log, needs attention, deleting, the series menu, calendar export, and the
meetings settings tab.

The page's views and table models are in tests/test_meetings_ui.py; the shared set-up is in
tests/meetings_fixtures.py.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtWidgets import QFileDialog, QMessageBox

from mentordesk.core.meetings.recurrence import expand
from mentordesk.core.vocab import MeetingStatus
from mentordesk.services.meetings import outcomes, schedule as meetings
from mentordesk.store.models import Attendance, ContactLog, Meeting, MeetingSeries, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.meetings.contact_dialog import ContactDialog
from mentordesk.ui.meetings.page import ATTENTION_TAB, CONTACTS_TAB
from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog, to_qdatetime
from tests import meetings_fixtures
from tests.meetings_fixtures import HOUR, TODAY, next_weekday

pair = meetings_fixtures.pair_started_60_days_ago  # the shared fixtures
page = meetings_fixtures.page


def _set_times(dialog: ScheduleDialog, start: datetime, end: datetime) -> None:
    dialog.start_edit.setDateTime(to_qdatetime(start))
    dialog.end_edit.setDateTime(to_qdatetime(end))
    dialog.check()


# -- scheduling through the dialog ------------------------------------------------------------------


def test_schedule_a_weekly_series_through_the_dialog(qtbot, page, pair):
    dialog = page.schedule(match_id=pair.match.id)
    assert dialog.match_id() == pair.match.id
    start = datetime.combine(next_weekday(1), time(16))  # Tuesday, both free
    _set_times(dialog, start, start + timedelta(minutes=45))
    dialog.place_edit.setText("Library")
    box = dialog.recurrence_box
    box.repeat_combo.setCurrentIndex(box.repeat_combo.findData("weekly"))
    box.count_radio.setChecked(True)
    box.count_spin.setValue(3)
    dialog.check()
    assert "3 meetings" in box.preview.text()
    assert dialog.conflicts == [] and dialog.availability.ok_label.isVisible()
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    rows = list(Meeting.select().order_by(Meeting.starts_at))
    assert [m.starts_at for m in rows] == [start + timedelta(weeks=n) for n in range(3)]
    assert {m.place for m in rows} == {"Library"} and {m.duration_minutes for m in rows} == {45}
    assert MeetingSeries.select().count() == 1
    page.calendar.set_anchor(start.date())
    assert {r.id for r in page.meeting_model.rows} >= set(dialog.saved_ids)


def test_monthly_series_until_a_date_through_the_dialog(qtbot, page, pair):
    dialog = page.schedule(match_id=pair.match.id)
    first = next_weekday(1)
    first = first.replace(day=1) + timedelta(days=(1 - first.replace(day=1).weekday()) % 7 + 7)  # 2nd Tuesday
    start = datetime.combine(first, time(16))
    _set_times(dialog, start, start + HOUR)
    box = dialog.recurrence_box
    assert box.repeat_combo.itemText(3) == "Every month on the second Tuesday"
    box.repeat_combo.setCurrentIndex(3)
    box.until_radio.setChecked(True)
    until = expand("FREQ=MONTHLY;BYDAY=2TU;COUNT=4", start)[-1].date()  # the 4th meeting's day
    box.until_edit.setDate(box.until_edit.date().fromString(until.isoformat(), "yyyy-MM-dd"))
    dialog.check()
    assert box.preview.text().startswith("4 meetings")
    dialog.save_button.click()
    days = [m.starts_at.date() for m in Meeting.select().order_by(Meeting.starts_at)]
    assert len(days) == 4 and all(d.weekday() == 1 and 8 <= d.day <= 14 for d in days)
    assert "BYDAY=2TU" in MeetingSeries.get().rrule


def test_dialog_refuses_bad_times_and_writes_nothing(qtbot, page, pair):
    dialog = page.schedule(match_id=pair.match.id)
    start = datetime.combine(next_weekday(1), time(16))
    for end, words in (
        (start - timedelta(minutes=30), "before it starts"),
        (start, "0 minutes"),
        (start + timedelta(hours=25), "shorter than 24 hours"),
    ):
        _set_times(dialog, start, end)
        assert words in dialog.error_label.text()
        dialog.save_button.click()
        assert dialog.isVisible() and words in dialog.error_label.text()
    assert Meeting.select().count() == 0


def test_dialog_warns_of_conflicts_and_offers_free_slots(qtbot, page, pair):
    dialog = page.schedule(match_id=pair.match.id)
    friday = datetime.combine(next_weekday(4), time(10))
    _set_times(dialog, friday, friday + HOUR)
    assert any("outside Sam Carter's availability" in line for line in dialog.conflicts)
    box = dialog.availability
    assert "outside" in box.warning_label.text() and dialog.save_button.text() == "Schedule anyway"
    assert box.suggestion_list.count() > 0
    box.suggestion_list.itemClicked.emit(box.suggestion_list.item(0))
    suggested = dialog.suggestions[0] if dialog.suggestions else None
    assert dialog.start().weekday() == 1 and dialog.start().hour in (15, 16, 17)
    assert dialog.conflicts == [] and (suggested is None or suggested.weekday() == 1)
    dialog.save_button.click()
    assert Meeting.select().count() == 1


def test_editing_one_occurrence_or_the_series_from_the_dialog(qtbot, page, pair):
    start = datetime.combine(next_weekday(1), time(16))
    result = meetings.schedule_series(
        pair.match.id, start, start + HOUR, meetings.Recurrence(meetings.Repeat.WEEKLY, count=4)
    )
    page.refresh()
    dialog = page.edit_meeting(result.meeting_ids[1])
    assert dialog.scope_box.isVisibleTo(dialog) and dialog.only_this.isChecked()
    _set_times(dialog, start + timedelta(weeks=1, hours=1), start + timedelta(weeks=1, hours=2))
    dialog.save_button.click()
    assert Meeting.get_by_id(result.meeting_ids[1]).starts_at == start + timedelta(weeks=1, hours=1)
    assert Meeting.get_by_id(result.meeting_ids[2]).starts_at == start + timedelta(weeks=2)
    dialog = page.edit_meeting(result.meeting_ids[0])
    dialog.whole_series.setChecked(True)
    assert dialog.recurrence_box.isVisibleTo(dialog)
    assert dialog.recurrence_box.recurrence().repeat.value == "weekly"
    dialog.place_edit.setText("Café")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert {m.place for m in Meeting.select()} == {"Café"}
    assert Meeting.select().count() == 4


def test_editing_the_series_keeps_held_meetings(qtbot, page, pair):
    first = datetime.combine(TODAY - timedelta(days=14), time(16))
    result = meetings.schedule_series(
        pair.match.id, first, first + HOUR, meetings.Recurrence(meetings.Repeat.WEEKLY, count=6)
    )
    outcomes.record_outcome(result.meeting_ids[0], "held", notes="Kept")
    outcomes.record_outcome(result.meeting_ids[1], "held", notes="Kept too")
    page.refresh()
    dialog = page.edit_meeting(result.meeting_ids[0])
    dialog.whole_series.setChecked(True)
    assert dialog.start() > datetime.now()  # jumped to the next planned meeting
    dialog.place_edit.setText("New room")
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    held = Meeting.select().where(Meeting.status == "held").order_by(Meeting.starts_at)
    assert [(m.starts_at, m.notes, m.place) for m in held] == [
        (first, "Kept", ""),
        (first + timedelta(weeks=1), "Kept too", ""),
    ]
    still_to_come = Meeting.select().where(
        (Meeting.status == "planned") & (Meeting.starts_at > datetime.now())
    )
    assert {m.place for m in still_to_come} == {"New room"}


# -- outcomes, contact log, needs attention --------------------------------------------------------


def test_record_outcome_through_the_dialog(qtbot, page, pair):
    past = datetime.combine(TODAY - timedelta(days=1), time(16))
    mid = meetings.schedule_meeting(pair.match.id, past, past + HOUR)
    page.refresh()
    dialog = page.record_outcome(mid)
    dialog.set_status("cancelled")
    dialog.save_button.click()
    assert "who cancelled" in dialog.error_label.text() and Meeting.get_by_id(mid).status == "planned"
    dialog.set_status("held")
    dialog.attendance[pair.mentee.id].setChecked(False)
    dialog.minutes_spin.setValue(40)
    dialog.activity_combo.setCurrentText("CV writing")
    dialog.notes_edit.setPlainText("Mentee was unwell")
    dialog.save_button.click()
    meeting = Meeting.get_by_id(mid)
    assert (meeting.status, meeting.actual_minutes, meeting.activity, meeting.notes) == (
        "held",
        40,
        "CV writing",
        "Mentee was unwell",
    )
    assert {a.participant_id: a.attended for a in Attendance.select()} == {
        pair.mentor.id: True,
        pair.mentee.id: False,
    }
    row = next(r for r in page.meeting_model.rows if r.id == mid)
    assert row.status == MeetingStatus.HELD.value


def test_log_a_checkin_with_a_safety_concern_and_close_its_follow_up(qtbot, page, pair):
    dialog = page.log_checkin(pair.match.id)
    assert isinstance(dialog, ContactDialog)
    dialog.with_combo.setCurrentIndex(dialog.with_combo.findData("guardian"))
    assert dialog.person_combo.currentData() == pair.mentee.id  # a guardian is about the mentee
    dialog.save_button.click()
    assert "summary" in dialog.error_label.text() and ContactLog.select().count() == 0
    dialog.summary_edit.setPlainText("Parent worried about late buses")
    dialog.safety_box.setChecked(True)
    dialog.follow_box.setChecked(True)
    dialog.follow_edit.setDate(dialog.when_edit.dateTime().date().addDays(3))
    dialog.save_button.click()
    entry = ContactLog.get()
    assert (entry.with_whom, entry.safety_concern, entry.participant_id) == ("guardian", True, pair.mentee.id)
    table = page.contacts
    page.tabs.setCurrentIndex(CONTACTS_TAB)
    assert table.proxy.rowCount() == 1
    table.table.selectRow(0)
    page.follow_up_button.click()
    assert ContactLog.get().follow_up_done


def test_needs_attention_lists_overdue_matches_and_acts_on_them(qtbot, page, pair):
    items = page.attention.proxy.visible_rows()
    assert {i.kind for i in items} == {"meeting", "checkin"}
    assert all(i.days_overdue > 0 for i in items)
    assert page.tabs.tabText(ATTENTION_TAB) == f"Needs attention ({len(items)})"
    meeting_item = next(i for i in items if i.kind == "meeting")
    dialog = page.act_on(meeting_item)
    assert isinstance(dialog, ScheduleDialog) and dialog.match_id() == pair.match.id
    dialog.reject()
    checkin = page.act_on(next(i for i in items if i.kind == "checkin"))
    assert isinstance(checkin, ContactDialog) and checkin.match_combo.currentData() == pair.match.id
    checkin.reject()


def test_delete_asks_first(qtbot, page, pair):
    start = datetime.combine(next_weekday(2), time(16))
    mid = meetings.schedule_meeting(pair.match.id, start, start + HOUR)
    page.refresh()
    box = page.delete_meeting(mid)
    box.done(QMessageBox.StandardButton.Cancel)
    assert Meeting.select().count() == 1
    box = page.delete_meeting(mid)
    box.done(QMessageBox.StandardButton.Yes)
    assert Meeting.select().count() == 0


def test_meeting_menu_offers_series_actions(qtbot, page, pair):
    start = datetime.combine(next_weekday(1), time(16))
    result = meetings.schedule_series(
        pair.match.id, start, start + HOUR, meetings.Recurrence(meetings.Repeat.WEEKLY, count=3)
    )
    page.refresh()
    page.calendar.set_anchor(start.date())
    texts = [a.text() for a in page._build_meeting_menu(result.meeting_ids[1]).actions()]
    assert "End series from here…" in texts and "Record outcome…" in texts
    box = page.stop_series(result.meeting_ids[1])
    box.done(QMessageBox.StandardButton.Yes)
    assert Meeting.select().count() == 1


def test_export_writes_the_filtered_meetings_in_the_background(qtbot, page, pair, tmp_path, monkeypatch):
    start = datetime.combine(next_weekday(1), time(16))
    meetings.schedule_series(
        pair.match.id, start, start + HOUR, meetings.Recurrence(meetings.Repeat.WEEKLY, count=3)
    )
    target = tmp_path / "out"
    target.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target / "meetings"), ""))
    page.match_filter.setCurrentIndex(page.match_filter.findData(pair.match.id))
    with qtbot.waitSignal(page.ctx.statusMessage, timeout=10000) as done:
        page.export_calendar()
    assert done.args[0] == "1 calendar events written to meetings.ics."
    text = (target / "meetings.ics").read_text()
    assert "RRULE:FREQ=WEEKLY" in text and "TZID=Europe/London" in text
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "nowhere" / "x.ics"), "")
    )
    page.export_calendar()
    qtbot.waitUntil(lambda: isinstance(page.dialog, QMessageBox), timeout=10000)
    assert isinstance(page.dialog, QMessageBox) and "does not exist" in page.dialog.text()


def test_cancelling_an_export_writes_nothing(qtbot, page, pair, tmp_path):
    from mentordesk.services.meetings import calendar_export
    from mentordesk.ui.workers import Worker

    for week in range(3):
        day = datetime.combine(next_weekday(1, weeks=1 + week), time(16))
        meetings.schedule_meeting(pair.match.id, day, day + HOUR)
    worker = Worker(calendar_export.export_ics, str(tmp_path / "x.ics"), programme_id=pair.programme.id)
    worker.cancel()  # as the progress dialog's Cancel button does
    with qtbot.waitSignal(worker.signals.cancelled, timeout=10000):
        worker.run()
    assert not (tmp_path / "x.ics").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".ics"] == []


# -- settings tab ----------------------------------------------------------------------------------


def test_settings_tab_saves_cadence_rules_and_term_breaks(qtbot, pair, tmp_path):
    from mentordesk.services.meetings import cadence, constraints
    from mentordesk.ui.settings.meetings_tab import create_tab

    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = pair.programme.id
    title, tab = create_tab(ctx)
    qtbot.addWidget(tab)
    assert title == "Meetings" and tab.spins["meet_every_days"].value() == 14
    tab.spins["meet_every_days"].setValue(7)
    tab.spins["month_one_checkins"].setValue(3)  # saved as it changes, as on every Settings tab
    rules = cadence.rules_for(pair.programme.id)
    assert (rules.meet_every_days, rules.month_one_checkins) == (7, 3)
    dialog = tab.add_break()
    dialog.name_edit.setText("Half term")
    dialog.accept()
    assert [b.label for b in constraints.term_breaks(pair.programme.id)] == ["Half term"]
    dialog = tab.add_break()
    dialog.name_edit.setText("Backwards")
    dialog.last_edit.setDate(dialog.first_edit.date().addDays(-3))
    dialog.accept()
    assert "ends before it starts" in tab.error_label.text()
    assert len(constraints.term_breaks(pair.programme.id)) == 1
    tab.zone_combo.setCurrentText("Mars/Olympus")
    tab.zone_combo.lineEdit().editingFinished.emit()
    assert "Unknown time zone" in tab.error_label.text()
    tab.zone_combo.setCurrentText("America/New_York")
    tab.zone_combo.lineEdit().editingFinished.emit()
    assert Programme.get_by_id(pair.programme.id).timezone == "America/New_York"


def test_privacy_tab_sets_how_calendar_titles_name_people(qtbot, pair, tmp_path):
    from datetime import date

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from mentordesk.services import meetings
    from mentordesk.ui.settings.privacy_tab import create_tab

    pair.mentee.date_of_birth = date(date.today().year - 13, 1, 1)
    pair.mentee.save()
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = pair.programme.id
    _title, tab = create_tab(ctx)
    qtbot.addWidget(tab)
    combo = tab.calendar_names.combo
    assert combo.accessibleName() and combo.currentData() == "first"  # a programme with a minor
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # first -> initials, by keyboard
    assert combo.currentData() == "initials"
    assert meetings.calendar_names(pair.programme.id) == "initials"
    assert Programme.get_by_id(pair.programme.id).settings["calendar_names"] == "initials"
