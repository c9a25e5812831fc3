"""The Pairing area driven like a coordinator would: run, review, pin, publish, close, rematch; and its models."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.services import pairing
from mentordesk.services.pairing import review as pairing_review
from mentordesk.services.pairing.cohort import waiting_people
from mentordesk.services.pairing.settings import read_settings
from mentordesk.store.models import Enrolment, Match, Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE
from mentordesk.ui.pairing.models import CandidatesModel, ReviewModel, TimetableModel
from mentordesk.ui.pairing.publish_dialog import PublishDialog
from tests.pairing_fixtures import make_programme, mentee, mentor


@pytest.fixture
def window(qtbot, demo_db, tmp_path):
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win


def run_and_wait(qtbot, page) -> None:
    page.run_matcher()
    assert page.progress_box.isVisible()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)


def test_run_review_pin_and_publish(qtbot, window, monkeypatch):
    page = window.show_area("pairing")
    assert page.review.table_stack.currentWidget() is page.review.empty  # no proposals yet
    assert page.run_button.text() == "Run matcher" and not page.publish_action.isEnabled()
    assert "Run the matcher" in page.review.empty.text_label.text()
    run_and_wait(qtbot, page)
    assert "Proposed 5 pairing(s)" in page.message.text()
    review = page.review
    assert review.model.rowCount() == 5 and review.table_stack.currentWidget() is review.view
    assert review.stats.value("proposed") == "5"
    assert review.stats.value("mean") != "—" and review.stats.value("top3").endswith("%")
    assert review.unmatched_model.rowCount() == 10
    reasons = {review.unmatched_model.rows[i].reason for i in range(10)}
    assert "on hold" in reasons

    review.view.selectRow(0)
    row = review.selected_rows()[0]
    assert review.breakdown.title.text().startswith(f"{row.mentee_name} + {row.mentor_name}")
    assert any(line.startswith("+") for line in review.breakdown.texts())
    qtbot.waitUntil(lambda: review.alternatives.count() > 0, timeout=5000)

    assert page.run_button.text() == "Re-run for the rest"
    review.pin_action.trigger()
    pinned = next(r for r in review.model.rows if r.match_id == row.match_id)
    assert pinned.pinned and Match.get_by_id(row.match_id).pinned
    review.view.selectRow(1)
    second = review.selected_rows()[0]
    review.accept_action.trigger()
    assert Match.get_by_id(second.match_id).accepted

    run_and_wait(qtbot, page)  # re-run for the rest keeps both
    kept = {r.match_id for r in page.review.model.rows}
    assert {row.match_id, second.match_id} <= kept

    # Publishing takes the reviewed drafts (one pinned, one accepted) unless all are chosen.
    tomorrow = date.today() + timedelta(days=1)

    def publish_with_keys(everything: bool):
        def ask(rows):
            dialog = PublishDialog(rows, page)
            qtbot.addWidget(dialog)
            dialog.show()
            asked.append(dialog.counts.text())
            if everything:  # nothing reviewed is left: "all" must be chosen before Publish works
                assert not dialog.reviewed_radio.isEnabled() and not dialog.publish_button.isEnabled()
                dialog.all_radio.setFocus()
                QTest.keyClick(dialog.all_radio, Qt.Key.Key_Space)
            dialog.start_edit.setFocus()
            QTest.keyClick(dialog.start_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClicks(dialog.start_edit, tomorrow.isoformat())
            QTest.keyClick(dialog.start_edit, Qt.Key.Key_Return)
            return (dialog.start_on, dialog.reviewed_only) if dialog.result() else None

        return ask

    asked: list[str] = []
    monkeypatch.setattr(page, "ask_publish", publish_with_keys(everything=False))
    page.publish_action.trigger()
    assert asked == ["2 draft(s) accepted or pinned, 3 not reviewed yet."]
    assert "Published 2 match(es)" in page.message.text()
    assert Match.select().where(Match.status == "draft").count() == 3
    assert Match.get_by_id(row.match_id).started_on == tomorrow
    monkeypatch.setattr(page, "ask_publish", publish_with_keys(everything=True))
    page.tabs.setCurrentWidget(page.review)
    page.publish_action.trigger()
    assert asked[1] == "0 draft(s) accepted or pinned, 3 not reviewed yet."
    assert "Published 3 match(es)" in page.message.text()
    assert Match.select().where(Match.status == "draft").count() == 0
    assert page.tabs.currentWidget() is page.matches
    statuses = {r.status for r in page.matches.model.rows}
    assert statuses == {"active", "paused"}
    assert len(page.matches.model.rows) == 11  # the demo's six plus the five just published


def test_keyboard_shortcuts_are_wired(qtbot, window):
    page = window.show_area("pairing")
    assert page.run_action.shortcut().toString() == "Ctrl+Shift+R"
    assert page.publish_action.shortcut().toString() == "Ctrl+Shift+P"
    assert page.manual_action.shortcut().toString() == "Ctrl+M"
    run_and_wait(qtbot, page)
    review = page.review
    review.view.setFocus()
    review.view.selectRow(0)
    match_id = review.selected_rows()[0].match_id
    qtbot.keyClick(review.view, Qt.Key.Key_P)
    assert Match.get_by_id(match_id).pinned
    qtbot.keyClick(review.view, Qt.Key.Key_Delete)
    assert Match.get_or_none(Match.id == match_id) is None  # rejected
    assert review.model.rowCount() == 4
    # Letters typed into the filter are text, not shortcuts.
    review.view.selectRow(0)
    before = review.selected_rows()[0]
    review.filter_edit.setFocus()
    qtbot.keyClicks(review.filter_edit, "pa")
    assert review.filter_edit.text() == "pa"
    assert not Match.get_by_id(before.match_id).accepted and not Match.get_by_id(before.match_id).pinned


def test_reject_and_swap_from_the_table(qtbot, window):
    page = window.show_area("pairing")
    run_and_wait(qtbot, page)
    review = page.review
    assert not review.swap_action.isEnabled()
    review.view.selectAll()
    rows = review.selected_rows()
    assert len(rows) == 5 and not review.swap_action.isEnabled()
    review.view.clearSelection()
    first, second = rows[0], rows[1]
    from PySide6.QtCore import QItemSelectionModel

    selection = review.view.selectionModel()
    for target in (first, second):
        for r in range(review.proxy.rowCount()):
            index = review.proxy.index(r, 0)
            if index.data(ROW_ROLE).match_id == target.match_id:
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                )
    assert review.swap_action.isEnabled()
    review.swap_action.trigger()
    assert "Swapped and pinned" in page.message.text()
    after = {r.mentee_id: r for r in pairing_review.list_drafts(Programme.get().id)}
    assert after[first.mentee_id].mentor_id == second.mentor_id and after[first.mentee_id].pinned
    assert after[second.mentee_id].mentor_id == first.mentor_id
    # Swapping back is refused once a "not with" rule forbids it, and nothing changes.
    from mentordesk.store.models import Exclusion

    Exclusion.create(participant=first.mentee_id, other=first.mentor_id)
    page.refresh()
    for target in (first, second):
        for r in range(review.proxy.rowCount()):
            index = review.proxy.index(r, 0)
            if index.data(ROW_ROLE).mentee_id == target.mentee_id:
                selection.select(
                    index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                )
    review.swap_action.trigger()
    assert "would break a rule" in page.message.text() and "not with" in page.message.text()
    again = {r.mentee_id: r.mentor_id for r in pairing_review.list_drafts(Programme.get().id)}
    assert again[first.mentee_id] == second.mentor_id


def test_cancel_and_errors_leave_the_database_alone(qtbot, window, monkeypatch):
    page = window.show_area("pairing")

    def slow(programme_id, progress, **kwargs):
        progress(10, 100, "Loading mentors and mentees")
        deadline = time.time() + 10
        while time.time() < deadline:
            progress.check()
            time.sleep(0.01)

    monkeypatch.setattr(pairing, "run_matcher", slow)  # where the page looks it up
    page.run_matcher()
    qtbot.waitUntil(lambda: page.progress.value() == 10, timeout=5000)
    assert page.progress_label.text() == "Loading mentors and mentees"
    page.cancel_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=10000)
    assert "cancelled" in page.message.text() and not page.progress_box.isVisible()

    def broken(programme_id, progress, **kwargs):
        raise pairing.PairingError("Speed-mentoring programmes use a rotation timetable")

    monkeypatch.setattr(pairing, "run_matcher", broken)
    page.run_matcher()
    qtbot.waitUntil(lambda: page.task is None, timeout=10000)
    assert "rotation timetable" in page.message.text()
    assert Match.select().where(Match.status == "draft").count() == 0


def test_manual_pairing_dialog_ranks_and_explains(qtbot, window):
    from mentordesk.ui.pairing.manual_dialog import ManualPairingDialog

    programme = Programme.get()
    waiting = [pid for pid, _name, note in waiting_people(programme.id) if note == ""]
    dialog = ManualPairingDialog(programme.id, waiting[0], window)
    qtbot.addWidget(dialog)
    rows = dialog.model.rows
    assert rows and rows[0].eligible
    assert dialog.current().participant_id == rows[0].participant_id  # best eligible preselected
    assert dialog.pair_button.isEnabled()
    blocked = next(r for r in rows if not r.eligible)
    assert dialog.select_candidate(blocked.participant_id)
    assert not dialog.pair_button.isEnabled()
    assert "Cannot be chosen" in dialog.error_label.text() and blocked.reasons[0] in dialog.error_label.text()
    best = rows[0]
    dialog.select_candidate(best.participant_id)
    dialog.rationale.setText("Same bus route")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    match = Match.get_by_id(dialog.created_match)
    assert match.pinned and match.status == "draft" and "Same bus route" in match.rationale


def test_matches_tab_pause_close_and_rematch(qtbot, window, monkeypatch):
    from mentordesk.ui.pairing.closure_dialog import ClosureDialog

    page = window.show_area("pairing")
    page.tabs.setCurrentWidget(page.matches)
    tab = page.matches
    active = next(r for r in tab.model.rows if r.status == "active")
    assert tab.select_match(active.id)
    assert tab.pause_action.isEnabled() and not tab.resume_action.isEnabled()
    tab.pause_action.trigger()
    assert Match.get_by_id(active.id).status == "active"  # it asks until when, and about the meetings
    tab.pause_dialog.accept()
    assert Match.get_by_id(active.id).status == "paused"
    assert tab.select_match(active.id) and tab.resume_action.isEnabled()
    tab.resume_action.trigger()
    assert Match.get_by_id(active.id).status == "active"

    # An empty reason is refused inside the dialog; nothing is closed.
    dialog = ClosureDialog(active.id, "test", parent=tab)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert "Closure reason" in dialog.error_label.text()
    assert Match.get_by_id(active.id).status == "active"

    def fill_and_accept(row, rematch):
        dialog = ClosureDialog(row.id, "test", rematch, tab)
        dialog.premature.setChecked(True)
        dialog.reason_edit.setPlainText("Mentor moved away")
        dialog.initiator.setCurrentIndex(dialog.initiator.findData("mentor"))
        dialog.notes["mentee"].setPlainText("Would like another mentor")
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(tab, "open_closure", fill_and_accept)
    opened = []
    monkeypatch.setattr(page, "open_manual", lambda mentee_id=0: opened.append(mentee_id))
    tab.select_match(active.id)
    tab.rematch_action.trigger()
    closed = Match.get_by_id(active.id)
    assert closed.status == "closed" and closed.closure_kind == "premature"
    assert (
        closed.closure_reason == "Mentor moved away"
        and closed.exit_notes_mentee == "Would like another mentor"
    )
    assert opened == [active.mentee_ids[0]]
    assert Enrolment.get(participant=active.mentee_ids[0]).status == "ready"
    assert "created → Draft" not in tab.history_text(active.id)
    assert tab.history_text(active.id).splitlines()[-1].endswith("Active → Closed")


def test_speed_programme_shows_the_timetable(qtbot, db, tmp_path, monkeypatch):
    programme = make_programme("Speed evening", kind="speed")
    for i in range(4):
        mentee(programme, f"Mentee{i}")
    for i in range(2):
        mentor(programme, f"Mentor{i}")
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    page = win.show_area("pairing")
    assert page.tabs.currentWidget() is page.speed_night  # the night first
    # The follow-up run after the night proposes drafts: the Proposals tab and the matcher are there.
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.review))
    assert page.run_action.isEnabled()
    page.tabs.setCurrentWidget(page.speed)
    tab = page.speed
    assert tab.stack.currentWidget() is tab.empty
    tab.meetings.setValue(2)
    tab.build()
    assert tab.model.rowCount() == 4 and tab.model.columnCount() == 2  # ceil(4 * 2 / 2) rounds, two tables
    assert "4 rounds at 2 tables" in tab.summary.text()
    target = tmp_path / "rotation.csv"
    monkeypatch.setattr(tab, "choose_path", lambda suffix: str(target))
    tab.csv_button.click()
    assert target.read_text(encoding="utf-8-sig").count("\n") == 9  # header + 8 meetings
    assert read_settings(Programme.get_by_id(programme.id)).speed_meetings == 2


def test_settings_tab_saves_criteria(qtbot, window):
    page = window.show_area("settings")
    index = [page.tabs.tabText(i) for i in range(page.tabs.count())].index("Pairing")
    tab = page.tabs.widget(index)
    combo = tab.importance["interests"]
    combo.setCurrentIndex(combo.findData("must"))
    tab.options["organisation"].setCurrentIndex(tab.options["organisation"].findData("same_organisation"))
    tab.avoid.setChecked(True)
    tab.threshold.setValue(55)
    tab.mode.setCurrentIndex(tab.mode.findData("forbid"))
    settings = read_settings(Programme.get())
    assert settings.config.setting("interests").importance.value == "must"
    assert settings.config.setting("organisation").option == "same_organisation"
    assert settings.min_score == 55 and settings.poor_matches == "forbid"
    assert not tab.penalty.isEnabled()
    tab.reset_button.click()
    assert read_settings(Programme.get()).config.setting("interests").importance.value == "moderate"
    assert tab.importance["interests"].currentData() == "moderate"


def test_models_hold_plain_rows_and_sort_by_value():
    from mentordesk.core.pairing.explain import Explanation
    from mentordesk.services.pairing.manual import Candidate
    from mentordesk.services.pairing.review import DraftRow

    model = ReviewModel()
    rows = [
        DraftRow(1, 10, "Ana", 20, "Bo", 81.4, [], True, False),
        DraftRow(2, 11, "Cy", 21, "Di", 9.0, [], False, True, group_size=3),
    ]
    model.set_rows(rows)
    assert model.rowCount() == 2 and model.columnCount() == 4
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Mentor"
    assert model.index(0, ReviewModel.SCORE).data() == "81"
    assert model.index(1, ReviewModel.SCORE).data(SORT_ROLE) == 9.0
    assert model.index(0, ReviewModel.STATE).data() == "Pinned"
    assert model.index(1, ReviewModel.MENTOR).data() == "Di  (3 in group)"
    assert model.index(1, 0).data(ROW_ROLE) is rows[1]
    candidates = CandidatesModel()
    candidates.set_rows([Candidate(5, "Eve", 55.0, False, ["on hold"], Explanation(55.0, ()), 0)])
    assert candidates.index(0, CandidatesModel.STATUS).data() == "on hold"
    assert candidates.index(0, CandidatesModel.PLACES).data() == "0"
    table = TimetableModel()
    from mentordesk.services.pairing.speed import SpeedTimetable

    table.set_timetable(SpeedTimetable("P", 1, [(7, "Mo"), (8, "Ned")], [{7: (1, "Ana", 60.0)}]))
    assert table.headerData(0, Qt.Orientation.Horizontal) == "Mo"
    assert table.headerData(0, Qt.Orientation.Vertical) == "Round 1"
    assert table.index(0, 0).data() == "Ana" and table.index(0, 1).data() == "—"


def test_reject_can_be_undone_until_the_next_run(qtbot, window):
    page = window.show_area("pairing")
    run_and_wait(qtbot, page)
    review = page.review
    view = review.view
    before = sorted((r.match_id, r.mentee_id, r.mentor_id) for r in review.model.rows)
    view.setFocus()
    view.selectRow(0)
    rejected = review.selected_rows()[0]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert len(review.model.rows) == len(before) - 1
    assert window.undo_button.isVisible() and review.undo_action.isEnabled()
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted((r.match_id, r.mentee_id, r.mentor_id) for r in review.model.rows) == before
    assert not window.undo_button.isVisible() and not review.undo_action.isEnabled()
    assert (
        "Rejection undone" in page.message.text() or "Rejection undone" in window.statusBar().currentMessage()
    )

    view.selectRow(0)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    QTest.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)  # the status bar's Undo
    assert sorted((r.match_id, r.mentee_id, r.mentor_id) for r in review.model.rows) == before
    assert rejected.mentee_id in {r.mentee_id for r in review.model.rows}

    view.selectRow(0)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    run_and_wait(qtbot, page)  # a new run: the earlier rejection stays, and can no longer be undone
    assert not window.undo_button.isVisible() and not review.undo_action.isEnabled()


def test_after_a_reject_the_next_proposal_is_selected_so_review_goes_on_by_keyboard(qtbot, window):
    """Reviewing with the keys, Delete rejected a proposal and left nothing selected: the next A
    (accept) did nothing, and the coordinator had to find their place again with the mouse."""
    page = window.show_area("pairing")
    run_and_wait(qtbot, page)
    review = page.review
    view = review.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Home)
    QTest.keyClick(view, Qt.Key.Key_Down)  # the second proposal
    second_then_third = [review.proxy.index(r, 0).data(ROW_ROLE).match_id for r in (1, 2)]
    assert [r.match_id for r in review.selected_rows()] == second_then_third[:1]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert Match.get_or_none(Match.id == second_then_third[0]) is None
    assert [r.match_id for r in review.selected_rows()] == second_then_third[1:]  # took its place
    QTest.keyClick(view, Qt.Key.Key_A)
    assert Match.get_by_id(second_then_third[1]).accepted
    last = review.proxy.rowCount() - 1
    for _ in range(last):
        QTest.keyClick(view, Qt.Key.Key_Down)
    last_id = review.proxy.index(last, 0).data(ROW_ROLE).match_id
    QTest.keyClick(view, Qt.Key.Key_Delete)  # the last one: the one above it is selected
    assert Match.get_or_none(Match.id == last_id) is None
    assert [r.match_id for r in review.selected_rows()] == [
        review.proxy.index(review.proxy.rowCount() - 1, 0).data(ROW_ROLE).match_id
    ]


def test_the_status_bar_undo_says_it_undoes_the_reject(qtbot, window):
    """After rejecting a proposal and then publishing, the status bar still showed a bare "Undo" next
    to "Published 2 match(es)": a coordinator clicked it to take back the publishing, and a rejected
    pair came back into the drafts instead. The button says what it undoes."""
    page = window.show_area("pairing")
    run_and_wait(qtbot, page)
    view = page.review.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert window.undo_button.isVisible()
    assert window.undo_button.text() == "Undo the last reject"
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.undo_button.isVisible()
