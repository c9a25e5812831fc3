"""Settings: one way of saving on every tab (each change is saved at once) and Ctrl+Z to step back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from mentordesk.services.participants import rules_for
from mentordesk.store import settings as app_settings
from mentordesk.ui import screenshots


@pytest.fixture
def page(demo_main_window):
    page = demo_main_window.show_area("settings")
    screenshots._settle()
    return page


def _tab(page, title):
    index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == title)
    page.tabs.setCurrentIndex(index)
    return page.tabs.widget(index)


def test_no_tab_has_a_save_button(page):
    """Settings save as they change. (A goal template is a record composed then saved, not a setting.)"""
    from mentordesk.ui.goals.templates import TemplateEditor

    for index in range(page.tabs.count()):
        tab = page.tabs.widget(index)
        editors = tab.findChildren(TemplateEditor)
        saves = [
            b.text()
            for b in tab.findChildren(QPushButton)
            if b.text().replace("&", "").startswith("Save") and not any(e.isAncestorOf(b) for e in editors)
        ]
        assert saves == [], f"{page.tabs.tabText(index)} saves differently: {saves}"


def test_a_change_is_saved_at_once_and_ctrl_z_puts_it_back(page, qtbot):
    programme_id = page.ctx.programme_id
    screening = _tab(page, "Screening")
    before = rules_for(programme_id).references
    screening.references.setFocus()
    QTest.keyClick(screening.references, Qt.Key.Key_Up)
    assert rules_for(programme_id).references == before + 1  # saved, no button to press
    assert page.undo_action.isEnabled()
    general = _tab(page, "General")
    general.organisation_edit.setFocus()
    QTest.keyClicks(general.organisation_edit, "Riverside Academy")
    QTest.keyClick(general.organisation_edit, Qt.Key.Key_Return)
    assert app_settings.get("organisation_name") == "Riverside Academy"

    page.tabs.setFocus()
    QTest.keyClick(page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert app_settings.get("organisation_name") == ""
    assert general.organisation_edit.text() == ""
    QTest.keyClick(page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rules_for(programme_id).references == before
    assert screening.references.value() == before
    assert not page.undo_action.isEnabled()
    page.redo_action.trigger()
    assert rules_for(programme_id).references == before + 1
    assert "Redone" in page.window().statusBar().currentMessage()


def test_another_programme_starts_a_fresh_history(page, demo_main_window):
    screening = _tab(page, "Screening")
    screening.interview.click()
    assert page.undo_action.isEnabled()
    from mentordesk.store.models import Programme

    other = Programme.create(name="Another programme")
    demo_main_window.reload_programmes(select_id=other.id)
    assert not page.undo_action.isEnabled()
