"""The Board tab driven from the keyboard like a coordinator would: a shadow board's Pairing page shows the
Board (not proposals), sessions with attendance, recommendations and outcomes are recorded through the
dialogs, bad input is named and nothing saved, deleting asks first, and the summary PDF is written."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from mentordesk.services import board
from mentordesk.store.models import BoardRecommendation, BoardSession, BoardSponsor
from mentordesk.ui import screenshots
from mentordesk.ui.board.dialogs import OutcomeDialog, RecommendationDialog, SessionDialog, SponsorDialog
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from tests.board_fixtures import TODAY, full_board
from tests.documents_fixtures import pdf_text
from tests.screen_fixtures import backwards_steps, clipped, unnamed

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shadow(qtbot, db, tmp_path, time_machine):
    time_machine.move_to(datetime.combine(TODAY, time(12, 0)), tick=True)  # the board's dates are in the past
    b = full_board()
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.reload_programmes(select_id=b.programme.id)
    page = window.show_area("pairing")
    screenshots._settle()
    return b, window, page


FAILURES: list[BaseException] = []


def when_modal(action) -> None:
    """Run ``action(dialog)`` on the next modal dialog, once it is open; a failing action closes the dialog
    (so the test fails instead of waiting for ever) and is raised again by ``check_modal``."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        try:
            action(dialog)
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            FAILURES.append(exc)
        if dialog.isVisible():  # the action should have closed it
            error = dialog.findChild(QLabel, "error")
            FAILURES.append(AssertionError(f"the dialog stayed open: {error.text() if error else ''}"))
            dialog.reject()

    QTimer.singleShot(0, run)


@pytest.fixture(autouse=True)
def check_modal():
    FAILURES.clear()
    yield
    if FAILURES:
        raise FAILURES[0]


def save(field) -> None:
    """Return in a one-line field presses the dialog's default button (Save)."""
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Return)


def retype(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Delete)
    QTest.keyClicks(widget, text)


def choose(combo, text: str) -> None:
    """Pick ``text`` in a combo from the keyboard (Home, then Down until it shows)."""
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def select_row(view, predicate) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        from mentordesk.ui.models.rows_model import ROW_ROLE

        if predicate(model.index(row, 0).data(ROW_ROLE)):
            view.setFocus()
            view.selectRow(row)
            return
    raise AssertionError("no such row")


def test_a_shadow_board_shows_the_board_not_proposals(shadow):
    b, window, page = shadow
    tabs = page.tabs
    assert tabs.isTabVisible(tabs.indexOf(page.board))
    assert not tabs.isTabVisible(tabs.indexOf(page.review)) and not tabs.isTabVisible(
        tabs.indexOf(page.matches)
    )
    assert tabs.currentWidget() is page.board
    assert not page.run_action.isEnabled() and "not paired" in page.run_action.toolTip()
    tab = page.board
    assert "6 member(s), 2 sponsor(s), 2 session(s)" in tab.summary.text()
    assert "1 accepted, 1 declined, 1 in progress, 1 awaiting a decision" in tab.summary.text()
    assert [tab.tabs.tabText(i) for i in range(4)] == [
        "Recommendations (4)",
        "Sessions (2)",
        "Members (6)",
        "Sponsors (2)",
    ]
    tab.tabs.setCurrentWidget(tab.views["members"])
    assert "enrol them" in tab.message.text() and not tab.edit_action.isEnabled()
    tab.tabs.setCurrentWidget(tab.views["sessions"])
    assert tab.message.text() == ""
    # Back on a one-to-one programme, the proposals return and the Board goes.
    from mentordesk.services import programmes

    other = programmes.create_programme("Pairs", "one_to_one")
    window.reload_programmes(select_id=other.id)
    page = window.show_area("pairing")
    screenshots._settle()
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.board))
    assert page.tabs.currentWidget() is page.review


