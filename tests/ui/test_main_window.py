"""The main window: navigation, programme selector, empty states, geometry, About, crash dialog."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from mentordesk.store.models import Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.pages import AREAS


@pytest.fixture
def window(qtbot, db, tmp_path):
    ctx = AppContext(tmp_path / "test.db")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def test_every_area_opens_from_the_sidebar(window):
    for row, area in enumerate(AREAS):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
        assert area.key in window.pages
        assert window.pages[area.key].isVisible()


def test_keyboard_shortcuts_switch_areas(window, qtbot):
    window.area_actions["meetings"].trigger()
    assert AREAS[window.nav.currentRow()].key == "meetings"
    assert window.area_actions["participants"].shortcut().toString() == "Ctrl+2"


def test_empty_database_shows_a_helpful_placeholder(window):
    dashboard = window.page("dashboard")
    assert dashboard.stack.currentWidget() is dashboard.no_programme
    assert "Create your first programme" in dashboard.no_programme.text_label.text()
    assert not window.programme_combo.isEnabled()


def test_programme_selector_lists_programmes_and_switches(window, db):
    Programme.create(name="Year 10 2026/27")
    Programme.create(name="Staff mentoring")
    window.reload_programmes()
    names = {window.programme_combo.itemText(i) for i in range(window.programme_combo.count())}
    assert names == {"Year 10 2026/27", "Staff mentoring"}
    target = window.programme_combo.findText("Staff mentoring")
    window.programme_combo.setCurrentIndex(target)
    assert window.ctx.programme_id == Programme.get(Programme.name == "Staff mentoring").id


def test_dashboard_counts_the_demo_programme(qtbot, demo_db, tmp_path):
    ctx = AppContext(tmp_path / "test.db")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    dashboard = win.page("dashboard")
    # Filled after the first paint, from a worker thread.
    qtbot.waitUntil(lambda: dashboard.cards["mentors"].value.text() != "–")
    assert dashboard.stack.currentIndex() == 1
    assert int(dashboard.cards["mentors"].value.text()) == 14
    assert int(dashboard.cards["mentees"].value.text()) == 26
    assert int(dashboard.cards["active"].value.text()) == 5


def test_new_programme_dialog_validates_and_creates(qtbot, window, monkeypatch):
    from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

    dialog = ProgrammeDialog(window)
    qtbot.addWidget(dialog)
    dialog.accept()  # no name yet
    assert "needs a name" in dialog.error_label.text()
    assert Programme.select().count() == 0
    dialog.name_edit.setText("Peer support 2027")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("peer"))
    dialog.accept()
    assert Programme.get().kind == "peer"
    assert dialog.result() == dialog.DialogCode.Accepted


def test_window_geometry_is_remembered(qtbot, db, tmp_path):
    first = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(first)
    first.show()
    first.resize(960, 700)  # the offscreen screen is 800x800 wide: the minimum width is not clamped further
    first.move(20, 30)
    expected = first.geometry()
    first.close()
    second = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(second)
    assert second.size() == expected.size()


def test_the_first_window_fits_the_screen_it_opens_on(qtbot, db, tmp_path):
    """A coordinator's 1024x700 laptop got a 1240x780 window on the first start, its edges off-screen."""
    from PySide6.QtCore import QRect

    from mentordesk.ui.widgets.screen_fit import fit_within

    window = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(window)
    free = window.screen().availableGeometry()  # the offscreen screen: 800x800
    assert window.height() <= free.height() - 40  # room left for the title bar
    laptop = QRect(0, 0, 1024, 700)
    window.move(300, 200)
    fit_within(window, laptop)
    assert window.width() <= 1024 and window.height() <= 660
    assert laptop.contains(window.geometry())


def test_about_box_names_the_version(window, monkeypatch):
    seen = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: seen.update(title=title, text=text))
    window.show_about()
    assert "MentorDesk 0.1.0" in seen["text"]


def test_crash_handler_logs_and_shows_details_and_app_survives(qtbot, isolated_home):
    from mentordesk.logging_setup import setup_logging
    from mentordesk.ui.crash import CrashReporter

    handler = setup_logging()
    reporter = CrashReporter()
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        reporter.handle(*sys.exc_info())
    handler.flush()
    box = reporter.last_dialog
    assert box is not None and box.isVisible()
    assert "boom in a slot" in box.informativeText()
    assert "Traceback" in box.detailedText()
    copy = next(b for b in box.buttons() if b.text() == "Copy details")
    copy.click()
    from PySide6.QtGui import QGuiApplication

    assert "ValueError: boom in a slot" in QGuiApplication.clipboard().text()
    log_text = (isolated_home / "logs" / "mentordesk.log").read_text()
    assert "boom in a slot" in log_text
    box.close()
    import logging

    logging.getLogger().removeHandler(handler)
    handler.close()


def test_sidebar_items_have_icons_and_shortcut_tooltips(window):
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        assert not item.icon().isNull()
        assert "Ctrl" in item.toolTip()
        assert item.data(Qt.ItemDataRole.UserRole) == AREAS[row].key


def test_settings_general_tab_saves_paper_size(window):
    from mentordesk.store import settings

    page = window.show_area("settings")
    tab = page.tabs.widget(0)
    assert page.tabs.tabText(0) == "General"
    tab.page_size.setCurrentIndex(tab.page_size.findData("Letter"))
    assert settings.get("page_size") == "Letter"
    tab.organisation_edit.setText("Riverside Academy")
    tab.organisation_edit.editingFinished.emit()
    assert settings.get("organisation_name") == "Riverside Academy"


