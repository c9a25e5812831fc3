"""Every page, on a laptop screen and a large one, with the demo programme: nothing is cut off,
every control has a name a screen reader can say, and Tab follows reading order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget, QWidget

from mentordesk.ui import screenshots
from mentordesk.ui.context import AppContext
from mentordesk.ui.main_window import MainWindow
from mentordesk.ui.pages import AREAS
from tests.screen_fixtures import backwards_steps, clipped, squeezed, unnamed

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
    screenshots._show_programme(window, "one_to_one")  # where the demo opens (see ui/startup.py)
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
    screenshots._show_board_programme(window)  # the shadow board, each of its lists
    board = window.page("pairing").board
    for index in range(board.tabs.count()):
        board.tabs.setCurrentIndex(index)
        screenshots._settle()
        screenshots._select_first_row(window.page("pairing"))
        problems += [f"shadow board › {board.tabs.tabText(index)}: {p}" for p in check(window.page("pairing"))]
    board.tabs.setCurrentIndex(0)
    screenshots._show_programme(window, "one_to_one")
    return sorted(set(problems))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_nothing_is_cut_off(demo_window, size):
    demo_window.resize(*size)
    problems = _each_screen(demo_window, lambda page: clipped(demo_window.centralWidget()))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_table_fits_its_columns(demo_window, size):
    """The Participants table scrolled sideways at 1024 px, the pairing heading read "Proposed mento…"
    and goal titles "App…"."""
    demo_window.resize(*size)
    problems = _each_screen(demo_window, squeezed)
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


# -- the import wizard, step by step -------------------------------------------------------------

LAPTOP_ROOM = (1024, 700 - 40)  # a 1024x700 screen less the title bar (screen_fit.DECORATION)


@pytest.fixture
def import_wizard(qtbot, programme, tmp_path, app_theme):
    """The wizard on a roster that raises every choice the preview offers: a row with errors, a
    person already known (merged, with a copy that lost its accents), and a namesake with another e-mail."""
    from datetime import date

    from mentordesk.store.models import Enrolment, Participant
    from mentordesk.ui.participants.import_wizard import ImportWizard
    from tests.roster_fixtures import write

    known = Participant.create(
        first_name="Łukasz", last_name="Wójcik", email="lw@example.org", date_of_birth=date(1990, 12, 25)
    )
    Enrolment.create(participant=known, programme=programme, role="mentor")
    path = write(
        tmp_path / "roster.csv",
        "First name,Last name,E-mail,Phone,Date of birth,Role\n"
        "Lukasz,Wójcik,lw@example.org,07700 900222,25/12/1990,mentor\n"
        "Lukasz,Wójcik,someone.else@example.org,,25/12/1990,mentor\n"
        "Hugo,Petit,hugo@,,31/02/2010,mentee\n"
        "Noé,Durand,noe@example.fr,,14/07/1985,mentor\n",
    )
    wizard = ImportWizard(programme.id)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    yield wizard
    # Gone before app_theme puts the style back: a wizard left for later deletion kept the old
    # style's pointer, and a later test's style change crashed on it.
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    wizard.close()
    wizard.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _wizard_steps(wizard, qtbot):
    """Each step of the wizard as the coordinator reaches it, ending on the summary."""
    from PySide6.QtWidgets import QWizard

    yield "file"
    for step in ("format", "mapping"):
        wizard.next()
        screenshots._settle()
        yield step
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.result is not None, timeout=10000)
    screenshots._settle()
    assert preview.bad_box.isVisible() and preview.dup_box.isVisible() and preview.conflict_box.isVisible()
    assert preview.replace_lossy.isVisible()
    yield "check every row"
    if wizard.currentPage() is preview:  # (unless the check imported from the keyboard)
        preview.skip_bad.setChecked(True)
        preview.conflict_new.setChecked(True)
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        wizard.next()
    qtbot.waitUntil(lambda: wizard.result_page.done, timeout=10000)
    screenshots._settle()
    yield "imported"


def test_every_import_wizard_step_fits_a_laptop_screen(import_wizard, qtbot):
    """The "Check every row" step grew the wizard to 1,262 px: three side-by-side choice boxes with
    long titles set its minimum width, and a wizard never shrinks below a page it has shown."""
    wizard = import_wizard
    width, height = LAPTOP_ROOM
    problems = []
    for step in _wizard_steps(wizard, qtbot):
        needed = wizard.minimumSize().expandedTo(wizard.minimumSizeHint())
        if needed.width() > width or needed.height() > height or wizard.width() > width:
            problems.append(f"{step}: the wizard needs {needed.width()}x{needed.height()}, is {wizard.width()} wide")
            continue
        wizard.resize(width, height)
        screenshots._settle()
        problems += [f"{step}: {p}" for p in clipped(wizard)]
        problems += [f"{step}: {p}" for p in unnamed(wizard)]
    assert not problems, "\n".join(problems)


def test_every_wizard_button_has_an_alt_letter(import_wizard, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton

    wizard = import_wizard
    problems = []
    for step in _wizard_steps(wizard, qtbot):
        letters: dict[str, str] = {}
        for button in wizard.findChildren(QAbstractButton):
            if not button.isVisible() or not button.text():
                continue
            text = button.text().replace("&&", "")
            if "&" not in text:
                problems.append(f"{step}: {text!r} has no Alt letter")
                continue
            letter = text[text.index("&") + 1].lower()
            if letter in letters:
                problems.append(f"{step}: {text!r} and {letters[letter]!r} share Alt+{letter.upper()}")
            letters[letter] = text
        if step == "check every row":  # the choices and Import, from the keyboard alone
            wizard.activateWindow()
            qtbot.waitUntil(wizard.isActiveWindow)
            preview = wizard.preview_page
            for key, done in (
                (Qt.Key.Key_S, preview.skip_bad.isChecked),
                (Qt.Key.Key_D, preview.conflict_new.isChecked),
                (Qt.Key.Key_I, lambda: wizard.currentPage() is wizard.result_page),  # Import
            ):
                QTest.keyClick(wizard, key, Qt.KeyboardModifier.AltModifier)
                qtbot.waitUntil(done, timeout=2000)  # a button's Alt letter clicks it a moment later
    assert not problems, "\n".join(problems)


def _iso_dates(root) -> list[str]:
    """Dates shown in ISO form (2026-11-26) rather than the locale's, in labels and table cells."""
    import re

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel

    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    found = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if widget.isVisibleTo(root) and iso.search(widget.text()):
            found.append(f"{type(widget).__name__} shows {widget.text()!r}")
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisibleTo(root) or model is None:
            continue
        try:
            columns = model.columnCount()
        except TypeError:  # a list model
            columns = 1
        for row in range(min(model.rowCount(), 200)):
            for column in range(columns):
                text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and re.search(r"\.(pdf|csv|xlsx|ics)$", text):
                    continue  # a file's name, as it is on disk (the date in it sorts the files)
                if isinstance(text, str) and iso.search(text):
                    found.append(f"{type(view).__name__} row {row} shows {text!r}")
    return found


