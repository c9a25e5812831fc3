"""The match record from the GUI, driven with key clicks: the first meeting, the closure record (reason
code, closure meeting, contact plan, exit conversations), a lapsed mentor check in the match list,
the signatures of an agreement, and the Settings tabs for check types and closure reasons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from mentordesk.services import documents, participants
from mentordesk.store.models import Document, Match, MatchMember, Programme, ScreeningCheck
from mentordesk.ui.context import AppContext
from mentordesk.ui.pairing.closure_dialog import ClosureDialog
from mentordesk.ui.pairing.matches_tab import MatchesTab
from mentordesk.ui.pairing.models import MatchesModel
from tests.discard_fixtures import discard_button
from tests.meetings_fixtures import make_pair

TODAY = date.today()
STARTED = TODAY - timedelta(days=60)


def typed(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def tab(qtbot, db, tmp_path):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    pair = make_pair(started_on=STARTED)
    widget = MatchesTab(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(widget)
    widget.show()
    widget.reload(pair.programme.id)
    assert widget.select_match(pair.match.id)
    widget.pair = pair
    return widget


def _retype(edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def test_first_meeting_from_the_matches_tab(qtbot, tab):
    QTest.keyClick(tab.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = tab.first_meeting_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    _retype(dialog.date_edit, typed(TODAY + timedelta(days=2)))
    QTest.keyClicks(dialog.staff_edit, "Alex Morgan")
    dialog.covered.setFocus()
    QTest.keyClick(dialog.covered, Qt.Key.Key_Space)
    QTest.keyClick(dialog.staff_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "in the future" in dialog.error_label.text()
    assert Match.get_by_id(tab.pair.match.id).first_meeting_on is None  # refused: nothing saved
    _retype(dialog.date_edit, typed(STARTED + timedelta(days=3)))
    QTest.keyClick(dialog.staff_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    match = Match.get_by_id(tab.pair.match.id)
    assert match.first_meeting_on == STARTED + timedelta(days=3)
    assert match.first_meeting_staff == "Alex Morgan" and match.first_meeting_covered_agreement
    assert tab.message.text() == "First meeting recorded."


def test_closure_record_typed_in_the_dialog(qtbot, tab):
    pair = tab.pair
    dialog = ClosureDialog(pair.match.id, "test", parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.reason_edit, "Her family moved to Leeds")
    assert dialog.reason_code.currentData() == "moved_away"  # suggested from the words
    dialog.meeting_held.setFocus()
    QTest.keyClick(dialog.meeting_held, Qt.Key.Key_Space)
    QTest.keyClicks(dialog.meeting_date, typed(TODAY - timedelta(days=1)))
    dialog.contact.setFocus()
    QTest.keyClick(dialog.contact, Qt.Key.Key_Down)  # Not recorded -> No further contact
    QTest.keyClick(dialog.contact, Qt.Key.Key_Down)  # -> Only through the programme
    assert dialog.contact.currentData() == "programme"
    # An exit conversation in the future is refused, on its own tab, and nothing is closed.
    QTest.keyClicks(dialog.exit_dates[pair.mentee.id], typed(TODAY + timedelta(days=3)))
    dialog.accept()
    assert dialog.tabs.currentIndex() == 1 and "in the future" in dialog.error_label.text()
    assert Match.get_by_id(pair.match.id).status == "active"
    _retype(dialog.exit_dates[pair.mentee.id], typed(TODAY - timedelta(days=2)))
    QTest.keyClicks(dialog.exit_dates[pair.mentor.id], typed(TODAY))
    QTest.keyClick(dialog.exit_dates[pair.mentor.id], Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    m = Match.get_by_id(pair.match.id)
    assert (m.status, m.closure_code, m.contact_after) == ("closed", "moved_away", "programme")
    assert m.closure_meeting_held and m.closure_meeting_on == TODAY - timedelta(days=1)
    exits = {mm.participant_id: mm.exit_conversation_on for mm in MatchMember.select()}
    assert exits == {pair.mentee.id: TODAY - timedelta(days=2), pair.mentor.id: TODAY}


def test_other_needs_words_and_a_picked_code_stays(qtbot, tab):
    dialog = ClosureDialog(tab.pair.match.id, "test", parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason_code.setFocus()
    QTest.keyClick(dialog.reason_code, Qt.Key.Key_End)  # Other, the last
    dialog.reason_code.activated.emit(dialog.reason_code.currentIndex())
    assert dialog.reason_code.currentData() == "other"
    dialog.accept()
    assert "the reason is Other" in dialog.error_label.text()
    QTest.keyClicks(dialog.reason_edit, "She moved away")
    assert dialog.reason_code.currentData() == "other"  # picked by hand: the words do not change it
    dialog.accept()
    assert Match.get_by_id(tab.pair.match.id).closure_code == "other"


def test_a_lapsed_mentor_check_is_flagged_in_the_match_list(tab):
    ScreeningCheck.create(
        participant=tab.pair.mentor,
        kind="background_check",
        outcome="passed",
        check_type="Enhanced DBS",
        completed_on=TODAY - timedelta(days=1200),
        expires_on=TODAY - timedelta(days=4),
    )
    from mentordesk.store.models import Enrolment

    Enrolment.create(participant=tab.pair.mentor, programme=tab.pair.programme, role="mentor", status="matched")
    tab.reload(tab.pair.programme.id)
    status = tab.proxy.index(0, MatchesModel.STATUS)
    assert status.data() == "Active · check lapsed"
    assert "Sam Carter's Background check lapsed on" in status.data(Qt.ItemDataRole.ToolTipRole)
    assert tab.proxy.index(0, MatchesModel.MENTOR).data(Qt.ItemDataRole.DecorationRole) is not None


def test_signatures_typed_one_per_signatory(qtbot, tmp_path, db):
    from mentordesk.ui.documents.page import DocumentsPage
    from tests.documents_fixtures import standard_match

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    match = standard_match()
    doc = Document.create(programme=match.programme_id, match=match, kind="agreement", path=str(tmp_path / "a.pdf"))
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = match.programme_id
    page = DocumentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    (row,) = [r for r in page.model.rows if r.id == doc.id]
    page.open_signatures(row)
    dialog = page.signatures_dialog
    qtbot.addWidget(dialog)
    edits = list(dialog.edits.values())
    assert len(edits) == 4 and "Still to sign" in dialog.state_label.text()
    QTest.keyClicks(edits[0], "01/10/2026")
    QTest.keyClicks(edits[3], typed(TODAY + timedelta(days=5)))
    dialog.accept()
    assert "in the future" in dialog.error_label.text() and not documents.agreement_status(doc.id).signatures[0].signed_on
    _retype(edits[3], "03/10/2026")
    assert "Still to sign: Łukasz Kowalski (mentee), Łukasz Kowalski's guardian." in dialog.state_label.text()
    dialog.accept()
    status = documents.agreement_status(doc.id)
    assert [s.signed_on for s in status.signatures] == [date(2026, 10, 1), None, None, date(2026, 10, 3)]
    texts = [page.model.index(n, page.model.SIGNED).data() for n in range(page.model.rowCount())]
    assert "to sign: Łukasz Kowalski (mentee), Łukasz Kowalski's guardian" in texts


def test_settings_add_a_check_type_and_a_closure_reason(qtbot, db, tmp_path):
    from mentordesk.ui.settings.checks_tab import ChecksTab
    from mentordesk.ui.settings.closure_tab import ClosureReasonsTab

    programme = Programme.create(name="P")
    ctx = AppContext(tmp_path / "test.db")
    ctx.programme_id = programme.id
    checks = ChecksTab(ctx)
    qtbot.addWidget(checks)
    checks.show()
    checks.add_type()
    dialog = checks.add_dialog
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.name_edit, "Background check")
    dialog.drivers.setFocus()
    QTest.keyClick(dialog.drivers, Qt.Key.Key_Space)
    dialog.renewal.setFocus()
    dialog.renewal.selectAll()
    QTest.keyClicks(dialog.renewal, "12")
    dialog.accept()
    assert "already a check type called Background check" in dialog.error_label.text()
    _retype(dialog.name_edit, "Driving record")
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    types = participants.check_types(programme.id)
    assert types.custom[0].name == "Driving record" and types.custom[0].drivers and types.cycle("driving_record") == 12
    assert checks.current().key == "driving_record"  # selected, its cycle shown
    assert checks.cycle.value() == 12
    assert checks.select("background_check")
    checks.cycle.setFocus()
    checks.cycle.selectAll()
    QTest.keyClicks(checks.cycle, "24")
    QTest.keyClick(checks.cycle, Qt.Key.Key_Return)
    assert participants.check_types(programme.id).cycle("background_check") == 24
    pdf = checks.write_renewals(tmp_path / "renewals.pdf")
    assert pdf.is_file()

    reasons = ClosureReasonsTab(ctx)
    qtbot.addWidget(reasons)
    reasons.show()
    QTest.keyClicks(reasons.new_edit, "Family illness")
    QTest.keyClick(reasons.new_edit, Qt.Key.Key_Return)
    from mentordesk.services import pairing

    assert [r.label for r in pairing.closure_reasons(programme.id)][-2:] == ["Family illness", "Other"]
    QTest.keyClicks(reasons.new_edit, "moved AWAY")
    QTest.keyClick(reasons.new_edit, Qt.Key.Key_Return)
    assert "twice" in reasons.error_label.text() and reasons.new_edit.text() == "moved AWAY"


def test_escape_asks_before_throwing_away_a_typed_closure_record(qtbot, tab):
    """Found from outside: Escape in Close match threw away the reason and notes typed, unasked."""
    dialog = ClosureDialog(tab.pair.match.id, "test", parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and dialog.discard_box is None
    dialog = ClosureDialog(tab.pair.match.id, "test", parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.reason_edit, "Her family moved to Leeds")
    QTest.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.discard_box.text() == "Discard this closure record?"
    QTest.keyClick(dialog.discard_box, Qt.Key.Key_Escape)  # = Keep editing
    assert dialog.isVisible() and dialog.reason_edit.toPlainText() == "Her family moved to Leeds"
    QTest.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)
    discard = discard_button(dialog)
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert Match.get_by_id(tab.pair.match.id).status == "active"  # nothing closed


def test_the_reason_problem_goes_once_a_reason_is_given(qtbot, tab):
    """Found from outside: "Closure reason: choose a reason code…" stayed under the form after a reason
    was chosen and typed, until Close match was pressed again."""
    dialog = ClosureDialog(tab.pair.match.id, "test", parent=tab)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # nothing given
    assert "reason" in dialog.error_label.text().lower()
    QTest.keyClicks(dialog.reason_edit, "Moved away")
    assert dialog.error_label.text() == ""
    assert Match.get_by_id(tab.pair.match.id).status == "active"  # nothing closed meanwhile
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
