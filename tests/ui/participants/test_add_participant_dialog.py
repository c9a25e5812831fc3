"""Adding a participant as a new coordinator does it (issue 14): a minor's guardian and consent go in
the same dialog and are saved with the person in one transaction; the "guardian and consent needed"
warning follows what is typed; a date of birth under 18 makes the role Mentee unless one was chosen;
and Escape, Cancel or closing the window asks before throwing away what was typed.

Every step is typed or clicked with QTest on the real dialog."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from mentordesk.services import participants
from mentordesk.services.participants import (
    ConsentInput,
    EnrolmentDetails,
    GuardianInput,
    PersonDetails,
    Profile,
)
from mentordesk.store.models import ConsentRecord, Enrolment, Guardian, Participant, Programme
from mentordesk.ui.participants.person_dialog import PersonDialog
from tests import locale_fixtures
from tests.screen_fixtures import backwards_steps, clipped, unnamed

TODAY = date.today()
MINOR_BORN = date(TODAY.year - 15, TODAY.month, 1) - timedelta(days=1)  # 15 whatever the day
ADULT_BORN = date(1980, 5, 12)


british_dates = locale_fixtures.british_dates  # day-first typed dates in every test here


@pytest.fixture
def dialog(qtbot, db):
    programme = Programme.create(name="Year 10")
    widget = PersonDialog(programme.id)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def typed(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def born(dialog: PersonDialog, day: date) -> None:
    dialog.date_of_birth.setFocus()
    QTest.keyClick(dialog.date_of_birth, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.date_of_birth, day.strftime("%d/%m/%Y"))


def role(dialog: PersonDialog) -> str:
    return dialog.role.currentData()


def test_a_minor_is_added_with_guardian_and_consent_in_one_go(qtbot, dialog):
    typed(dialog.first_name, "Finn")
    typed(dialog.last_name, "Adeyemi")
    assert not dialog.guardian_box.isVisible() and role(dialog) == "mentor"
    born(dialog, MINOR_BORN)
    assert dialog.guardian_box.isVisible()
    assert role(dialog) == "mentee"  # a 15-year-old is a mentee unless the user says otherwise
    hint = dialog.age_hint
    assert "(age 15) — a minor: record a guardian and their consent below" in hint.text()
    assert hint.objectName() == "warning"
    QTest.keyClick(dialog.date_of_birth, Qt.Key.Key_Tab)  # Tab goes on to the guardian's fields
    assert dialog.focusWidget() is dialog.guardian_name
    QTest.keyClicks(dialog.guardian_name, "Grace Adeyemi")
    assert "record the guardian's phone or e-mail below" in hint.text()
    typed(dialog.guardian_relationship, "mother")
    typed(dialog.guardian_phone, "07700 900321")
    assert "record the guardian's consent below" in hint.text() and hint.objectName() == "warning"
    assert not dialog.consent_on.isEnabled()
    dialog.consent_given.setFocus()
    QTest.keyClick(dialog.consent_given, Qt.Key.Key_Space)
    assert dialog.consent_on.isEnabled() and dialog.consent_on.day() == date.today()
    assert "their guardian and consent are saved with them" in hint.text()
    assert hint.objectName() == "hint" and "record" not in hint.text()  # the warning is gone
    dialog.tabs.setCurrentIndex(1)
    dialog.status.setFocus()
    QTest.keyClick(dialog.status, Qt.Key.Key_End)  # "Ready": it needs the guardian's consent
    assert dialog.status.currentData() == "ready"
    QTest.keyClick(dialog.status, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    person = Participant.get_by_id(dialog.saved_id)
    guardian = Guardian.get(Guardian.participant == person)
    assert (guardian.name, guardian.relationship, guardian.phone) == ("Grace Adeyemi", "mother", "07700 900321")
    consent = ConsentRecord.get(ConsentRecord.participant == person)
    assert (consent.kind, consent.given, consent.given_on) == ("parental_permission", True, date.today())
    assert consent.guardian_id == guardian.id
    enrolment = Enrolment.get(Enrolment.participant == person)
    assert (enrolment.role, enrolment.status) == ("mentee", "ready")


def test_a_bad_guardian_blocks_saving_and_saves_nothing(qtbot, dialog):
    typed(dialog.first_name, "Mia")
    born(dialog, MINOR_BORN)
    typed(dialog.guardian_email, "not-an-address")
    assert "Give the guardian's name" in dialog.error_label.text()
    assert not dialog.ok_button.isEnabled()
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    typed(dialog.guardian_name, "Pat")
    assert "e-mail" in dialog.error_label.text().lower() and not dialog.ok_button.isEnabled()
    assert Participant.select().count() == 0 and dialog.isVisible()


def test_the_service_saves_all_or_nothing(db):
    programme = Programme.create(name="Year 10")
    profile = Profile(PersonDetails("Mia", "Lopez", date_of_birth=MINOR_BORN), EnrolmentDetails("mentee", "ready"))
    consent = ConsentInput("parental_permission", True, date.today())
    with pytest.raises(participants.ParticipantError, match="phone number or an e-mail"):
        participants.add_person_with_guardian(programme.id, profile, GuardianInput("Pat"), consent)
    with pytest.raises(participants.ParticipantError, match="Not cleared yet"):  # ready needs the consent
        participants.add_person_with_guardian(programme.id, profile, GuardianInput("Pat", phone="07700 900321"), None)
    assert Participant.select().count() == Guardian.select().count() == Enrolment.select().count() == 0


def test_the_role_follows_the_age_only_until_the_user_chooses_one(qtbot, dialog):
    born(dialog, MINOR_BORN)
    assert role(dialog) == "mentee"
    born(dialog, ADULT_BORN)  # a typing slip corrected: back to the default, guardian fields gone
    assert role(dialog) == "mentor" and not dialog.guardian_box.isVisible()
    dialog.tabs.setCurrentIndex(1)
    dialog.role.setFocus()
    QTest.keyClick(dialog.role, Qt.Key.Key_Down)  # the user picks Mentee themselves...
    QTest.keyClick(dialog.role, Qt.Key.Key_Up)  # ...then Mentor: their choice stands
    assert role(dialog) == "mentor"
    dialog.tabs.setCurrentIndex(0)
    born(dialog, MINOR_BORN)
    assert role(dialog) == "mentor" and dialog.guardian_box.isVisible()


def test_half_typed_dates_do_not_make_the_guardian_fields_flicker(qtbot, dialog):
    dialog.date_of_birth.setFocus()
    shown = []
    for key in MINOR_BORN.strftime("%d/%m/%Y"):
        QTest.keyClicks(dialog.date_of_birth, key)
        shown.append(dialog.guardian_box.isVisible())
    assert shown[-1] and shown == sorted(shown)  # hidden, then shown once, never back and forth


def _discard_box(dialog: PersonDialog):
    box = dialog.discard_box
    assert box is not None and box.isVisible()
    return box


def _press(box, text: str) -> None:
    button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_escape_cancel_and_close_ask_before_discarding_what_was_typed(qtbot, dialog):
    typed(dialog.first_name, "Ada")
    QTest.keyClick(dialog.first_name, Qt.Key.Key_Escape)
    box = _discard_box(dialog)
    assert box.text() == "Discard this new participant?"
    _press(box, "Keep editing")
    assert dialog.isVisible() and dialog.first_name.text() == "Ada"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
    _press(_discard_box(dialog), "Keep editing")
    dialog.close()  # the window's close button
    assert dialog.isVisible()
    _press(_discard_box(dialog), "Discard")
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert Participant.select().count() == 0


def test_nothing_typed_closes_without_a_question(qtbot, dialog):
    QTest.keyClick(dialog.first_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.discard_box is None


def test_editing_asks_about_changes_only(qtbot, db):
    programme = Programme.create(name="Year 10")
    pid = participants.save_profile(
        None, programme.id, Profile(PersonDetails("Zoë", "Ó'Brien"), EnrolmentDetails("mentor"))
    )
    edit = PersonDialog(programme.id, pid)
    qtbot.addWidget(edit)
    edit.show()
    QTest.keyClick(edit.first_name, Qt.Key.Key_Escape)  # nothing changed: it just closes
    assert not edit.isVisible() and edit.discard_box is None
    edit = PersonDialog(programme.id, pid)
    qtbot.addWidget(edit)
    edit.show()
    assert not edit.guardian_box.isVisible()
    typed(edit.organisation, "Riverside")
    QTest.keyClick(edit.organisation, Qt.Key.Key_Escape)
    assert _discard_box(edit).text() == "Discard your changes to Zoë Ó'Brien?"


def test_the_minor_form_fits_names_its_fields_and_tabs_in_reading_order(qtbot, dialog):
    born(dialog, MINOR_BORN)
    qtbot.wait(20)
    problems = clipped(dialog) + unnamed(dialog) + backwards_steps(dialog)
    assert not problems, "\n".join(problems)


def test_from_the_page_escape_then_discard_ends_the_dialog_and_adds_nobody(qtbot, demo_main_window):
    """The dialog as the page runs it (exec): the question answers inside its loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    page = demo_main_window.show_area("participants")
    before = Participant.select().count()
    seen = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PersonDialog):
            QTimer.singleShot(20, drive)
            return
        typed(dialog.first_name, "Ada")
        QTest.keyClick(dialog.first_name, Qt.Key.Key_Escape)
        box = _discard_box(dialog)
        seen.append(box.text())
        _press(box, "Discard")

    QTimer.singleShot(0, drive)
    page.add_action.trigger()
    assert seen == ["Discard this new participant?"]
    assert Participant.select().count() == before


