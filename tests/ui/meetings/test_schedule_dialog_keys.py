"""The schedule dialog never offers to save a meeting it would refuse, and never says "no common free
time" when it simply has not looked. Dates typed with key clicks."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from mentordesk.store.models import Meeting
from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog
from tests import meetings_fixtures
from tests.meetings_fixtures import next_weekday

pair = meetings_fixtures.pair_started_60_days_ago  # the shared fixture


@pytest.fixture
def dialog(qtbot, pair):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    start = datetime.combine(next_weekday(1), time(16))  # a Tuesday: both are free then
    widget = ScheduleDialog(pair.programme.id, match_id=pair.match.id, start=start)
    qtbot.addWidget(widget)
    widget.show()
    widget.check()
    return widget


def retype(field, text: str) -> None:
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, text)


def test_schedule_is_disabled_while_the_end_is_before_the_start(qtbot, dialog):
    assert dialog.save_button.isEnabled() and dialog.availability.suggestion_list.count() > 0
    day_before = dialog.start().date() - timedelta(days=1)
    retype(dialog.end_edit.date_edit, day_before.strftime("%d/%m/%Y"))
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
    assert dialog.error_label.text()
    # The free-time search did not run: it must not claim there is none.
    assert "No common free time" not in dialog.availability.suggestion_title.text()
    QTest.keyClick(dialog.end_edit.date_edit, Qt.Key.Key_Return)
    assert Meeting.select().count() == 0 and dialog.isVisible()
    retype(dialog.end_edit.date_edit, dialog.start().date().strftime("%d/%m/%Y"))
    qtbot.waitUntil(dialog.save_button.isEnabled)


def test_a_day_that_is_not_a_date_disables_schedule_and_says_why(qtbot, dialog):
    retype(dialog.start_edit.date_edit, "31/02/2027")
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled())
    assert "February 2027 has 28 days" in dialog.error_label.text()
    assert "No common free time" not in dialog.availability.suggestion_title.text()
