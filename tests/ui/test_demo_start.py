"""A newcomer who asks for the demo starts on its main programme, and every greyed-out pairing action
says why (the speed evening is paired by its timetable, not the matcher)."""

from __future__ import annotations

import pytest

from mentordesk.core.vocab import ProgrammeKind
from mentordesk.store.models import Programme
from mentordesk.ui import screenshots, startup
from tests import protection_fixtures

_close_db = protection_fixtures.close_db_after_each_test


def test_the_demo_opens_on_its_main_one_to_one_programme(qtbot, tmp_path):
    """It opened on the speed evening (which starts later, so it sorts first), where a newcomer's
    first participant and import then landed."""
    window = startup.start_window(tmp_path / "new.db", demo=True)
    assert window is not None
    qtbot.addWidget(window)
    chosen = Programme.get_by_id(window.ctx.programme_id)
    assert chosen.kind == ProgrammeKind.ONE_TO_ONE.value and "Riverside" in chosen.name
    assert window.programme_combo.currentText() == chosen.name
    assert Programme.select().where(Programme.kind == ProgrammeKind.SPEED.value).count() == 1
    page = window.show_area("pairing")
    screenshots._settle()
    assert page.run_action.isEnabled() and page.run_button.isEnabled()


@pytest.fixture
def showcase_window(qtbot, db, tmp_path):
    from mentordesk.services import demo
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.main_window import MainWindow

    demo.seed_demo(showcase=True)
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.show()
    return window


def _reasons(action, button) -> tuple[str, str, str]:
    return action.toolTip(), action.statusTip(), button.toolTip()


def test_on_the_speed_evening_the_night_comes_first_and_the_follow_up_run_is_ready(showcase_window, qtbot):
    window = showcase_window
    screenshots._show_speed_programme(window)
    page = window.page("pairing")
    assert page.tabs.currentWidget() is page.speed_night
    # The demo's taster evening has wishes to meet again: the follow-up run can use them.
    assert page.run_action.isEnabled() and page.run_button.isEnabled()
    assert not page.publish_action.isEnabled()
    tip, status, button_tip = _reasons(page.publish_action, page.publish_button)
    assert "Nothing to publish yet" in tip and tip == status == button_tip
    # The dashboard's hint for the people waiting matches what this programme allows.
    dashboard = window.show_area("dashboard")
    screenshots._settle()
    assert dashboard.cards["waiting"].detail.text() == "Plan the speed night in Pairing"
    screenshots._show_programme(window, "one_to_one")
    window.show_area("dashboard")
    screenshots._settle()
    assert dashboard.cards["waiting"].detail.text() == "Run the matcher in Pairing"
    page = window.show_area("pairing")
    screenshots._settle()
    assert page.run_action.isEnabled() and not page.run_action.statusTip()
    assert page.run_button.toolTip() == "Re-run for the rest (Ctrl+Shift+R)"


def test_publish_with_nothing_to_publish_says_so(showcase_window, qtbot):
    from mentordesk.services import programmes

    created = programmes.create_programme("Staff mentoring 2027")
    showcase_window.reload_programmes(select_id=created.id)
    page = showcase_window.show_area("pairing")
    screenshots._settle()
    assert page.run_action.isEnabled()
    assert not page.publish_action.isEnabled()
    assert "run the matcher" in page.publish_button.toolTip() and page.publish_button.statusTip()
    # While the matcher runs, it says so.
    page.run_action.trigger()
    assert not page.run_action.isEnabled() and "running" in page.run_button.toolTip()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert page.run_action.isEnabled()
