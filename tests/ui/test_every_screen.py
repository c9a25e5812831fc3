"""Every page, on a laptop screen and a large one, with the demo programme: nothing is cut off,
every control has a name a screen reader can say, and Tab follows reading order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

from mentordesk.ui import screenshots
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.pages import AREAS
from tests.screen_fixtures import backwards_steps, clipped, unnamed

SIZES = [(1024, 700), (1920, 1080)]


@pytest.fixture
def app_theme(qapp):
    """The application's own style, palette and style sheet, as the app starts with them."""
    from mentordesk.ui import theme

    saved = (qapp.styleSheet(), qapp.palette(), qapp.style().name())
    theme.apply(qapp, dark=False)
    yield
    qapp.setStyle(saved[2])
    qapp.setPalette(saved[1])
    qapp.setStyleSheet(saved[0])


@pytest.fixture
def demo_window(qtbot, db, tmp_path, app_theme):
    from mentordesk.services import demo

    demo.seed_demo(showcase=True)  # as a new user sees it: drafts to review, a group, a speed evening
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    return window


def _views(window: MainWindow, area_key: str):
    """The page of an area with its first row chosen, then each tab of each tab widget in turn."""
    page = window.show_area(area_key)
    screenshots._settle()
    screenshots._select_first_row(page)
    screenshots._settle()
    yield f"{area_key}", page
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisibleTo(page):
            continue
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            screenshots._settle()
            yield f"{area_key} › {tabs.tabText(index)}", page
        tabs.setCurrentIndex(0)


def _each_screen(window: MainWindow, check) -> list[str]:
    problems = []
    for area in AREAS:
        for where, page in _views(window, area.key):
            problems += [f"{where}: {p}" for p in check(page)]
    screenshots._show_speed_programme(window)  # the speed-mentoring timetable
    problems += [f"speed timetable: {p}" for p in check(window.page("pairing"))]
    screenshots._show_programme(window, "one_to_one")
    return sorted(set(problems))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_cut_off(demo_window, size):
    demo_window.resize(*size)
    problems = _each_screen(demo_window, lambda page: clipped(demo_window.centralWidget()))
    assert not problems, "\n".join(problems)


def test_sidebar_collapses_to_icons_and_the_pages_gain_the_room(demo_window, qtbot):
    demo_window.resize(1024, 700)
    wide = demo_window.stack.width()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(demo_window, Qt.Key.Key_F9)
    screenshots._settle()
    assert demo_window.sidebar_compact
    assert demo_window.stack.width() > wide + 100
    nav = demo_window.nav
    assert all(not nav.item(row).icon().isNull() for row in range(nav.count()))
    assert nav.item(0).toolTip().startswith("Dashboard")
    assert clipped(demo_window.centralWidget()) == []
    QTest.keyClick(demo_window, Qt.Key.Key_F9)
    screenshots._settle()
    assert not demo_window.sidebar_compact
    assert demo_window.stack.width() == wide


def test_every_control_has_an_accessible_name(demo_window):
    demo_window.resize(1024, 700)
    problems = _each_screen(demo_window, unnamed)
    problems += unnamed(demo_window.centralWidget().findChild(QWidget, "sidebar"))
    assert not problems, "\n".join(problems)


def test_tab_follows_reading_order(demo_window):
    demo_window.resize(1920, 1080)
    problems = _each_screen(demo_window, backwards_steps)
    assert not problems, "\n".join(problems)


def test_goals_match_names_stay_in_view_on_a_laptop(demo_window):
    """The match list beside the goals panel was squeezed to a 26 px name column."""
    demo_window.resize(1024, 700)
    page = demo_window.show_area("goals")
    screenshots._settle()
    view = page.match_view
    name_width = view.columnWidth(page.match_model.MATCH)
    assert name_width >= 100
    assert view.horizontalScrollBar().value() == 0


def test_statistics_speak_plainly_and_explain_themselves(demo_window):
    """No jargon on the cards, and every figure says what it means on hover and to a screen reader."""
    from PySide6.QtWidgets import QFrame, QLabel

    seen = 0
    for key in ("dashboard", "pairing", "goals"):
        page = demo_window.show_area(key)
        screenshots._settle()
        for card in page.findChildren(QFrame, "card"):
            if not card.findChild(QLabel, "cardValue"):
                continue
            seen += 1
            captions = " ".join(label.text() for label in card.findChildren(QLabel, "cardLabel"))
            assert len(card.toolTip()) > 30, f"{key}: the card {captions!r} does not explain itself"
            assert card.accessibleDescription() == card.toolTip()
            assert "Worst" not in captions
    assert seen >= 14
    pairing_page = demo_window.page("pairing")
    texts = " ".join(label.text() for label in pairing_page.findChildren(QLabel))
    assert "Lowest 5 % of scores" in texts and "greedy" not in texts.lower()


@pytest.fixture
def dialogs(qtbot, demo_db, tmp_path, app_theme):
    from tests.ui.dialog_cases import main_dialogs

    opened = main_dialogs(tmp_path)
    for dialog in opened.values():
        qtbot.addWidget(dialog)
        dialog.show()
    screenshots._settle()
    return opened


def test_main_dialogs_fit_name_their_controls_and_tab_in_reading_order(dialogs):
    problems = []
    for name, dialog in dialogs.items():
        for check in (clipped, unnamed, backwards_steps):
            problems += [f"{name}: {p}" for p in check(dialog)]
    assert not problems, "\n".join(problems)


def test_the_matcher_compares_itself_with_a_first_come_pairing_in_plain_words(demo_main_window, qtbot):
    page = demo_main_window.show_area("pairing")
    page.run_action.trigger()
    qtbot.waitUntil(lambda: page.task is None and "Proposed" in page.message.text(), timeout=30000)
    message = page.message.text()
    assert "first-come pairing (each mentee in turn taking the best mentor still free)" in message
    assert "greedy" not in message.lower()
