"""Closing or pausing a match from the Matches tab asks what happens to its planned meetings, and says
what it did. Driven with key clicks on the real dialogs."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from mentordesk.core.meetings.recurrence import Recurrence, Repeat
from mentordesk.services import meetings
from mentordesk.services.meetings.schedule import Details
from mentordesk.store.models import Match, Meeting
from mentordesk.ui.context import AppContext
from mentordesk.ui.pairing.closure_dialog import ClosureDialog
from mentordesk.ui.pairing.matches_tab import MatchesTab
from tests.meetings_fixtures import make_pair

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def tab(qtbot, db, tmp_path):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    pair = make_pair(started_on=date.today() - timedelta(days=60))
    first = datetime.combine(date.today() + timedelta(days=7), time(16))
    meetings.schedule_series(
        pair.match.id, first, first + timedelta(hours=1), Recurrence(Repeat.WEEKLY, count=6), Details()
    )
    widget = MatchesTab(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(widget)
    widget.show()
    widget.reload(pair.programme.id)
    assert widget.select_match(pair.match.id)
    widget.match_id = pair.match.id
    widget.first = first
    return widget


def choose(radio) -> None:
    radio.setFocus()
    QTest.keyClick(radio, Qt.Key.Key_Space)
    assert radio.isChecked()


def planned() -> int:
    return Meeting.select().where(Meeting.status == "planned").count()


def test_closing_cancels_the_future_meetings_by_default_and_says_so(qtbot, tab, monkeypatch):
    def close_with_keys(row, rematch):
        dialog = tab.closure_dialog = ClosureDialog(row.id, "test", rematch, tab)
        qtbot.addWidget(dialog)
        dialog.show()
        box = dialog.meetings_box
        assert "6 meeting(s) planned after the closure date" in box.summary.text()
        assert box.cancel_radio.isChecked() and box.cancel_radio.text() == "&Cancel them (6)"
        QTest.keyClicks(dialog.reason_edit, "End of the school year")
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(tab, "open_closure", close_with_keys)
    tab.close_action.trigger()
    assert Match.get_by_id(tab.match_id).status == "closed" and planned() == 0
    assert tab.message.text() == (
        "Closed. Cancelled 6 planned meeting(s). The closure letter can be printed from Documents."
    )


def test_closing_can_keep_a_goodbye_meeting(qtbot, tab, monkeypatch):
    def close_with_keys(row, rematch):
        dialog = tab.closure_dialog = ClosureDialog(row.id, "test", rematch, tab)
        qtbot.addWidget(dialog)
        dialog.show()
        QTest.keyClicks(dialog.reason_edit, "Mentor moving away")
        choose(dialog.meetings_box.keep_radio)
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(tab, "open_closure", close_with_keys)
    tab.close_action.trigger()
    kept = Meeting.get(Meeting.status == "planned")
    assert kept.starts_at == tab.first and planned() == 1
    assert "Cancelled 5 planned meeting(s); kept the goodbye meeting on" in tab.message.text()


def test_pausing_asks_for_the_resume_date_and_cancels_the_meetings_before_it(qtbot, tab):
    tab.pause_action.trigger()
    dialog = tab.pause_dialog
    assert dialog.isVisible()
    resume = (tab.first + timedelta(weeks=2)).date()  # two meetings fall before it
    field = dialog.resume_edit
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, resume.strftime("%d/%m/%Y"))
    assert "2 meeting(s) planned before the resume date" in dialog.meetings_box.summary.text()
    QTest.keyClick(field, Qt.Key.Key_Return)  # Enter in a one-line field presses "Pause match"
    assert Match.get_by_id(tab.match_id).status == "paused" and planned() == 4
    assert tab.message.text().startswith(f"Paused until {resume.strftime('%d/%m/%Y')}")
    assert tab.message.text().endswith("Cancelled 2 planned meeting(s).")


def test_pausing_can_keep_the_meetings(qtbot, tab):
    tab.pause_action.trigger()
    dialog = tab.pause_dialog
    choose(dialog.meetings_box.keep_radio)
    dialog.resume_edit.setFocus()
    QTest.keyClick(dialog.resume_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text() == ""
    assert Match.get_by_id(tab.match_id).status == "paused" and planned() == 6


def test_a_paused_match_shows_its_resume_date_in_the_matches_tab(qtbot, tab):
    """The resume date is kept on the match (not only in the audit log) and shown beside its status."""
    programme_id = Match.get_by_id(tab.match_id).programme_id
    tab.ctx.dataChanged.connect(lambda _area: tab.reload(programme_id))  # as the main window refreshes it
    tab.pause_action.trigger()
    dialog = tab.pause_dialog
    resume = (tab.first + timedelta(weeks=3)).date()
    dialog.resume_edit.setFocus()
    QTest.keyClick(dialog.resume_edit, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(dialog.resume_edit, resume.strftime("%d/%m/%Y"))
    QTest.keyClick(dialog.resume_edit, Qt.Key.Key_Return)
    assert Match.get_by_id(tab.match_id).resumes_on == resume
    status = tab.model.index(0, tab.model.STATUS).data()
    assert status == f"Paused until {resume.strftime('%d/%m/%Y')}"
    tab.resume_action.trigger()
    assert Match.get_by_id(tab.match_id).resumes_on is None
    assert tab.model.index(0, tab.model.STATUS).data() == "Active"


def test_a_closure_date_before_the_start_is_refused_in_the_dates_the_form_uses(qtbot, tab):
    """The form takes 01/01/2026 and answered "Closure date: 2026-01-01 is before the match started
    (2026-10-23)": the service's ISO dates, not the dd/mm/yyyy typed a line above."""
    dialog = ClosureDialog(tab.match_id, "test", False, tab)
    qtbot.addWidget(dialog)
    dialog.show()
    started = Match.get_by_id(tab.match_id).started_on
    before = started - timedelta(days=3)
    edit = dialog.date_edit
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(edit, before.strftime("%d/%m/%Y"))
    QTest.keyClicks(dialog.reason_edit, "Mentor moving away")
    QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted and Match.get_by_id(tab.match_id).status != "closed"
    message = dialog.error_label.text()
    assert before.strftime("%d/%m/%Y") in message and started.strftime("%d/%m/%Y") in message, message
    assert before.isoformat() not in message


