"""Help › Keyboard shortcuts lists every shortcut, the window's and each page's, read from the actions
themselves; each page's shortcuts are also in the menu named after the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolButton

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
    assert menu.title() == "&Goals"  # Alt+G opens it (found from outside: Alt+D did not open Dashboard's)
    menu.aboutToShow.emit()
    entries = {a.text(): a for a in menu.actions()}
    assert "Find match\tCtrl+F" in entries
    page = window.page("goals")
    entries["Find match\tCtrl+F"].trigger()
    QApplication.processEvents()
    assert page.filter_edit.hasFocus() or QApplication.focusWidget() is page.filter_edit
    window.show_area("participants")
    assert menu.title() == "&Participants"
    # Each area's menu opens with Alt and its first letter, which no other menu of the bar takes.
    from mentordesk.ui.pages import AREAS

    others = {a.text().replace("&&", "")[a.text().index("&") + 1].lower() for a in window.menuBar().actions()
              if a.menu() is not menu and "&" in a.text()}
    for area in AREAS:
        window.show_area(area.key)
        assert menu.title() == "&" + area.title and area.title[0].lower() not in others


def test_the_page_menu_leaves_out_the_keys_of_tabs_this_programme_does_not_have(window, qtbot):
    """Found from outside: the Pairing menu listed a shadow board's keys for every programme."""
    from mentordesk.store.models import Programme

    board = Programme.create(name="Student board", kind="shadow_board")
    page = window.show_area("pairing")
    menu = window.page_menu
    menu.aboutToShow.emit()
    names = [a.text().split("\t")[0] for a in menu.actions()]
    assert "New session" not in names and "Run matcher" in names
    window.reload_programmes(select_id=board.id)
    qtbot.waitUntil(lambda: page.tabs.isTabVisible(page.tabs.indexOf(page.board)))
    menu.aboutToShow.emit()
    entries = {a.text().split("\t")[0]: a for a in menu.actions()}
    assert "New session" in entries and "Build timetable" not in entries
    assert not entries["Run matcher"].isEnabled()  # a board is not paired: shown, and why not in its tip


def _run_started(page) -> bool:
    return page.task is not None or "Proposed" in page.message.text()


def test_run_matcher_key_works_right_after_choosing_the_programme(window, qtbot):
    """Ctrl+Shift+R did nothing with focus in the programme selector (outside the page)."""
    from mentordesk.store.models import Programme

    Programme.create(name="Another programme")
    window.reload_programmes()
    page = window.show_area("pairing")
    combo = window.programme_combo
    window.activateWindow()
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    demo = combo.currentIndex()
    QTest.keyClick(combo, Qt.Key.Key_Down if demo == 0 else Qt.Key.Key_Up)  # to the other one ...
    QTest.keyClick(combo, Qt.Key.Key_Up if demo == 0 else Qt.Key.Key_Down)  # ... and back, by keyboard
    assert combo.currentIndex() == demo and combo.hasFocus()
    assert not _run_started(page)
    QTest.keyClick(combo, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _run_started(page), timeout=5000)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)


def test_run_matcher_key_works_after_clicking_the_proposals_tab(window, qtbot):
    page = window.show_area("pairing")
    window.activateWindow()
    window.nav.setFocus()  # as after clicking Pairing in the sidebar
    qtbot.waitUntil(window.nav.hasFocus)
    bar = page.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # Matches ...
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())  # ... then Proposals
    assert page.tabs.currentWidget() is page.review
    focus = QApplication.focusWidget()
    QTest.keyClick(focus, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _run_started(page), timeout=5000)
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)


def test_page_keys_with_ctrl_or_alt_answer_from_anywhere_in_the_window_but_only_on_their_page(window, qtbot):
    """Every page's Ctrl/Alt shortcuts are window-wide while the page shows; keys a field types
    (letters, Delete, Return) stay with the widget they belong to."""
    from PySide6.QtGui import QAction

    local = []
    for area in AREAS:
        page = window.show_area(area.key)
        for action in page.findChildren(QAction):
            if action.shortcut().isEmpty():
                continue
            modifiers = action.shortcut()[0].keyboardModifiers()
            typed = not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            if typed:
                assert action.shortcutContext() != Qt.ShortcutContext.WindowShortcut, action.text()
            elif action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
                local.append(f"{area.key}: {action.text()} ({action.shortcut().toString()})")
    assert not local, "\n".join(local)
    # Pages other than the one shown stay silent: no matcher run from the Dashboard.
    window.show_area("dashboard")
    pairing = window.page("pairing")
    window.activateWindow()
    window.programme_combo.setFocus()
    qtbot.waitUntil(window.programme_combo.hasFocus)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(window.programme_combo, Qt.Key.Key_R, keys)
    QApplication.processEvents()
    assert not _run_started(pairing)


def test_a_dialog_used_before_leaves_no_nameless_rows(window, qtbot):
    """After creating a programme (Ctrl+Shift+N), Help › Keyboard shortcuts opened with two rows under
    Everywhere that said nothing, only "Ctrl+Return" and "Ctrl+Enter": the closed dialog's own Save keys."""
    from PySide6.QtCore import QTimer

    from mentordesk.store.models import Programme

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        QTest.keyClicks(dialog.name_edit, "Year 11 mentoring 2027/28")
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    window.activateWindow()
    QTimer.singleShot(0, fill_in)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert Programme.select().where(Programme.name == "Year 11 mentoring 2027/28").exists()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialog = _open_dialog(window, qtbot)
    nameless = [(where, keys) for where, what, keys in dialog.rows() if not what]
    assert nameless == []
    assert not any(keys in ("Ctrl+Return", "Ctrl+Enter") for where, _, keys in dialog.rows() if where == "Everywhere")
    dialog.close()


def test_every_underlined_letter_on_a_page_works(window):
    """Found from outside: Meetings' Record outcome and Edit, and the goal templates' Save, showed an
    underlined letter that did nothing (their own shortcut had replaced it)."""
    dead = []
    for area in AREAS:
        page = window.show_area(area.key)
        for button in page.findChildren(QAbstractButton):
            text = button.text().replace("&&", "")
            mnemonic = QKeySequence.mnemonic(button.text())
            if "&" in text and not button.shortcut().isEmpty() and button.shortcut() != mnemonic:
                dead.append(f"{area.key}: {button.text()!r} has {button.shortcut().toString()} instead of its letter")
            own = 1 if isinstance(button, QToolButton) and button.defaultAction() is not None else 0
            if isinstance(button, QToolButton) and button.menu() is None and len(button.actions()) > own:
                dead.append(f"{area.key}: {button.text()!r} shows its keys' action as a menu arrow")
    assert not dead, "\n".join(dead)
