"""The Participants area: everyone in the programme, searchable, with screening at a glance."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import EnrolmentStatus, ProgrammeKind, Role, label
from mentordesk.services import participants as participants_service, programmes
from mentordesk.services.participants import RosterRow
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.participants import actions
from mentordesk.ui.participants.detail_pane import DetailPane
from mentordesk.ui.participants.roster_model import (
    CLEARANCE,
    EMAIL,
    NAME,
    ORGANISATION,
    ROLE,
    STATUS,
    TAGS,
    RosterFilter,
    RosterModel,
    not_screened_yet,
)
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.table_fit import fit_columns

ALUMNI = "alumni"  # the status filter's "Alumni of every programme"


class ParticipantsPage(Page):
    title = "Participants"
    proxy: RosterFilter  # made in _build_body, after the filters that use it are connected

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.refreshes = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header(self.tr("Participants")))
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        layout.addWidget(self.subtitle)
        self._build_actions()
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.no_programme = EmptyState(
            "programme",
            self.tr("No programme yet"),
            self.tr(
                "People are enrolled in a programme. Create one with New programme… above, then add people here."
            ),
        )
        self.empty = EmptyState(
            "participants",
            self.tr("Nobody enrolled yet"),
            self.tr(
                "Everyone enrolled in the programme will be listed here, with their screening status. "
                "Add people one by one, or import a roster from a CSV file exported from a spreadsheet."
            ),
            self.tr("Import a CSV roster…"),
            self.import_csv,
        )
        empty_add = QPushButton(icon("add"), self.tr("Add a participant"))
        empty_add.clicked.connect(self.add_participant)
        empty_layout = self.empty.layout()
        assert isinstance(empty_layout, QVBoxLayout)  # EmptyState lays itself out in a column
        empty_layout.addWidget(empty_add, alignment=Qt.AlignmentFlag.AlignHCenter)
        self.stack.addWidget(self.no_programme)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_body())

    # -- construction -------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.add_action = QAction(icon("add"), self.tr("&Add participant…"), self)
        self.add_action.setShortcut(QKeySequence.StandardKey.New)
        self.add_action.triggered.connect(self.add_participant)
        self.import_action = QAction(icon("import"), self.tr("&Import CSV…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_csv)
        self.edit_action = QAction(icon("edit"), self.tr("&Edit…"), self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction(icon("delete"), self.tr("&Delete…"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_selected)
        self.find_action = QAction(icon("search"), self.tr("&Find"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._find)
        for action in (self.add_action, self.import_action, self.edit_action, self.find_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        # Delete only from the table, so the key still edits text in the search box.
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        add = QPushButton(icon("add", "#FFFFFF"), self.tr("Add participant"))
        add.setObjectName("primary")
        add.setToolTip(self.tr("Add a participant (Ctrl+N)"))
        add.clicked.connect(self.add_participant)
        importer = QPushButton(icon("import"), self.tr("Import CSV…"))
        importer.setToolTip(self.tr("Import a roster from a CSV file (Ctrl+I)"))
        importer.clicked.connect(self.import_csv)
        export = QPushButton(icon("export"), self.tr("Export"))
        export.setAccessibleName(self.tr("Export tables"))
        menu = QMenu(export)
        for text, what in (
            (self.tr("Participants roster"), "participants"),
            (self.tr("Matches table"), "matches"),
            (self.tr("Meetings table"), "meetings"),
        ):
            menu.addAction(
                icon("export"), self.tr("{table} as CSV…").format(table=text), lambda w=what: self.export(w)
            )
            menu.addAction(
                icon("export"),
                self.tr("{table} as Excel workbook…").format(table=text),
                lambda w=what: self.export(w, fmt="xlsx"),
            )
        self.export_menu = menu
        export.setMenu(menu)
        self.header_actions.addWidget(importer)
        self.header_actions.addWidget(export)
        self.header_actions.addWidget(add)

    def _find(self, *_: object) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _build_body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search participants"))
        self.search.setPlaceholderText(self.tr("Search name, e-mail, organisation or tag  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(self._search_changed)
        self.role_filter = QComboBox()
        self.role_filter.setAccessibleName(self.tr("Role filter"))
        self.role_filter.addItem(self.tr("All roles"), "")
        for role in Role:
            self.role_filter.addItem(label(role.value) + "s", role.value)
        self.role_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_role(self.role_filter.currentData())
        )
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.status_filter.addItem(self.tr("All statuses"), "")
        for status in EnrolmentStatus:
            self.status_filter.addItem(label(status.value), status.value)
        # People who left any programme (archived ones too), kept until retention erases them.
        self.status_filter.addItem(self.tr("Alumni of every programme"), ALUMNI)
        self.status_filter.currentIndexChanged.connect(self._status_changed)
        self.attention_filter = QCheckBox(self.tr("Needs attention"))
        self.attention_filter.setToolTip(
            self.tr("A check expiring within 30 days or expired, missing consent, training not done")
        )
        self.attention_filter.toggled.connect(lambda on: self.proxy.set_attention_only(on))
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        filters.addWidget(self.search, 3)
        filters.addWidget(self.role_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.attention_filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout.addLayout(filters)
        from mentordesk.ui.widgets.filter_banner import FilterBanner

        self.banner = FilterBanner()
        self.banner.cleared.connect(lambda: self.proxy.set_ids(None))
        layout.addWidget(self.banner)
        layout.addWidget(self._build_bulk_bar())
        self.model = RosterModel(self)
        self.proxy = RosterFilter(self)
        self.proxy.setSourceModel(self.model)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {ROLE: 72, STATUS: 84, TAGS: 200, ORGANISATION: 150, EMAIL: 200}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        # Name and clearance always show; on a laptop e-mail, organisation and tags give way (the
        # detail pane beside the table has them) rather than the table scrolling sideways.
        fit_columns(self.table, stretch=(NAME, CLEARANCE), optional=(EMAIL, ORGANISATION, TAGS), room=130)
        self.table.addAction(self.delete_action)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.detail = DetailPane()
        self.detail.editRequested.connect(self.edit_selected)
        self.detail.screeningRequested.connect(self.open_screening)
        self.detail.guardiansRequested.connect(self.open_guardians)
        self.no_selection = QLabel(self.tr("Select someone to see their details, screening and history."))
        self.no_selection.setObjectName("hint")
        self.no_selection.setWordWrap(True)
        self.no_selection.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.side = QStackedWidget()
        self.side.addWidget(self.no_selection)
        self.side.addWidget(self.detail)
        self.no_matches = EmptyState(
            "search",
            self.tr("Nobody matches"),
            self.tr(
                "No one matches the search and filters. Clear the search box or choose 'All' in the filters."
            ),
        )
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.no_matches)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table_stack)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 340])
        self.splitter.setChildrenCollapsible(False)
        from mentordesk.ui.participants.alumni_panel import AlumniPanel

        self.alumni = AlumniPanel()
        self.alumni.openRequested.connect(self.open_alumnus)
        self.mode_stack = QStackedWidget()
        self.mode_stack.addWidget(self.splitter)
        self.mode_stack.addWidget(self.alumni)
        layout.addWidget(self.mode_stack, 1)
        return body

    def in_alumni_mode(self) -> bool:
        return self.status_filter.currentData() == ALUMNI

    def _status_changed(self, *_: object) -> None:
        alumni = self.in_alumni_mode()
        self.proxy.set_status("" if alumni else self.status_filter.currentData())
        for widget in (self.role_filter, self.attention_filter, self.bulk_bar):
            widget.setEnabled(not alumni)
        self.mode_stack.setCurrentWidget(self.alumni if alumni else self.splitter)
        if alumni:
            self.alumni.reload(self.search.text())
            self.alumni.table.setFocus()
        self._update_count()

    def open_alumnus(self, programme_id: int, participant_id: int) -> None:
        """Open someone from the alumni list in their programme, selected, their history beside them."""
        self.search.clear()
        self.status_filter.setCurrentIndex(self.status_filter.findData(EnrolmentStatus.EXITED.value))
        if programme_id != self.ctx.programme_id:
            refreshed = self.refreshes
            self.ctx.set_programme(programme_id)
            if self.refreshes == refreshed:
                self.refresh()
        self.select_ids({participant_id})
        self.table.setFocus()

    def _build_bulk_bar(self) -> QWidget:
        self.bulk_bar = QWidget()
        row = QHBoxLayout(self.bulk_bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.selected_label = QLabel()
        self.status_button = QPushButton(icon("run"), self.tr("Change status"))
        self.status_menu = QMenu(self.status_button)
        self.status_menu.setToolTipsVisible(True)  # a move the rules do not allow says why

        def change_to(value: str) -> Callable[[], None]:
            return lambda: self.change_status(value)

        for status in EnrolmentStatus:
            action = self.status_menu.addAction(label(status.value), change_to(status.value))
            action.setData(status.value)
        self.status_menu.aboutToShow.connect(lambda: actions.offer_allowed_moves(self))
        self.status_button.setMenu(self.status_menu)
        self.tag_button = QPushButton(icon("add"), self.tr("Add tag…"))
        self.tag_button.clicked.connect(self.add_tag)
        self.enrol_button = QPushButton(icon("add"), self.tr("E&nrol in…"))
        self.enrol_button.setAccessibleName(self.tr("Enrol the selected people in another programme"))
        self.enrol_button.setToolTip(self.tr("Enrol the selected people in another programme, keeping their record"))
        self.enrol_button.clicked.connect(self.enrol_elsewhere)
        self.promote_button = QPushButton(icon("person"), self.tr("Pro&mote…"))
        self.promote_button.setAccessibleName(self.tr("Promote the selected mentees to mentors of the next cohort"))
        self.promote_button.setToolTip(
            self.tr("Cascade: mentees who completed a cycle mentor the next cohort, keeping their record")
        )
        self.promote_button.clicked.connect(self.promote_to_mentor)
        self.promote_button.setVisible(False)  # cascade programmes only (refresh)
        self.export_selection_button = QPushButton(icon("export"), self.tr("Export selection…"))
        self.export_selection_button.clicked.connect(lambda: self.export("participants", selection=True))
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete…"))
        self.delete_button.clicked.connect(self.delete_selected)
        row.addWidget(self.selected_label)
        for button in (
            self.status_button,
            self.tag_button,
            self.enrol_button,
            self.promote_button,
            self.export_selection_button,
            self.delete_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        return self.bulk_bar

    # -- data -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        self.refreshes += 1
        programme_id = self.ctx.programme_id
        if not programme_id:
            self.stack.setCurrentWidget(self.no_programme)
            self.subtitle.setText("")
            return
        selected = {r.participant_id for r in self.selected_rows()}
        self.promote_button.setVisible(programmes.get_programme(programme_id).kind == ProgrammeKind.CASCADE.value)
        rows = participants_service.roster(programme_id)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.stack.setCurrentIndex(2 if rows else 1)
        attention = sum(1 for r in rows if r.attention)
        # Mentors and mentees are counted as the dashboard's cards count them: those who have not left;
        # the people who have (Exited, still listed here) are counted apart, so the figures add up.
        left = sum(1 for r in rows if r.status == EnrolmentStatus.EXITED.value)
        mentors = sum(1 for r in rows if r.role == "mentor" and r.status != EnrolmentStatus.EXITED.value)
        waiting = sum(1 for r in rows if not_screened_yet(r))
        text = self.tr("{n} people: {m} mentors, {e} mentees or peers").format(
            n=len(rows), m=mentors, e=len(rows) - mentors - left
        )
        if left:
            text += self.tr(", {x} left the programme").format(x=left)
        text += self.tr(" · {a} need attention").format(a=attention)
        if waiting:
            text += self.tr(" · {w} not screened yet").format(w=waiting)
        self.subtitle.setText(text)
        self.select_ids(selected)
        if self.in_alumni_mode():
            self.alumni.reload(self.search.text())
        self._update_count()
        self._selection_changed()

    def select_ids(self, ids: set[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = True
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.row_at(proxy_row).participant_id in ids:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                selection.select(self.proxy.index(proxy_row, 0), flags)
                if first:
                    self.table.scrollTo(self.proxy.index(proxy_row, 0))
                    selection.setCurrentIndex(
                        self.proxy.index(proxy_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                    )
                    first = False

    def show_people(self, ids: set[int] | tuple[int, ...], caption: str) -> None:
        """Only these people (a dashboard figure or item opened them), with a Show all banner."""
        self.search.clear()
        self.role_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)
        self.attention_filter.setChecked(False)
        self.proxy.set_ids(frozenset(ids))
        self.banner.show_caption(caption)
        self.select_ids(set(ids))

    def selected_rows(self) -> list[RosterRow]:
        if not hasattr(self, "table"):
            return []
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.proxy.row_at(r) for r in sorted(rows)]

    def all_people(self) -> list[tuple[int, str]]:
        return [(r.participant_id, r.name) for r in self.model.rows]

    def _search_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if self.in_alumni_mode():
            self.alumni.reload(text)
            self._update_count()

    def _update_count(self, *_: object) -> None:
        if self.in_alumni_mode():
            self.count_label.setText(self.tr("{n} alumni").format(n=self.alumni.model.rowCount()))
            return
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            self.tr("{total} people").format(total=total)
            if shown == total
            else self.tr("Showing {shown} of {total}").format(shown=shown, total=total)
        )
        self.table_stack.setCurrentIndex(0 if shown or not total else 1)

    def _selection_changed(self, *_: object) -> None:
        rows = self.selected_rows()
        # The bar stays put (no jumping table); its buttons wake up with a selection.
        for button in (
            self.status_button,
            self.tag_button,
            self.enrol_button,
            self.promote_button,
            self.export_selection_button,
            self.delete_button,
        ):
            button.setEnabled(bool(rows))
        self.selected_label.setText(
            self.tr("{n} selected:").format(n=len(rows))
            if rows
            else self.tr("Select people first:")
        )
        if len(rows) == 1:
            self.detail.show_person(rows[0], self.ctx.programme_id)
            self.side.setCurrentWidget(self.detail)
        else:
            self.side.setCurrentWidget(self.no_selection)
            if len(rows) > 1:
                self.no_selection.setText(
                    self.tr(
                        "{n} people selected: use the buttons above the table to change them all."
                    ).format(n=len(rows))
                )
            else:
                self.no_selection.setText(
                    self.tr("Select someone to see their details, screening and history.")
                )

    def _context_menu(self, position) -> None:
        if not self.selected_rows():
            return
        menu = QMenu(self)
        menu.addAction(self.edit_action)
        menu.addAction(icon("shield"), self.tr("Screening…"), self.open_screening)
        menu.addAction(icon("person"), self.tr("Guardians and consent…"), self.open_guardians)
        menu.addSeparator()
        menu.addMenu(self.status_button.menu()).setText(self.tr("Change status"))
        menu.addAction(icon("add"), self.tr("Add tag…"), self.add_tag)
        menu.addAction(icon("add"), self.tr("Enrol in another programme…"), self.enrol_elsewhere)
        if self.promote_button.isVisibleTo(self):
            menu.addAction(icon("person"), self.tr("Promote to mentor…"), self.promote_to_mentor)
        menu.addAction(
            icon("export"), self.tr("Export selection…"), lambda: self.export("participants", selection=True)
        )
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # -- actions (dialog work lives in actions.py) ---------------------------------------------
    def changed(self, select: set[int] | None = None) -> None:
        """After a change: reload, keep (or move) the selection, and tell the other pages."""
        refreshed = self.refreshes
        self.ctx.notify("participants")  # the main window refreshes the visible page
        if self.refreshes == refreshed:
            self.refresh()
        if select is not None:
            self.select_ids(select)

    def add_participant(self) -> None:
        actions.add_participant(self)

    def edit_selected(self) -> None:
        actions.edit_participant(self)

    def open_screening(self) -> None:
        actions.open_screening(self)

    def open_guardians(self) -> None:
        actions.open_guardians(self)

    def change_status(self, status: str) -> None:
        actions.change_status(self, status)

    def add_tag(self) -> None:
        actions.add_tag(self)

    def enrol_elsewhere(self) -> None:
        actions.enrol_elsewhere(self)

    def promote_to_mentor(self) -> None:
        actions.promote_to_mentor(self)

    def delete_selected(self) -> None:
        actions.delete_selected(self)

    def export(self, what: str, selection: bool = False, fmt: str = "csv") -> None:
        actions.export(self, what, selection, fmt)

    def import_csv(self) -> None:
        if not actions.ensure_programme(self):
            return
        from mentordesk.ui.participants.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx.programme_id, self)
        self.wizard = wizard
        if wizard.exec() == QDialog.DialogCode.Accepted and wizard.summary is not None:
            self.ctx.show_status(self.tr("Imported: {what}.").format(what=wizard.summary.describe()))
            self.changed()

    def save_dialog(self, title: str, name: str) -> Path | None:
        start = str(Path.home() / name)
        if name.endswith(".xlsx"):
            kinds = self.tr("Excel workbooks (*.xlsx)")
        else:
            kinds = self.tr("CSV files (*.csv)")
        path, _ = QFileDialog.getSaveFileName(self, title, start, kinds)
        return Path(path) if path else None