def test_closing_says_before_and_after_that_the_mentee_leaves_without_a_rematch(qtbot, tab, monkeypatch):
    """Leaving "rematch" unticked marks the mentee Exited: the dialog says so (and changes its words as the
    boxes are ticked) before anything is saved, and the message after closing names it too."""
    from mentordesk.store.models import Enrolment, MatchMember

    match = Match.get_by_id(tab.match_id)
    for member in MatchMember.select().where(MatchMember.match == match):
        Enrolment.create(
            participant=member.participant, programme=match.programme, role=member.role, status="matched"
        )
    seen = {}

    def close_with_keys(row, rematch):
        dialog = tab.closure_dialog = ClosureDialog(row.id, "test", rematch, tab)
        qtbot.addWidget(dialog)
        dialog.show()
        seen["before"] = dialog.outcome_label.text()
        choose(dialog.rematch)
        seen["rematch"] = dialog.outcome_label.text()
        dialog.rematch.setFocus()
        QTest.keyClick(dialog.rematch, Qt.Key.Key_Space)  # untick again: the coordinator's case
        assert not dialog.rematch.isChecked()
        assert dialog.mentor_again.isChecked()
        seen["after untick"] = dialog.outcome_label.text()
        assert Enrolment.select().where(Enrolment.status == "exited").count() == 0  # nothing saved yet
        QTest.keyClicks(dialog.reason_edit, "Moved away")
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(tab, "open_closure", close_with_keys)
    tab.close_action.trigger()
    assert seen["before"] == (
        "Sam Carter goes back to Ready, to be matched again.\n"
        "Ana Lopez will be marked as having left the programme (Exited); "
        "tick 'rematch' to keep them waiting for a new mentor."
    )
    assert seen["rematch"].endswith("Ana Lopez will be waiting for a new mentor (Ready).")
    assert seen["after untick"] == seen["before"]
    statuses = {e.participant.first_name: e.status for e in Enrolment.select()}
    assert statuses == {"Sam": "ready", "Ana": "exited"}
    assert tab.message.text() == (
        "Closed. Sam Carter was put back to Ready, to be matched again. "
        "Ana Lopez was marked as having left the programme (Exited). "
        "Cancelled 6 planned meeting(s). The closure letter can be printed from Documents."
    )