def test_no_page_shows_a_date_in_iso_form(demo_window):
    """The dashboard said "a check expired on 2026-11-26" where every other date is 26/11/2026."""
    demo_window.resize(1920, 1080)
    problems = _each_screen(demo_window, _iso_dates)
    assert not problems, "\n".join(problems)
    from PySide6.QtCore import QLocale

    page = demo_window.show_area("dashboard")
    screenshots._settle()
    texts = [page.attention_list.item(i).text() for i in range(page.attention_list.count())]
    expired = [t.split("expired on ", 1)[1].split(" (", 1)[0] for t in texts if "expired on" in t]
    assert expired, texts
    for day in expired:  # written as the locale writes a short date
        assert QLocale().toDate(day, QLocale.FormatType.ShortFormat).isValid(), day


@pytest.mark.parametrize("text_scale", [1.0, 1.25], ids=["text 100%", "text 125%"])
def test_the_welcome_dialog_shows_its_whole_keyring_note(qtbot, tmp_path, app_theme, qapp, text_scale):
    """A window opens at most two thirds of the screen high; the welcome dialog's minimum height
    counted its wrapped notes at their narrowest, so the keyring note was cut to a line."""
    import keyring
    from keyring.backends import fail

    from mentordesk.ui.dialogs.first_run import FirstRunDialog

    keyring.set_keyring(fail.Keyring())  # as on a laptop without a Secret Service: the long note
    saved = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * text_scale)
    qapp.setFont(font)
    try:
        dialog = FirstRunDialog(tmp_path / "Mentoring records" / "mentordesk.db")
        qtbot.addWidget(dialog)
        dialog.show()
        screenshots._settle()
        assert "Cannot remember it here" in dialog.fields.remember_note.text()
        assert dialog.width() <= LAPTOP_ROOM[0] and dialog.height() <= LAPTOP_ROOM[1]
        problems = clipped(dialog)
    finally:
        qapp.setFont(saved)
    assert not problems, "\n".join(problems)
