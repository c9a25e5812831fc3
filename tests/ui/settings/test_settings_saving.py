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


def test_check_types_and_closure_reasons_save_at_once_and_ctrl_z_puts_them_back(page, qtbot):
    from mentordesk.services import pairing, participants

    programme_id = page.ctx.programme_id
    reasons = _tab(page, "Closure reasons")
    before = [r.label for r in pairing.closure_reasons(programme_id)]
    QTest.keyClicks(reasons.new_edit, "Family illness")
    QTest.keyClick(reasons.new_edit, Qt.Key.Key_Return)
    assert [r.label for r in pairing.closure_reasons(programme_id)] == [*before[:-1], "Family illness", "Other"]
    checks = _tab(page, "Check types")
    assert checks.select("driving_record")
    checks.cycle.setFocus()
    checks.cycle.selectAll()
    QTest.keyClicks(checks.cycle, "18")
    QTest.keyClick(checks.cycle, Qt.Key.Key_Return)
    assert participants.check_types(programme_id).cycle("driving_record") == 18
    page.tabs.setFocus()
    QTest.keyClick(page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert participants.check_types(programme_id).cycle("driving_record") == 12
    QTest.keyClick(page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [r.label for r in pairing.closure_reasons(programme_id)] == before
    assert reasons.labels() == before[:-1]  # the tab shows the list as it was
