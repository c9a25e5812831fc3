"""The Events page driven by keys: Ctrl+9, a new training session typed in with invitees chosen by role,
the register kept from the keyboard (type to find, Return, Space, 2), the training check in screening,
the sign-in sheet read back with pypdf and the .ics file with icalendar."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from mentordesk.services import events, participants
from mentordesk.store.models import EventInvitee, ProgrammeEvent, ScreeningCheck
from mentordesk.ui.events.event_dialog import EventDialog
from mentordesk.ui.events.register_dialog import RegisterDialog
from tests.events_fixtures import make_scheme

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, db, tmp_path):
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.main_window import MainWindow

    scheme = make_scheme()
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    window.reload_programmes(select_id=scheme.programme.id)
    window.scheme = scheme
    return window


def dialog_of(qtbot, page, kind):
    qtbot.waitUntil(lambda: any(d.isVisible() for d in page.findChildren(kind)))
    dialog = next(d for d in page.findChildren(kind) if d.isVisible())
    dialog.activateWindow()  # offscreen Qt: a window manager would activate it; shortcuts need that
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def type_text(widget, text: str) -> None:
    """Keys with any script's letters (QTest.keyClicks takes ASCII only): what a keyboard layout sends."""
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def focus_page(qtbot, page) -> None:
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    page.setFocus()


