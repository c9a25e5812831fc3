"""Dashboard: the programme at a glance and what needs attention today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_weekday_time, localise_dates
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.explained import explain_all
from mentordesk.ui.widgets.form_parts import scroll_area
from mentordesk.ui.workers import Worker, start

if TYPE_CHECKING:
    from mentordesk.core.attention import Attention
    from mentordesk.core.progress import Progress
    from mentordesk.core.reports import Report
    from mentordesk.services.dashboard import Overview

# The most overdue first; a list of hundreds is read by nobody, the areas' own lists have the rest.
MAX_ATTENTION_ROWS = 100


class StatCard(QFrame):
    """A number with its caption; clicked (or Enter/Space when focused) it opens the list behind it."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(caption)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.value = QLabel("–")  # until the figures arrive
        self.value.setObjectName("cardValue")
        label = QLabel(caption)
        label.setObjectName("cardLabel")
        label.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(label)
        self.detail = QLabel("")
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        # Room for two lines of caption and of detail in every card: text that wraps in a narrow
        # window is never clipped, and the four cards keep one height.
        two_lines = 2 * self.detail.fontMetrics().lineSpacing()
        label.setMinimumHeight(two_lines)
        self.detail.setMinimumHeight(two_lines)
        layout.addWidget(self.detail)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


# The figures of each tab: (key, caption, what its list holds: "people", "matches", "meetings" or "").
PIPELINE_FIGURES = (
    ("participants_mentors", "Mentors taking part", ""),
    ("participants_mentees", "Mentees taking part", ""),
    ("mentees_waiting", "Mentees waiting for a match", "people"),
    ("median_wait_days", "Median days waiting", ""),
    ("checks_expired", "Background checks expired", "people"),
    ("checks_expiring", "Checks expiring within 30 days", "people"),
    ("consent_missing", "Guardian consent missing", "people"),
    ("training_hours", "Mentor training hours", ""),
)
MATCH_FIGURES = (
    ("matches_active", "Active", "matches"),
    ("matches_paused", "Paused", "matches"),
    ("matches_started", "Started this term", "matches"),
    ("matches_closed", "Closed this term", "matches"),
    ("matches_closed_early", "Closed early", "matches"),
    ("median_match_length_days", "Median days a closed match lasted", ""),
    ("retention_planned_end_pct", "% closed at the planned end", ""),
    ("retention_3m_pct", "% still going at 3 months", ""),
    ("retention_6m_pct", "% still going at 6 months", ""),
    ("retention_12m_pct", "% still going at 12 months", ""),
    ("health_on_track", "On track", "matches"),
    ("health_drifting", "Drifting", "matches"),
    ("health_overdue", "Overdue for a meeting", "matches"),
)
ACTIVITY_FIGURES = (
    ("meetings_held", "Meetings held", "meetings"),
    ("mentoring_hours", "Hours of mentoring", ""),
    ("cadence_met_pct", "% meeting as often as agreed", "matches"),
    ("checkins_held", "Coordinator check-ins", ""),
    ("checkins_standard_met_pct", "% with check-ins up to standard", "matches"),
    ("goals_achieved", "Goals achieved", "matches"),
    ("goals_in_progress", "Goals in progress", "matches"),
    ("goals_dropped", "Goals dropped", "matches"),
)
PEOPLE_LISTS = ("mentees_waiting", "checks_expired", "checks_expiring", "consent_missing", "pipeline_")
LIST_OF = {
    "cadence_met_pct": "cadence_met",
    "checkins_standard_met_pct": "checkins_kept",
}  # a percentage opens the matches counted as meeting it


def list_kind(key: str) -> str:
    """Whose list a key names: "people" (Participants) or "matches" (Pairing › Matches)."""
    return "people" if key.startswith(PEOPLE_LISTS) else "matches"


class FigureLink(QPushButton):
    """A number and its caption; a click opens the list behind the number."""

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.caption = key, caption
        self.setObjectName("figureLink")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_value("–")

    def set_value(self, value: str) -> None:
        self.setText(f"{value}   {self.caption}")
        self.setAccessibleName(f"{self.caption}: {value}")