def test_dashboard_lists_upcoming_meetings_with_who_meets(qtbot, demo_db, tmp_path):
    from datetime import date

    from mentordesk.services.dashboard import upcoming_meetings

    programme = Programme.get()
    upcoming = upcoming_meetings(programme.id, today=date.today())
    assert upcoming, "the demo plans fortnightly meetings into the coming weeks"
    assert all(u.starts_at.weekday() in (1, 3) for u in upcoming)
    assert upcoming == sorted(upcoming, key=lambda u: u.starts_at)
    assert all(" & " in u.who for u in upcoming)
    win = MainWindow(AppContext(tmp_path / "test.db"))
    qtbot.addWidget(win)
    win.show()
    dashboard = win.page("dashboard")
    qtbot.waitUntil(lambda: dashboard.upcoming_list.count() == len(upcoming))
    assert upcoming[0].who in dashboard.upcoming_list.item(0).text()
    assert "cleared" in dashboard.cards["mentors"].detail.text()


def test_dates_follow_the_locale_and_the_bare_c_locale_gets_a_readable_one(qapp):
    from datetime import date

    from PySide6.QtCore import QLocale

    from mentordesk.ui.formatting import format_date, use_readable_locale

    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        assert format_date(date(2026, 11, 26)) == "11/26/26"
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert format_date(date(2026, 11, 26)) == "26.11.26"
        use_readable_locale()  # the system locale is kept when there is one
        if QLocale.system().name() in ("C", "POSIX"):
            assert QLocale().name() == "en_GB"
            assert format_date(date(2026, 11, 26)) == "26/11/2026"
    finally:
        QLocale.setDefault(previous)


def test_no_two_shortcuts_collide_on_any_page(window):
    """A window-wide shortcut and a page's own with the same keys would both be dead (ambiguous)."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    window_wide = {}
    for action in window.findChildren(QAction):
        if action.shortcut().isEmpty() or action.shortcutContext() != Qt.ShortcutContext.WindowShortcut:
            continue
        owner = action.parent()
        if isinstance(owner, QWidget) and owner.window() is not window:
            continue
        window_wide.setdefault(action.shortcut().toString(), action.text())
    for area in AREAS:
        page = window.show_area(area.key)
        for action in page.findChildren(QAction):
            keys = action.shortcut().toString()
            if keys and action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut:
                assert keys not in window_wide, (
                    f"{area.key}: {action.text()!r} and {window_wide[keys]!r} both use {keys}"
                )


def test_a_full_disk_gets_a_dialog_saying_what_to_do_not_a_crash_report(qtbot, tmp_path, monkeypatch):
    """The import's real write path on a database that may not grow: SQLite reports the disk full, rolls
    back by itself, and the window shows one sentence with the file and the fix."""
    import sqlite3

    from mentordesk.services.participants import csv_import
    from mentordesk.store import db as store_db
    from mentordesk.store.models import Participant, Programme
    from mentordesk.ui.crash import CrashReporter

    path = tmp_path / "full.db"
    store_db.open_database(path)
    programme = Programme.create(name="P")
    store_db.close_database()
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setitem(store_db.SQLITE_PRAGMAS, "max_page_count", pages + 5)
    store_db.open_database(path, backup=False)
    roster = tmp_path / "roster.csv"
    rows = "\n".join(f"Person{i},Family{i},mentee,{'n' * 3000}" for i in range(200))
    roster.write_text(f"First name,Last name,Role,Notes\n{rows}\n", encoding="utf-8")
    reporter = CrashReporter()
    try:
        csv_import.import_roster(roster, programme.id, backup=False)
    except Exception:
        reporter.handle(*sys.exc_info())
    box = reporter.last_dialog
    assert box is not None and box.windowTitle() == "Could not finish"
    assert box.text().startswith(f"The disk is full: {path} could not be written, and nothing was changed.")
    assert "cannot rollback" not in box.text() and not box.detailedText()
    assert Participant.select().count() == 0
    box.close()
    store_db.close_database()


def test_status_messages_do_not_outlive_the_page_or_programme_they_are_about(qtbot, window, db):
    """'Saved.' from Settings, or an Undo for another programme's draft, is not news about the page
    or programme switched to (a click in the sidebar, a pick in the programme selector)."""
    from PySide6.QtTest import QTest

    Programme.create(name="Year 10 2026/27")
    Programme.create(name="Staff mentoring")
    window.reload_programmes()
    bar = window.statusBar()
    window.show_area("settings")
    window.ctx.show_status("Meeting rules saved.", 8000)
    assert bar.currentMessage() == "Meeting rules saved."
    row = next(i for i, area in enumerate(AREAS) if area.key == "participants")
    item_rect = window.nav.visualRect(window.nav.model().index(row, 0))
    QTest.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
    assert AREAS[window.nav.currentRow()].key == "participants"
    assert bar.currentMessage() == ""
    window.ctx.show_status("Participant added.")
    window.ctx.offer_undo("Undo the last reject (Ctrl+Z)", lambda: None)
    assert window.undo_button.isVisibleTo(window)
    combo = window.programme_combo
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() == 0 else Qt.Key.Key_Up)
    assert bar.currentMessage() == "" and not window.undo_button.isVisibleTo(window)
    window.ctx.show_status("Exported 3 rows.", 50)  # and a message still goes by itself
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=2000)
