"""Speed night: the event, check-in on the night (type to find, Space to tick), the rounds re-planned
for no-shows, wishes to meet again, a pair made a match, and the badges and table cards to print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk import config
from mentordesk.services import pairing as pairing_service
from mentordesk.services.pairing import Night, PairingError
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE
from mentordesk.ui.pairing.models import locale_date
from mentordesk.ui.pairing.speed_event_dialog import SpeedEventDialog
from mentordesk.ui.pairing.speed_night_models import CheckInModel, RoundsModel
from mentordesk.ui.widgets.empty_state import EmptyState

PARTNER_ROLE = Qt.ItemDataRole.UserRole + 10


class SpeedNightTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programme_id = 0
        self.programme_name = ""
        self.current: Night | None = None
        self.dialog: SpeedEventDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        tools = QHBoxLayout()
        caption = QLabel(self.tr("&Event:"))
        self.event_box = QComboBox()
        self.event_box.setAccessibleName(self.tr("Event"))
        self.event_box.setMinimumContentsLength(24)
        self.event_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        caption.setBuddy(self.event_box)
        self.event_box.currentIndexChanged.connect(self._event_chosen)
        self.new_button = QPushButton(icon("add"), self.tr("&New event…"))
        self.new_button.clicked.connect(self.new_event)
        self.edit_button = QPushButton(icon("edit"), self.tr("E&dit event…"))
        self.edit_button.clicked.connect(self.edit_event)
        self.invite_button = QPushButton(icon("participants"), self.tr("&Invite everyone ready"))
        self.invite_button.setToolTip(self.tr("Invite people who became ready since the event was made"))
        self.invite_button.clicked.connect(self.invite)
        tools.addWidget(caption)
        tools.addWidget(self.event_box, 1)
        for button in (self.new_button, self.edit_button, self.invite_button):
            tools.addWidget(button)
        layout.addLayout(tools)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "calendar",
            self.tr("No speed-mentoring event yet"),
            self.tr(
                "Create the event (date, venue, rounds and their length): everyone ready is invited, each "
                "mentor gets a numbered table and the rounds are planned. On the night, tick people in; "
                "afterwards, record whom each person would like to meet again."
            ),
        )
        self.stack.addWidget(self.empty)
        self.pages = QTabWidget()
        self.pages.addTab(self._checkin_page(), icon("ok"), self.tr("Check-in"))
        self.pages.addTab(self._rounds_page(), icon("calendar"), self.tr("Rounds"))
        self.pages.addTab(self._wishes_page(), icon("match"), self.tr("Wishes"))
        self.stack.addWidget(self.pages)
        layout.addWidget(self.stack, 1)
        self._show(None)

    # -- the pages ----------------------------------------------------------------------------------
    def _checkin_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        caption = QLabel(self.tr("&Search:"))
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Type a name, then Down or Return to the list"))
        self.find_edit.setAccessibleName(self.tr("Find a person"))
        self.find_edit.setClearButtonEnabled(True)
        caption.setBuddy(self.find_edit)
        row.addWidget(caption)
        row.addWidget(self.find_edit, 1)
        layout.addLayout(row)
        self.checkin_model = CheckInModel(self)
        self.checkin_proxy = QSortFilterProxyModel(self)
        self.checkin_proxy.setSourceModel(self.checkin_model)
        self.checkin_proxy.setFilterKeyColumn(CheckInModel.NAME)
        self.checkin_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.find_edit.textChanged.connect(self._filter)
        self.find_edit.returnPressed.connect(self._to_list)
        self.checkin_view = QTableView()
        self.checkin_view.setAccessibleName(self.tr("Check-in list"))
        self.checkin_view.setModel(self.checkin_proxy)
        self.checkin_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.checkin_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.checkin_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.checkin_view.verticalHeader().setVisible(False)
        header = self.checkin_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CheckInModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.checkin_view.clicked.connect(self._clicked)
        self.checkin_view.installEventFilter(self)
        self.find_edit.installEventFilter(self)
        layout.addWidget(self.checkin_view, 1)
        keys = QLabel(
            self.tr("Space ticks the selected person in (or out); typing a letter in the list finds.")
        )
        keys.setObjectName("hint")
        keys.setWordWrap(True)
        layout.addWidget(keys)
        actions = QHBoxLayout()
        self.absent_button = QPushButton(icon("close"), self.tr("Mark &absent"))
        self.absent_button.setToolTip(self.tr("The selected person did not come"))
        self.absent_button.clicked.connect(lambda: self._set_selected("no_show"))
        self.no_shows_button = QPushButton(icon("warning"), self.tr("&Mark the rest as no-shows"))
        self.no_shows_button.clicked.connect(self.mark_no_shows)
        held_caption = QLabel(self.tr("R&ounds held:"))
        self.held_spin = QSpinBox()
        self.held_spin.setAccessibleName(self.tr("Rounds already held"))
        held_caption.setBuddy(self.held_spin)
        self.replan_button = QPushButton(icon("refresh"), self.tr("Re-plan the rounds to &come"))
        self.replan_button.setObjectName("primary")
        self.replan_button.setToolTip(
            self.tr(
                "Keep the rounds held and rebuild the rest for the people here: nobody twice in a round, no pair twice"
            )
        )
        self.replan_button.clicked.connect(self.replan)
        actions.addWidget(self.absent_button)
        actions.addWidget(self.no_shows_button)
        actions.addStretch(1)
        actions.addWidget(held_caption)
        actions.addWidget(self.held_spin)
        actions.addWidget(self.replan_button)
        layout.addLayout(actions)
        return page

    def _rounds_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.rounds_model = RoundsModel(self)
        self.rounds_view = QTableView()
        self.rounds_view.setAccessibleName(self.tr("Rounds at each table"))
        self.rounds_view.setModel(self.rounds_model)
        self.rounds_view.setAlternatingRowColors(True)
        self.rounds_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rounds_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rounds_view.horizontalHeader().setDefaultSectionSize(150)
        layout.addWidget(self.rounds_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.badges_button = QPushButton(icon("print"), self.tr("Name &badges…"))
        self.badges_button.clicked.connect(lambda: self.print_pdf("badges"))
        self.cards_button = QPushButton(icon("print"), self.tr("Table ca&rds…"))
        self.cards_button.clicked.connect(lambda: self.print_pdf("cards"))
        buttons.addWidget(self.badges_button)
        buttons.addWidget(self.cards_button)
        layout.addLayout(buttons)
        return page

    def _wishes_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            self.tr(
                "After the night: choose a person and tick whom they would like to meet again (Space ticks). "
                "Run the matcher for the follow-up pairing: mutual wishes score highest."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        caption = QLabel(self.tr("&Wishes of:"))
        self.person_box = QComboBox()
        self.person_box.setEditable(True)  # type to find
        self.person_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person_box.setAccessibleName(self.tr("Person"))
        self.person_box.setMinimumContentsLength(24)
        caption.setBuddy(self.person_box)
        self.person_box.currentIndexChanged.connect(self._show_partners)
        row.addWidget(caption)
        row.addWidget(self.person_box, 1)
        self.import_button = QPushButton(icon("import"), self.tr("Imp&ort wishes…"))
        self.import_button.setToolTip(
            self.tr("A CSV with a Participant column and a Meet again column (names separated by ;)")
        )
        self.import_button.clicked.connect(self.import_wishes)
        row.addWidget(self.import_button)
        layout.addLayout(row)
        met_caption = QLabel(self.tr("Would like to meet a&gain:"))
        self.partners = QListWidget()
        self.partners.setAccessibleName(self.tr("Would like to meet again"))
        met_caption.setBuddy(self.partners)
        self.partners.itemChanged.connect(self._wish_changed)
        self.partners.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(met_caption)
        layout.addWidget(self.partners, 1)
        buttons = QHBoxLayout()
        self.wish_note = QLabel()
        self.wish_note.setObjectName("hint")
        self.wish_note.setWordWrap(True)
        buttons.addWidget(self.wish_note, 1)
        self.match_button = QPushButton(icon("match"), self.tr("Make an ongoing &match"))
        self.match_button.setToolTip(self.tr("The selected pair becomes an active match from today"))
        self.match_button.clicked.connect(self.make_match)
        buttons.addWidget(self.match_button)
        layout.addLayout(buttons)
        return page

    # -- loading ------------------------------------------------------------------------------------
    def reload(self, programme_id: int, programme_name: str = "") -> None:
        self.programme_id = programme_id
        self.programme_name = programme_name
        keep = self.event_box.currentData()
        events = pairing_service.list_events(programme_id) if programme_id else []
        self.event_box.blockSignals(True)
        self.event_box.clear()
        for event in events:
            self.event_box.addItem(self._event_label(event), event.id)
        index = self.event_box.findData(keep) if keep else 0
        self.event_box.setCurrentIndex(max(0, index))
        self.event_box.blockSignals(False)
        self._event_chosen()

    def _event_label(self, event) -> str:
        title = event.title or self.tr("Speed mentoring")
        return f"{title} — {locale_date(event.held_on)}"

    def event_id(self) -> int:
        return int(self.event_box.currentData() or 0)

    def _event_chosen(self, *_: object) -> None:
        event_id = self.event_id()
        self._show(pairing_service.night(event_id) if event_id else None)

    def _show(self, night: Night | None) -> None:
        self.current = night
        self.stack.setCurrentWidget(self.pages if night else self.empty)
        self.edit_button.setEnabled(night is not None)
        self.invite_button.setEnabled(night is not None)
        if night is None:
            self.summary.setText("")
            self.checkin_model.set_rows([])
            self.rounds_model.set_night(None)
            self.person_box.clear()
            self.partners.clear()
            self._update_buttons()
            return
        event = night.event
        counts = night.counts()
        tables = sum(1 for s in night.seats if s.role == "mentor")
        where = f"{event.venue} · " if event.venue else ""
        when = f"{locale_date(event.held_on)} {event.starts_at}".strip()
        self.summary.setText(
            self.tr(
                "{where}{when} · {rounds} rounds of {minutes} min at {tables} tables · {held} held. "
                "Here {here}, did not come {absent}, not ticked in yet {waiting}."
            ).format(
                where=where,
                when=when,
                rounds=event.rounds,
                minutes=event.round_minutes,
                tables=tables,
                held=event.rounds_held,
                here=counts["present"],
                absent=counts["no_show"],
                waiting=counts["invited"],
            )
        )
        selected = self._selected_id()
        self.checkin_model.set_rows(night.seats)
        self._select(selected)
        self.held_spin.setRange(0, event.rounds)
        self.held_spin.setValue(event.rounds_held)
        self.rounds_model.set_night(night, night.round_times())
        person = self.person_box.currentData()
        self.person_box.blockSignals(True)
        self.person_box.clear()
        for seat in sorted(night.seats, key=lambda s: s.name.casefold()):
            if night.partners(seat.participant_id):
                role = self.tr("mentor") if seat.role == "mentor" else self.tr("mentee")
                self.person_box.addItem(f"{seat.name} ({role})", seat.participant_id)
        self.person_box.setCurrentIndex(max(0, self.person_box.findData(person)))
        self.person_box.blockSignals(False)
        self._show_partners()

    # -- check-in -----------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.checkin_proxy.setFilterFixedString(text.strip())
        if self.checkin_proxy.rowCount():
            self.checkin_view.selectRow(0)

    def _to_list(self) -> None:
        self.checkin_view.setFocus()
        if not self.checkin_view.selectionModel().hasSelection() and self.checkin_proxy.rowCount():
            self.checkin_view.selectRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.find_edit and event.key() == Qt.Key.Key_Down:
                self._to_list()
                return True
            if watched is self.checkin_view:
                if event.key() == Qt.Key.Key_Space:
                    self.toggle_selected()
                    return True
                text = event.text()
                if (
                    text
                    and text.isprintable()
                    and not event.modifiers()
                    & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
                ):
                    # Typing in the list goes on finding: the letters land in the Find box.
                    self.find_edit.setFocus()
                    self.find_edit.insert(text)
                    return True
        return super().eventFilter(watched, event)

    def _selected_row(self):
        index = self.checkin_view.currentIndex()
        if not index.isValid():
            return None
        return self.checkin_proxy.data(index, ROW_ROLE)

    def _selected_id(self) -> int:
        row = self._selected_row()
        return row.participant_id if row is not None else 0

    def _select(self, participant_id: int) -> None:
        for r in range(self.checkin_proxy.rowCount()):
            row = self.checkin_proxy.data(self.checkin_proxy.index(r, 0), ROW_ROLE)
            if row.participant_id == participant_id:
                self.checkin_view.selectRow(r)
                return

    def _clicked(self, index) -> None:
        if index.column() == CheckInModel.HERE:
            self.toggle_selected()

    def toggle_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        self._set_selected("invited" if row.attendance == "present" else "present")

    def _set_selected(self, attendance: str) -> None:
        row = self._selected_row()
        if row is None or self.current is None:
            return
        try:
            pairing_service.set_attendance(self.current.event.id, row.participant_id, attendance)
        except PairingError as exc:
            self.summary.setText(str(exc))
            return
        self._show(pairing_service.night(self.current.event.id))
        word = {
            "present": self.tr("is here"),
            "no_show": self.tr("did not come"),
            "invited": self.tr("is not ticked in"),
        }
        self.ctx.show_status(f"{row.name} {word[attendance]}.")

    def mark_no_shows(self) -> None:
        if self.current is None:
            return
        count = pairing_service.mark_no_shows(self.current.event.id)
        self._show(pairing_service.night(self.current.event.id))
        self.ctx.show_status(self.tr("{n} marked as no-shows.").format(n=count))

    def replan(self) -> None:
        if self.current is None:
            return
        try:
            night = pairing_service.replan(self.current.event.id, self.held_spin.value())
        except PairingError as exc:
            self.summary.setText(str(exc))
            return
        self._show(night)
        self.pages.setCurrentIndex(1)
        self.ctx.show_status(self.tr("Rounds re-planned for the people here."))

    # -- events -------------------------------------------------------------------------------------
    def new_event(self) -> None:
        self._open_dialog(SpeedEventDialog(self.programme_id, None, self))

    def edit_event(self) -> None:
        if self.current is not None:
            self._open_dialog(SpeedEventDialog(self.programme_id, self.current.event, self))

    def _open_dialog(self, dialog: SpeedEventDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._saved(dialog.event_id, dialog.invite_problem))
        dialog.open()

    def _saved(self, event_id: int, problem: str = "") -> None:
        self.reload(self.programme_id, self.programme_name)
        self.event_box.setCurrentIndex(max(0, self.event_box.findData(event_id)))
        if problem:
            self.summary.setText(problem)
        self.ctx.show_status(self.tr("Event saved."))

    def invite(self) -> None:
        if self.current is None:
            return
        try:
            mentees, mentors = pairing_service.invite_waiting(self.current.event.id)
        except PairingError as exc:
            self.summary.setText(str(exc))
            return
        self._show(pairing_service.night(self.current.event.id))
        self.ctx.show_status(self.tr("{e} mentees and {m} mentors invited.").format(e=mentees, m=mentors))

    # -- wishes -------------------------------------------------------------------------------------
    def _show_partners(self, *_: object) -> None:
        self.partners.blockSignals(True)
        self.partners.clear()
        person = self.person_box.currentData()
        if self.current is not None and person:
            names = {s.participant_id: s.name for s in self.current.seats}
            wished = {b for a, b in self.current.wishes if a == person}
            wanted_back = {a for a, b in self.current.wishes if b == person}
            for partner in self.current.partners(person):
                text = names.get(partner, "")
                if partner in wanted_back:
                    text += "  " + self.tr("(asked to meet them again too)")
                item = QListWidgetItem(text)
                item.setData(PARTNER_ROLE, partner)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if partner in wished else Qt.CheckState.Unchecked)
                self.partners.addItem(item)
            if self.partners.count():
                self.partners.setCurrentRow(0)
        self.partners.blockSignals(False)
        self._update_buttons()

    def _wish_changed(self, _item: QListWidgetItem) -> None:
        person = self.person_box.currentData()
        if self.current is None or not person:
            return
        wished = [
            int(self.partners.item(i).data(PARTNER_ROLE))
            for i in range(self.partners.count())
            if self.partners.item(i).checkState() == Qt.CheckState.Checked
        ]
        row = self.partners.currentRow()
        try:
            pairing_service.set_wishes(self.current.event.id, int(person), wished)
        except PairingError as exc:
            self.wish_note.setText(str(exc))
            return
        self.current = pairing_service.night(self.current.event.id)
        self._show_partners()
        self.partners.setCurrentRow(row)
        self.wish_note.setText(
            self.tr("{n} wishes recorded for this event.").format(n=len(self.current.wishes))
        )

    def _pair(self) -> tuple[int, int] | None:
        """(mentee, mentor) for the chosen person and the selected partner."""
        person = self.person_box.currentData()
        item = self.partners.currentItem()
        if self.current is None or not person or item is None:
            return None
        partner = int(item.data(PARTNER_ROLE))
        roles = {s.participant_id: s.role for s in self.current.seats}
        return (int(person), partner) if roles.get(int(person)) == "mentee" else (partner, int(person))

    def _update_buttons(self) -> None:
        has = self.current is not None
        self.match_button.setEnabled(self._pair() is not None)
        for button in (self.badges_button, self.cards_button, self.no_shows_button, self.replan_button):
            button.setEnabled(has)
        self.import_button.setEnabled(has)

    def make_match(self) -> None:
        pair = self._pair()
        if pair is None or self.current is None:
            return
        try:
            pairing_service.pair_to_match(self.current.event.id, *pair)
        except PairingError as exc:
            self.wish_note.setText(str(exc))
            return
        names = {s.participant_id: s.name for s in self.current.seats}
        self.wish_note.setText(
            self.tr("{mentee} and {mentor} are now an active match (Matches tab).").format(
                mentee=names.get(pair[0], ""), mentor=names.get(pair[1], "")
            )
        )
        self.ctx.show_status(self.tr("Match made."))

    def choose_path(self, title: str, default_name: str, pattern: str, save: bool = True) -> str:
        folder = config.ensure_dir(config.documents_dir())
        if save:
            path, _ = QFileDialog.getSaveFileName(self, title, str(folder / default_name), pattern)
        else:
            path, _ = QFileDialog.getOpenFileName(self, title, str(folder), pattern)
        return path

    def import_wishes(self) -> None:
        if self.current is None:
            return
        path = self.choose_path(
            self.tr("Import wishes"), "", self.tr("CSV or workbook (*.csv *.xlsx)"), save=False
        )
        if not path:
            return
        try:
            result = pairing_service.import_wishes(self.current.event.id, path)
        except PairingError as exc:
            self.wish_note.setText(str(exc))
            return
        self._show(pairing_service.night(self.current.event.id))
        self.wish_note.setText(
            self.tr("{n} wishes imported for {p} people.").format(n=result.added, p=result.people)
        )

    def print_pdf(self, what: str) -> None:
        if self.current is None:
            return
        name = "speed-badges.pdf" if what == "badges" else "speed-table-cards.pdf"
        path = self.choose_path(self.tr("Save as PDF"), name, "PDF (*.pdf)")
        if not path:
            return
        try:
            if what == "badges":
                count = pairing_service.badges_pdf(self.current.event.id, path, self.programme_name)
            else:
                count = pairing_service.table_cards_pdf(self.current.event.id, path, self.programme_name)
        except PairingError as exc:
            self.summary.setText(str(exc))
            return
        except OSError as exc:
            self.summary.setText(
                self.tr("Could not write {path}: {error}. Choose another folder.").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return
        self.ctx.show_status(self.tr("Saved {name}: {n} printed.").format(name=Path(path).name, n=count))
