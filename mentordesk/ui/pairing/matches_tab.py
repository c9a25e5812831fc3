"""Published matches: pause, resume, close with a closure record, rematch the mentee, status history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import label
from mentordesk.services import meetings as meetings_service, pairing as pairing_service
from mentordesk.services.pairing import PairingError
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE
from mentordesk.ui.pairing.future_meetings_box import describe
from mentordesk.ui.pairing.models import MatchesModel, locale_date
from mentordesk.ui.pairing.review_tab import make_table
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.filter_banner import FilterBanner


class MatchesTab(QWidget):
    manualRequested = Signal(int)  # a rematched mentee: open manual pairing for them

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programme_id = 0
        self.only_ids: frozenset[int] | None = None  # matches chosen elsewhere (a dashboard figure)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.banner = FilterBanner()
        self.banner.cleared.connect(self.show_all)
        layout.addWidget(self.banner)
        tools = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setAccessibleName(self.tr("Filter matches by name"))
        self.filter_edit.setPlaceholderText(self.tr("Filter by name…"))
        self.filter_edit.setClearButtonEnabled(True)
        tools.addWidget(self.filter_edit, 1)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Match status"))
        self.status_filter.addItem(self.tr("Active and paused"), ("active", "paused"))
        self.status_filter.addItem(self.tr("All published"), ("active", "paused", "closed"))
        self.status_filter.addItem(self.tr("Closed"), ("closed",))
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload(self.programme_id))
        tools.addWidget(self.status_filter)
        # The actions on a row of their own: with the filter beside them they no longer fit a laptop.
        actions = QHBoxLayout()
        self.pause_action = self._action("mdi6.pause", self.tr("Pa&use"), "Ctrl+Shift+U", self.pause)
        self.resume_action = self._action("run", self.tr("Resu&me"), "Ctrl+Shift+M", self.resume)
        self.close_action = self._action("close", self.tr("&Close…"), "Ctrl+Shift+C", self.close_match)
        self.rematch_action = self._action("refresh", self.tr("Re&match…"), "Ctrl+Shift+E", self.rematch)
        self.history_action = self._action("history", self.tr("&History"), "Ctrl+H", self.show_history)
        self.first_meeting_action = self._action(
            "calendar", self.tr("&First meeting…"), "Ctrl+Shift+F", self.first_meeting
        )
        for action in (
            self.first_meeting_action,
            self.pause_action,
            self.resume_action,
            self.close_action,
            self.rematch_action,
            self.history_action,
        ):
            button = QPushButton(action.icon(), action.text().replace("&", ""))
            button.setToolTip(
                f"{action.toolTip()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
            )
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setEnabled(False)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(tools)
        layout.addLayout(actions)
        self.model = MatchesModel(self)
        self.view, self.proxy = make_table(self.model, MatchesModel.MENTOR)
        self.view.setAccessibleName(self.tr("Matches"))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "match",
            self.tr("No published matches yet"),
            self.tr(
                "When you publish reviewed proposals they become active matches and appear here, where you can "
                "pause them, close them with a reason and rematch the mentee."
            ),
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)
        # Network programmes: every mentor of the selected match's mentee, with their focus areas.
        self.network_label = QLabel()
        self.network_label.setWordWrap(True)
        self.network_label.setAccessibleName(self.tr("The mentee's mentors"))
        self.network_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.network_label.hide()
        layout.addWidget(self.network_label)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._update_actions()

    def _action(self, icon_name: str, text: str, shortcut: str, slot) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(text.replace("&", "").replace("…", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def reload(self, programme_id: int) -> None:
        self.programme_id = programme_id
        selected = self.current()
        rows = (
            pairing_service.published_matches(programme_id, self.status_filter.currentData())
            if programme_id
            else []
        )
        if self.only_ids is not None:
            rows = [row for row in rows if row.id in self.only_ids]
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.view if rows else self.empty)
        if selected is not None:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(ROW_ROLE).id == selected.id:
                    self.view.selectRow(row)
                    break
        self._update_actions()

    def show_only(self, match_ids: set[int] | frozenset[int] | tuple[int, ...], caption: str) -> None:
        """Show just these matches (of any status), with a banner saying why and a Show all button."""
        self.only_ids = frozenset(match_ids)
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(1)  # all published: a closed match is in some lists
        self.status_filter.blockSignals(False)
        self.filter_edit.clear()
        self.banner.show_caption(caption)
        self.reload(self.programme_id or self.ctx.programme_id)
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def show_all(self) -> None:
        if self.only_ids is not None:
            self.only_ids = None
            self.banner.hide()
            self.reload(self.programme_id)

    def current(self):
        indexes = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return indexes[0].data(ROW_ROLE) if indexes else None

    def select_match(self, match_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(ROW_ROLE).id == match_id:
                self.view.selectRow(row)
                return True
        return False

    def _update_actions(self, *_: object) -> None:
        row = self.current()
        status = row.status if row else ""
        self.pause_action.setEnabled(status == "active")
        self.resume_action.setEnabled(status == "paused")
        self.close_action.setEnabled(status in ("active", "paused"))
        self.rematch_action.setEnabled(status in ("active", "paused", "closed"))
        self.history_action.setEnabled(row is not None)
        self.first_meeting_action.setEnabled(status in ("active", "paused", "closed"))
        network = getattr(row, "network", "") if row else ""
        self.network_label.setVisible(bool(network))
        if network:
            self.network_label.setText(
                self.tr("{mentee}'s mentors: {mentors}").format(mentee=row.mentees, mentors=network)
            )

    def _do(self, operation, message: str) -> bool:
        try:
            operation()
        except PairingError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(message)
        self.ctx.show_status(message)
        self.ctx.notify("matches")
        return True

    def pause(self) -> None:
        """Asks until when and what to do with the planned meetings (tests drive ``pause_dialog``)."""
        from mentordesk.ui.pairing.pause_dialog import PauseDialog

        row = self.current()
        if not row:
            return
        self.pause_dialog = PauseDialog(row.id, f"{row.mentors} + {row.mentees}", self)
        self.pause_dialog.accepted.connect(self._paused)
        self.pause_dialog.open()

    def _paused(self) -> None:
        dialog = self.pause_dialog
        text = self.tr("Paused until {day}: meetings stop being expected until you resume it.").format(
            day=locale_date(dialog.resume_on)
        )
        if dialog.wound_down is not None:
            text = " ".join(part for part in (text, describe(dialog.wound_down)) if part)
        self.message.setText(text)
        self.ctx.show_status(text)
        self.ctx.notify("matches")

    def first_meeting(self) -> None:
        """Records the first meeting (tests drive ``first_meeting_dialog``)."""
        from mentordesk.ui.pairing.first_meeting_dialog import FirstMeetingDialog

        row = self.current()
        if not row:
            return
        self.first_meeting_dialog = FirstMeetingDialog(row.id, f"{row.mentors} + {row.mentees}", self)
        self.first_meeting_dialog.accepted.connect(self._first_meeting_saved)
        self.first_meeting_dialog.open()

    def _first_meeting_saved(self) -> None:
        text = self.tr("First meeting recorded.")
        self.message.setText(text)
        self.ctx.show_status(text)
        self.ctx.notify("matches")

    def resume(self) -> None:
        row = self.current()
        if row:
            self._do(lambda: pairing_service.resume_match(row.id), self.tr("Resumed."))

    def open_closure(self, row, rematch: bool) -> bool:
        """The closure dialog (tests drive it through ``closure_dialog``)."""
        from mentordesk.ui.pairing.closure_dialog import ClosureDialog

        self.closure_dialog = ClosureDialog(row.id, f"{row.mentors} + {row.mentees}", rematch, self)
        accepted = bool(self.closure_dialog.exec())
        return accepted

    def close_match(self) -> None:
        row = self.current()
        if row and self.open_closure(row, rematch=False):
            done = self.closure_dialog.wound_down
            text = " ".join(
                part
                for part in (
                    self.tr("Closed."),
                    " ".join(o.sentence(done=True) for o in self.closure_dialog.outcomes),
                    describe(done) if done else "",
                    self.tr("The closure letter can be printed from Documents."),
                )
                if part
            )
            self.message.setText(text)
            self.ctx.show_status(text)
            self.ctx.notify("matches")

    def rematch(self) -> None:
        row = self.current()
        if row is None:
            return
        if row.status != "closed" and not self.open_closure(row, rematch=True):
            return  # an open match is closed first, with its reason
        ok = self._do(
            lambda: pairing_service.rematch(row.id), self.tr("The mentee is waiting for a new match.")
        )
        if ok and row.mentee_ids:
            self.manualRequested.emit(row.mentee_ids[0])

    def history_text(self, match_id: int) -> str:
        lines = []
        for at, old, new in pairing_service.match_history(match_id):
            when = locale_date(at.date()) + at.strftime(" %H:%M")
            lines.append(f"{when}: {label(old) if old else self.tr('created')} → {label(new or '')}")
        return "\n".join(lines) or self.tr("No changes recorded.")

    def attendance_text(self, match_id: int) -> str:
        """Each member's register at the held meetings (a circle's co-facilitators and mentees alike)."""
        lines = [self.tr("Attendance:")]
        for member in meetings_service.attendance_summary(match_id):
            lines.append(f"{member.name} ({label(member.role)}): {self.tr(member.text)}")
        return "\n".join(lines)

    def show_history(self) -> None:
        row = self.current()
        if row is None:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Status history and attendance"),
            f"{row.mentors} + {row.mentees}",
            parent=self,
        )
        box.setInformativeText(self.history_text(row.id) + "\n\n" + self.attendance_text(row.id))
        box.setModal(False)
        self.history_box = box
        box.show()
