"""The one date editor: every form a coordinator types lands on the date they meant, in every dialog.

Typing "01/11/2026" into the old section-by-section QDateEdit saved 07/11/2026; these tests type
each form with QTest key clicks into every date field of every dialog and read what the field holds.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QTableView, QWidget

from mentordesk.store.models import Programme
from mentordesk.ui.widgets.date_edit import DateEdit
from tests import locale_fixtures
from tests.dialog_fixtures import every_dialog
from tests.goals_fixtures import make_match

FIRST_NOVEMBER = QDate(2026, 11, 1)
TYPED = ["01/11/2026", "1/11/26", "01112026", "2026-11-01", "1 November 2026"]


british_dates = locale_fixtures.british_dates  # day-first typed dates in every test here


def type_into(field: DateEdit, text: str) -> None:
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, text)


def date_fields(dialog: QWidget) -> list[DateEdit]:
    return dialog.findChildren(DateEdit)


# -- the widget ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", TYPED)
def test_each_typed_form_is_the_first_of_november(qtbot, text):
    field = DateEdit(date(2026, 12, 7))
    qtbot.addWidget(field)
    field.show()
    type_into(field, text)
    assert field.date() == FIRST_NOVEMBER
    QTest.keyClick(field, Qt.Key.Key_Return)  # finishing the field shows the date the locale's way
    assert field.text() == "01/11/2026"


def test_month_first_locale_reads_month_first(qtbot):
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    field = DateEdit()
    qtbot.addWidget(field)
    type_into(field, "11/01/2026")
    assert field.date() == FIRST_NOVEMBER
    type_into(field, "11012026")
    assert field.date() == FIRST_NOVEMBER


@pytest.mark.parametrize(
    ("text", "reason"),
    [("31/02/2026", "February 2026 has 28 days"), ("13/13/2026", "there is no month 13"), ("tomorrow", "not a date"), ("", "needed")],
)
def test_text_that_is_not_a_date_is_refused_never_replaced(qtbot, text, reason):
    field = DateEdit(date(2026, 12, 7))
    qtbot.addWidget(field)
    type_into(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert not field.date().isValid()
    assert field.text() == text  # what was typed stays for the user to fix
    assert reason in field.error() and reason in field.toolTip()
    assert field.property("invalid") is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2027", "31/02/2027 is not a date: February 2027 has 28 days"),
        ("29/02/2027", "29/02/2027 is not a date: February 2027 has 28 days"),
        ("31/04/2027", "31/04/2027 is not a date: April 2027 has 30 days"),
        ("2027-02-30", "2027-02-30 is not a date: February 2027 has 28 days"),
        ("31022027", "31022027 is not a date: February 2027 has 28 days"),
        ("31 February 2027", "31 February 2027 is not a date: February 2027 has 28 days"),
        ("0/03/2027", "0/03/2027 is not a date: there is no day 0"),
        ("12/13/2027", "12/13/2027 is not a date: there is no month 13 (write dd/mm/yyyy)"),
    ],
)
def test_a_day_the_month_does_not_have_is_named(qtbot, db, text, message):
    """The new-goal form (and so every date field) says which month is too short, not only "no"."""
    from mentordesk.ui.goals.goal_dialog import GoalDialog

    pair = make_match()
    dialog = GoalDialog(pair.match.id, pair.programme.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.target_edit, text)
    assert dialog.target_edit.error() == message
    assert dialog.target_edit.toolTip() == message
    assert f"Target date: {message}." in dialog.error_label.text()  # as typed, not only on OK
    assert "choose the date" not in dialog.error_label.text()
    QTest.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert message + "." in dialog.error_label.text()
    assert "29/02/2028" not in dialog.error_label.text()
    type_into(dialog.target_edit, "29/02/2028")  # a leap year has the day
    assert dialog.target_edit.error() == ""


def test_range_and_future_limits_say_why(qtbot):
    field = DateEdit(past_only=True)
    qtbot.addWidget(field)
    type_into(field, "01/01/2199")
    assert "in the future" in field.error()
    field = DateEdit()
    qtbot.addWidget(field)
    field.setMinimumDate(QDate(2026, 12, 1))
    type_into(field, "01/11/2026")
    assert field.error() == "01/11/2026 is before 01/12/2026"


def test_the_calendar_popup_picks_a_day_by_keyboard(qtbot):
    field = DateEdit(date(2026, 11, 5))
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field._popup.calendar
    assert field._popup.isVisible() and calendar.selectedDate() == QDate(2026, 11, 5)
    grid = calendar.findChild(QTableView)
    QTest.keyClick(grid, Qt.Key.Key_Left)
    QTest.keyClick(grid, Qt.Key.Key_Return)
    assert field.date() == QDate(2026, 11, 4) and not field._popup.isVisible()


# -- every date field of every dialog ------------------------------------------------------------


def test_every_date_field_of_every_dialog_reads_each_typed_form(qtbot, db, tmp_path):
    seen = 0
    for name, dialog in every_dialog(tmp_path).items():
        qtbot.addWidget(dialog)
        for box in dialog.findChildren(QCheckBox):  # "Done on", "Follow up on" wait for their tick box
            box.setChecked(True)
        fields = date_fields(dialog)
        for field in fields:
            field.setMinimumDate(QDate(2000, 1, 1))  # every dialog's own limits allow 1 November 2026
            field.past_only = False
            field.setMaximumDate(QDate(2100, 1, 1))
            for text in TYPED:
                type_into(field, text)
                assert field.date() == FIRST_NOVEMBER, (
                    f"{name} {field.accessibleName()}: {text!r} read as {field.date()}"
                )
            seen += 1
    assert seen >= 20  # dob, 2 away, 2 screening, 2 consent, 3 goal, 2 milestone, 2 review, ...


def test_no_dialog_uses_the_section_editor_any_more():
    """A new QDateEdit/QDateTimeEdit would bring the silent wrong dates back."""
    ui = Path(__file__).parents[2] / "mentordesk" / "ui"
    offenders = [
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if path.name != "date_edit.py"
        and re.search(r"\bQDate(Time)?Edit\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_typed_programme_start_is_saved_as_typed_and_a_bad_one_refused(qtbot, db):
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.name_edit, "Year 9 2026")
    type_into(dialog.start_edit, "31/02/2026")
    type_into(dialog.end_edit, "31/07/2027")
    QTest.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    assert Programme.select().count() == 0
    assert "February 2026 has 28 days" in dialog.error_label.text() and dialog.focusWidget() is dialog.start_edit
    type_into(dialog.start_edit, "01/11/2026")
    QTest.keyClick(dialog.start_edit, Qt.Key.Key_Return)
    saved = Programme.get()
    assert (saved.starts_on, saved.ends_on) == (date(2026, 11, 1), date(2027, 7, 31))


def test_a_typed_series_end_is_kept_and_an_end_before_the_start_refused(qtbot, db):
    from mentordesk.core.meetings import Repeat
    from mentordesk.store.models import Meeting
    from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog

    pair = make_match(started_on=date(2026, 9, 1))
    dialog = ScheduleDialog(pair.programme.id, match_id=pair.match.id, start=datetime(2027, 1, 12, 16))
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.recurrence_box
    box.repeat_combo.setCurrentIndex(box.repeat_combo.findData(Repeat.WEEKLY.value))
    QTest.mouseClick(box.until_radio, Qt.MouseButton.LeftButton)
    type_into(box.until_edit, "01/01/2027")  # before the first meeting
    dialog.accept()
    assert Meeting.select().count() == 0
    assert "before 12/01/2027" in dialog.error_label.text()
    assert box.until_edit.text() == "01/01/2027"  # not silently moved to a later day
    type_into(box.until_edit, "02/02/2027")
    type_into(dialog.start_edit.date_edit, "19/01/2027")  # moving the start keeps the typed end
    assert box.until_edit.date() == QDate(2027, 2, 2)
