"""The dashboard's figures and charts (issue 16) and its items opening what they name (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.models.rows_model import ROW_ROLE
from tests.services.reports.report_fixtures import build_programme


@pytest.fixture
def window(qtbot, db, tmp_path):
    build_programme("Report school")
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    dashboard = win.page("dashboard")
    qtbot.waitUntil(lambda: dashboard.report is not None, timeout=20000)
    return win


def shown_match_ids(win) -> set[int]:
    tab = win.page("pairing").matches
    return {tab.proxy.index(r, 0).data(ROW_ROLE).id for r in range(tab.proxy.rowCount())}


def test_a_figure_opens_the_matches_behind_it(qtbot, window):
    dashboard = window.page("dashboard")
    dashboard.tabs.setCurrentWidget(dashboard.figure_tabs["matches"])
    report = dashboard.report
    link = dashboard.figure_tabs["matches"].links["matches_active"]
    active = report.figures["matches_active"]
    assert link.text().startswith(f"{active}   Active")
    QTest.mouseClick(link, Qt.MouseButton.LeftButton)
    assert window.current_page() is window.page("pairing")
    assert shown_match_ids(window) == set(report.lists["matches_active"])
    banner = window.page("pairing").matches.banner
    assert banner.isVisible() and f"{active} shown from the dashboard" in banner.label.text()
    QTest.mouseClick(banner.show_all, Qt.MouseButton.LeftButton)
    assert len(shown_match_ids(window)) > active  # the closed one is back


def test_a_figure_opens_the_people_behind_it(qtbot, window):
    dashboard = window.page("dashboard")
    link = dashboard.figure_tabs["pipeline"].links["consent_missing"]
    QTest.mouseClick(link, Qt.MouseButton.LeftButton)
    page = window.page("participants")
    assert window.current_page() is page
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert page.proxy.row_at(0).participant_id in dashboard.report.lists["consent_missing"]


def test_a_figure_with_no_list_cannot_be_clicked(window):
    dashboard = window.page("dashboard")
    assert not dashboard.figure_tabs["activity"].links["mentoring_hours"].isEnabled()


def test_a_chart_bar_opens_its_matches(qtbot, window):
    dashboard = window.page("dashboard")
    dashboard.tabs.setCurrentWidget(dashboard.figure_tabs["activity"])
    views = dashboard.figure_tabs["activity"].chart_views
    goals = next(v for v in views if v.accessibleName() == "Goal progress chart")
    qtbot.waitExposed(goals)
    qtbot.wait(50)  # the chart lays its plot out once shown
    chart = goals.chart()
    series = chart.series()[0]
    keys = [key for key, _caption in goals.segments]
    row = keys.index("goals_in_progress")
    # The middle of the "In progress" bar: half its value along, on its category.
    value = dashboard.report.goals["in_progress"]
    scene = chart.mapToPosition(QPointF(value / 2, row), series)
    point = goals.mapFromScene(scene)
    QTest.mouseClick(
        goals.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(point)
    )
    assert window.current_page() is window.page("pairing")
    assert shown_match_ids(window) == set(dashboard.report.lists["goals_in_progress"])


def test_every_chart_segment_names_a_list(window):
    dashboard = window.page("dashboard")
    for tab in dashboard.figure_tabs.values():
        dashboard.tabs.setCurrentWidget(tab)
        assert tab.chart_views
        for view in tab.chart_views:
            assert view.accessibleName()
            for key, _caption in view.segments:
                assert key in dashboard.report.lists or key[:4].isdigit()  # a month opens the calendar


def test_charts_follow_new_data(qtbot, window):
    from mentordesk.store.models import Match

    dashboard = window.page("dashboard")
    before = dashboard.report
    Match.update(
        status="closed", closed_on=date.today(), closure_kind="premature", closure_reason="ended"
    ).where(Match.status == "active").execute()
    window.ctx.notify("pairing")
    qtbot.waitUntil(lambda: dashboard.report is not before, timeout=20000)
    assert dashboard.report.figures["matches_active"] == 0


def test_an_attention_item_opens_the_person_it_names(qtbot, window):
    dashboard = window.page("dashboard")
    dashboard.tabs.setCurrentIndex(0)
    items = [dashboard.attention_list.item(i) for i in range(dashboard.attention_list.count())]
    person = next(i for i in items if i.data(Qt.ItemDataRole.UserRole).participant_id is not None)
    wanted = person.data(Qt.ItemDataRole.UserRole).participant_id
    dashboard.attention_list.setCurrentItem(person)
    QTest.keyClick(dashboard.attention_list, Qt.Key.Key_Return)
    page = window.page("participants")
    assert window.current_page() is page
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)
    assert page.proxy.row_at(0).participant_id == wanted


def test_an_overdue_meeting_item_opens_its_match(qtbot, window):
    dashboard = window.page("dashboard")
    dashboard.tabs.setCurrentIndex(0)
    items = [dashboard.attention_list.item(i) for i in range(dashboard.attention_list.count())]
    item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole).area == "meetings")
    wanted = item.data(Qt.ItemDataRole.UserRole).match_id
    dashboard.attention_list.setCurrentItem(item)
    QTest.keyClick(dashboard.attention_list, Qt.Key.Key_Return)
    page = window.page("meetings")
    assert window.current_page() is page
    assert page.match_filter.currentData() == wanted


def test_a_card_opens_its_list_from_the_keyboard(qtbot, window):
    dashboard = window.page("dashboard")
    card = dashboard.cards["waiting"]
    card.setFocus()
    QTest.keyClick(card, Qt.Key.Key_Return)
    page = window.page("participants")
    assert window.current_page() is page
    wanted = set(dashboard.report.lists["mentees_waiting"])
    qtbot.waitUntil(lambda: page.proxy.rowCount() == len(wanted))
    assert {page.proxy.row_at(i).participant_id for i in range(page.proxy.rowCount())} == wanted


def test_the_active_card_opens_the_active_matches(qtbot, window):
    dashboard = window.page("dashboard")
    QTest.mouseClick(dashboard.cards["active"], Qt.MouseButton.LeftButton)
    assert window.current_page() is window.page("pairing")
    assert shown_match_ids(window) == set(dashboard.report.lists["matches_active"])