def test_a_new_session_with_attendance_from_the_keyboard(shadow, qtbot):
    b, window, page = shadow
    tab = page.board

    def fill(dialog) -> None:
        assert isinstance(dialog, SessionDialog)
        retype(dialog.date_edit, "2027-03-09")
        retype(dialog.title_edit, "Exams")
        dialog.topics_edit.setFocus()
        QTest.keyClicks(dialog.topics_edit, "Revision rooms")
        QTest.keyClick(dialog.topics_edit, Qt.Key.Key_Return)
        QTest.keyClicks(dialog.topics_edit, "Mock exam dates")
        choose(dialog.attendance[b.members[0].id], "Present")
        choose(dialog.attendance[b.members[4].id], "Apologies")
        save(dialog.title_edit)

    when_modal(fill)
    tab.setFocus()
    QTest.keyClick(tab, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: BoardSession.select().count() == 3)
    new = BoardSession.get(BoardSession.title == "Exams")
    assert new.held_on == date(2027, 3, 9) and new.topics == "Revision rooms\nMock exam dates"
    assert board.session(new.id).attendance == {b.members[0].id: "present", b.members[4].id: "apologies"}
    assert tab.tabs.currentWidget() is tab.views["sessions"] and "Sessions (3)" in tab.tabs.tabText(1)


def test_recording_an_outcome_from_the_keyboard(shadow, qtbot):
    b, window, page = shadow
    tab = page.board
    waiting = b.recommendations[3]
    view = tab.views["recommendations"]
    assert not tab.outcome_action.isEnabled()
    select_row(view, lambda r: r.id == waiting)
    assert tab.outcome_action.isEnabled()

    def fill(dialog) -> None:
        assert isinstance(dialog, OutcomeDialog)
        choose(dialog.outcome.combo, "Declined")
        retype(dialog.outcome.decided_edit, "2027-03-01")
        dialog.outcome.note_edit.setFocus()
        QTest.keyClicks(dialog.outcome.note_edit, "No room free at lunch")
        save(dialog.outcome.decided_edit)

    when_modal(fill)
    QTest.keyClick(view, Qt.Key.Key_D, CTRL_SHIFT)
    qtbot.waitUntil(lambda: BoardRecommendation.get_by_id(waiting).outcome == "declined")
    row = BoardRecommendation.get_by_id(waiting)
    assert (row.decided_on, row.outcome_note) == (date(2027, 3, 1), "No room free at lunch")
    assert "2 declined" in tab.summary.text()


def test_a_recommendation_without_words_is_refused_in_the_dialog(shadow, qtbot):
    b, window, page = shadow
    seen: list[str] = []

    def fill(dialog) -> None:
        assert isinstance(dialog, RecommendationDialog)
        retype(dialog.title_edit, "   ")
        save(dialog.title_edit)
        seen.append(dialog.error_label.text())
        assert dialog.isVisible()  # still open, the fields as typed
        retype(dialog.title_edit, "Water fountains on every floor")
        choose(dialog.sponsor_combo, "Jürgen Schröder (Chief operating officer)")
        save(dialog.title_edit)

    when_modal(fill)
    page.board.setFocus()
    QTest.keyClick(page.board, Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: BoardRecommendation.select().count() == 5)
    assert seen and "Recommendation is empty" in seen[0]
    new = BoardRecommendation.get(BoardRecommendation.title == "Water fountains on every floor")
    assert new.sponsor_id == b.sponsors[1] and new.outcome == "awaiting"


def test_a_new_recommendation_from_a_chosen_session_is_made_at_it(shadow, qtbot):
    b, window, page = shadow
    tab = page.board
    tab.tabs.setCurrentWidget(tab.views["sessions"])
    select_row(tab.views["sessions"], lambda s: s.id == b.sessions[1])

    def fill(dialog) -> None:
        assert dialog.session_combo.currentData() == b.sessions[1]
        assert dialog.made_edit.day() == date(2027, 2, 16)
        QTest.keyClicks(dialog.title_edit, "Longer lunch")
        save(dialog.title_edit)

    when_modal(fill)
    QTest.keyClick(tab.views["sessions"], Qt.Key.Key_I, CTRL_SHIFT)
    qtbot.waitUntil(lambda: BoardRecommendation.select().count() == 5)
    assert BoardRecommendation.get(BoardRecommendation.title == "Longer lunch").session_id == b.sessions[1]


