"""The Meetings area: calendar (week, month, agenda), contact log and the "needs attention" list.

Dialogs open with ``open()`` (not ``exec()``) and report back through their
signals, so the page stays responsive and tests can drive the dialogs.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import MeetingMode, label
from mentordesk.services import meetings as meetings_service
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.meetings.actions import MeetingActions
from mentordesk.ui.meetings.calendar_panel import CalendarPanel
from mentordesk.ui.meetings.calendar_views import Shade
from mentordesk.ui.meetings.lists import attention_tab, contact_tab
from mentordesk.ui.meetings.models import MeetingTableModel, RowFilter
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.workers import Worker

CALENDAR_TAB, CONTACTS_TAB, ATTENTION_TAB = range(3)


class MeetingsPage(MeetingActions, Page):
    title = "Meetings"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.dialog: QWidget | None = None  # the dialog or message box open now (tests drive it)
        self._members: dict[int, tuple[int, ...]] = {}
        self._meetings: dict[int, meetings_service.MeetingRow] = {}
        self.export_worker: Worker | None = None
        self.export_progress: QProgressDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(self.tr("Meetings"), self.tr("Schedule, record and keep the rhythm of every match."))
        )
        self.schedule_button = self.header_button(
            self.tr("&Schedule meeting…"), "add", "Ctrl+N", self.schedule, primary=True
        )
        self.checkin_button = self.header_button(
            self.tr("&Log check-in…"), "mdi6.phone-log-outline", "Ctrl+L", self.log_checkin
        )
        self.export_button = self.header_button(
            self.tr("&Export .ics…"), "export", "Ctrl+E", self.export_calendar
        )

        self.body = QStackedWidget()
        layout.addWidget(self.body, 1)
        self.no_programme = EmptyState(
            "meetings",
            self.tr("No programme yet"),
            self.tr(
                "Meetings belong to a programme. Create a programme, make a match, then schedule its first meeting."
            ),
        )
        self.body.addWidget(self.no_programme)
        self.no_matches = EmptyState(
            "match",
            self.tr("No matches yet"),
            self.tr(
                "Meetings are scheduled for a match (a pair or a group). Make matches in Pairing; "
                "their meetings, check-ins and anything overdue will show here."
            ),
            self.tr("Go to Pairing"),
            self._go_to_pairing,
        )
        self.body.addWidget(self.no_matches)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(self._build_filters())
        self.tabs = QTabWidget()
        self.meeting_model = MeetingTableModel(self)
        self.meeting_proxy = RowFilter(self)
        self.meeting_proxy.setSourceModel(self.meeting_model)
        self.calendar = CalendarPanel(self.meeting_model, self.meeting_proxy)
        self.contacts = contact_tab()
        self.attention = attention_tab()
        for proxy in (self.meeting_proxy, self.contacts.proxy, self.attention.proxy):
            proxy.members_of = lambda match_id: self._members.get(match_id or 0, ())
        self.tabs.addTab(self.calendar, icon("calendar"), self.tr("Calendar"))
        self.tabs.addTab(self.contacts, icon("person"), self.tr("Contact log"))
        self.tabs.addTab(self.attention, icon("warning"), self.tr("Needs attention"))
        main_layout.addWidget(self.tabs, 1)
        self._contacts_stale = True
        self.tabs.currentChanged.connect(self._on_tab)
        self.body.addWidget(main)
        self.main = main
        self._build_list_buttons()
        self.calendar.rangeChanged.connect(self._load_meetings)
        self.calendar.meetingActivated.connect(self.open_meeting)
        self.calendar.outcome_button.clicked.connect(lambda: self._with_selected(self.record_outcome))
        self.calendar.edit_button.clicked.connect(lambda: self._with_selected(self.edit_meeting))
        self.calendar.meetingMenuRequested.connect(self._meeting_menu)
        self.calendar.meetingMoved.connect(self.move_meeting)
        self.calendar.slotActivated.connect(lambda when: self.schedule(start=when))
        self.contacts.rowActivated.connect(lambda row: self.edit_checkin(row.id))
        self.attention.rowActivated.connect(self.act_on)

    def _with_selected(self, action) -> None:
        meeting_id = self.calendar.selected_meeting_id()
        if meeting_id is not None:
            action(meeting_id)

    # -- construction ----------------------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.match_filter = QComboBox()
        self.match_filter.setAccessibleName(self.tr("Match filter"))
        self.match_filter.setMinimumContentsLength(22)
        self.person_filter = QComboBox()
        self.person_filter.setAccessibleName(self.tr("Person filter"))
        self.person_filter.setMinimumContentsLength(16)
        self.mode_filter = QComboBox()
        self.mode_filter.setAccessibleName(self.tr("Mode filter"))
        self.mode_filter.addItem(self.tr("Any mode"), None)
        for mode in MeetingMode:
            self.mode_filter.addItem(self.tr(label(mode.value)), mode.value)
        for text, combo in (
            (self.tr("&Match:"), self.match_filter),
            (self.tr("&Person:"), self.person_filter),
            (self.tr("M&ode:"), self.mode_filter),
        ):
            caption = QLabel(text)
            caption.setBuddy(combo)
            row.addWidget(caption)
            row.addWidget(combo)
            combo.currentIndexChanged.connect(self._apply_filters)
        self.clear_filters = QPushButton(icon("close"), self.tr("Clear filters"))
        self.clear_filters.clicked.connect(self._clear_filters)
        row.addWidget(self.clear_filters)
        row.addStretch(1)
        return row

    def _build_list_buttons(self) -> None:
        tab = self.contacts
        tab.add_button(self.tr("Log check-in…"), "add", self.log_checkin)
        tab.add_button(
            self.tr("Edit…"), "edit", lambda: self._with_contact(self.edit_checkin), needs_selection=True
        )
        self.follow_up_button = tab.add_button(
            self.tr("Mark follow-up done"),
            "ok",
            lambda: self._with_contact(self.mark_follow_up_done),
            needs_selection=True,
        )
        tab.add_button(
            self.tr("Delete…"),
            "delete",
            lambda: self._with_contact(self.delete_checkin),
            needs_selection=True,
        )
        tab.finish_buttons()
        tab = self.attention
        tab.add_button(
            self.tr("Act on it…"), "run", lambda: self.act_on(self.attention.selected()), needs_selection=True
        )
        tab.add_button(
            self.tr("Schedule meeting…"),
            "add",
            lambda: self.schedule(match_id=self._selected_attention_match()),
        )
        tab.add_button(
            self.tr("Log check-in…"),
            "mdi6.phone-log-outline",
            lambda: self.log_checkin(self._selected_attention_match()),
        )
        tab.finish_buttons()

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        programme_id = self.ctx.programme_id
        for button in (self.schedule_button, self.checkin_button, self.export_button):
            button.setEnabled(bool(programme_id))
        if not programme_id:
            self.body.setCurrentWidget(self.no_programme)
            return
        if not self._fill_filters(programme_id):
            self.body.setCurrentWidget(self.no_matches)
            for button in (self.schedule_button, self.export_button):
                button.setEnabled(False)
            return
        self.body.setCurrentWidget(self.main)
        self._load_meetings()
        self._contacts_stale = True  # loaded when its tab is shown: a busy log has thousands of entries
        self._on_tab(self.tabs.currentIndex())
        self._load_attention()
        self._apply_filters()

    def _on_tab(self, index: int) -> None:
        if index == CONTACTS_TAB and self._contacts_stale and self.ctx.programme_id:
            self.contacts.set_rows(meetings_service.list_contacts(self.ctx.programme_id))
            self._contacts_stale = False

    def _go_to_pairing(self) -> None:
        window = self.window()
        if hasattr(window, "show_area"):
            window.show_area("pairing")

    def _fill_filters(self, programme_id: int) -> bool:
        """Fill the match and person filters; False when the programme has no match at all."""
        choices = meetings_service.match_choices(programme_id, include_closed=True)
        self._members = {c.id: c.member_ids for c in choices}
        for combo, everyone, items in (
            (self.match_filter, self.tr("All matches"), [(c.who, c.id) for c in choices]),
            (
                self.person_filter,
                self.tr("Everyone"),
                [(p.name, p.id) for p in meetings_service.people_in_matches(programme_id)],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        return bool(choices)

    def _load_meetings(self) -> None:
        if not self.ctx.programme_id:
            return
        first, after = self.calendar.visible_range()
        rows = meetings_service.calendar_rows(
            self.ctx.programme_id, datetime.combine(first, time.min), datetime.combine(after, time.min)
        )
        self._meetings = {row.id: row for row in rows}
        self.meeting_model.set_rows(rows)
        self._update_shades()

    def _load_attention(self) -> None:
        items = meetings_service.overdue_items(self.ctx.programme_id)
        self.attention.set_rows(items)
        title = self.tr("Needs attention ({n})").format(n=len(items)) if items else self.tr("Needs attention")
        self.tabs.setTabText(ATTENTION_TAB, title)

    def _update_shades(self) -> None:
        programme_id = self.ctx.programme_id
        shades = [Shade(b.first, b.last, b.label) for b in meetings_service.term_breaks(programme_id)]
        people = self._filtered_people()
        if people:
            shades += [
                Shade(s.first, s.last, s.label) for s in meetings_service.away_spans(people, self._names())
            ]
        self.calendar.set_shades(shades)

    def _names(self) -> dict[int, str]:
        return {
            self.person_filter.itemData(i): self.person_filter.itemText(i)
            for i in range(1, self.person_filter.count())
        }

    def _filtered_people(self) -> list[int]:
        person, match = self.person_filter.currentData(), self.match_filter.currentData()
        if person:
            return [person]
        return list(self._members.get(match, ())) if match else []

    def _apply_filters(self, *_: object) -> None:
        match, person, mode = (
            self.match_filter.currentData(),
            self.person_filter.currentData(),
            self.mode_filter.currentData(),
        )
        self.meeting_proxy.set_filters(match, person, mode)
        self.contacts.proxy.set_filters(match, person, None)
        self.attention.proxy.set_filters(match, person, None)
        self.clear_filters.setEnabled(bool(match or person or mode))
        if self.ctx.programme_id:
            self._update_shades()

    def _clear_filters(self) -> None:
        for combo in (self.match_filter, self.person_filter, self.mode_filter):
            combo.setCurrentIndex(0)

    def _changed(self, message: str) -> None:
        self.refresh()
        self.ctx.show_status(message)
        self.ctx.notify("meetings")

    # -- contact log -----------------------------------------------------------------------------
    def log_checkin(self, match_id: int | None = None):
        from mentordesk.ui.meetings.contact_dialog import ContactDialog

        if not self.ctx.programme_id:
            return None
        dialog = ContactDialog(
            self.ctx.programme_id, match_id=match_id or self.match_filter.currentData(), parent=self
        )
        dialog.accepted.connect(lambda: self._changed(self.tr("Check-in logged.")))
        return self._show(dialog)

    def edit_checkin(self, contact_id: int):
        from mentordesk.ui.meetings.contact_dialog import ContactDialog

        dialog = ContactDialog(self.ctx.programme_id, contact_id=contact_id, parent=self)
        dialog.accepted.connect(lambda: self._changed(self.tr("Check-in saved.")))
        return self._show(dialog)

    def _with_contact(self, action) -> None:
        row = self.contacts.selected()
        if row is not None:
            action(row.id)

    def mark_follow_up_done(self, contact_id: int) -> None:
        meetings_service.set_follow_up_done(contact_id, True)
        self._changed(self.tr("Follow-up marked as done."))

    def delete_checkin(self, contact_id: int):
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete check-in"),
            self.tr("Delete this check-in from the contact log? This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def done(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                meetings_service.delete_contact(contact_id)
                self._changed(self.tr("Check-in deleted."))

        box.finished.connect(done)
        return self._show(box)

    # -- needs attention -------------------------------------------------------------------------
    def focus_match(self, match_id: int) -> None:
        """This match's overdue items: the match filter set to it, the Needs attention tab shown."""
        index = self.match_filter.findData(match_id)
        if index >= 0:
            self.match_filter.setCurrentIndex(index)
        self.tabs.setCurrentIndex(ATTENTION_TAB)

    def show_month(self, day) -> None:
        """The calendar's month view at ``day``'s month (a bar of the dashboard's meetings chart)."""
        self.tabs.setCurrentWidget(self.calendar)
        self.calendar.set_view("month")
        self.calendar.set_anchor(day)

    def _selected_attention_match(self) -> int | None:
        item = self.attention.selected()
        return item.match_id if item is not None else None

    def act_on(self, item):
        """The natural next step for an overdue item."""
        if item is None:
            return None
        if item.kind == "meeting":
            return self.schedule(match_id=item.match_id)
        if item.kind == "checkin":
            return self.log_checkin(item.match_id)
        if item.kind == "outcome" and item.match_id:
            meeting_id = meetings_service.first_unrecorded(
                item.match_id, datetime.combine(date.today(), time.min)
            )
            if meeting_id is not None:
                return self.record_outcome(meeting_id)
        if item.kind == "follow_up" and item.contact_id:
            return self.edit_checkin(item.contact_id)
        return None
