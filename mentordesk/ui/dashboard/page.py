"""Dashboard: the programme at a glance and what needs attention today."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_weekday_time
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.explained import explain_all
from mentordesk.ui.workers import Worker, start

if TYPE_CHECKING:
    from mentordesk.core.progress import Progress
    from mentordesk.services.dashboard import Overview

# The most overdue first; a list of hundreds is read by nobody, the areas' own lists have the rest.
MAX_ATTENTION_ROWS = 100


class StatCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
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


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    return label


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header(self.tr("Dashboard"), self.tr("Your programme at a glance.")))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self._worker: Worker | None = None

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
            "waiting": self.tr("Mentees whose screening is complete (status Ready) and who have no match yet."),
            "active": self.tr("Matches that are meeting now: not drafts, paused or closed."),
        }
        explain_all(self.cards, explanations)
        for card in self.cards.values():
            cards.addWidget(card, 1)
        body_layout.addLayout(cards)
        body_layout.addSpacing(8)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(section(self.tr("Needs attention")))
        self.attention_list = QListWidget()
        self.attention_list.setAccessibleName(self.tr("Needs attention"))
        self.attention_list.setWordWrap(True)
        self.attention_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attention_list.setObjectName("attentionList")
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
        self.upcoming_list.itemActivated.connect(lambda _item: self._go("meetings"))
        self.nothing_planned = QLabel(self.tr("No meetings planned. Schedule them in Meetings."))
        self.nothing_planned.setObjectName("hint")
        self.nothing_planned.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(self.upcoming_list, 1)
        right.addWidget(self.nothing_planned, 1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        body_layout.addLayout(columns, 1)
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
        worker = Worker(_overview, programme_id)
        worker.signals.finished.connect(lambda data, w=worker: self._show(w, programme_id, data))
        worker.signals.failed.connect(lambda exc, w=worker: self._failed(w, exc))
        self._worker = worker
        start(worker)

    def _failed(self, worker: Worker, exc: BaseException) -> None:
        if worker is self._worker:
            self._worker = None
            raise exc  # the crash handler logs it and shows the details

    def _show(self, worker: Worker, programme_id: int, data: Overview) -> None:
        if worker is not self._worker or worker.cancelled or programme_id != self.ctx.programme_id:
            return  # a newer refresh is on its way
        self._worker = None
        self.cards["mentors"].value.setText(str(data.mentors))
        self.cards["mentors"].detail.setText(self.tr("{n} cleared to mentor").format(n=data.mentors_cleared))
        self.cards["waiting"].detail.setText(self.tr("Run the matcher in Pairing") if data.waiting else "")
        self.cards["mentees"].value.setText(str(data.mentees))
        self.cards["waiting"].value.setText(str(data.waiting))
        self.cards["active"].value.setText(str(data.active_matches))
        self.attention_list.clear()
        shown = data.attention[:MAX_ATTENTION_ROWS]
        for item in shown:
            text = f"{item.subject}: {item.problem}"
            if item.days_overdue > 0:
                text += self.tr(" ({n} days overdue)").format(n=item.days_overdue)
            row = QListWidgetItem(icon("warning"), text)
            row.setData(Qt.ItemDataRole.UserRole, item.area)
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
            self.upcoming_list.addItem(QListWidgetItem(icon("calendar"), text))
        self.upcoming_list.setVisible(bool(data.upcoming))
        self.nothing_planned.setVisible(not data.upcoming)

    def _open_item(self, item: QListWidgetItem) -> None:
        self._go(item.data(Qt.ItemDataRole.UserRole))

    def _go(self, area: str) -> None:
        window = self.window()
        if hasattr(window, "show_area") and area:
            window.show_area(area)


def _overview(programme_id: int, progress: Progress) -> Overview:
    # Imported on the worker: the window paints before the database layer is loaded.
    from mentordesk.services import dashboard

    return dashboard.overview(programme_id)