def test_deleting_a_sponsor_asks_first_and_keeps_the_recommendations(shadow, qtbot):
    b, window, page = shadow
    tab = page.board
    tab.tabs.setCurrentWidget(tab.views["sponsors"])
    select_row(tab.views["sponsors"], lambda s: s.id == b.sponsors[0])
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    tab.delete_action.trigger()
    assert BoardSponsor.select().count() == 2
    select_row(tab.views["sponsors"], lambda s: s.id == b.sponsors[0])
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    tab.delete_action.trigger()
    assert BoardSponsor.select().count() == 1
    assert BoardRecommendation.get_by_id(b.recommendations[0]).sponsor_id is None
    assert "Sponsors (1)" in tab.tabs.tabText(3)


def test_a_sponsor_is_added_and_edited_through_the_dialog(shadow, qtbot):
    b, window, page = shadow
    tab = page.board

    def add(dialog) -> None:
        assert isinstance(dialog, SponsorDialog)
        QTest.keyClicks(dialog.name_edit, "Ines Dubois")
        QTest.keyClicks(dialog.role_edit, "Chair of governors")
        QTest.keyClicks(dialog.email_edit, "not-an-address")
        save(dialog.email_edit)
        assert "not an e-mail address" in dialog.error_label.text()
        retype(dialog.email_edit, "chair@example.org")
        save(dialog.email_edit)

    when_modal(add)
    tab.sponsor_action.trigger()
    added = BoardSponsor.get(BoardSponsor.name == "Ines Dubois")
    assert (added.role, added.email) == ("Chair of governors", "chair@example.org")
    select_row(tab.views["sponsors"], lambda s: s.id == added.id)

    def edit(dialog) -> None:
        assert dialog.name_edit.text() == "Ines Dubois"
        retype(dialog.role_edit, "Vice-chair")
        save(dialog.role_edit)

    when_modal(edit)
    QTest.keyClick(tab.views["sponsors"], Qt.Key.Key_Return)  # Return on the row opens it
    assert BoardSponsor.get_by_id(added.id).role == "Vice-chair"
    assert BoardSponsor.get_by_id(added.id).version == 2


def test_the_summary_pdf_is_written_where_chosen(shadow, qtbot, tmp_path, monkeypatch):
    b, window, page = shadow
    tab = page.board
    target = tmp_path / "export" / "board.pdf"
    monkeypatch.setattr(tab, "choose_path", lambda: str(target))  # the file chooser is the platform's
    tab.setFocus()
    QTest.keyClick(tab, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert target.exists() and "Saved board.pdf" in tab.message.text()
    text = pdf_text(target)
    assert "Shadow board: Youth shadow board 2027" in text and "Open the library until 18:00" in text


def test_the_board_dialogs_fit_name_their_controls_and_tab_in_reading_order(shadow, qtbot):
    b, window, page = shadow
    problems = []
    for name, dialog in {
        "session": SessionDialog(b.programme.id, b.sessions[0]),
        "recommendation": RecommendationDialog(b.programme.id, b.recommendations[0]),
        "outcome": OutcomeDialog(b.recommendations[1]),
        "sponsor": SponsorDialog(b.programme.id, b.sponsors[0]),
    }.items():
        qtbot.addWidget(dialog)
        dialog.show()
        screenshots._settle()
        for check in (clipped, unnamed, backwards_steps):
            problems += [f"{name}: {p}" for p in check(dialog)]
        dialog.close()
    tab = page.board
    for index in range(tab.tabs.count()):
        tab.tabs.setCurrentIndex(index)
        screenshots._settle()
        problems += [f"board tab {index}: {p}" for p in unnamed(page) + clipped(page)]
    assert not problems, "\n".join(problems)


def test_new_programme_offers_a_shadow_board_with_its_help_and_defaults(qtbot, db):
    from mentordesk.store.models import Programme
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.name_edit, "Staff shadow board")
    choose(dialog.kind_combo, "Shadow board")
    assert (
        "shadow the leadership team" in dialog.kind_help.text()
        and "Nobody is paired" in dialog.kind_help.text()
    )
    save(dialog.name_edit)
    created = Programme.get(Programme.name == "Staff shadow board")
    assert created.kind == "shadow_board" and (
        created.meeting_frequency_days,
        created.meeting_length_minutes,
    ) == (28, 90)
