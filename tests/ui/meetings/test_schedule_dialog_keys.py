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


def test_only_active_and_paused_matches_can_be_picked(qtbot, pair):
    """A draft (a proposal nobody has been told about) and a closed match are never offered; a paused
    one says so, with its resume day. Walking the picker with the keyboard meets only those."""
    from datetime import date

    from mentordesk.core.meetings import MeetingInputError
    from mentordesk.services import meetings
    from tests.meetings_fixtures import make_pair

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    draft = make_pair(pair.programme, mentor_name="Drafty", mentee_name="Dee", status="draft")
    make_pair(pair.programme, mentor_name="Closed", mentee_name="Cleo", status="closed")
    paused = make_pair(pair.programme, mentor_name="Paula", mentee_name="Pia", status="paused")
    paused.match.resumes_on = date(2027, 3, 1)
    paused.match.save()
    dialog = ScheduleDialog(pair.programme.id, match_id=draft.match.id)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.match_combo
    assert combo.currentData() == pair.match.id  # the draft asked for is not there: the first match is
    combo.setFocus()
    seen = [combo.currentText()]
    for _ in range(5):
        QTest.keyClick(combo, Qt.Key.Key_Down)
        seen.append(combo.currentText())
    assert seen[0] == "Sam Carter & Ana Lopez"
    assert set(seen) == {"Sam Carter & Ana Lopez", "Paula Carter & Pia Lopez (paused until 01/03/2027)"}
    with pytest.raises(MeetingInputError, match="still a draft: publish it"):
        meetings.schedule_meeting(
            draft.match.id, datetime(2027, 1, 12, 16), datetime(2027, 1, 12, 17), meetings.Details()
        )


def test_a_check_in_offers_closed_matches_but_never_a_draft(qtbot, pair):
    """A check-in can follow a closure (the exit conversation), but a draft is a proposal nobody knows of."""
    from mentordesk.ui.meetings.contact_dialog import ContactDialog
    from tests.meetings_fixtures import make_pair

    draft = make_pair(pair.programme, mentor_name="Drafty", mentee_name="Dee", status="draft")
    closed = make_pair(pair.programme, mentor_name="Closed", mentee_name="Cleo", status="closed")
    dialog = ContactDialog(pair.programme.id)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.match_combo
    combo.setFocus()
    offered = set()
    for _ in range(combo.count() + 1):
        offered.add(combo.currentData())
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert {pair.match.id, closed.match.id} <= offered and draft.match.id not in offered
