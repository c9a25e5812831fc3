"""The main window: sidebar navigation, programme selector, pages, status bar, menus."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk import APP_ID, APP_NAME, __version__, config
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.pages import AREAS, Area
from mentordesk.ui.widgets.screen_fit import fit_on_screen

log = logging.getLogger(__name__)
DEFAULT_SIZE = QSize(1240, 780)  # first start, before a size is remembered; fitted to the screen

SIDEBAR_WIDTH = 200
LOCAL_POLL_MS = 2_000  # a read-only window looks this often for what the other MentorDesk saved
COMPACT_SIDEBAR_WIDTH = 64  # room for the icons alone, on a laptop screen


def app_icon() -> QIcon:
    svg = config.resources_dir() / "icons" / f"{APP_ID}.svg"
    return QIcon(str(svg)) if svg.is_file() else icon("participants")


def app_settings() -> QSettings:
    """Window state lives in an ini file in our config folder (tests point it at a temp folder)."""
    path = config.ensure_dir(config.config_dir()) / "window.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """Built in two steps: the frame (no database needed), then ``attach`` fills it from the database.

    ``start_window`` shows the frame first, so the window paints while the database layer
    loads and the file is checked; everything else builds it attached in one go.
    """

    firstPainted = Signal()
    sidebar_compact: bool  # set once the sidebar is built; its toggle reads it

    def __init__(self, ctx: AppContext, *, attach: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(QSize(960, 620))
        self.pages: dict[str, Page] = {}
        self._holders: dict[str, QWidget] = {}
        self.attached = False
        self.painted = False
        self.checking = False  # the open check is still reading the file (start-up reads beside it)
        self.read_only = False  # another MentorDesk holds the file (file_guard.show_read_only)
        self._states_shown = False  # the protection states and the watch for others' changes, once attached

        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_sidebar())
        right = QWidget()
        right.setObjectName("content")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(20, 14, 20, 12)
        right_layout.setSpacing(10)
        right_layout.addLayout(self._build_programme_bar())
        self.content_layout = right_layout  # a banner (e.g. a file in a synced folder) goes on top
        self.stack = QStackedWidget()
        right_layout.addWidget(self.stack, 1)
        outer.addWidget(right, 1)
        self.setCentralWidget(central)

        for area in AREAS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._holders[area.key] = holder
            self.stack.addWidget(holder)

        self._build_menu_bar()
        self._build_status_bar()
        ctx.programmeChanged.connect(self._mark_all_stale)
        ctx.dataChanged.connect(self._mark_all_stale)
        # A programme created from a page (e.g. Add participant with none yet) joins the selector.
        ctx.dataChanged.connect(self._data_changed)
        ctx.statusMessage.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        # A message (or an Undo) about the programme left behind would read as news about this one.
        ctx.programmeChanged.connect(self._programme_switched)
        self.programme_combo.setEnabled(False)
        settings = app_settings()  # read once: each QSettings reads the file
        self.restore_geometry(settings)
        self.set_sidebar_compact(
            str(settings.value("sidebar_compact", False)).lower() == "true", remember=False
        )
        self.nav.setCurrentRow(0)
        if attach:
            self.attach()

    def attach(self) -> None:
        """The database is open: fill the window from it (again only what is stale, once attached)."""
        if not self.attached:
            self.attached = True
            self.reload_programmes()  # choosing the programme starts the page's read
        page = self.current_page()
        if page.stale:
            page.refresh()
        if not self.checking and not self._states_shown:
            # Not while start-up's check runs: the page's read on the thread pool needs the interpreter
            # more, and none of these is of use before input is let in (when the check has passed): the
            # menus' actions, the protection states, the watch for others' changes.
            self._fill_menus()
            self._states_shown = True
            self._watch_changes_by_others()
            self.protection.update_states()  # type: ignore[attr-defined]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.firstPainted.emit()

    # -- construction -------------------------------------------------------------------------
    def _build_sidebar(self) -> QWidget:
        side = QWidget()
        side.setObjectName("sidebar")
        self.sidebar = side
        layout = QVBoxLayout(side)
        layout.setContentsMargins(10, 16, 10, 10)
        self.brand = QLabel(APP_NAME)
        self.brand.setObjectName("brand")
        layout.addWidget(self.brand)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName(self.tr("Areas"))
        self.nav.setAccessibleDescription(self.tr("Choose the part of MentorDesk to work in"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for area in AREAS:
            title = self.tr(area.title)
            item = QListWidgetItem(icon(area.key), title)
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)  # also when only the icon shows
            item.setToolTip(
                f"{title} ({QKeySequence(area.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._on_nav)
        layout.addWidget(self.nav, 1)
        self.compact_button = QToolButton()
        self.compact_button.setAutoRaise(True)
        self.compact_button.clicked.connect(lambda: self.set_sidebar_compact(not self.sidebar_compact))
        layout.addWidget(self.compact_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.sidebar_compact = False
        side.setFixedWidth(SIDEBAR_WIDTH)
        return side

    def set_sidebar_compact(self, compact: bool, remember: bool = True) -> None:
        """Show the areas as icons only (more room for the pages on a small screen), or with names.

        ``remember``: store the choice for the next start (not when it was just read from there:
        writing the settings file again before the first paint costs a file write per start)."""
        self.sidebar_compact = compact
        self.brand.setVisible(not compact)
        for row, area in enumerate(AREAS):
            self.nav.item(row).setText("" if compact else self.tr(area.title))
        self.sidebar.setFixedWidth(COMPACT_SIDEBAR_WIDTH if compact else SIDEBAR_WIDTH)
        name = self.tr("Show area names") if compact else self.tr("Show icons only")
        self.compact_button.setIcon(icon("mdi6.menu-open" if compact else "mdi6.menu"))
        self.compact_button.setToolTip(f"{name} ({self.compact_action.shortcut().toString()})")
        self.compact_button.setAccessibleName(name)
        self.compact_action.setChecked(compact)
        if remember:
            app_settings().setValue("sidebar_compact", compact)

    def _build_programme_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        label = QLabel(self.tr("Programme:"))
        self.programme_combo = QComboBox()
        self.programme_combo.setMinimumWidth(260)
        self.programme_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.programme_combo.currentIndexChanged.connect(self._on_programme_combo)
        label.setBuddy(self.programme_combo)
        new_button = QPushButton(icon("add"), self.tr("New programme…"))
        new_button.clicked.connect(self.new_programme)
        bar.addWidget(label)
        bar.addWidget(self.programme_combo)
        bar.addWidget(new_button)
        bar.addStretch(1)
        return bar

    def print_application_form(self) -> None:
        """File › Print application form…: a blank form for the current programme (paper or fillable)."""
        from mentordesk.ui.forms.print_dialog import PrintFormDialog

        if not self.ctx.programme_id:
            return
        self.print_form_dialog = PrintFormDialog(self.ctx, self)
        self.print_form_dialog.open()

    def _build_menu_bar(self) -> None:
        """The menus' titles, so the first paint shows the menu bar as it stays; ``_fill_menus`` adds the rest."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.view_menu = bar.addMenu(self.tr("&View"))
        # The current page's own shortcuts, so they can be found in a menu too (filled when opened).
        self.page_menu = bar.addMenu(self.tr("&Page"))
        self.page_menu.aboutToShow.connect(self._fill_page_menu)
        self.tools_menu = bar.addMenu(self.tr("&Tools"))  # filled by the protection actions
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.compact_action = QAction(self.tr("&Compact sidebar"), self)
        self.compact_action.setCheckable(True)
        self.compact_action.setShortcut(QKeySequence("F9"))  # as in file managers
        self.compact_action.toggled.connect(
            lambda on: self.set_sidebar_compact(on) if on != self.sidebar_compact else None
        )
        self.addAction(self.compact_action)
        self.menus_filled = False

    def _fill_menus(self) -> None:
        """The menus' actions, the protection actions and the window's icon, made once: at start-up, when
        the first page shows its data (input waits until then, so the page's read goes first)."""
        if self.menus_filled:
            return
        self.menus_filled = True
        self.setWindowIcon(app_icon())
        file_menu = self.file_menu
        new_programme = QAction(icon("add"), self.tr("&New programme…"), self)
        new_programme.setShortcut(QKeySequence("Ctrl+Shift+N"))
        new_programme.triggered.connect(self.new_programme)
        file_menu.addAction(new_programme)
        connect_server = QAction(icon("mdi6.server-network"), self.tr("&Connect to a shared server…"), self)
        connect_server.triggered.connect(self.connect_to_server)
        file_menu.addAction(connect_server)
        open_local = QAction(icon("mdi6.database-outline"), self.tr("Open &local file…"), self)
        open_local.triggered.connect(self.open_local_file)
        file_menu.addAction(open_local)
        file_menu.addSeparator()
        open_folder = QAction(icon("open"), self.tr("Open &data folder"), self)
        open_folder.triggered.connect(
            lambda: self._open_folder(config.data_dir() if self.ctx.is_server else self.ctx.db_path.parent)
        )
        file_menu.addAction(open_folder)
        self.report_action = QAction(icon("print"), self.tr("Programme &report…"), self)
        self.report_action.triggered.connect(self.open_report)
        file_menu.addAction(self.report_action)
        self.rollover_action = QAction(icon("add"), self.tr("Roll over to a new &year…"), self)
        self.rollover_action.setStatusTip(self.tr("Start next year's programme from this one, with who continues"))
        self.rollover_action.triggered.connect(self.roll_over)
        file_menu.addAction(self.rollover_action)
        self.print_form_action = QAction(icon("print"), self.tr("&Print application form…"), self)
        self.print_form_action.triggered.connect(self.print_application_form)
        file_menu.addAction(self.print_form_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.view_menu
        self.area_actions: dict[str, QAction] = {}
        for row, area in enumerate(AREAS):
            action = QAction(icon(area.key), self.tr(area.title), self)
            action.setShortcut(QKeySequence(area.shortcut))
            action.triggered.connect(lambda _=False, r=row: self.nav.setCurrentRow(r))
            view_menu.addAction(action)
            self.addAction(action)  # shortcuts work even with the menu bar hidden
            self.area_actions[area.key] = action
        view_menu.addSeparator()
        view_menu.addAction(self.compact_action)
        refresh = QAction(icon("refresh"), self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh_current)
        view_menu.addAction(refresh)

        help_menu = self.help_menu
        shortcuts = QAction(self.tr("&Keyboard shortcuts"), self)
        shortcuts.setShortcut(QKeySequence("Ctrl+/"))
        shortcuts.triggered.connect(self.show_shortcuts)
        help_menu.addAction(shortcuts)
        self.addAction(shortcuts)
        logs = QAction(self.tr("Open &log folder"), self)
        logs.triggered.connect(lambda: self._open_folder(config.log_dir()))
        help_menu.addAction(logs)
        about = QAction(icon("info"), self.tr("&About MentorDesk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

        from mentordesk.ui.protection.actions import install as install_protection

        install_protection(self)  # File: backups, passphrase, lock; Tools: audit log, data requests
        # The last items are in: each gets an underlined letter of its own (the page's menu is made
        # afresh each time it opens, from the page's own keys).
        from mentordesk.ui.widgets.menu_keys import give_mnemonics

        for menu in (self.file_menu, self.view_menu, self.tools_menu, self.help_menu):
            give_mnemonics(menu)

    def _build_status_bar(self) -> None:
        from mentordesk.ui.widgets.status_bar import StatusBar

        self.setStatusBar(StatusBar(self))  # long messages end in "…", whole in the tooltip
        self.undo_button = QPushButton(icon("history"), self.tr("Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo the last change"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self._undo)
        self._undo_function = None
        self.ctx.undoOffered.connect(self._offer_undo)
        self.statusBar().addPermanentWidget(self.undo_button)
        self.db_label = QLabel()
        self.db_label.setObjectName("statusDb")
        self.statusBar().addPermanentWidget(self.db_label)
        self._update_db_label()

    def _offer_undo(self, text: str, undo) -> None:
        self._undo_function = undo
        self.undo_button.setToolTip(text)
        # Says what it undoes: a bare "Undo" next to a later message ("Published 2 match(es)") read
        # as undoing that, not the reject it takes back.
        self.undo_button.setText(text.partition(" (")[0] or self.tr("Undo"))
        self.undo_button.setVisible(undo is not None)

    def _programme_switched(self, programme_id: int) -> None:
        # A page may switch programme (an alumnus opened in theirs): the selector follows.
        index = self.programme_combo.findData(programme_id)
        if index >= 0 and index != self.programme_combo.currentIndex():
            self.programme_combo.blockSignals(True)
            self.programme_combo.setCurrentIndex(index)
            self.programme_combo.blockSignals(False)
        self.statusBar().clearMessage()
        self._offer_undo("", None)

    def _undo(self) -> None:
        undo, self._undo_function = self._undo_function, None
        self.undo_button.hide()
        if undo is not None:
            undo()

    def _update_db_label(self) -> None:
        label = self.ctx.database_label
        if self.ctx.is_server:
            self.db_label.setText(self.tr("Shared server: {name}").format(name=label))
            self.db_label.setToolTip(self.tr("Several people can work on this database at once."))
        else:
            self.db_label.setText(self.tr("Database: {name}").format(name=label))
            self.db_label.setToolTip(str(self.ctx.db_path))
        self.setWindowTitle(f"{label} — {APP_NAME}")

    def show_database(self) -> None:
        """The title and status bar name the database now open (after connecting elsewhere)."""
        self._update_db_label()

    def connect_to_server(self) -> MainWindow | None:
        """File › Connect to a shared server…; the window now showing it (None: cancelled)."""
        from mentordesk.ui import database_switch

        return database_switch.connect_to_server(self)

    def open_local_file(self) -> MainWindow | None:
        """File › Open local file…; the window now showing it (None: cancelled)."""
        from mentordesk.ui import database_switch

        return database_switch.open_local_file(self)

    # -- pages --------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page of an area, built on first use."""
        if key not in self.pages:
            area: Area = next(a for a in AREAS if a.key == key)
            page: Page = area.page_class()(self.ctx)
            holder_layout = self._holders[key].layout()
            assert holder_layout is not None  # each holder gets its QVBoxLayout in __init__
            holder_layout.addWidget(page)
            page.show()  # at once, not when the layout next runs, if its holder is showing already
            page.keys_answer_window_wide()
            self.pages[key] = page
        return self.pages[key]

    def show_area(self, key: str) -> Page:
        row = next(i for i, a in enumerate(AREAS) if a.key == key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        key = AREAS[row].key
        self.page_menu.setTitle("&" + self.tr(AREAS[row].title))  # Alt and its first letter (none is F, V, T or H)
        # The frame paints first: its page is built (by ``current_page``) once the database is being
        # opened, a third of the frame's cost that the first paint need not wait for. Otherwise the
        # page is built before its holder shows, so it shows with it.
        page = self.page(key) if self.attached or self.painted else None
        if self.stack.currentIndex() != row:
            self.statusBar().clearMessage()  # "Saved." from the last page is not about this one
        self.stack.setCurrentIndex(row)
        if page is not None and page.stale and self.attached:
            page.refresh()

    def current_page(self) -> Page:
        return self.page(AREAS[self.nav.currentRow()].key)

    def refresh_current(self) -> None:
        self.current_page().refresh()

    def reread(self) -> None:
        """Another file is under the window (a backup restored over a damaged one): read it all again."""
        self._fill_menus()  # the rescue may come before start-up made them
        self.protection.update_states()  # type: ignore[attr-defined]
        self.reload_programmes()
        self._mark_all_stale()

    def _mark_all_stale(self, *_: object) -> None:
        for page in self.pages.values():
            page.stale = True
        if self.attached and self.pages and self.nav.currentRow() >= 0:
            current = self.current_page()
            current.refresh()

    def _watch_changes_by_others(self) -> None:
        """On a shared server, what others save shows here within about two seconds (no restart); so it
        does in a read-only window on a local file, whose saves can only be the other MentorDesk's."""
        from mentordesk.ui.widgets.change_watch import ChangeWatcher

        if getattr(self, "change_watch", None) is None:
            # A writing window's own background work commits too: only a read-only one polls the file.
            self.change_watch = ChangeWatcher(self, poll_local_ms=LOCAL_POLL_MS if self.read_only else 0)
            self.change_watch.changed.connect(self._changed_elsewhere)
        self.change_watch.start()

    def _changed_elsewhere(self, batch: set[str]) -> None:
        from mentordesk.ui.widgets.change_watch import concerns

        if not self.attached:
            return
        if any(p.startswith("programme:") for p in batch) or "*" in batch:
            self.reload_programmes()
        if concerns(batch, self.ctx.programme_id):
            self._mark_all_stale()
            self.statusBar().showMessage(self.tr("Updated with changes saved by others."), 4000)

    # -- programmes ---------------------------------------------------------------------------
    def _data_changed(self, area: str) -> None:
        if area == "programmes":
            self.reload_programmes()

    def reload_programmes(self, select_id: int | None = None) -> None:
        from mentordesk.services import programmes

        rows = programmes.list_programmes()
        wanted = select_id or self.ctx.programme_id or int(str(app_settings().value("programme_id", 0) or 0))
        self.programme_combo.blockSignals(True)
        self.programme_combo.clear()
        for row in rows:
            self.programme_combo.addItem(icon("programme"), row.name, row.id)
        index = self.programme_combo.findData(wanted)
        self.programme_combo.setCurrentIndex(index if index >= 0 else (0 if rows else -1))
        self.programme_combo.blockSignals(False)
        self.programme_combo.setEnabled(bool(rows))
        self._on_programme_combo()

    def _on_programme_combo(self, *_: object) -> None:
        programme_id = self.programme_combo.currentData() or 0
        self.ctx.set_programme(int(programme_id))

    def new_programme(self) -> None:
        from mentordesk.ui.dialogs.programme_dialog import ProgrammeDialog

        dialog = ProgrammeDialog(self)
        if dialog.exec():
            self.reload_programmes(select_id=dialog.created_id)
            self.ctx.show_status(self.tr("Programme created."))

    def open_report(self) -> None:
        """File › Programme report…: the current programme's figures as PDF and/or CSV."""
        from PySide6.QtWidgets import QMessageBox

        if not self.ctx.programme_id:
            QMessageBox.information(
                self,
                self.tr("Programme report"),
                self.tr("Create or choose a programme first: a report is of one."),
            )
            return
        from mentordesk.ui.reports.report_dialog import ReportDialog

        self.report_dialog = ReportDialog(self.ctx, self)
        self.report_dialog.open()

    def roll_over(self) -> None:
        """File › Roll over to a new year…: next year's programme from the current one."""
        from PySide6.QtWidgets import QMessageBox

        if not self.ctx.programme_id:
            QMessageBox.information(
                self, self.tr("Roll over"), self.tr("Choose the programme to roll over first.")
            )
            return
        from mentordesk.ui.dialogs.rollover_wizard import RollOverWizard

        self.rollover_wizard = RollOverWizard(self.ctx.programme_id, self)
        self.rollover_wizard.preview_page.ran.connect(self._rolled_over)
        self.rollover_wizard.open()

    def _rolled_over(self, result) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.reload_programmes(select_id=result.programme_id)
        self.ctx.show_status(result.summary, 8000)
        if result.not_proposed:
            lines = "\n".join(f"• {pair}: {why}" for pair, why in result.not_proposed[:12])
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Some pairs were not proposed"),
                self.tr("These continuing pairs need attention before they can be paired again:\n\n{lines}").format(
                    lines=lines
                ),
                parent=self,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.rollover_notice = box
            box.show()  # not exec(): the window keeps running (and a test can read and close it)

    # -- shortcuts ----------------------------------------------------------------------------
    def shortcut_groups(self) -> list[tuple[str, list]]:
        """Every shortcut, under Everywhere and under each page (every page is built to ask it)."""
        from mentordesk.ui.dialogs.shortcuts_dialog import shortcuts_of

        pages = [(self.tr(area.title), self.page(area.key)) for area in AREAS]
        everywhere = self.tr("Everywhere")
        groups = [(everywhere, shortcuts_of(self, everywhere, skip=tuple(p for _, p in pages)))]
        return groups + [(title, shortcuts_of(page, title)) for title, page in pages]

    def show_shortcuts(self) -> None:
        from mentordesk.ui.dialogs.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcut_groups(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog = dialog
        dialog.show()

    def _fill_page_menu(self) -> None:
        from mentordesk.ui.dialogs.shortcuts_dialog import shortcuts_of

        self.page_menu.clear()
        area = AREAS[max(0, self.nav.currentRow())]
        rows = shortcuts_of(self.page(area.key), self.tr(area.title), shown_only=True)
        for row in rows:
            # The keys are shown after a tab, as menus show them; the page's own shortcut does the work.
            item = self.page_menu.addAction(f"{row.what}\t{row.keys}")
            item.triggered.connect(lambda _=False, r=row: r.trigger())
            item.setEnabled(row.enabled)
        if not rows:
            self.page_menu.addAction(self.tr("No shortcuts on this page")).setEnabled(False)

    # -- misc ---------------------------------------------------------------------------------
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            self.tr("About MentorDesk"),
            self.tr(
                "<h3>MentorDesk {version}</h3>"
                "<p>Run a mentoring scheme from one laptop: onboarding and screening, pairing, "
                "meetings, goals and paperwork. Everything stays on this computer.</p>"
                "<p>Database: <code>{db}</code></p>"
            ).format(version=__version__, db=self.ctx.db_path),
        )

    def _open_folder(self, folder) -> None:
        from PySide6.QtCore import QUrl

        config.ensure_dir(folder)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def restore_geometry(self, settings: QSettings | None = None) -> None:
        settings = settings or app_settings()
        geometry = settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)
        fit_on_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "change_watch", None) is not None:
            self.change_watch.stop()
        settings = app_settings()
        settings.setValue("geometry", self.saveGeometry())
        if self.attached:  # closed before the database opened: keep the programme chosen last time
            settings.setValue("programme_id", self.ctx.programme_id)
        settings.sync()
        super().closeEvent(event)
