"""Help › Keyboard shortcuts lists every shortcut, the window's and each page's, read from the actions
themselves; each page's shortcuts are also in the menu named after the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from mentordesk.ui.pages import AREAS


@pytest.fixture
def window(demo_main_window):
    return demo_main_window


def _open_dialog(window, qtbot):
    QTest.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None)
    dialog = window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def test_every_shortcut_of_every_page_is_listed(window, qtbot):
    for area in AREAS:
        window.page(area.key)
    dialog = _open_dialog(window, qtbot)
    listed = {keys for _, _, keys in dialog.rows()}
    assert all(what for _, what, _ in dialog.rows()), "a shortcut is listed without saying what it does"
    expected = set()
    for action in window.findChildren(QAction):
        expected |= {_native(s) for s in action.shortcuts()}
    for shortcut in window.findChildren(QShortcut):
        expected.add(_native(shortcut.key()))
    for button in window.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty() and button.shortcut() != QKeySequence.mnemonic(button.text()):
            expected.add(_native(button.shortcut()))
    assert expected - listed == set()
    rows = set(dialog.rows())
    assert ("Everywhere", "Keyboard shortcuts", "Ctrl+/") in rows
    assert ("Everywhere", "Participants", "Ctrl+2") in rows
    assert ("Goals", "Find match", "Ctrl+F") in rows
    assert ("Documents", "Agreement", "Ctrl+G") in rows  # a button's own shortcut
    assert ("Pairing", "Build timetable", "Ctrl+B") in rows
    dialog.close()


def test_the_list_filters_as_you_type_and_closes_with_escape(window, qtbot):
    dialog = _open_dialog(window, qtbot)
    QTest.keyClicks(dialog.filter_edit, "ctrl+f")
    shown = dialog.rows()
    assert shown and all("ctrl+f" in keys.lower() or "ctrl+f" in what.lower() for _, what, keys in shown)
    assert {where for where, _, _ in shown} >= {"Participants", "Goals"}
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_page_shortcuts_are_in_the_page_menu_and_work_from_it(window, qtbot):
    window.show_area("goals")
    menu = window.page_menu
    assert menu.title() == "Goals"
    menu.aboutToShow.emit()
    entries = {a.text(): a for a in menu.actions()}
    assert "Find match\tCtrl+F" in entries
    page = window.page("goals")
    entries["Find match\tCtrl+F"].trigger()
    QApplication.processEvents()
    assert page.filter_edit.hasFocus() or QApplication.focusWidget() is page.filter_edit
    window.show_area("participants")
    assert menu.title() == "Participants"
