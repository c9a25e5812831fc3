"""Alumni on the Participants page: every programme's leavers by keyboard, opened in their own programme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.services import demo
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow


@pytest.fixture
def page(qtbot, db, tmp_path):
    demo.seed_demo(showcase=True)
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    combo = window.programme_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if "Riverside" in combo.itemText(i)))
    return window.show_area("participants")


def test_alumni_of_every_programme_are_found_and_opened_with_their_history(page, qtbot):
    window = page.window()
    page.status_filter.setFocus()
    QTest.keyClick(page.status_filter, Qt.Key.Key_End)  # the last entry: Alumni of every programme
    assert page.status_filter.currentText() == "Alumni of every programme"
    assert page.mode_stack.currentWidget() is page.alumni and not page.bulk_bar.isEnabled()
    names = {page.alumni.model.row_at(r).name for r in range(page.alumni.model.rowCount())}
    assert names == {"Kofi Mensah", "Yasmin الحسيني"}  # from two other programmes
    assert page.count_label.text() == "2 alumni"
    page.search.setFocus()
    QTest.keyClicks(page.search, "sixth-form")  # the programme's name finds its leavers
    assert page.alumni.model.rowCount() == 1 and page.alumni.current().name == "Kofi Mensah"
    assert page.alumni.current().exit_reason == "Left the sixth form."
    page.alumni.table.setFocus()
    QTest.keyClick(page.alumni.table, Qt.Key.Key_Return)
    assert "cascade" in window.programme_combo.currentText()  # switched to his programme
    assert page.status_filter.currentText() == "Exited" and page.mode_stack.currentWidget() is page.splitter
    assert [r.name for r in page.selected_rows()] == ["Kofi Mensah"]
    assert page.side.currentWidget() is page.detail and page.detail.title.text() == "Kofi Mensah"


def test_leaving_the_alumni_filter_brings_the_roster_back(page):
    page.status_filter.setCurrentIndex(page.status_filter.findData("alumni"))
    page.status_filter.setCurrentIndex(0)
    assert page.mode_stack.currentWidget() is page.splitter and page.bulk_bar.isEnabled()
    assert page.count_label.text() == "40 people"