class FiguresTab(QWidget):
    """Figures on the left (each opens its list), charts on the right.

    Its widgets are built when first needed (``build``: the tab is opened, or the figures
    arrive), not before the window's first paint: the tab is not on show then.
    """

    def __init__(self, figures: tuple[tuple[str, str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = figures
        self.links: dict[str, FigureLink] = {}
        self.kinds = {key: kind for key, _caption, kind in figures}
        self.chart_views: list[QWidget] = []
        self.built = False

    def build(self, on_click) -> None:
        """The figures and the chart area; ``on_click(link)`` when a figure is clicked. Once only."""
        if self.built:
            return
        self.built = True
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.period = QLabel()
        self.period.setObjectName("hint")
        self.period.setWordWrap(True)
        column.addWidget(self.period)
        for key, caption, _kind in self.figures:
            link = FigureLink(key, caption)
            link.clicked.connect(lambda _=False, link=link: on_click(link))
            self.links[key] = link
            column.addWidget(link)
        column.addStretch(1)
        scroll = scroll_area(left, across=False)
        scroll.setMinimumWidth(280)
        scroll.setMaximumWidth(380)
        layout.addWidget(scroll, 2)
        self.charts = QWidget()
        self.grid = QGridLayout(self.charts)
        self.grid.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.charts, 5)

    def set_charts(self, views: list[QWidget]) -> None:
        for view in self.chart_views:
            self.grid.removeWidget(view)
            view.deleteLater()
        self.chart_views = views
        for index, view in enumerate(views):
            row, col = divmod(index, 2)
            last_alone = index == len(views) - 1 and col == 0
            self.grid.addWidget(view, row, col, 1, 2 if last_alone else 1)


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    return label


class DashboardPage(Page):
    """The cards and the Today tab are filled first (``filled``); this term's figures follow.

    The figures read every check, meeting and goal of the term, and their tabs are not on show
    when the window opens: they come from a second read on the thread pool, after the first.
    """

    title = "Dashboard"
    filled = Signal()  # the cards and the Today tab show the programme's data
    figures_shown = Signal()  # this term's figures (the other tabs, the cards' lists) have arrived

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header(self.tr("Dashboard"), self.tr("Your programme at a glance.")))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self._worker: Worker | None = None
        # The first part of a worker's result (cards, Today), sent on while it reads the figures. The
        # page owns it (not the worker, which may be freed on its pool thread) and checks who sent it.
        self._today = _TodayReady(self)
        self._today.ready.connect(self._today_ready)
        self._reads = 0  # how many reads were started: only the latest one's data is shown
        self.filling = False  # a read is under way and the cards and the Today tab wait for it

        self.no_programme = EmptyState(
            "programme",
            self.tr("No programme yet"),
            self.tr(
                "A programme holds one scheme's people, matches and meetings (for example one per school "
                "year). Create your first programme to begin."
            ),
        )
        self.stack.addWidget(self.no_programme)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        cards = QHBoxLayout()
        cards.setSpacing(12)
        self.cards = {
            "mentors": StatCard(self.tr("Mentors")),
            "mentees": StatCard(self.tr("Mentees")),
            "waiting": StatCard(self.tr("Ready and waiting for a match")),
            "active": StatCard(self.tr("Active matches")),
        }
        explanations = {
            "mentors": self.tr("Mentors enrolled in this programme who have not left it, cleared or not."),
            "mentees": self.tr("Mentees and peers enrolled in this programme who have not left it."),
            "waiting": self.tr(
                "Mentees whose screening is complete (status Ready) and who have no match yet."
            ),
            "active": self.tr("Matches that are meeting now: not drafts, paused or closed."),
        }
        explain_all(self.cards, explanations)
        for key, card in self.cards.items():
            card.clicked.connect(lambda key=key: self._open_card(key))
        for card in self.cards.values():
            cards.addWidget(card, 1)
        body_layout.addLayout(cards)
        body_layout.addSpacing(8)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.tabs.setAccessibleName(self.tr("Dashboard views"))
        today = QWidget()
        today_layout = QVBoxLayout(today)
        today_layout.setContentsMargins(8, 8, 8, 8)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(section(self.tr("Needs attention")))
        self.attention_list = QListWidget()
        self.attention_list.setAccessibleName(self.tr("Needs attention"))
        self.attention_list.setWordWrap(True)
        self.attention_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attention_list.setObjectName("attentionList")
        # Up to a hundred wrapped rows: laid out a screenful at a time, so the first rows show at once.
        self.attention_list.setLayoutMode(QListView.LayoutMode.Batched)
        self.attention_list.setBatchSize(20)
        self.attention_list.itemActivated.connect(self._open_item)
        self.all_clear = QLabel(self.tr("Nothing needs your attention today."))
        self.all_clear.setObjectName("hint")
        self.all_clear.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.attention_list, 1)
        left.addWidget(self.all_clear, 1)
        right = QVBoxLayout()
        right.addWidget(section(self.tr("Coming up (next 14 days)")))
        self.upcoming_list = QListWidget()
        self.upcoming_list.setAccessibleName(self.tr("Coming up"))
        self.upcoming_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.upcoming_list.setWordWrap(True)
        self.upcoming_list.setObjectName("upcomingList")
        self.upcoming_list.itemActivated.connect(self._open_upcoming)
        self.nothing_planned = QLabel(self.tr("No meetings planned. Schedule them in Meetings."))
        self.nothing_planned.setObjectName("hint")
        self.nothing_planned.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.upcoming_list, 1)
        right.addWidget(self.nothing_planned, 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        today_layout.addLayout(columns, 1)
        self.tabs.addTab(today, icon("warning"), self.tr("&Today"))
        self.figure_tabs = {
            "pipeline": FiguresTab(PIPELINE_FIGURES),
            "matches": FiguresTab(MATCH_FIGURES),
            "activity": FiguresTab(ACTIVITY_FIGURES),
        }
        self.tabs.addTab(self.figure_tabs["pipeline"], icon("participants"), self.tr("&Pipeline"))
        self.tabs.addTab(self.figure_tabs["matches"], icon("match"), self.tr("Matc&hes"))
        self.tabs.addTab(self.figure_tabs["activity"], icon("calendar"), self.tr("&Activity"))
        self.tabs.currentChanged.connect(lambda _i: self._draw_charts())
        body_layout.addWidget(self.tabs, 1)
        self.report: Report | None = None
        self._charts_drawn_for: Report | None = None
        self.stack.addWidget(body)
        # Until the figures arrive: the cards wait with "–", and neither list claims to be empty.
        self.stack.setCurrentWidget(body)
        self.all_clear.hide()
        self.nothing_planned.hide()

    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.programme_id:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        # The figures read every check, meeting and goal of the programme: on a large scheme that
        # takes a moment, so they are gathered on the thread pool and the window stays live.
        if self._worker is not None:
            self._worker.cancel()
        programme_id = self.ctx.programme_id
        self._reads += 1
        worker = Worker(_overview, programme_id, self._today, self._reads)
        worker.signals.finished.connect(lambda report, w=worker: self._show_report(w, programme_id, report))
        worker.signals.failed.connect(lambda exc, w=worker: self._failed(w, exc))
        self._worker = worker
        self.filling = True
        start(worker)

    def _failed(self, worker: Worker, exc: BaseException) -> None:
        if worker is self._worker:
            self._worker = None
            self.filling = False
            if getattr(self.window(), "checking", False):
                # Read while the file's open check runs: a damaged file is the check's to report
                # (it stops the start), a sound one is read again once the check has passed.
                self.stale = True
                return
            raise exc  # the crash handler logs it and shows the details

    def _show_report(self, worker: Worker, programme_id: int, report: Report | None) -> None:
        if worker is not self._worker or worker.cancelled or programme_id != self.ctx.programme_id:
            return  # a newer refresh is on its way
        self._worker = None
        if report is not None:
            self._show_figures(report)
        self.figures_shown.emit()

    def _today_ready(self, read: int, data: Overview) -> None:
        worker = self._worker
        if read != self._reads or worker is None or worker.cancelled:
            return  # a newer refresh is on its way
        self._show(self.ctx.programme_id, data)

    def _show(self, programme_id: int, data: Overview) -> None:
        if data.programme_id != programme_id:
            return
        self.cards["mentors"].value.setText(str(data.mentors))
        self.cards["mentors"].detail.setText(self.tr("{n} cleared to mentor").format(n=data.mentors_cleared))
        next_step = (
            self.tr("Run the matcher in Pairing")
            if data.matcher_runs
            else self.tr("Plan the speed night in Pairing")
        )
        self.cards["waiting"].detail.setText(next_step if data.waiting else "")
        self.cards["mentees"].value.setText(str(data.mentees))
        self.cards["waiting"].value.setText(str(data.waiting))
        self.cards["active"].value.setText(str(data.active_matches))
        self.attention_list.clear()
        shown = data.attention[:MAX_ATTENTION_ROWS]
        for item in shown:
            text = f"{item.subject}: {localise_dates(item.problem)}"
            if item.days_overdue > 0:
                text += self.tr(" ({n} days overdue)").format(n=item.days_overdue)
            row = QListWidgetItem(icon("warning"), text)
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.attention_list.addItem(row)
        hidden = len(data.attention) - len(shown)
        if hidden > 0:
            more = QListWidgetItem(self.tr("… and {n} more, less overdue").format(n=hidden))
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.attention_list.addItem(more)
        self.attention_list.setVisible(bool(data.attention))
        self.all_clear.setVisible(not data.attention)
        self.upcoming_list.clear()
        for meeting in data.upcoming:
            text = f"{format_weekday_time(meeting.starts_at)}  ·  {meeting.who}"
            if meeting.place:
                text += f"  ·  {meeting.place}"
            row = QListWidgetItem(icon("calendar"), text)
            row.setData(Qt.ItemDataRole.UserRole, meeting.match_id)
            self.upcoming_list.addItem(row)
        self.upcoming_list.setVisible(bool(data.upcoming))
        self.nothing_planned.setVisible(not data.upcoming)
        self.filling = False
        self.filled.emit()

    # -- figures and charts -------------------------------------------------------------------------

    def _show_figures(self, report: Report) -> None:
        from mentordesk.services.reports import format_value

        self.report = report
        span = self.tr("This term so far: {start} – {end}. Click a number to see the list behind it.").format(
            start=report.period.start.strftime("%d %b %Y"), end=report.as_of.strftime("%d %b %Y")
        )
        for tab in self.figure_tabs.values():
            tab.build(self._open_figure)
            tab.period.setText(span)
            for key, link in tab.links.items():
                value = report.figures.get(key)
                link.set_value(format_value(value) or "–")
                kind = tab.kinds[key]
                ids = report.lists.get(LIST_OF.get(key, key), ())
                link.setEnabled(kind == "meetings" or (bool(kind) and bool(ids)))
        self._draw_charts()

    def _draw_charts(self) -> None:
        """Charts of the tab on show, drawn now (QtCharts is loaded the first time a figures tab opens)."""
        report = self.report
        tab = self.tabs.currentWidget()
        if isinstance(tab, FiguresTab):
            tab.build(self._open_figure)  # opened before the figures came: their "–" until then
        if report is None or not isinstance(tab, FiguresTab):
            return
        if getattr(tab, "drawn_for", None) is report:
            return
        from mentordesk.ui.dashboard import charts

        open_list = self.open_list
        if tab is self.figure_tabs["pipeline"]:
            views = [charts.pipeline_chart(report, open_list)]
        elif tab is self.figure_tabs["matches"]:
            views = [
                charts.health_chart(report, open_list),
                charts.closures_chart(report, open_list),
                charts.retention_chart(report, open_list),
            ]
        else:
            views = [charts.meetings_chart(report, self.open_month), charts.goals_chart(report, open_list)]
        tab.set_charts(list(views))
        tab.drawn_for = report  # type: ignore[attr-defined]

    def _open_card(self, key: str) -> None:
        """A card opens its people or matches (from this term's figures, taken today)."""
        report = self.report
        if report is None:
            return
        if key in ("mentors", "mentees"):
            side = "mentor" if key == "mentors" else "mentee"
            ids = sorted(
                {
                    pid
                    for name, found in report.lists.items()
                    if name.startswith(f"pipeline_{side}_") and not name.endswith("_exited")
                    for pid in found
                }
            )
            self._open_ids("people", tuple(ids), self.tr("{key} in the programme").format(key=key))
        elif key == "waiting":
            self.open_list("mentees_waiting", self.tr("ready and waiting for a match"))
        else:
            self.open_list("matches_active", self.tr("active matches"))

    def _open_ids(self, kind: str, ids: tuple[int, ...], caption: str) -> None:
        window = self.window()
        text = self.tr("{n} shown from the dashboard ({what}).").format(n=len(ids), what=caption)
        if hasattr(window, "show_area"):
            if kind == "people":
                window.show_area("participants").show_people(ids, text)
            else:
                window.show_area("pairing").show_matches(ids, text)

    def _open_figure(self, link: FigureLink) -> None:
        if self.report is None:
            return
        if link.key == "meetings_held":
            self.open_month(self.report.period.start)
            return
        self.open_list(LIST_OF.get(link.key, link.key), link.caption.lower())

    def open_list(self, key: str, caption: str) -> None:
        """Open the page that lists what a number or chart segment counts, filtered to those."""
        if self.report is None:
            return
        ids = self.report.lists.get(key, ())
        text = self.tr("{n} shown from the dashboard ({what}, this term).").format(n=len(ids), what=caption)
        window = self.window()
        if not hasattr(window, "show_area"):
            return
        if list_kind(key) == "people":
            window.show_area("participants").show_people(ids, text)
        else:
            window.show_area("pairing").show_matches(ids, text)

    def open_month(self, day) -> None:
        window = self.window()
        if hasattr(window, "show_area"):
            window.show_area("meetings").show_month(day)

    # -- the lists ------------------------------------------------------------------------------------

    def _open_item(self, item: QListWidgetItem) -> None:
        """Open the item's page filtered to the match or person it names."""
        found: Attention | str | None = item.data(Qt.ItemDataRole.UserRole)
        if found is None or isinstance(found, str):
            self._go(found or "")
            return
        window = self.window()
        if not hasattr(window, "show_area"):
            return
        page = window.show_area(found.area)
        subject = self.tr("{subject}, from the dashboard").format(subject=found.subject)
        if found.participant_id is not None and hasattr(page, "show_people"):
            page.show_people({found.participant_id}, subject)
        elif found.match_id is not None and hasattr(page, "focus_match"):
            page.focus_match(found.match_id)
        elif found.match_id is not None and hasattr(page, "select_match"):
            page.select_match(found.match_id)

    def _open_upcoming(self, item: QListWidgetItem) -> None:
        window = self.window()
        if hasattr(window, "show_area"):
            page = window.show_area("meetings")
            match_id = item.data(Qt.ItemDataRole.UserRole)
            if match_id and hasattr(page, "focus_match"):
                page.focus_match(match_id)
                page.tabs.setCurrentIndex(0)  # the calendar, with that match's meetings

    def _go(self, area: str) -> None:
        window = self.window()
        if hasattr(window, "show_area") and area:
            window.show_area(area)


class _TodayReady(QObject):
    """Carries the cards and the Today tab's data from the worker to the page, before the figures."""

    ready = Signal(int, object)  # which read (DashboardPage._reads), the Overview


def _overview(programme_id: int, today: _TodayReady, read: int, progress: Progress) -> Report | None:
    """The cards and the Today tab (sent on at once), then this term's figures (the result).

    The figures read every check, meeting and goal of the term, and their tabs are not on show when
    the window opens: the Today tab does not wait for them. The screening records are read once.
    """
    # Imported on the worker: the window paints before the database layer is loaded.
    from mentordesk.services import dashboard

    data = dashboard.overview(programme_id, figures=False)
    today.ready.emit(read, data)
    progress.check()
    if not programme_id or data.facts is None:  # no programme, or not this user's: nothing to figure
        return None
    return dashboard.term_figures(programme_id, facts=data.facts, clearances=data.clearances)
