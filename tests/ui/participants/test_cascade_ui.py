"""Cascade on screen: promoting from Participants (keyboard, real dialog) and the Tiers tab in Pairing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from mentordesk.services import demo, programmes
from mentordesk.store.models import Enrolment, Participant, ScreeningCheck
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.participants.promote_dialog import PromoteDialog


@pytest.fixture
def window(qtbot, db, tmp_path):
    demo.seed_demo(showcase=True)
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def choose_programme(window, words: str) -> int:
    combo = window.programme_combo
    index = next(i for i in range(combo.count()) if words in combo.itemText(i))
    combo.setCurrentIndex(index)
    return combo.itemData(index)


def when_modal(qtbot, action) -> None:
    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        action(dialog)

    QTimer.singleShot(0, run)


def test_promote_by_keyboard_names_who_was_not_promoted(window, qtbot, monkeypatch):
    programme_id = choose_programme(window, "cascade")
    page = window.show_area("participants")
    assert page.promote_button.isVisible()
    people = {r.name: r.participant_id for r in page.model.rows}
    # Kofi's match ended early and Rosa is mid-cycle: neither has completed a cycle.
    page.select_ids({people["Kofi Mensah"], people["Rosa Núñez"]})
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append((title, text)))
    seen = []

    def fill(dialog) -> None:
        assert isinstance(dialog, PromoteDialog)
        seen.append(dialog.windowTitle())
        dialog.capacity.setFocus()
        QTest.keyClick(dialog.capacity, Qt.Key.Key_Up)  # 1 -> 2 mentees each
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    when_modal(qtbot, fill)
    QTest.keyClick(page.promote_button, Qt.Key.Key_Space)
    assert seen == ["Promote 2 people to mentor"]
    assert told and told[0][0] == "Some were not promoted"
    assert "Kofi Mensah: has not completed a cycle" in told[0][1] and "Rosa Núñez" in told[0][1]
    kofi = Enrolment.get((Enrolment.participant == people["Kofi Mensah"]) & (Enrolment.programme == programme_id))
    assert kofi.role == "mentee"
    assert window.statusBar().currentMessage() == "Nobody was promoted; 2 not promoted."


def test_a_mentee_who_completed_a_cycle_becomes_a_mentor_and_the_tiers_show_it(window, qtbot, monkeypatch):
    from mentordesk.services.pairing import lifecycle

    programme_id = choose_programme(window, "cascade")
    rosa = Participant.get(Participant.first_name == "Rosa")
    match = next(m for m in rosa.memberships if m.match.programme_id == programme_id).match
    lifecycle.close_match(match.id, lifecycle.Closure(match.started_on, "planned", "End of the cycle", "coordinator"))
    page = window.show_area("participants")
    page.refresh()
    page.select_ids({rosa.id})
    when_modal(qtbot, lambda dialog: QTest.keyClick(dialog.ok, Qt.Key.Key_Space))
    QTest.keyClick(page.promote_button, Qt.Key.Key_Space)
    enrolment = Enrolment.get((Enrolment.participant == rosa) & (Enrolment.programme == programme_id))
    assert (enrolment.role, enrolment.status, enrolment.capacity) == ("mentor", "screening", 1)
    assert ScreeningCheck.select().where(
        (ScreeningCheck.participant == rosa) & (ScreeningCheck.outcome == "pending")
    ).count() == 6
    assert window.statusBar().currentMessage() == "1 promoted to mentor, 6 mentor checks to do."
    pairing_page = window.show_area("pairing")
    tiers = pairing_page.tiers
    assert pairing_page.tabs.isTabVisible(pairing_page.tabs.indexOf(tiers))
    model = tiers.model
    heads = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert heads == ["Tier 1: first mentors", "Tier 2", "Tier 3"]
    tier3 = model.index(2, 0)
    rows = {model.index(r, 0, tier3).data(): model.index(r, 1, tier3).data() for r in range(model.rowCount(tier3))}
    assert rows == {"Elif Yılmaz": "Mentee", "Rosa Núñez": "Mentor (promoted), in screening"}


def test_other_programmes_have_no_promote_button_nor_tiers(window):
    choose_programme(window, "Riverside Futures")
    assert not window.show_area("participants").promote_button.isVisible()
    pairing_page = window.show_area("pairing")
    assert not pairing_page.tabs.isTabVisible(pairing_page.tabs.indexOf(pairing_page.tiers))
    assert programmes.get_programme(window.ctx.programme_id).kind == "one_to_one"
