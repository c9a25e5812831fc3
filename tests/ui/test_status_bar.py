"""Found from outside: a long status message was cut off without a sign. It now ends in "…" where it
would be cut, and the whole text is in the tooltip (and still what currentMessage returns)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow

LONG = (
    "Rolled over to 2027/28: 24 people continue, 3 pairs proposed again; these pairs were not proposed "
    "because a check has expired or consent is missing: Ann Lee and Ben Okafor, Chloé Dubois and Δημήτρης "
    "Παπαδόπουλος, Олена Шевченко and 李小龙."
)


@pytest.fixture
def window(qtbot, db, tmp_path):
    """The main window at the width of a laptop screen, shown."""
    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    window.resize(QSize(1024, 700))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_long_message_ends_in_an_ellipsis_within_the_bar_and_shows_whole_in_the_tooltip(window, qtbot):
    bar = window.statusBar()
    window.ctx.show_status(LONG, 0)
    shown = bar._shown
    assert shown.endswith("…") and shown != LONG
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.message_room()
    assert LONG.startswith(shown[:-1])
    assert bar.toolTip() == LONG
    assert bar.currentMessage() == LONG  # what the app and its tests read
    # Wider, it shows more of it; a short message after it has no tooltip.
    window.resize(QSize(1900, 700))
    qtbot.waitUntil(lambda: len(bar._shown) > len(shown))
    window.ctx.show_status("Saved.", 0)
    assert bar._shown == "Saved." and bar.toolTip() == ""
    bar.clearMessage()
    assert bar.currentMessage() == "" and bar.toolTip() == ""


def test_a_message_that_times_out_leaves_no_tooltip(window, qtbot):
    bar = window.statusBar()
    window.ctx.show_status(LONG, 200)
    assert bar.toolTip() == LONG
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=3000)
    assert bar.toolTip() == ""
