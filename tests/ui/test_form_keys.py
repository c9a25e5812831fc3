"""Keys in forms do what a keyboard user expects: Enter in a list's add row adds the entry (it does
not save the dialog), Ctrl+Enter saves, and Tab leaves every multi-line field instead of typing a tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QPlainTextEdit

from mentordesk.services.participants import AwayDates
from mentordesk.store.models import Participant, Programme
from mentordesk.ui.participants.person_dialog import PersonDialog
from tests.dialog_fixtures import every_dialog

CTRL = Qt.KeyboardModifier.ControlModifier


def in_dialog(dialog, widget) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def person_dialog(qtbot) -> PersonDialog:
    programme = Programme.get_or_create(name="Keys")[0]
    dialog = PersonDialog(programme.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # window shortcuts (Ctrl+Enter) need the active window
    QTest.keyClicks(dialog.first_name, "Priya")
    return dialog


def test_enter_in_the_tag_field_adds_the_tag_and_keeps_the_dialog_open(qtbot, db):
    dialog = person_dialog(qtbot)
    dialog.tabs.setCurrentWidget(dialog.tags.parentWidget())
    dialog.tags.name.setFocus()
    QTest.keyClicks(dialog.tags.name, "chess")
    QTest.keyClick(dialog.tags.name, Qt.Key.Key_Return)
    QTest.keyClicks(dialog.tags.name, "coding")
    QTest.keyClick(dialog.tags.name, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert [t.name for t in dialog.tags.values()] == ["chess", "coding"]
    assert dialog.isVisible() and dialog.result() == 0 and Participant.select().count() == 0
    QTest.keyClick(dialog.tags.name, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves, from anywhere
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Participant.get().first_name == "Priya"


def test_enter_in_an_away_date_adds_the_period(qtbot, db):
    dialog = person_dialog(qtbot)
    away = dialog.away
    for field, text in ((away.start, "21/12/2026"), (away.end, "02/01/2027")):
        field.setFocus()
        QTest.keyClick(field, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(field, text)
    QTest.keyClick(away.end, Qt.Key.Key_Return)
    assert away.values() == [AwayDates(date(2026, 12, 21), date(2027, 1, 2), "")]
    assert dialog.result() == 0 and Participant.select().count() == 0


def test_enter_with_a_bad_away_date_says_why_and_adds_nothing(qtbot, db):
    dialog = person_dialog(qtbot)
    away = dialog.away
    away.start.setFocus()
    QTest.keyClick(away.start, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(away.start, "32/12/2026")
    QTest.keyClick(away.start, Qt.Key.Key_Return)
    assert away.values() == [] and "32/12/2026" in away.error()
    assert "32/12/2026" in dialog.error_label.text() and not dialog.ok_button.isEnabled()


def test_tab_leaves_every_multi_line_field_of_every_dialog(qtbot, db, tmp_path):
    checked = 0
    for name, dialog in every_dialog(tmp_path).items():
        qtbot.addWidget(dialog)
        dialog.show()
        for box in dialog.findChildren(QPlainTextEdit):
            box.setPlainText("a")
            box.moveCursor(box.textCursor().MoveOperation.End)
            QTest.keyClick(box, Qt.Key.Key_Tab)
            assert box.toPlainText() == "a", f"{name}: Tab typed into {box.placeholderText()!r}"
            checked += 1
        dialog.close()
    assert checked >= 15


def test_enter_in_a_one_line_field_saves_not_cancels(qtbot, db):
    """Dialogs with their own Save button (dialog_buttons + primary_button) made Cancel the default."""
    from mentordesk.store.models import ContactLog
    from mentordesk.ui.meetings.contact_dialog import ContactDialog
    from tests.goals_fixtures import make_match

    pair = make_match()
    dialog = ContactDialog(pair.programme.id, match_id=pair.match.id)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.summary_edit, "Going well")
    dialog.actions_edit.setFocus()
    QTest.keyClicks(dialog.actions_edit, "Call again in March")
    QTest.keyClick(dialog.actions_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ContactLog.get().actions == "Call again in March"


def test_a_hint_appearing_does_not_move_the_fields_and_is_not_cut_off(qtbot, db):
    """The "read as" hint keeps its room: an adult's moves nothing; a minor's (the longest) moves
    nothing above the guardian's fields, which a minor brings in under it (see
    tests/ui/participants/test_add_participant_dialog.py)."""
    for born, below in (("1980-12-10", "age_band"), ("2012-12-10", "guardian_box")):
        dialog = person_dialog(qtbot)
        qtbot.wait(20)  # laid out
        fields = [dialog.date_of_birth, dialog.age_hint, dialog.age_band]
        before = [f.mapTo(dialog, f.rect().topLeft()) for f in fields]
        dialog.date_of_birth.setFocus()
        QTest.keyClicks(dialog.date_of_birth, born)
        assert "Read as" in dialog.age_hint.text()
        qtbot.wait(20)  # the layout has reacted
        after = [f.mapTo(dialog, f.rect().topLeft()) for f in fields]
        if below == "age_band":
            assert after == before
        else:
            assert after[:2] == before[:2] and "a minor" in dialog.age_hint.text()
            assert dialog.guardian_box.isVisible()
        hint = dialog.age_hint
        fits = (
            hint.heightForWidth(hint.width()) <= hint.height()
            if hint.wordWrap()
            else hint.sizeHint().width() <= hint.width()
        )
        assert fits  # every word of it shows
        dialog.close()


def test_a_long_outcome_error_is_shown_whole_without_covering_the_notes(qtbot, db):
    from datetime import datetime, timedelta

    from mentordesk.store.models import Meeting
    from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog
    from tests.goals_fixtures import make_match

    pair = make_match()
    soon = datetime.combine(date.today() + timedelta(days=3), datetime.min.time()).replace(hour=16)
    meeting = Meeting.create(match=pair.match, starts_at=soon, duration_minutes=60)
    dialog = OutcomeDialog(meeting.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(20)
    held = dialog.status_buttons["held"]
    held.setFocus()
    QTest.keyClick(held, Qt.Key.Key_Space)
    for box in dialog.attendance.values():  # nobody came, and it has not even happened yet
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_Space)
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait(20)
    error = dialog.error_label
    assert "still to come" in error.text() and "Nobody attended" in error.text()
    assert error.heightForWidth(error.width()) <= error.height()  # every line shows
    assert not in_dialog(dialog, error).intersects(in_dialog(dialog, dialog.notes_edit))
    assert not in_dialog(dialog, error).intersects(in_dialog(dialog, dialog.save_button))


def test_ctrl_tab_types_a_tab_in_every_multi_line_field_of_every_dialog(qtbot, db, tmp_path):
    """Tab leaves a multi-line field, so Ctrl+Tab is how to type a tab character in one (issue 14)."""
    checked = 0
    for name, dialog in every_dialog(tmp_path).items():
        qtbot.addWidget(dialog)
        dialog.show()
        for box in dialog.findChildren(QPlainTextEdit):
            if not box.isVisible():
                continue
            box.setFocus()
            box.setPlainText("a")
            box.moveCursor(box.textCursor().MoveOperation.End)
            QTest.keyClick(box, Qt.Key.Key_Tab, CTRL)
            QTest.keyClicks(box, "b")
            assert box.toPlainText() == "a\tb", (
                f"{name}: Ctrl+Tab did not type a tab into {box.placeholderText()!r}"
            )
            checked += 1
        dialog.close()
    assert checked >= 10
