"""The Board: a shadow-board programme's recommendations, sessions, members and sponsors, on the Pairing
page in place of proposals and matches (a shadow board is not paired)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk import config
from mentordesk.services import board
from mentordesk.services.board import BoardInputError, BoardOverview
from mentordesk.ui.board.models import MembersModel, RecommendationsModel, SessionsModel, SponsorsModel
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE
from mentordesk.ui.pairing.models import locale_date
from mentordesk.ui.pairing.review_tab import make_table


class BoardTab(QWidget):
    MEMBERS_HINT = "The members are the people enrolled in this programme: enrol them (or record their exit) on Participants."

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programme_id = 0
        self.overview: BoardOverview | None = None
        self.dialog = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        # Adding things above the lists; what acts on the chosen row below them.
        self.session_action = self._action(
            "calendar", self.tr("New &session…"), "Ctrl+Shift+S", self.new_session
        )
        self.recommendation_action = self._action(
            "add", self.tr("New &recommendation…"), "Ctrl+Shift+I", self.new_recommendation
        )
        self.sponsor_action = self._action("person", self.tr("Add spo&nsor…"), "", self.new_sponsor)
        self.pdf_action = self._action("pdf", self.tr("Summary P&DF…"), "Ctrl+P", self.export_pdf)
        self.pdf_action.setToolTip(
            self.tr("Members, sponsors, sessions and recommendations with their outcomes")
        )
        self.outcome_action = self._action(
            "ok", self.tr("Record &outcome…"), "Ctrl+Shift+D", self.record_outcome
        )
        self.edit_action = self._action("edit", self.tr("&Edit…"), "", self.edit_current)
        self.delete_action = self._action("delete", self.tr("De&lete…"), "", self.delete_current)
        adding = QHBoxLayout()
        for action in (self.session_action, self.recommendation_action, self.sponsor_action):
            adding.addWidget(self._button(action))
        adding.addStretch(1)
        adding.addWidget(self._button(self.pdf_action))
        layout.addLayout(adding)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Board"))
        self.recommendations_model = RecommendationsModel(self)
        self.sessions_model = SessionsModel(self)
        self.members_model = MembersModel(self)
        self.sponsors_model = SponsorsModel(self)
        self.views: dict[str, QTableView] = {}
        for key, model, name, stretch in (
            ("recommendations", self.recommendations_model, self.tr("Recommendations"), (1,)),
            ("sessions", self.sessions_model, self.tr("Sessions"), (1, 2)),
            ("members", self.members_model, self.tr("Members"), (0,)),
            ("sponsors", self.sponsors_model, self.tr("Sponsors"), (0, 1)),
        ):
            view, _proxy = make_table(model, 0, stretch)
            view.setAccessibleName(name)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            if key in ("recommendations", "sessions"):
                view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
            view.doubleClicked.connect(lambda _index: self.edit_current())
            view.activated.connect(lambda _index: self.edit_current())  # Return on a row
            view.selectionModel().selectionChanged.connect(self._update_actions)
            self.views[key] = view
            self.tabs.addTab(view, name)
        self.tabs.currentChanged.connect(self._update_actions)
        layout.addWidget(self.tabs, 1)
        chosen = QHBoxLayout()
        for action in (self.outcome_action, self.edit_action, self.delete_action):
            chosen.addWidget(self._button(action))
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        chosen.addWidget(self.message, 1)
        layout.addLayout(chosen)
        self._update_actions()

    def _action(self, icon_name: str, text: str, shortcut: str, slot) -> QAction:
        action = QAction(icon(icon_name), text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.icon(), action.text())  # the text keeps its Alt mnemonic
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        button.setToolTip(" ".join(x for x in (tip, f"({keys})" if keys else "") if x))
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    # -- loading ------------------------------------------------------------------------------------
    def reload(self, programme_id: int) -> None:
        self.programme_id = programme_id
        try:
            self.overview = board.board_overview(programme_id) if programme_id else None
        except BoardInputError:
            self.overview = None
        b = self.overview
        self.recommendations_model.set_rows(b.recommendations if b else ())
        self.sessions_model.set_rows(b.sessions if b else ())
        self.members_model.set_rows(b.members if b else ())
        self.sponsors_model.set_rows(b.sponsors if b else ())
        if b is None:
            self.summary.setText("")
        else:
            counts = b.outcome_counts()
            self.summary.setText(
                self.tr(
                    "{m} member(s), {s} sponsor(s), {n} session(s). Recommendations: {r} — {a} accepted, "
                    "{d} declined, {p} in progress, {w} awaiting a decision."
                ).format(
                    m=len(b.members),
                    s=len(b.sponsors),
                    n=len(b.sessions),
                    r=len(b.recommendations),
                    a=counts["accepted"],
                    d=counts["declined"],
                    p=counts["in_progress"],
                    w=counts["awaiting"],
                )
            )
            for index, (key, rows) in enumerate(
                (
                    ("Recommendations", b.recommendations),
                    ("Sessions", b.sessions),
                    ("Members", b.members),
                    ("Sponsors", b.sponsors),
                )
            ):
                self.tabs.setTabText(index, f"{self.tr(key)} ({len(rows)})")
        self._update_actions()

    def refresh(self) -> None:
        self.reload(self.programme_id)
        self.ctx.notify("board")

    # -- what is chosen -----------------------------------------------------------------------------
    def current_key(self) -> str:
        return list(self.views)[self.tabs.currentIndex()]

    def current_row(self):
        view = self.views[self.current_key()]
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isSelected(index):
            return None
        return view.model().index(index.row(), 0).data(ROW_ROLE)

    def _update_actions(self, *_: object) -> None:
        ready = self.overview is not None
        row = self.current_row() if ready else None
        key = self.current_key()
        for action in (self.session_action, self.recommendation_action, self.sponsor_action, self.pdf_action):
            action.setEnabled(ready)
        self.outcome_action.setEnabled(row is not None and key == "recommendations")
        editable = row is not None and key != "members"
        self.edit_action.setEnabled(editable)
        self.delete_action.setEnabled(editable)
        hint = self.tr(self.MEMBERS_HINT)
        if key == "members":
            self.message.setText(hint)
        elif self.message.text() == hint:
            self.message.setText("")

    # -- doing --------------------------------------------------------------------------------------
    def _open(self, dialog) -> bool:
        self.dialog = dialog
        accepted = bool(dialog.exec())
        if accepted:
            self.refresh()
        return accepted

    def new_session(self) -> None:
        from mentordesk.ui.board.dialogs import SessionDialog

        if self.overview is not None and self._open(SessionDialog(self.programme_id, parent=self)):
            self._say(self.tr("Session saved."), "sessions")

    def new_recommendation(self) -> None:
        from mentordesk.ui.board.dialogs import RecommendationDialog

        if self.overview is None:
            return
        row = self.current_row()
        session_id = row.id if row is not None and self.current_key() == "sessions" else None
        if self._open(RecommendationDialog(self.programme_id, session_id=session_id, parent=self)):
            self._say(self.tr("Recommendation saved."), "recommendations")

    def new_sponsor(self) -> None:
        from mentordesk.ui.board.dialogs import SponsorDialog

        if self.overview is not None and self._open(SponsorDialog(self.programme_id, parent=self)):
            self._say(self.tr("Sponsor saved."), "sponsors")

    def record_outcome(self) -> None:
        from mentordesk.ui.board.dialogs import OutcomeDialog

        row = self.current_row()
        if row is None or self.current_key() != "recommendations":
            return
        if self._open(OutcomeDialog(row.id, parent=self)):
            self._say(self.tr("Outcome saved."), "recommendations")

    def edit_current(self) -> None:
        from mentordesk.ui.board.dialogs import RecommendationDialog, SessionDialog, SponsorDialog

        row, key = self.current_row(), self.current_key()
        if row is None or key == "members":
            return
        dialog: QDialog
        if key == "recommendations":
            dialog = RecommendationDialog(self.programme_id, row.id, parent=self)
        elif key == "sessions":
            dialog = SessionDialog(self.programme_id, row.id, parent=self)
        else:
            dialog = SponsorDialog(self.programme_id, row.id, parent=self)
        if self._open(dialog):
            self._say(self.tr("Saved."), key)

    def confirm(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm_box = box
        return box.exec() == QMessageBox.StandardButton.Yes

    def delete_current(self) -> None:
        row, key = self.current_row(), self.current_key()
        if row is None or key == "members":
            return
        call: Callable[[int], None]
        if key == "recommendations":
            text = self.tr("Delete the recommendation “{t}” and its outcome?").format(t=row.title)
            call = board.delete_recommendation
        elif key == "sessions":
            text = self.tr(
                "Delete the session of {day} and its attendance? Recommendations made at it are kept."
            ).format(day=locale_date(row.held_on))
            call = board.delete_session
        else:
            text = self.tr("Delete the sponsor {name}? Recommendations made to them are kept.").format(
                name=row.name
            )
            call = board.delete_sponsor
        if not self.confirm(text):
            return
        try:
            call(row.id)
        except BoardInputError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self._say(self.tr("Deleted."), key)

    def _say(self, text: str, key: str) -> None:
        self.tabs.setCurrentWidget(self.views[key])
        self.message.setText(text)
        self.ctx.show_status(text)

    def choose_path(self) -> str:
        name = (self.overview.programme if self.overview else "board").replace("/", "-")
        default = config.ensure_dir(config.documents_dir()) / f"{name} - shadow board.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the board summary"), str(default), "PDF (*.pdf)"
        )
        return path

    def export_pdf(self) -> None:
        if self.overview is None:
            return
        path = self.choose_path()
        if not path:
            return
        try:
            board.write_board_summary(self.programme_id, path)
        except OSError as exc:
            self.message.setText(
                self.tr("Could not write {path}: {error}. Choose another folder.").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return
        self.message.setText(self.tr("Saved {name}.").format(name=Path(path).name))
        self.ctx.show_status(self.message.text())
