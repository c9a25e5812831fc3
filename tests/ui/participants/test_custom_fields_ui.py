"""Custom fields in the GUI: the person dialog's "More about them" tab (typed with QTest) and the
detail pane's answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from mentordesk.core.participants import FieldDraft
from mentordesk.services import participants
from mentordesk.store.models import Enrolment, Participant, Programme
from mentordesk.ui.participants.detail_pane import DetailPane
from mentordesk.ui.participants.person_dialog import PersonDialog
from tests.screen_fixtures import unnamed


@pytest.fixture
def setup(qtbot, db):
    programme = Programme.create(name="Year 10")
    participants.define_field(
        programme.id, FieldDraft("Favourite subject", "text", role="mentee", required=True)
    )
    participants.define_field(programme.id, FieldDraft("Clubs", "multiple", ["Chess", "Coding"]))
    participants.define_field(programme.id, FieldDraft("Club day", "choice", ["Monday", "Friday"]))
    person = Participant.create(first_name="Ελένη", last_name="Παπαδοπούλου")
    Enrolment.create(participant=person, programme=programme, role="mentee")
    return programme, person


def open_dialog(qtbot, programme, person) -> PersonDialog:
    dialog = PersonDialog(programme.id, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    return dialog


def test_answers_typed_in_the_dialog_are_saved_and_shown(qtbot, setup):
    programme, person = setup
    dialog = open_dialog(qtbot, programme, person)
    assert dialog.tabs.tabText(dialog.tabs.count() - 1) == "More about them"
    assert unnamed(dialog.custom) == []
    subject = dialog.custom.findChildren(QLineEdit)[0]
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # the required answer is missing
    assert "Favourite subject: this field is required" in dialog.error_label.text()
    assert dialog.isVisible()
    subject.setFocus()
    QTest.keyClicks(subject, "Chemistry")  # QTest types ASCII only
    chess = next(b for b in dialog.custom.findChildren(QCheckBox) if b.text() == "Chess")
    QTest.keyClick(chess, Qt.Key.Key_Space)
    day = dialog.custom.findChildren(QComboBox)[0]
    day.setFocus()
    QTest.keyClick(day, Qt.Key.Key_Down)
    QTest.keyClick(day, Qt.Key.Key_Down)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    answers = {a.field.label: a.text for a in participants.read_answers(person.id, programme.id)}
    assert answers == {"Favourite subject": "Chemistry", "Clubs": "Chess", "Club day": "Friday"}
    again = open_dialog(qtbot, programme, person)  # loads what was saved
    assert again.custom.findChildren(QLineEdit)[0].text() == "Chemistry"

    pane = DetailPane()
    qtbot.addWidget(pane)
    row = next(r for r in participants.roster(programme.id) if r.participant_id == person.id)
    pane.show_person(row, programme.id)
    texts = [w.text() for w in pane.findChildren(type(pane.title))]
    assert "More about them" in texts and "Chemistry" in texts and "Friday" in texts
