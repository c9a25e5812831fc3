"""What the Meetings page does to meetings: schedule, open, record, move, delete, end a series, export.

A mixin of ``MeetingsPage``, kept apart so each file stays readable. It expects the page's
``ctx``, ``dialog``, ``_meetings``, the filter combos and ``_changed``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from mentordesk.core.meetings import MeetingInputError
from mentordesk.core.vocab import MeetingStatus
from mentordesk.services import meetings
from mentordesk.ui.formatting import format_weekday_time
from mentordesk.ui.icons import icon
from mentordesk.ui.workers import Worker

if TYPE_CHECKING:
    from mentordesk.ui.context import AppContext
    from mentordesk.ui.meetings.calendar_panel import CalendarPanel
    from mentordesk.ui.meetings.models import RowFilter

    _Base = QWidget  # the page it is mixed into: for the type checker only
else:
    _Base = object  # at run time the mixin adds nothing to the page's class hierarchy

log = logging.getLogger(__name__)


class MeetingActions(_Base):
    # what the page provides (see MeetingsPage)
    ctx: AppContext
    dialog: QWidget | None
    _meetings: dict[int, meetings.MeetingRow]
    match_filter: QComboBox
    person_filter: QComboBox
    export_worker: Worker | None
    export_progress: QProgressDialog | None
    calendar: CalendarPanel
    meeting_proxy: RowFilter

    if TYPE_CHECKING:

        def _changed(self, message: str) -> None: ...

        def _clear_filters(self) -> None: ...

        def _load_meetings(self) -> None: ...

    def _show(self, dialog: QDialog) -> QDialog:
        previous = self.dialog
        if previous is not None and not previous.isVisible():
            previous.deleteLater()  # dialogs are parented to the page: free the closed one
        self.dialog = dialog
        dialog.open()
        return dialog

    def schedule(self, *, match_id: int | None = None, start: datetime | None = None):
        from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog

        if not self.ctx.programme_id:
            return None
        match_id = match_id or self.match_filter.currentData()
        dialog = ScheduleDialog(self.ctx.programme_id, match_id=match_id, start=start, parent=self)
        dialog.accepted.connect(
            lambda: self._saved(
                dialog.saved_ids, self.tr("{n} meeting(s) scheduled.").format(n=len(dialog.saved_ids))
            )
        )
        return self._show(dialog)

    def open_meeting(self, meeting_id: int):
        """Double-click: a past meeting still to be recorded asks what happened; others open for editing."""
        row = self._meetings.get(meeting_id)
        if row is not None and row.status == MeetingStatus.PLANNED.value and row.starts_at <= datetime.now():
            return self.record_outcome(meeting_id)
        return self.edit_meeting(meeting_id)

    def edit_meeting(self, meeting_id: int):
        from mentordesk.ui.meetings.schedule_dialog import ScheduleDialog

        dialog = ScheduleDialog(self.ctx.programme_id, meeting_id=meeting_id, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_ids, self.tr("Meeting saved.")))
        return self._show(dialog)

    def _saved(self, meeting_ids: list[int], message: str) -> None:
        """After a save: the page reloads and the calendar goes to the (first) meeting saved."""
        self._changed(message)
        if meeting_ids and self.show_meeting(meeting_ids[0]):
            self.ctx.show_status(message + " " + self.tr("The filters were cleared so that it shows."))

    def show_meeting(self, meeting_id: int) -> bool:
        """The calendar at a meeting: its month (its week in the week view), its day, it selected.

        Filters that would hide it are cleared; returns whether they were."""
        try:
            day = meetings.meeting_detail(meeting_id).starts_at.date()
        except MeetingInputError:  # deleted meanwhile: nothing to show
            return False
        self.calendar.set_anchor(day)  # loads the rows of that period
        proxy = self.meeting_proxy
        hidden = all(row.id != meeting_id for row in proxy.visible_rows())
        cleared = hidden and bool(proxy.match_id or proxy.person_id or proxy.mode)
        if cleared:
            self._clear_filters()
        self.calendar.show_meeting(meeting_id, day)
        return cleared

    def record_outcome(self, meeting_id: int):
        from mentordesk.ui.meetings.outcome_dialog import OutcomeDialog

        dialog = OutcomeDialog(meeting_id, self)
        dialog.accepted.connect(lambda: self._changed(self.tr("Outcome recorded.")))
        return self._show(dialog)

    def move_meeting(self, meeting_id: int, start: datetime) -> None:
        try:
            meetings.move_meeting(meeting_id, start)
        except MeetingInputError as exc:
            self._warn(self.tr("Meeting not moved"), str(exc))
            self._load_meetings()
            return
        self._changed(self.tr("Meeting moved to {when}.").format(when=format_weekday_time(start)))

    def delete_meeting(self, meeting_id: int):
        row = self._meetings.get(meeting_id)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete meeting"),
            self.tr("Delete the meeting of {who} on {when}? This cannot be undone.").format(
                who=row.who if row else "", when=format_weekday_time(row.starts_at) if row else ""
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names are shown as typed, never as markup
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result: self._delete_confirmed(meeting_id, result))
        return self._show(box)

    def _delete_confirmed(self, meeting_id: int, result: int) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        try:
            meetings.delete_meeting(meeting_id)
        except MeetingInputError as exc:
            self._warn(self.tr("Meeting kept"), str(exc))
            return
        self._changed(self.tr("Meeting deleted."))

    def stop_series(self, meeting_id: int):
        row = self._meetings.get(meeting_id)
        if row is None or not row.series_id:
            return None
        series_id, start = row.series_id, row.starts_at
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("End series"),
            self.tr("Remove this and every later planned meeting of the series? Recorded meetings are kept."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )

        def done(result: int) -> None:
            if result == QMessageBox.StandardButton.Yes:
                removed = meetings.stop_series(series_id, start)
                self._changed(self.tr("{n} planned meetings removed.").format(n=removed))

        box.finished.connect(done)
        return self._show(box)

    def _meeting_menu(self, meeting_id: int, pos: QPoint) -> None:
        self._build_meeting_menu(meeting_id).popup(pos)

    def _build_meeting_menu(self, meeting_id: int) -> QMenu:
        menu = QMenu(self)
        menu.addAction(icon("edit"), self.tr("Edit…"), lambda: self.edit_meeting(meeting_id))
        menu.addAction(icon("ok"), self.tr("Record outcome…"), lambda: self.record_outcome(meeting_id))
        menu.addAction(
            icon("export"), self.tr("Export to .ics…"), lambda: self.export_calendar(meeting_id=meeting_id)
        )
        row = self._meetings.get(meeting_id)
        if row is not None:
            menu.addAction(
                icon("print"),
                self.tr("Print the match's meeting log sheet"),
                lambda: self.print_log_sheet(row.match_id),
            )
        menu.addSeparator()
        if row is not None and row.series_id:
            menu.addAction(
                icon("close"), self.tr("End series from here…"), lambda: self.stop_series(meeting_id)
            )
        menu.addAction(icon("delete"), self.tr("Delete…"), lambda: self.delete_meeting(meeting_id))
        return menu

    def print_log_sheet(self, match_id: int | None = None):
        """The paper log for a match: its recorded meetings and blank rows for the next ones."""
        from mentordesk.core.vocab import DocumentKind
        from mentordesk.ui.documents.sheets import print_sheet

        return print_sheet(
            self.ctx, self, DocumentKind.MEETING_LOG, match_id or self.match_filter.currentData() or 0
        )

    def export_calendar(self, *, meeting_id: int | None = None) -> Worker | None:
        """Ask where, then write the .ics in the background with a progress bar (and Cancel).

        Exports what the filters show: the programme, one match, or one person's meetings.
        """
        if not self.ctx.programme_id:
            return None
        suggested = str(Path.home() / ("meeting.ics" if meeting_id else "mentoring-meetings.ics"))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export meetings to a calendar file"), suggested, self.tr("iCalendar files (*.ics)")
        )
        if not path:
            return None
        if not path.lower().endswith(".ics"):
            path += ".ics"
        if meeting_id is not None:
            filters: dict[str, int | None] = {"meeting_id": meeting_id}
        else:
            filters = {
                "programme_id": self.ctx.programme_id,
                "match_id": self.match_filter.currentData(),
                "participant_id": self.person_filter.currentData(),
            }
        worker = Worker(meetings.export_ics, path, **filters)
        progress = QProgressDialog(self.tr("Writing the calendar file…"), self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Export to calendar"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.canceled.connect(worker.cancel)
        worker.signals.progress.connect(lambda done, total, text: progress.setValue(done * 100 // max(total, 1)))
        name = Path(path).name

        def finished(count: int) -> None:
            progress.reset()
            self.ctx.show_status(self.tr("{n} calendar events written to {file}.").format(n=count, file=name))

        def failed(exc: Exception) -> None:
            progress.reset()
            if not isinstance(exc, meetings.ExportError):
                log.error("calendar export failed", exc_info=exc)  # the traceback goes to the log
            self._warn(self.tr("Export failed"), str(exc) or type(exc).__name__)

        def cancelled() -> None:
            progress.reset()
            self.ctx.show_status(self.tr("Export cancelled: nothing was written."))

        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(cancelled)
        self.export_worker, self.export_progress = worker, progress
        worker.start()
        return worker

    def _warn(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self._show(box)