def test_each_problem_under_the_form_names_its_field(qtbot, dialog):
    """A new coordinator typed 31/02/2026 as the consent date and read "31/02/2026 is not a date:
    February 2026 has 28 days." under a form with two dates (birth and consent), and "'anna@example'
    is not an e-mail address" with two e-mail fields: which one? Each line now starts with its field."""
    typed(dialog.first_name, "Lukasz")  # QTest types Latin-1 only
    born(dialog, MINOR_BORN)
    typed(dialog.guardian_name, "Anna Wisniewska")
    typed(dialog.guardian_email, "anna@example")
    dialog.consent_given.setFocus()
    QTest.keyClick(dialog.consent_given, Qt.Key.Key_Space)
    assert dialog.consent_given.isChecked()
    dialog.consent_on.setFocus()
    QTest.keyClick(dialog.consent_on, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.consent_on, "31/02/2026")
    lines = dialog.error_label.text().splitlines()
    assert "Guardian's e-mail: 'anna@example' is not an e-mail address" in lines[0]
    assert "Consent given on: 31/02/2026 is not a date: February 2026 has 28 days." in lines
    born_text = dialog.date_of_birth
    born_text.setFocus()
    QTest.keyClick(born_text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(born_text, "31/02/2010")
    assert "Date of birth: 31/02/2010 is not a date: February 2010 has 28 days." in dialog.error_label.text()
    dialog.first_name.setFocus()
    QTest.keyClick(dialog.first_name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.first_name, Qt.Key.Key_Delete)
    assert "A first name is required." in dialog.error_label.text().splitlines()  # named already: as it was
    assert not dialog.ok_button.isEnabled()
