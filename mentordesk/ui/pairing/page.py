"""The Pairing area: run the matcher, review its drafts, publish them, and look after live matches."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import ProgrammeKind
from mentordesk.services import pairing, programmes
from mentordesk.services.pairing import read_settings
from mentordesk.ui.board.tab import BoardTab
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.pairing.matches_tab import MatchesTab
from mentordesk.ui.pairing.models import locale_date
from mentordesk.ui.pairing.review_tab import ReviewTab
from mentordesk.ui.pairing.speed_night_tab import SpeedNightTab
from mentordesk.ui.pairing.speed_tab import SpeedTab
from mentordesk.ui.pairing.tiers_tab import TiersTab
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.workers import Worker, start

log = logging.getLogger(__name__)
SUBTITLE = "Proposals with their reasons, reviewed by you before anything goes live."
BOARD_SUBTITLE = "A shadow board is not paired: its members, sponsors, sessions and recommendations."


class PairingPage(Page):
    title = "Pairing"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.task: Worker | None = None
        self.last_result: pairing.RunResult | None = None
        self.kind = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(
                self.tr("Pairing"),
                self.tr(SUBTITLE),
            )
        )
        self.run_action = self._action("run", self.tr("&Run matcher"), "Ctrl+Shift+R", self.run_matcher)
        self.manual_action = self._action(
            "person", self.tr("Pair by &hand…"), "Ctrl+M", lambda: self.open_manual(0)
        )
        self.publish_action = self._action("ok", self.tr("&Publish…"), "Ctrl+Shift+P", self.publish)
        self.run_button = self._button(self.run_action, primary=True)
        self.manual_button = self._button(self.manual_action)
        self.publish_button = self._button(self.publish_action)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("hint")
        self.cancel_button = QPushButton(icon("close"), self.tr("Cancel"))
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.clicked.connect(self.cancel_run)
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.setVisible(False)
        layout.addWidget(self.progress_box)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("hint")
        layout.addWidget(self.message)

        self.stack = QStackedWidget()
        self.no_programme = EmptyState(
            "programme",
            self.tr("No programme yet"),
            self.tr(
                "Create a programme and enrol mentors and mentees; then the matcher can propose pairs here."
            ),
        )
        self.stack.addWidget(self.no_programme)
        self.tabs = QTabWidget()
        self.review = ReviewTab(ctx)
        self.review.runRequested.connect(self.run_matcher)
        self.review.manualRequested.connect(self.open_manual)
        self.review.changed.connect(self.message.setText)
        self.matches = MatchesTab(ctx)
        self.matches.manualRequested.connect(self.open_manual)
        self.speed = SpeedTab(ctx)
        self.speed_night = SpeedNightTab(ctx)
        self.tabs.addTab(self.review, icon("pairing"), self.tr("Proposals"))
        self.tabs.addTab(self.matches, icon("match"), self.tr("Matches"))
        self.tabs.addTab(self.speed, icon("calendar"), self.tr("Timetable"))
        self.tabs.addTab(self.speed_night, icon("participants"), self.tr("Speed night"))
        self.tiers = TiersTab()
        self.tabs.addTab(self.tiers, icon("history"), self.tr("Tiers"))
        self.board = BoardTab(ctx)  # a shadow board is not paired: its sessions and recommendations instead
        self.tabs.addTab(self.board, icon("participants"), self.tr("Board"))
        self.stack.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)

    def _action(self, icon_name: str, text: str, shortcut: str, slot) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction, primary: bool = False) -> QPushButton:
        button = QPushButton(action.icon(), action.text().replace("&", ""))
        if primary:
            button.setObjectName("primary")
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)

        def follow() -> None:  # the text, and why it is greyed out when it is
            button.setText(action.text().replace("&", ""))
            button.setToolTip(action.toolTip())
            button.setStatusTip(action.statusTip())

        action.changed.connect(follow)
        self._explain(action, "")
        follow()
        self.header_actions.addWidget(button)
        return button

    def _explain(self, action: QAction, reason: str) -> None:
        """Enable ``action``, or grey it out saying why: in its tooltip and, on hover, the status bar."""
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setEnabled(not reason)
        action.setToolTip(reason or f"{action.text().replace('&', '').rstrip('…')} ({keys})")
        action.setStatusTip(reason)

    def _update_actions(self) -> None:
        """What can be done now, and for what cannot, why."""
        if not self.ctx.programme_id:
            reason = self.tr("Create a programme first (File › New programme).")
            for action in (self.run_action, self.manual_action, self.publish_action):
                self._explain(action, reason)
            return
        refusal = self.tr(pairing.matcher_refusal(self.kind)) if pairing.matcher_refusal(self.kind) else ""
        running = self.tr("The matcher is running: wait for it, or press Esc to cancel.") if self.task else ""
        has_drafts = self.review.model.rowCount() > 0 and not refusal
        # With drafts on the table a run keeps the pinned and accepted ones and reconsiders the rest.
        self.run_action.setText(self.tr("&Re-run for the rest") if has_drafts else self.tr("&Run matcher"))
        self._explain(self.run_action, refusal or running)
        self._explain(self.manual_action, refusal)
        nothing = self.tr("Nothing to publish yet: run the matcher to propose pairs first.")
        self._explain(self.publish_action, refusal or running or ("" if has_drafts else nothing))

    # -- loading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        programme_id = self.ctx.programme_id
        if not programme_id:
            self.stack.setCurrentWidget(self.no_programme)
            self._update_actions()
            return
        programme = programmes.get_programme(programme_id)
        self.kind = programme.kind
        speed_kind = self.kind == ProgrammeKind.SPEED.value
        board_kind = self.kind == ProgrammeKind.SHADOW_BOARD.value
        self.stack.setCurrentWidget(self.tabs)
        # Read before hiding tabs: hiding the current one moves Qt to whichever tab is next.
        was_special = self.tabs.currentWidget() in (self.speed, self.speed_night, self.tiers, self.board)
        subtitle = self.findChild(QLabel, "pageSubtitle")
        if subtitle is not None:
            subtitle.setText(self.tr(BOARD_SUBTITLE if board_kind else SUBTITLE))
        # A shadow board is not paired: its Board tab only. Speed mentoring: the night first, then
        # the follow-up run's proposals and the matches after it.
        self.tabs.setTabVisible(self.tabs.indexOf(self.review), not board_kind)
        self.tabs.setTabVisible(self.tabs.indexOf(self.matches), not board_kind)
        self.tabs.setTabVisible(self.tabs.indexOf(self.speed), speed_kind)
        self.tabs.setTabVisible(self.tabs.indexOf(self.speed_night), speed_kind)
        self.tabs.setTabVisible(self.tabs.indexOf(self.board), board_kind)
        cascade = self.kind == ProgrammeKind.CASCADE.value
        self.tabs.setTabVisible(self.tabs.indexOf(self.tiers), cascade)
        if cascade:
            self.tiers.reload(programme_id)
        if speed_kind:
            if getattr(self, "_speed_shown_for", None) != programme_id:  # first look: the night
                self.tabs.setCurrentWidget(self.speed_night)
            self._speed_shown_for = programme_id
            self.speed.reload(programme_id, read_settings(programme).speed_meetings)
            self.speed_night.reload(programme_id, programme.name)
        elif board_kind:
            self.tabs.setCurrentWidget(self.board)
            self.board.reload(programme_id)
        elif was_special and not (cascade and self.tabs.currentWidget() is self.tiers):
            self.tabs.setCurrentWidget(self.review)
        if not board_kind:
            self.review.reload(
                programme_id,
                peer=self.kind == ProgrammeKind.PEER.value,
                circles=self.kind == ProgrammeKind.GROUP.value,
            )
            self.matches.reload(programme_id)
        self._update_actions()

    # -- running ------------------------------------------------------------------------------------
    def show_matches(self, match_ids: set[int] | tuple[int, ...], caption: str) -> None:
        """The Matches tab with only these matches (a dashboard figure or chart segment opened them)."""
        self.tabs.setCurrentWidget(self.matches)
        self.matches.show_only(match_ids, caption)

    def run_matcher(self) -> None:
        if self.task is not None or not self.ctx.programme_id:
            return
        self.review.forget_rejections()
        self.task = Worker(pairing.run_matcher, self.ctx.programme_id, with_baseline=True)
        self.task.signals.progress.connect(self._on_progress)
        self.task.signals.finished.connect(self._on_finished)
        self.task.signals.failed.connect(self._on_failed)
        self.task.signals.cancelled.connect(self._on_cancelled)
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Starting…"))
        self.progress_box.setVisible(True)
        self._update_actions()
        start(self.task)

    def cancel_run(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))

    def _on_progress(self, percent: int, total: int, text: str) -> None:
        self.progress.setValue(percent * 100 // max(total, 1))
        self.progress_label.setText(self.tr(text))

    def _done(self, message: str) -> None:
        self.task = None
        self.progress_box.setVisible(False)
        self._update_actions()
        self.message.setText(message)
        self.ctx.show_status(message, 8000)

    def _on_finished(self, result: pairing.RunResult) -> None:
        self.last_result = result
        stats = result.stats
        text = self.tr("Proposed {n} pairing(s) as drafts; {u} not matched (reasons below).").format(
            n=len(result.pairs), u=len(result.unmatched)
        )
        if result.baseline is not None and result.baseline.minimum is not None and stats.minimum is not None:
            text += " " + self.tr(
                "A first-come pairing (each mentee in turn taking the best mentor still free) would have "
                "given a lowest score of {g:.0f} (this one: {o:.0f})."
            ).format(g=result.baseline.minimum, o=stats.minimum)
        for dropped in result.dropped_pins:
            text += f" {dropped.name}: {dropped.reason}."
        self._done(text)
        self.ctx.notify("matches")

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, pairing.PairingError):
            self._done(str(exc))
        else:
            log.error("the matcher stopped with an error", exc_info=exc)  # the traceback, not the data
            self._done(self.tr("The matcher stopped with an error: {e}. Nothing was saved.").format(e=exc))

    def _on_cancelled(self) -> None:
        self._done(self.tr("Run cancelled; nothing was changed."))

    # -- publishing and manual pairing --------------------------------------------------------------
    def ask_publish(self, rows: list) -> tuple[date, bool] | None:
        """Which drafts (reviewed only, or all) and the start date; None: cancelled."""
        from mentordesk.ui.pairing.publish_dialog import PublishDialog

        self.publish_dialog = PublishDialog(rows, self)
        if not self.publish_dialog.exec() or self.publish_dialog.start_on is None:
            return None
        return self.publish_dialog.start_on, self.publish_dialog.reviewed_only

    def publish(self) -> None:
        rows = self.review.model.rows
        if not rows:
            self.message.setText(
                self.tr("There is nothing to publish yet: run the matcher or pair someone by hand.")
            )
            return
        choice = self.ask_publish(rows)
        if choice is None:
            return
        start_on, reviewed_only = choice
        try:
            result = pairing.publish(self.ctx.programme_id, start_on, reviewed_only=reviewed_only)
        except pairing.PairingError as exc:
            self.message.setText(str(exc))
            return
        text = self.tr("Published {n} match(es), starting {day}.").format(
            n=result.published, day=locale_date(start_on)
        )
        if result.skipped:
            text += " " + self.tr("Kept as drafts: ") + "; ".join(why for _, why in result.skipped)
        self.message.setText(text)
        self.ctx.show_status(text, 8000)
        self.ctx.notify("matches")
        self.tabs.setCurrentWidget(self.matches if not result.skipped else self.review)

    def open_manual(self, mentee_id: int = 0) -> None:
        if not self.ctx.programme_id:
            return
        from mentordesk.ui.pairing.manual_dialog import ManualPairingDialog

        self.manual_dialog = ManualPairingDialog(self.ctx.programme_id, mentee_id, self)
        if self.manual_dialog.exec():
            self.message.setText(self.tr("Paired by hand and pinned; publish when you are ready."))
            self.tabs.setCurrentWidget(self.review)
            self.ctx.notify("matches")
