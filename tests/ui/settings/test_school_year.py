"""Settings › General › School year: the first day of each term, typed; saved once they make a year."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mentordesk.core.reports import this_term
from mentordesk.services import dashboard, reports
from mentordesk.store import settings as app_settings
from mentordesk.ui import screenshots
from tests.ui.settings.test_settings_saving import _tab


@pytest.fixture
def general(demo_main_window):
    page = demo_main_window.show_area("settings")
    screenshots._settle()
    return page, _tab(page, "General")


def test_a_fourth_term_is_saved_once_its_first_day_follows_the_third(general):
    page, tab = general
    assert tab.term_count.value() == 3 and "This term:" in tab.terms_hint.text()
    tab.term_count.setFocus()
    QTest.keyClick(tab.term_count, Qt.Key.Key_Up)
    # Term 4 starts on 1 January, before term 3: refused, named, nothing saved.
    assert tab.terms_error.isVisible()
    assert "Term 4 starts on 1 Jan, not after term 3 (1 Apr)" in tab.terms_error.text()
    assert app_settings.get("term_starts") is None
    month = tab.term_months[3]
    month.setFocus()
    QTest.keyClicks(month, "Jun")
    assert month.currentData() == 6
    day = tab.term_days[3]
    day.setFocus()
    QTest.keyClick(day, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(day, "15")
    assert app_settings.get("term_starts") == "09-01,01-01,04-01,06-15"
    assert not tab.terms_error.isVisible()
    terms = reports.school_terms()
    assert this_term(date(2027, 7, 1), terms).start == date(2027, 6, 15)
    # The dashboard's term figures follow the setting.
    figures = dashboard.term_figures(page.ctx.programme_id, date(2027, 7, 1))
    assert figures.period.start == date(2027, 6, 15)
    page.tabs.setFocus()
    QTest.keyClick(page.tabs, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert reports.school_terms().starts[-1] != (6, 15)


def test_the_uk_terms_button_puts_the_default_back(general):
    _page, tab = general
    reports.save_school_terms([(1, 28), (4, 22), (7, 15), (10, 7)])
    tab.refresh()
    assert tab.term_count.value() == 4 and tab.term_months[0].currentData() == 1
    QTest.mouseClick(tab.uk_terms_button, Qt.MouseButton.LeftButton)
    assert app_settings.get("term_starts") == "09-01,01-01,04-01" and tab.term_count.value() == 3