def test_a_training_session_typed_in_and_its_register_kept_by_keys(qtbot, window, tmp_path):
    QTest.keyClick(window, Qt.Key.Key_9, CTRL)
    page = window.current_page()
    assert page.title == "Events"
    assert page.stack.currentWidget() is page.empty
    focus_page(qtbot, page)
    QTest.keyClick(page, Qt.Key.Key_N, CTRL)
    dialog = dialog_of(qtbot, page, EventDialog)
    dialog.kind_combo.setFocus()
    QTest.keyClicks(dialog.kind_combo, "Training")
    assert dialog.kind_combo.currentData() == "training" and dialog.hours_spin.isVisibleTo(dialog)
    QTest.keyClicks(dialog.title_edit, "Mentor training: safeguarding")
    dialog.starts_edit.date_edit.selectAll()
    QTest.keyClicks(dialog.starts_edit.date_edit, "2026-09-01")
    dialog.hours_spin.lineEdit().selectAll()
    QTest.keyClicks(dialog.hours_spin, "2.5")
    QTest.keyClicks(dialog.topics_edit, "Safeguarding, boundaries")
    dialog.role_combo.setFocus()
    QTest.keyClick(dialog.role_combo, Qt.Key.Key_Down)  # Mentors
    assert dialog.role_combo.currentData() == "mentor"
    QTest.keyClick(dialog.add_button, Qt.Key.Key_Space)
    assert len(dialog.invited_ids()) == 3
    # One by one: a mentee found by name and ticked with Space.
    type_text(dialog.find_edit, "美咲")
    dialog.people_view.setFocus()
    dialog.people_view.setCurrentIndex(dialog.people_proxy.index(0, 0))
    QTest.keyClick(dialog.people_view, Qt.Key.Key_Space)
    assert len(dialog.invited_ids()) == 4
    assert "4 of 7 invited" in dialog.count_label.text()
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    event = ProgrammeEvent.get()
    assert (event.kind, event.title, event.starts_at.date(), event.training_hours) == (
        "training",
        "Mentor training: safeguarding",
        date(2026, 9, 1),
        2.5,
    )
    assert EventInvitee.select().where(EventInvitee.event == event).count() == 4
    assert page.stack.currentIndex() == 1 and page.current().id == event.id

    focus_page(qtbot, page)
    QTest.keyClick(page, Qt.Key.Key_R, CTRL)
    register = dialog_of(qtbot, page, RegisterDialog)
    assert register.find_edit.hasFocus() or QApplication.focusWidget() is register.find_edit
    type_text(register.find_edit, "zoë")
    QTest.keyClick(register.find_edit, Qt.Key.Key_Return)  # the sign-in desk: Zoë attended
    assert register.find_edit.text() == ""
    type_text(register.find_edit, "Дмит")
    QTest.keyClick(register.find_edit, Qt.Key.Key_Down)
    QTest.keyClick(register.view, Qt.Key.Key_2)  # Dmitri sent apologies
    type_text(register.view, "美")  # type to find from the list
    assert register.find_edit.text() == "Дмит美" and register.proxy.rowCount() == 0
    register.find_edit.clear()
    register.view.setFocus()
    register.view.setCurrentIndex(register.proxy.index(0, 0))  # Athina (Greek sorts after Latin)
    rows = [
        register.model.rows[register.proxy.mapToSource(register.proxy.index(r, 0)).row()].name
        for r in range(4)
    ]
    target = rows.index("Αθηνά Παπαδοπούλου")
    register.view.setCurrentIndex(register.proxy.index(target, 0))
    QTest.keyClick(register.view, Qt.Key.Key_Space)  # attended
    QTest.keyClick(register.view, Qt.Key.Key_Space)  # and unticked again
    QTest.keyClick(register.view, Qt.Key.Key_3)  # absent after all
    QTest.keyClick(register.view, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not register.isVisible())
    marks = {i.participant.first_name: i.mark for i in EventInvitee.select()}
    assert marks == {"Zoë": "attended", "Дмитрий": "apologies", "Αθηνά": "absent", "美咲": ""}
    zoe = window.scheme.people[0].id
    checks = [c for c in participants.list_checks(zoe, window.scheme.programme.id) if c.kind == "training"]
    assert [(c.completed_on, c.hours, c.topics) for c in checks] == [
        (date(2026, 9, 1), 2.5, "Safeguarding, boundaries")
    ]
    assert "Attended (1)" in page.detail_label.text()

    # The sign-in sheet names everyone invited; the calendar file holds the event.
    from icalendar import Calendar
    from pypdf import PdfReader

    sheet = page.write_sheet(tmp_path / "sheet.pdf")
    text = "".join(p.extract_text() for p in PdfReader(str(sheet)).pages)
    assert "Mentor training: safeguarding" in text and "Zoë Ó'Brien" in text and "Дмитрий Иванов" in text
    ics = page.export_calendar(tmp_path / "events.ics")
    calendar = Calendar.from_ical(ics.read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Mentor training: safeguarding"
    assert vevent.decoded("DTSTART") == datetime(2026, 9, 1, 17, 0, tzinfo=vevent.decoded("DTSTART").tzinfo)


def test_a_bad_event_stays_open_with_the_problem_named(qtbot, window):
    page = window.show_area("events")
    page.new_event()
    dialog = dialog_of(qtbot, page, EventDialog)
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible() and "title" in dialog.error_label.text()
    assert ProgrammeEvent.select().count() == 0


def test_a_future_event_takes_only_apologies(qtbot, window):
    from mentordesk.core.events import EventFields

    scheme = window.scheme
    event_id = events.save_event(
        scheme.programme.id,
        EventFields("celebration", "Party", datetime(2099, 1, 1, 18)),
        invitee_ids=scheme.ids(0, 3),
    )
    page = window.show_area("events")
    page.select_event(event_id)
    page.open_register()
    register = dialog_of(qtbot, page, RegisterDialog)
    register.view.setFocus()
    QTest.keyClick(register.view, Qt.Key.Key_Space)
    QTest.keyClick(register.view, Qt.Key.Key_Return, CTRL)
    assert register.isVisible() and "still to come" in register.error_label.text()
    assert ScreeningCheck.select().count() == 0
    assert {i.mark for i in EventInvitee.select()} == {""}


def test_import_register_refuses_a_bad_file_naming_the_row_then_takes_a_good_one(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from mentordesk.core.events import EventFields

    scheme = window.scheme
    event_id = events.save_event(
        scheme.programme.id,
        EventFields("training", "Training", datetime(2026, 10, 1, 18), 60, "", "", 2, "Safeguarding"),
        invitee_ids=scheme.ids(0, 1),
    )
    page = window.show_area("events")
    page.select_event(event_id)
    bad = tmp_path / "bad.csv"
    bad.write_text("name,mark\nZoë Ó'Brien,attended\nNobody,attended\n", encoding="utf-8")
    result = page.import_register(bad)
    assert result is not None and not result.ok
    box = next(b for b in page.findChildren(QMessageBox) if b.isVisible())
    assert "Row 3: nobody called 'Nobody'" in box.informativeText()
    box.close()
    assert {i.mark for i in EventInvitee.select()} == {""}
    good = tmp_path / "good.csv"
    good.write_text("email,mark\np0@example.org,attended\np1@example.org,absent\n", encoding="utf-8")
    result = page.import_register(good)
    assert result is not None and (result.marked, result.checks) == (2, 1)
    assert "Attended (1)" in page.detail_label.text() and "Absent (1)" in page.detail_label.text()


def test_deleting_a_training_session_says_its_checks_go_too(qtbot, window):
    from mentordesk.core.events import EventFields

    scheme = window.scheme
    event_id = events.save_event(
        scheme.programme.id,
        EventFields("training", "Training", datetime(2026, 10, 1, 18), 60, "", "", 2, "Safeguarding"),
        invitee_ids=scheme.ids(0, 1),
    )
    events.record_marks(event_id, dict.fromkeys(scheme.ids(0, 1), "attended"))
    page = window.show_area("events")
    page.select_event(event_id)
    page.edit_event()
    dialog = dialog_of(qtbot, page, EventDialog)
    assert not dialog.kind_warning.isVisibleTo(dialog)
    dialog.kind_combo.setFocus()
    QTest.keyClick(dialog.kind_combo, Qt.Key.Key_Down)  # a group session
    assert "removes the 2 training check(s)" in dialog.kind_warning.text()
    assert dialog.kind_warning.isVisibleTo(dialog)
    QTest.keyClick(dialog.kind_combo, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 2
    box = page.delete_event()
    assert "training checks its register recorded for 2 people are deleted too" in box.text()
    box.button(box.StandardButton.Cancel).click()
    assert ProgrammeEvent.select().count() == 1
    box = page.delete_event()
    next(b for b in box.buttons() if b.text() == "&Delete").click()
    qtbot.waitUntil(lambda: ProgrammeEvent.select().count() == 0)
    assert ScreeningCheck.select().where(ScreeningCheck.kind == "training").count() == 0
    assert page.stack.currentWidget() is page.empty


def _register_open_while_someone_else_marks(qtbot, window):
    """The register opened; Zoë signed in at this desk and Dmitri marked apologies; meanwhile another
    coordinator marks Zoë absent and 美咲 attended and saves first."""
    from mentordesk.core.events import EventFields

    scheme = window.scheme
    event_id = events.save_event(
        scheme.programme.id,
        EventFields("celebration", "Summer party", datetime(2026, 7, 10, 17)),
        invitee_ids=scheme.ids(0, 1, 2, 3),
    )
    page = window.show_area("events")
    page.select_event(event_id)
    page.open_register()
    register = dialog_of(qtbot, page, RegisterDialog)
    type_text(register.find_edit, "zoë")
    QTest.keyClick(register.find_edit, Qt.Key.Key_Return)
    type_text(register.find_edit, "Дмит")
    QTest.keyClick(register.find_edit, Qt.Key.Key_Down)
    QTest.keyClick(register.view, Qt.Key.Key_2)
    ids = {i.participant.first_name: i.participant_id for i in EventInvitee.select()}
    events.record_marks(event_id, {ids["Zoë"]: "absent", ids["美咲"]: "attended"})  # the other desk
    return register, ids


def test_two_desks_marking_the_same_person_are_asked_whose_mark_to_keep(qtbot, window, monkeypatch):
    """Found from outside: the register had no edit session, so a second desk's save overwrote the
    first's marks for the same people without a word."""
    from tests.ui.dialogs.test_conflict_dialog import answer_conflicts, click, rows

    register, ids = _register_open_while_someone_else_marks(qtbot, window)

    def keep_theirs_for_zoe(dialog, qtbot):
        assert rows(dialog) == {str(ids["Zoë"]): ("Absent", "Attended", "mine")}  # only the clash is asked
        assert any(label.text().startswith("Zoë") for label in dialog.findChildren(QLabel))  # named, not an id
        click(qtbot, dialog.buttons_of[str(ids["Zoë"])]["theirs"])
        click(qtbot, dialog.save_merged)

    seen = answer_conflicts(monkeypatch, qtbot, keep_theirs_for_zoe)
    QTest.keyClick(register.view, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not register.isVisible())
    assert len(seen) == 1
    marks = {i.participant.first_name: i.mark for i in EventInvitee.select()}
    assert marks == {"Zoë": "absent", "Дмитрий": "apologies", "美咲": "attended", "Αθηνά": ""}


def test_back_to_editing_after_a_clash_saves_nothing(qtbot, window, monkeypatch):
    from tests.ui.dialogs.test_conflict_dialog import answer_conflicts, click

    register, ids = _register_open_while_someone_else_marks(qtbot, window)
    answer_conflicts(monkeypatch, qtbot, lambda dialog, qtbot: click(qtbot, dialog.back))
    QTest.keyClick(register.view, Qt.Key.Key_Return, CTRL)
    assert register.isVisible() and "Nothing saved" in register.error_label.text()
    marks = {i.participant.first_name: i.mark for i in EventInvitee.select()}
    assert marks == {"Zoë": "absent", "Дмитрий": "", "美咲": "attended", "Αθηνά": ""}
