"""The Calendar tab: week, month and agenda views of one period, with period navigation."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import label
from mentordesk.ui.icons import icon
from mentordesk.ui.meetings.calendar_views import CalendarView, week_start
from mentordesk.ui.meetings.models import ROW_ROLE, STATUS_COLOURS, MeetingTableModel, RowFilter
from mentordesk.ui.meetings.month_view import MonthView
from mentordesk.ui.meetings.week_view import WeekView
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.form_parts import extra_keys

WEEK, MONTH, AGENDA = "week", "month", "agenda"


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


class CalendarPanel(QWidget):
    rangeChanged = Signal()
    meetingActivated = Signal(int)
    meetingMenuRequested = Signal(int, QPoint)
    meetingMoved = Signal(int, object)
    slotActivated = Signal(object)
    selectionChanged = Signal()  # the selected meeting (in whichever view is showing) changed

    def __init__(self, model: MeetingTableModel, proxy: RowFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model, self.proxy = model, proxy
        self.anchor = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.previous_button = self._tool(
            "mdi6.chevron-left", self.tr("Previous (Alt+Left)"), "Alt+Left", self.go_previous
        )
        self.today_button = QToolButton()
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Go to today (Alt+Home)"))
        self.today_button.setShortcut(QKeySequence("Alt+Home"))
        self.today_button.clicked.connect(self.go_today)
        self.next_button = self._tool(
            "mdi6.chevron-right", self.tr("Next (Alt+Right)"), "Alt+Right", self.go_next
        )
        self.period_label = QLabel()
        self.period_label.setObjectName("sectionTitle")
        bar.addWidget(self.previous_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(8)
        bar.addWidget(self.period_label)
        bar.addStretch(1)
        # The selected meeting's two everyday actions, visible (the menu and double-click have them too).
        # Alt+C and Alt+I: the page's Alt+O (Mode) and Alt+E (Export) were taken.
        self.outcome_button = self._text_tool("ok", self.tr("Record out&come…"), "Ctrl+Shift+O")
        self.edit_button = self._text_tool("edit", self.tr("Ed&it…"), "F2")
        bar.addWidget(self.outcome_button)
        bar.addWidget(self.edit_button)
        bar.addSpacing(8)
        self.view_group = QButtonGroup(self)
        self.view_buttons: dict[str, QToolButton] = {}
        for key, text, icon_name in (
            (WEEK, self.tr("Week"), "mdi6.calendar-week"),
            (MONTH, self.tr("Month"), "mdi6.calendar-month"),
            (AGENDA, self.tr("Agenda"), "mdi6.format-list-bulleted"),
        ):
            button = QToolButton()
            button.setText(text)
            button.setIcon(icon(icon_name))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=key: self.set_view(k))
            self.view_group.addButton(button)
            self.view_buttons[key] = button
            bar.addWidget(button)
        layout.addLayout(bar)

        self.stack = QStackedWidget()
        self.week_view = WeekView()
        self.week_scroll = QScrollArea()
        self.week_scroll.setWidgetResizable(True)
        self.week_scroll.setWidget(self.week_view)
        self.month_view = MonthView()
        self.agenda_table = QTableView()
        self.agenda_table.setAccessibleName(self.tr("Agenda"))
        self.agenda_table.setModel(proxy)
        self.agenda_table.setSortingEnabled(True)
        self.agenda_table.sortByColumn(MeetingTableModel.WHEN, Qt.SortOrder.AscendingOrder)
        self.agenda_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda_table.verticalHeader().setVisible(False)
        self.agenda_table.setAlternatingRowColors(True)
        self.agenda_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.agenda_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MeetingTableModel.WHO, QHeaderView.ResizeMode.Stretch)
        self.agenda_table.setColumnWidth(
            MeetingTableModel.WHEN, self.fontMetrics().horizontalAdvance("Wed 30 Sept, 16:00–17:00") + 24
        )
        self.agenda_table.doubleClicked.connect(self._agenda_activated)
        self.agenda_table.activated.connect(self._agenda_activated)
        self.agenda_table.customContextMenuRequested.connect(self._agenda_menu)
        self.agenda_empty = EmptyState(
            "meetings",
            self.tr("No meetings in this period"),
            self.tr(
                "Meetings you schedule will be listed here. Use Schedule meeting, or go to another month."
            ),
        )
        self.agenda_stack = QStackedWidget()
        self.agenda_stack.addWidget(self.agenda_table)
        self.agenda_stack.addWidget(self.agenda_empty)
        for widget in (self.week_scroll, self.month_view, self.agenda_stack):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self._legend())
        self.agenda_table.selectionModel().selectionChanged.connect(self.selectionChanged)
        self.selectionChanged.connect(self._update_buttons)  # set_view below sets them first
        for view in (self.week_view, self.month_view):
            view.selectionChanged.connect(self.selectionChanged)
            view.set_source(proxy)
            view.meetingActivated.connect(self.meetingActivated)
            view.meetingMenuRequested.connect(self.meetingMenuRequested)
            view.meetingMoved.connect(self.meetingMoved)
            view.slotActivated.connect(self.slotActivated)
        self.month_view.dayOpened.connect(self._open_day)
        for signal in (proxy.modelReset, proxy.rowsInserted, proxy.rowsRemoved, proxy.layoutChanged):
            signal.connect(self._update_agenda_empty)
        self.view = MONTH
        self.set_view(MONTH)

    def _tool(self, icon_name: str, tip: str, shortcut: str, slot) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setToolTip(tip)
        button.setAccessibleName(tip.partition(" (")[0])  # the name without the shortcut
        button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(slot)
        return button

    def _text_tool(self, icon_name: str, text: str, shortcut: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon(icon_name))
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        sequence = QKeySequence(shortcut)
        extra_keys(button, shortcut, scope=self)  # the keys beside its Alt+letter, not instead of it
        button.setToolTip(
            self.tr("{what} the selected meeting ({keys})").format(
                what=text.replace("&", "").rstrip("…"),
                keys=sequence.toString(QKeySequence.SequenceFormat.NativeText),
            )
        )
        return button

    def _legend(self) -> QHBoxLayout:
        """What the colours of the meeting chips mean."""
        legend = QHBoxLayout()
        legend.setContentsMargins(0, 4, 0, 0)
        caption = QLabel(self.tr("Colours:"))
        caption.setObjectName("hint")
        legend.addWidget(caption)
        for status, colour in STATUS_COLOURS.items():
            swatch = QLabel()
            swatch.setFixedSize(12, 12)
            swatch.setStyleSheet(f"background: {colour.name()}; border-radius: 2px;")
            text = QLabel(self.tr(label(status)))
            text.setObjectName("hint")
            legend.addWidget(swatch)
            legend.addWidget(text)
            legend.addSpacing(8)
        legend.addStretch(1)
        return legend

    def selected_meeting_id(self) -> int | None:
        """The meeting selected in the week or month view, or the agenda's selected row."""
        view = self.current_view()
        if view is not None:
            return view.selected_id
        rows = self.agenda_table.selectionModel().selectedRows()
        row = self.proxy.data(rows[0], ROW_ROLE) if rows else None
        return row.id if row is not None else None

    def selected_day(self) -> date | None:
        """The day of the selected meeting (in whichever view is showing)."""
        meeting_id = self.selected_meeting_id()
        if meeting_id is None:
            return None
        row = next((r for r in self.proxy.visible_rows() if r.id == meeting_id), None)
        return row.starts_at.date() if row is not None else None

    def show_meeting(self, meeting_id: int, day: date) -> None:
        """Go to ``day`` (its month; its week in the week view) with the meeting selected in every view.

        The rows of the new period are loaded on ``rangeChanged`` (the page does it)."""
        if self.anchor != day:
            self.set_anchor(day)
        for view in (self.week_view, self.month_view):
            view.select(meeting_id)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            found = self.proxy.data(index, ROW_ROLE)
            if found is not None and found.id == meeting_id:
                self.agenda_table.selectRow(row)
                self.agenda_table.scrollTo(index)
                break
        rect = self.week_view.rect_of(meeting_id)
        if self.view == WEEK and rect is not None:  # the week scrolls: bring the meeting into view
            centre = rect.center().toPoint()
            self.week_scroll.ensureVisible(centre.x(), centre.y(), 0, int(rect.height()))
        self.selectionChanged.emit()

    def _update_buttons(self, *_: object) -> None:
        selected = self.selected_meeting_id() is not None
        for button in (self.outcome_button, self.edit_button):
            button.setEnabled(selected)

    # -- period ----------------------------------------------------------------------------------
    def current_view(self) -> CalendarView | None:
        return {WEEK: self.week_view, MONTH: self.month_view}.get(self.view)

    def visible_range(self) -> tuple[date, date]:
        """First day shown and the day after the last."""
        if self.view == WEEK:
            first = week_start(self.anchor)
            return first, first + timedelta(days=7)
        if self.view == MONTH:
            first = self.month_view.first_day()
            return first, first + timedelta(days=42)
        return month_start(self.anchor), next_month(self.anchor)

    def set_view(self, view: str) -> None:
        self.view = view
        self.view_buttons[view].setChecked(True)
        self.stack.setCurrentIndex([WEEK, MONTH, AGENDA].index(view))
        self._anchor_changed()
        self.selectionChanged.emit()  # another view, another selection

    def set_anchor(self, day: date) -> None:
        self.anchor = day
        self._anchor_changed()

    def go_previous(self) -> None:
        if self.view == WEEK:
            self.set_anchor(self.anchor - timedelta(days=7))
        else:
            self.set_anchor((month_start(self.anchor) - timedelta(days=1)).replace(day=1))

    def go_next(self) -> None:
        if self.view == WEEK:
            self.set_anchor(self.anchor + timedelta(days=7))
        else:
            self.set_anchor(next_month(self.anchor))

    def go_today(self) -> None:
        self.set_anchor(date.today())

    def _open_day(self, day: date) -> None:
        self.anchor = day
        self.set_view(WEEK)

    def _anchor_changed(self) -> None:
        self.week_view.set_anchor(self.anchor)
        self.month_view.set_anchor(self.anchor)
        locale = QLocale()
        if self.view == WEEK:
            first, after = self.visible_range()
            last = after - timedelta(days=1)
            text = self.tr("{first} – {last}").format(
                first=locale.toString(QDate(first.year, first.month, first.day), "d MMM"),
                last=locale.toString(QDate(last.year, last.month, last.day), "d MMM yyyy"),
            )
        else:
            text = locale.toString(QDate(self.anchor.year, self.anchor.month, 1), "MMMM yyyy")
        self.period_label.setText(text)
        self.rangeChanged.emit()

    # -- agenda ----------------------------------------------------------------------------------
    def _agenda_activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if row is not None:
            self.meetingActivated.emit(row.id)

    def _agenda_menu(self, pos: QPoint) -> None:
        index = self.agenda_table.indexAt(pos)
        row = self.proxy.data(index, ROW_ROLE) if index.isValid() else None
        if row is not None:
            self.meetingMenuRequested.emit(row.id, self.agenda_table.viewport().mapToGlobal(pos))

    def _update_agenda_empty(self, *_: object) -> None:
        self.agenda_stack.setCurrentIndex(0 if self.proxy.rowCount() else 1)

    def set_shades(self, shades) -> None:
        self.week_view.set_shades(shades)
        self.month_view.set_shades(shades)
