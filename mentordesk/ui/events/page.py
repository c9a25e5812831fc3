"""The Events area: a programme's training sessions, group sessions and celebrations; who is invited,
the register (attending a training session records the training check), sign-in sheets and an .ics file."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.events import MARKS
from mentordesk.services import events
from mentordesk.ui.context import AppContext
from mentordesk.ui.events.event_dialog import EventDialog
from mentordesk.ui.events.models import EventsModel
from mentordesk.ui.events.register_dialog import RegisterDialog
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import SORT_ROLE
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.table_fit import fit_columns


class EventsPage(Page):
    title = "Events"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(
                self.tr("Events"),
                self.tr(
                    "Training sessions, group sessions and celebrations: who is invited and who came. "
                    "Attending a training session records it in each person's screening."
                ),
            )
        )
        self.new_button = self.header_button(self.tr("&New event…"), "add", "Ctrl+N", self.new_event, True)
        self.new_button.setAccessibleName(self.tr("New event"))
        self.ics_button = self.header_button(
            self.tr("E&xport .ics…"), "export", "Ctrl+Shift+E", self.export_calendar
        )
        self.ics_button.setAccessibleName(self.tr("Export the events to a calendar file"))

        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "events",
            self.tr("No events yet"),
            self.tr(
                "Plan a training session, a group session or a celebration, invite people by role, by status "
                "or one by one, print a sign-in sheet and keep the register. Attending a training session "
                "records the hours and topics in each person's screening, where they count toward clearance."
            ),
            self.tr("&Plan the first event…"),
            lambda: None if self.new_event() is None else None,
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_body())
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    def _build_body(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.model = EventsModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Events"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The title stretches; place, then kind, give way on a small screen (the details show them).
        fit_columns(self.view, stretch=(1,), optional=(3, 2, 4))
        self.view.doubleClicked.connect(lambda _index: self.open_register())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        splitter.addWidget(self.view)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 0, 0, 0)
        buttons = QHBoxLayout()
        self.register_button = self._button(
            self.tr("&Register…"), "ok", self.tr("Keep the register"), "Ctrl+R"
        )
        self.register_button.clicked.connect(self.open_register)
        self.edit_button = self._button(self.tr("&Edit…"), "edit", self.tr("Edit the event"), "Ctrl+E")
        self.edit_button.clicked.connect(self.edit_event)
        self.sheet_button = self._button(
            self.tr("Si&gn-in sheet…"), "print", self.tr("Print a sign-in sheet"), "Ctrl+P"
        )
        self.sheet_button.clicked.connect(self.write_sheet)
        self.import_button = self._button(
            self.tr("&Import register…"), "import", self.tr("Import the register from a CSV file")
        )
        self.import_button.clicked.connect(self.import_register)
        self.delete_button = self._button(self.tr("&Delete…"), "delete", self.tr("Delete the event"))
        self.delete_button.clicked.connect(self.delete_event)
        for button in (self.register_button, self.edit_button, self.sheet_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side_layout.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.import_button)
        more.addWidget(self.delete_button)
        more.addStretch(1)
        side_layout.addLayout(more)
        self.detail_label = QLabel()
        self.detail_label.setAccessibleName(self.tr("The chosen event"))
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail_label)
        scroll.setAccessibleName(self.tr("Event details"))
        side_layout.addWidget(scroll, 1)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        return splitter

    def _button(self, text: str, icon_name: str, name: str, keys: str = "") -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(name)
        if keys:
            self.press_on_keys(button, name, keys)
        return button

    # -- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        programme_id = self.ctx.programme_id
        chosen = self.current()
        rows = events.list_events(programme_id) if programme_id else []
        self.new_button.setEnabled(bool(programme_id))
        self.ics_button.setEnabled(bool(rows))
        self.stack.setCurrentIndex(1 if rows else 0)
        self.model.set_rows(rows)
        if rows:
            self.select_event(chosen.id if chosen else self._next_event_id(rows))
        self._show_current()

    def _next_event_id(self, rows: list[events.EventRow]) -> int:
        """The first event from today on (the one a coordinator works on), else the last one."""
        today = self.today or date.today()
        return next((r.id for r in rows if r.starts_at.date() >= today), rows[-1].id)

    def select_event(self, event_id: int) -> None:
        for row, event in enumerate(self.model.rows):
            if event.id == event_id:
                self.view.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
                return

    def current(self) -> events.EventRow | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.model.rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def _update_buttons(self) -> None:
        chosen = self.current() is not None
        for button in (
            self.register_button,
            self.edit_button,
            self.sheet_button,
            self.import_button,
            self.delete_button,
        ):
            button.setEnabled(chosen)

    def _show_current(self) -> None:
        self._update_buttons()
        event = self.current()
        if event is None:
            self.detail_label.setText("")
            return
        lines = [
            f"<h3>{html.escape(event.title)}</h3>",
            f"<p>{html.escape(self.tr(event.kind_label))} · {html.escape(format_datetime(event.starts_at))} · "
            + self.tr("{n} minutes").format(n=event.duration_minutes)
            + "</p>",
        ]
        if event.place:
            lines.append(f"<p>{html.escape(self.tr('Place'))}: {html.escape(event.place)}</p>")
        if event.kind == "training":
            lines.append(
                "<p>"
                + html.escape(
                    self.tr("Training: {h:g} hours · {topics}").format(
                        h=event.training_hours or 0, topics=event.training_topics
                    )
                )
                + "</p>"
            )
        if event.notes:
            lines.append(f"<p>{html.escape(event.notes)}</p>")
        people = events.invitees(event.id)
        if not people:
            lines.append(
                "<p>" + html.escape(self.tr("Nobody is invited yet: choose Edit… to invite people.")) + "</p>"
            )
        for mark in ("attended", "apologies", "absent", ""):
            names = [p.name for p in people if p.mark == mark]
            if names:
                lines.append(
                    f"<p><b>{html.escape(self.tr(MARKS[mark]))} ({len(names)})</b><br>"
                    + html.escape(", ".join(names))
                    + "</p>"
                )
        self.detail_label.setText("".join(lines))

    def _changed(self, event_id: int | None = None) -> None:
        self.ctx.notify("events")
        self.refresh()
        if event_id is not None:
            self.select_event(event_id)

    # -- actions -----------------------------------------------------------------------------------
    def new_event(self) -> EventDialog | None:
        if not self.ctx.programme_id:
            return None
        dialog = EventDialog(self.ctx.programme_id, None, self, today=self.today)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def edit_event(self) -> EventDialog | None:
        event = self.current()
        if event is None:
            return None
        dialog = EventDialog(self.ctx.programme_id, event, self, today=self.today)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def _saved(self, dialog: EventDialog) -> None:
        self.ctx.show_status(self.tr("Event saved."))
        self._changed(dialog.saved_id)

    def open_register(self) -> RegisterDialog | None:
        event = self.current()
        if event is None:
            return None
        dialog = RegisterDialog(event, self, today=self.today)
        dialog.accepted.connect(lambda: self._registered(dialog))
        dialog.open()
        return dialog

    def _registered(self, dialog: RegisterDialog) -> None:
        result = dialog.result_
        if result is not None and result.checks:
            self.ctx.show_status(
                self.tr("Register saved; {n} training check(s) recorded in screening.").format(
                    n=result.checks
                )
            )
        else:
            self.ctx.show_status(self.tr("Register saved."))
        self._changed(dialog.event_row.id)

    def write_sheet(self, target: Path | None = None) -> Path | None:
        event = self.current()
        if event is None:
            return None
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Sign-in sheet"), f"sign-in {event.title}.pdf", self.tr("PDF (*.pdf)")
            )
            if not name:
                return None
            target = Path(name)
        try:
            path, count = events.write_sign_in_sheet(event.id, target)
        except (events.EventError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Cannot write the sign-in sheet"), str(exc))
            return None
        self.ctx.show_status(self.tr("Wrote {name} ({n} names).").format(name=path.name, n=count))
        return path

    def import_register(self, source: Path | None = None) -> events.RegisterResult | None:
        event = self.current()
        if event is None:
            return None
        if source is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import the register"), "", self.tr("CSV (*.csv);;All files (*)")
            )
            if not name:
                return None
            source = Path(name)
        try:
            result = events.import_register(event.id, source, self.today)
        except events.EventError as exc:
            QMessageBox.warning(self, self.tr("Nothing imported"), str(exc))
            return None
        if not result.ok:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Nothing imported"),
                self.tr("Nothing was imported: fix these rows and import again."),
                parent=self,
            )
            box.setInformativeText("\n".join(result.problems[:6]))
            box.setDetailedText("\n".join(result.problems))
            box.open()
            return result
        self.ctx.show_status(
            self.tr("Register imported: {n} marks, {c} training check(s).").format(
                n=result.marked, c=result.checks
            )
        )
        self._changed(event.id)
        return result

    def delete_event(self) -> QMessageBox | None:
        event = self.current()
        if event is None:
            return None
        text = self.tr("Delete “{title}” and its register?").format(title=event.title)
        if event.kind == "training" and event.attended:
            text += " " + self.tr(
                "The training checks its register recorded for {n} people are deleted too."
            ).format(n=event.attended)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Delete event"), text, parent=self)
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def done(_result: int) -> None:
            if box.clickedButton() is delete:
                events.delete_event(event.id)
                self.ctx.show_status(self.tr("Event deleted."))
                self._changed()

        box.finished.connect(done)
        box.open()
        return box

    def export_calendar(self, target: Path | None = None) -> Path | None:
        if not self.ctx.programme_id:
            return None
        if target is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export events"), "events.ics", self.tr("Calendar (*.ics)")
            )
            if not name:
                return None
            target = Path(name)
        try:
            path, count = events.export_events_ics(self.ctx.programme_id, target)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), str(exc))
            return None
        self.ctx.show_status(self.tr("Wrote {n} events to {name}.").format(n=count, name=path.name))
        return path
