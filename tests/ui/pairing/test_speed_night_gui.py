"""The Speed night tab driven from the keyboard: a new event, check-in (type to find, Space to tick),
no-shows and a re-plan, wishes ticked with Space, a pair made a match, badges printed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from mentordesk.services import pairing
from mentordesk.store.models import Match, SpeedEvent, SpeedWish
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from tests.documents_fixtures import pdf_text
from tests.pairing_fixtures import make_programme, mentee, mentor


@pytest.fixture
def tab(qtbot, db, tmp_path):
    programme = make_programme("Speed evening", kind="speed")
    for name in ["Ana", "Ben", "Ελένη", "Dmitri"]:
        mentee(programme, name)
    for name in ["Xia", "Yusuf", "Zofia"]:
        mentor(programme, name, capacity=2)
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    page = win.show_area("pairing")
    assert page.tabs.currentWidget() is page.speed_night
    return page.speed_night


def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(widget, text)


def save_button(dialog) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "Save event")


def make_event(qtbot, tab) -> None:
    assert tab.stack.currentWidget() is tab.empty
    QTest.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    type_into(dialog.title_edit, "Spring evening")
    type_into(dialog.date_edit, "2026-03-12")
    type_into(dialog.start_edit, "6pm")
    type_into(dialog.venue_edit, "Town hall")
    type_into(dialog.rounds_spin, "3")
    QTest.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Starts at" in dialog.error_label.text()
    assert SpeedEvent.select().count() == 0  # nothing saved
    type_into(dialog.start_edit, "18:30")
    QTest.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_night_from_creating_the_event_to_a_match(qtbot, tab, tmp_path, monkeypatch):
    make_event(qtbot, tab)
    assert tab.stack.currentWidget() is tab.pages
    assert "Town hall" in tab.summary.text() and "3 rounds of 8 min at 3 tables" in tab.summary.text()
    assert tab.checkin_model.rowCount() == 7
    assert tab.rounds_model.rowCount() == 3 and tab.rounds_model.columnCount() == 3
    assert tab.rounds_model.headerData(0, Qt.Orientation.Vertical) == "Round 1  18:30"

    # Check-in: type to find, Down to the list, Space to tick.
    tab.find_edit.setFocus()
    QTest.keyClicks(tab.find_edit, "ben")
    QTest.keyClick(tab.find_edit, Qt.Key.Key_Down)
    assert tab.checkin_view.hasFocus()
    QTest.keyClick(tab.checkin_view, Qt.Key.Key_Space)
    event_id = tab.event_id()
    seats = {s.name: s.attendance for s in pairing.night(event_id).seats}
    assert seats["Ben Mentee"] == "present" and seats["Ana Mentee"] == "invited"
    # Typing a letter in the list goes on finding in the Find box.
    QTest.keyClick(tab.find_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(tab.find_edit, Qt.Key.Key_Backspace)
    tab.checkin_view.setFocus()
    QTest.keyClicks(tab.checkin_view, "x")
    assert tab.find_edit.hasFocus() and tab.find_edit.text() == "x"
    QTest.keyClick(tab.find_edit, Qt.Key.Key_Return)
    QTest.keyClick(tab.checkin_view, Qt.Key.Key_Space)  # Xia is here
    for name in ("Ana", "Yusuf"):
        type_into(tab.find_edit, name)
        QTest.keyClick(tab.find_edit, Qt.Key.Key_Return)
        QTest.keyClick(tab.checkin_view, Qt.Key.Key_Space)
    type_into(tab.find_edit, "Mentee")  # Ελένη sorts last among the mentees: Ctrl+End reaches her
    QTest.keyClick(tab.find_edit, Qt.Key.Key_Return)
    QTest.keyClick(tab.checkin_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(tab.checkin_view, Qt.Key.Key_Space)
    # Space again un-ticks.
    type_into(tab.find_edit, "Ana")
    QTest.keyClick(tab.find_edit, Qt.Key.Key_Return)
    QTest.keyClick(tab.checkin_view, Qt.Key.Key_Space)
    QTest.keyClick(tab.checkin_view, Qt.Key.Key_Space)
    here = {s.name for s in pairing.night(event_id).seats if s.attendance == "present"}
    assert here == {"Ben Mentee", "Xia Mentor", "Ana Mentee", "Yusuf Mentor", "Ελένη Mentee"}
    QTest.mouseClick(tab.no_shows_button, Qt.MouseButton.LeftButton)
    counts = pairing.night(event_id).counts()
    assert counts == {"present": 5, "no_show": 2, "invited": 0}  # Dmitri and Zofia did not come
    assert "did not come 2" in tab.summary.text()

    # Re-plan with round 1 held: nobody absent has a seat in rounds 2 and 3.
    type_into(tab.held_spin, "1")
    QTest.mouseClick(tab.replan_button, Qt.MouseButton.LeftButton)
    night = pairing.night(event_id)
    assert night.event.rounds_held == 1 and tab.pages.currentIndex() == 1
    later = [m for m in night.meetings if m.round_no > 1]
    assert later and not {m.mentee for m in later} & {"Dmitri Mentee"}
    assert not {m.mentor for m in later} & {"Zofia Mentor"}
    assert tab.rounds_model.columnCount() == 3 and tab.rounds_model.headerData(
        0, Qt.Orientation.Vertical
    ).endswith("✓")

    # Wishes: choose the person by typing, tick a partner with Space.
    tab.pages.setCurrentIndex(2)
    tab.person_box.setFocus()
    type_into(tab.person_box.lineEdit(), "Xia Mentor (mentor)")
    QTest.keyClick(tab.person_box, Qt.Key.Key_Return)
    assert tab.person_box.currentText() == "Xia Mentor (mentor)"
    meeting = next(m for m in night.meetings if m.mentor == "Xia Mentor")
    tab.partners.setFocus()
    row = next(i for i in range(tab.partners.count()) if tab.partners.item(i).text() == meeting.mentee)
    tab.partners.setCurrentRow(row)
    QTest.keyClick(tab.partners, Qt.Key.Key_Space)
    assert {(w.wisher_id, w.wished_id) for w in SpeedWish.select()} == {
        (meeting.mentor_id, meeting.mentee_id)
    }
    assert "1 wishes recorded" in tab.wish_note.text()

    # The pair becomes an active match in one step.
    tab.partners.setCurrentRow(row)
    QTest.mouseClick(tab.match_button, Qt.MouseButton.LeftButton)
    match = Match.get()
    assert match.status == "active" and "now an active match" in tab.wish_note.text()

    # Badges print.
    target = tmp_path / "badges.pdf"
    monkeypatch.setattr(tab, "choose_path", lambda *args, **kwargs: str(target))
    tab.pages.setCurrentIndex(1)
    QTest.mouseClick(tab.badges_button, Qt.MouseButton.LeftButton)
    text = pdf_text(target)
    assert "Ελένη Mentee" in text and "Table 1" in text


def test_every_control_has_a_name_and_the_screens_fit(qtbot, tab):
    make_event(qtbot, tab)
    for widget in (
        tab.event_box,
        tab.find_edit,
        tab.checkin_view,
        tab.held_spin,
        tab.rounds_view,
        tab.person_box,
        tab.partners,
    ):
        assert widget.accessibleName(), widget
    for size in ((1024, 700), (1920, 1080)):
        tab.window().resize(*size)
        for page in range(3):
            tab.pages.setCurrentIndex(page)
            qtbot.wait(10)
            for button in (
                tab.new_button,
                tab.edit_button,
                tab.invite_button,
                tab.replan_button,
                tab.match_button,
            ):
                if button.isVisible():
                    assert button.width() >= button.sizeHint().width(), button.text()


def test_an_event_with_nobody_ready_is_saved_once_and_says_why(qtbot, db, tmp_path):
    make_programme("Empty speed", kind="speed")
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    tab = win.show_area("pairing").speed_night
    QTest.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.dialog.isVisible)
    QTest.mouseClick(save_button(tab.dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.dialog.isVisible())
    assert SpeedEvent.select().count() == 1
    assert "Nobody to invite" in tab.summary.text()
    assert tab.stack.currentWidget() is tab.pages and tab.checkin_model.rowCount() == 0


def test_alt_letters_reach_the_check_in_controls(qtbot, tab):
    make_event(qtbot, tab)
    tab.window().activateWindow()
    tab.checkin_view.setFocus()
    QTest.keyClick(tab.window(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert tab.find_edit.hasFocus()
    QTest.keyClick(tab.window(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert tab.held_spin.hasFocus()
    QTest.keyClick(tab.window(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # re-plan (an animated click)
    qtbot.waitUntil(lambda: tab.pages.currentIndex() == 1)
