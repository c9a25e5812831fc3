"""File › Roll over to a new year…, driven from the keyboard: name, who continues, preview, roll over."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.store.models import Enrolment, Match, Programme
from mentordesk.ui.dialogs.rollover_wizard import next_name


def test_next_name_moves_the_year_on():
    assert next_name("Mentoring 2025-26") == "Mentoring 2026-27"
    assert next_name("Year 9 2025/2026") == "Year 9 2026/2027"
    assert next_name("Reading buddies 2025") == "Reading buddies 2026"
    assert next_name("Reading buddies") == "Reading buddies (next year)"
    assert next_name("Cohort 2099-00") == "Cohort 2100-01"


def test_roll_over_from_the_keyboard(demo_main_window, qtbot):
    window = demo_main_window
    source = Programme.get_by_id(window.ctx.programme_id)
    window.rollover_action.trigger()
    wizard = window.rollover_wizard
    qtbot.waitUntil(wizard.isVisible)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    year = wizard.year_page
    year.name.selectAll()
    QTest.keyClicks(year.name, "Next year of mentoring")
    QTest.keyClick(wizard, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    people = wizard.people_page
    qtbot.waitUntil(lambda: wizard.currentPage() is people, timeout=2000)  # Alt letters click a moment later
    pairs = people.pairs
    assert pairs.childCount() >= 2
    first = pairs.child(0)
    people.tree.setFocus()
    people.tree.setCurrentItem(first)
    QTest.keyClick(people.tree.viewport(), Qt.Key.Key_Space)  # untick the first pair
    assert first.checkState(0) == Qt.CheckState.Unchecked
    chosen = people.matches()
    assert len(chosen) == pairs.childCount() - 1
    QTest.keyClick(wizard, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.preview_page, timeout=2000)
    assert "Next year of mentoring" in wizard.preview_page.summary.text()
    QTest.keyClick(wizard, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=20_000)
    new = Programme.get(Programme.name == "Next year of mentoring")
    assert window.ctx.programme_id == new.id
    assert Enrolment.select().where(Enrolment.programme == new).count() >= 2 * len(chosen)
    drafts = Match.select().where((Match.programme == new) & (Match.status == "draft")).count()
    result = wizard.preview_page.result
    assert result is not None and drafts == len(result.proposed)
    assert len(result.proposed) + len(result.not_proposed) == len(chosen)
    assert Programme.get_by_id(source.id).name == source.name
    if result.not_proposed:  # said in a window that does not block, naming each pair and why
        notice = window.rollover_notice
        assert notice.isVisible() and result.not_proposed[0][1] in notice.text()
        notice.close()
