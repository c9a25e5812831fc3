"""Network programmes in the GUI, driven by keys on the real widgets: New programme… offers the kind with
its help; Settings › Pairing edits the focus areas; the Pairing page shows every mentor with their areas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.services import pairing
from mentordesk.store.models import Programme
from mentordesk.ui import screenshots
from mentordesk.ui.models.rows_model import ROW_ROLE


def type_text(widget, text: str) -> None:
    """Key presses carrying any character (QTest.keyClicks only knows ASCII), as an input method sends them."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


@pytest.fixture
def window(qtbot, db, tmp_path):
    from mentordesk.services.demo import programme as demo
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.main_window import MainWindow

    demo.seed_demo(showcase=True)
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    network = Programme.get(Programme.kind == "network")
    window.reload_programmes(select_id=network.id)
    screenshots._settle()
    window.network_id = network.id
    return window


def test_new_programme_offers_network_with_its_help(qtbot, programme):
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

    dialog = ProgrammeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.name_edit, "Mentor network 2027")
    dialog.kind_combo.setFocus()
    QTest.keyClicks(dialog.kind_combo, "Network")
    assert dialog.kind_combo.currentData() == "network"
    assert "several mentors at once, each for a focus area" in dialog.kind_help.text()
    QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert Programme.get(Programme.name == "Mentor network 2027").kind == "network"


def test_settings_edit_focus_areas_by_keyboard(window):
    page = window.show_area("settings")
    screenshots._settle()
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Pairing")
    page.tabs.setCurrentIndex(index)
    screenshots._settle()
    box = page.tabs.widget(index).focus_box
    assert box.isVisible() and box.areas()[0] == "Careers"
    box.new_edit.setFocus()
    type_text(box.new_edit, "Μελέτη")
    QTest.keyClick(box.new_edit, Qt.Key.Key_Return)
    settings = pairing.read_settings(Programme.get_by_id(window.network_id))
    assert settings.focus_areas[-1] == "Μελέτη" and box.areas()[-1] == "Μελέτη"
    QTest.keyClicks(box.new_edit, "careers")  # already there, in other letters
    QTest.keyClick(box.new_edit, Qt.Key.Key_Return)
    assert "listed twice" in box.error_label.text()
    assert pairing.read_settings(Programme.get_by_id(window.network_id)).focus_areas == settings.focus_areas
    box.list.setFocus()
    QTest.keyClick(box.list, Qt.Key.Key_End)
    QTest.keyClick(box.remove_button, Qt.Key.Key_Space)
    assert "Μελέτη" not in pairing.read_settings(Programme.get_by_id(window.network_id)).focus_areas
    box.max_mentors.setFocus()
    QTest.keyClick(box.max_mentors, Qt.Key.Key_Down)
    assert pairing.read_settings(Programme.get_by_id(window.network_id)).max_mentors == 2
    for widget in (box.list, box.new_edit, box.max_mentors, box.add_button, box.remove_button):
        assert widget.accessibleName() or widget.text()


def test_pairing_page_shows_every_mentor_with_their_focus_areas(window):
    page = window.show_area("pairing")
    screenshots._settle()
    review = page.review
    texts = [review.model.index(r, review.model.MENTOR).data() for r in range(review.model.rowCount())]
    assert texts and all(" — " in text for text in texts)  # "Aoife Rahimi — Wellbeing"
    cell = review.view.visualRect(review.view.model().index(0, 0)).center()
    QTest.mouseClick(review.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, cell)
    first = review.breakdown.texts()[0]  # the link's reason leads the breakdown
    assert first.startswith("Covers ") and "Already covered:" in first and "Why " in first
    page.tabs.setCurrentWidget(page.matches)
    tab = page.matches
    tab.view.setFocus()
    QTest.keyClick(tab.view, Qt.Key.Key_Down)
    row = tab.current()
    assert row is not None and "(" in row.mentors
    assert tab.network_label.isVisible()
    assert tab.network_label.text().startswith(f"{row.mentees}'s mentors: ")
    for link in pairing.mentor_networks(window.network_id)[row.mentee_ids[0]]:
        assert link.text in tab.network_label.text()
    # A mentee with two mentors shows both on either link's row.
    rows = [tab.proxy.index(r, 0).data(ROW_ROLE) for r in range(tab.proxy.rowCount())]
    assert all(r.network.count(";") + 1 == sum(1 for o in rows if o.mentee_ids == r.mentee_ids) for r in rows)
