"""Schedule a meeting or a series, or edit one: times, place, recurrence, conflicts and free slots.

The dialog checks as you type (after a short pause): bad times and recurrences
show in red, conflicts in amber with the next free common slots to pick from.
Conflicts are warnings, not errors: the coordinator may still schedule.
Escape, Cancel and the close button ask before throwing away what was typed; the free times the
dialog looks up on its own are not the user's typing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.meetings import MeetingInputError, Recurrence, Repeat, recurrence_of
from mentordesk.core.vocab import MeetingMode, MeetingStatus, label
from mentordesk.services import meetings
from mentordesk.services.meetings import Details
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.meetings.availability_box import AvailabilityBox
from mentordesk.ui.meetings.recurrence_box import RecurrenceBox
from mentordesk.ui.widgets.date_edit import (
    DateTimeEdit,
    date_problem,
    first_bad_date,
    py_minute,
    refuse_bad_dates,
    to_qdatetime,
)
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding, typed_state
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button, tab_moves_focus

MAX_CHECKED = 60  # conflicts are checked for the first 60 dates of a series: enough to warn, still instant


class ScheduleDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self,
        programme_id: int,
        *,
        match_id: int | None = None,
        start: datetime | None = None,
        meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.guard = EditGuard(self)  # an edit is saved over this version of the meeting (and series) only
        self.meeting = self.guard.read(meetings.meeting_detail, meeting_id) if meeting_id else None
        if self.meeting is not None:
            self.guard.watch("meeting", self.meeting.id)
            if self.meeting.series_id:
                self.guard.watch("meeting_series", self.meeting.series_id)
        self.saved_ids: list[int] = []
        self._length = timedelta(hours=1)
        self.conflicts: list[str] = []
        self.suggestions: list[datetime] = []
        self.setWindowTitle(self.tr("Edit meeting") if self.meeting else self.tr("Schedule a meeting"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 90)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.check)
        self._build()
        self._fill(match_id, start)
        self._connect()
        self.check()
        # Escape, Cancel and closing ask first once something is typed; the snapshot is taken after the
        # dialog's own filling (the first free time, the meeting as saved), so only the user's typing counts.
        self.watch_typing()

    def typed(self) -> tuple:
        """What the user typed or chose: the Availability box is left out, the dialog fills it itself."""
        return typed_state(self, skip=(self.availability,))

    def discard_question(self) -> tuple[str, str]:
        if self.meeting is None:
            return self.tr("Discard this meeting?"), self.tr("What you typed is not saved.")
        return (
            self.tr("Discard your changes to this meeting?"),
            self.tr("What was saved before stays as it was."),
        )

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.match_combo = QComboBox()
        self.match_combo.setMinimumContentsLength(28)
        # Only matches a meeting can be booked for: active ones, then paused ones said to be paused
        # (a draft is a proposal nobody has been told about; a closed match has ended).
        for choice in meetings.match_choices(self.programme_id, schedulable=True):
            text = choice.who
            if choice.status == "paused":
                text += (
                    self.tr(" (paused until {day})").format(day=format_date(choice.resumes_on))
                    if choice.resumes_on
                    else self.tr(" (paused)")
                )
            self.match_combo.addItem(icon("match"), text, choice.id)
        self.start_edit = DateTimeEdit()
        self.start_edit.setAccessibleName(self.tr("Starts"))
        self.end_edit = DateTimeEdit()
        self.end_edit.setAccessibleName(self.tr("Ends"))
        self.length_label = QLabel()
        self.length_label.setObjectName("hint")
        times = QHBoxLayout()
        times.addWidget(self.start_edit, 1)
        times.addWidget(QLabel(self.tr("to")))
        times.addWidget(self.end_edit, 1)
        times.addWidget(self.length_label)
        self.mode_combo = QComboBox()
        for mode in MeetingMode:
            self.mode_combo.addItem(self.tr(label(mode.value)), mode.value)
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("e.g. School library"))
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText(self.tr("https://… (for online meetings)"))
        self.agenda_edit = QPlainTextEdit()
        tab_moves_focus(self.agenda_edit)
        self.agenda_edit.setPlaceholderText(self.tr("What you plan to talk about or do (optional)"))
        self.agenda_edit.setFixedHeight(self.fontMetrics().height() * 4)
        form.addRow(self.tr("&Match:"), self.match_combo)
        when_label = QLabel(self.tr("&When:"))
        when_label.setBuddy(self.start_edit)
        form.addRow(when_label, times)
        form.addRow(self.tr("M&ode:"), self.mode_combo)
        form.addRow(self.tr("&Place:"), self.place_edit)
        form.addRow(self.tr("&Video link:"), self.link_edit)
        form.addRow(self.tr("A&genda:"), self.agenda_edit)
        layout.addLayout(form)

        self.scope_box = QWidget()
        scope = QHBoxLayout(self.scope_box)
        scope.setContentsMargins(0, 0, 0, 0)
        self.only_this = QRadioButton(self.tr("Only this meeting"))
        self.whole_series = QRadioButton(self.tr("This and later meetings of the series"))
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.only_this)
        self.scope_group.addButton(self.whole_series)
        self.only_this.setChecked(True)
        scope.addWidget(QLabel(self.tr("Change:")))
        scope.addWidget(self.only_this)
        scope.addWidget(self.whole_series)
        scope.addStretch(1)
        layout.addWidget(self.scope_box)
        self.series_hint = QLabel(
            self.tr("Meetings that have happened or have an outcome recorded are kept exactly as they are.")
        )
        self.series_hint.setObjectName("hint")
        self.series_hint.setWordWrap(True)
        layout.addWidget(self.series_hint)

        self.recurrence_box = RecurrenceBox()
        layout.addWidget(self.recurrence_box)

        self.availability = AvailabilityBox()
        self.error_label = error_label()
        layout.addWidget(self.availability)
        layout.addWidget(self.error_label)

        self.save_button = primary_button(self.tr("Schedule"))
        self.buttons = dialog_buttons(self, self.save_button)
        layout.addWidget(self.buttons)

    def _fill(self, match_id: int | None, start: datetime | None) -> None:
        meeting = self.meeting
        if meeting is not None:
            index = self.match_combo.findData(meeting.match_id)
            if index < 0:  # a closed match: show it, but it cannot change
                self.match_combo.addItem(meeting.who, meeting.match_id)
                index = self.match_combo.count() - 1
            self.match_combo.setCurrentIndex(index)
            self.match_combo.setEnabled(False)
            self._set_times(meeting.starts_at, meeting.ends_at)
            self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(meeting.mode)))
            self.place_edit.setText(meeting.place)
            self.link_edit.setText(meeting.link)
            self.agenda_edit.setPlainText(meeting.agenda)
            self.save_button.setText(self.tr("Save"))
        else:
            if match_id is not None:
                self.match_combo.setCurrentIndex(max(0, self.match_combo.findData(match_id)))
            length = timedelta(minutes=self._default_length())
            default = start or self._first_free(length)
            self._set_times(default, default + length)
        in_series = bool(meeting and meeting.series_id)
        self.scope_box.setVisible(in_series)
        self.series_hint.setVisible(False)
        self.recurrence_box.setVisible(meeting is None)

    def _first_free(self, length: timedelta) -> datetime:
        """The match's next common free time, or tomorrow at 16:00 when nobody's availability is known."""
        match_id = self.match_id()
        tomorrow = (datetime.now() + timedelta(days=1)).replace(hour=16, minute=0, second=0, microsecond=0)
        if match_id is None:
            return tomorrow
        report = meetings.check(match_id, [(tomorrow, tomorrow + length)], always_suggest=True, limit=1)
        return report.suggestions[0] if report.suggestions else tomorrow

    def _default_length(self) -> int:
        from mentordesk.store.models import Programme

        programme = Programme.get_or_none(Programme.id == self.programme_id)
        return programme.meeting_length_minutes if programme and programme.meeting_length_minutes else 60

    def _connect(self) -> None:
        self.start_edit.dateTimeChanged.connect(self._on_start_changed)
        self.end_edit.dateTimeChanged.connect(self._on_end_changed)
        for edit in (self.start_edit, self.end_edit):
            edit.date_edit.textChanged.connect(self._schedule_check)  # a day that is not a date yet
        self.match_combo.currentIndexChanged.connect(self._schedule_check)
        self.recurrence_box.changed.connect(self._schedule_check)
        self.whole_series.toggled.connect(self._on_scope)
        self.availability.suggestionChosen.connect(self._use_suggestion)

    # -- reading the form ------------------------------------------------------------------------
    def _set_times(self, start: datetime, end: datetime) -> None:
        self._length = end - start
        for edit, value in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDateTime(to_qdatetime(value))
            edit.blockSignals(False)
        self.recurrence_box.set_start(start)
        self._schedule_check()

    def start(self) -> datetime:
        return py_minute(self.start_edit.dateTime())

    def end(self) -> datetime:
        return py_minute(self.end_edit.dateTime())

    def match_id(self) -> int | None:
        data = self.match_combo.currentData()
        return int(data) if data else None

    def details(self) -> Details:
        return Details(
            place=self.place_edit.text(),
            link=self.link_edit.text(),
            mode=self.mode_combo.currentData(),
            agenda=self.agenda_edit.toPlainText(),
        )

    def editing_series(self) -> bool:
        return bool(self.meeting and self.meeting.series_id and self.whole_series.isChecked())

    def recurrence(self) -> Recurrence:
        if self.meeting is not None and not self.editing_series():
            return Recurrence(Repeat.NONE)
        return self.recurrence_box.recurrence()

    # -- reacting --------------------------------------------------------------------------------
    def _on_start_changed(self, *_: object) -> None:
        # Moving the start keeps the meeting's length: the end follows.
        self.end_edit.blockSignals(True)
        self.end_edit.setDateTime(to_qdatetime(self.start() + self._length))
        self.end_edit.blockSignals(False)
        self.recurrence_box.set_start(self.start())
        self._schedule_check()

    def _on_end_changed(self, *_: object) -> None:
        self._length = self.end() - self.start()
        self._schedule_check()

    def _on_scope(self, series: bool) -> None:
        meeting = self.meeting
        self.recurrence_box.setVisible(series)
        self.series_hint.setVisible(series)
        if series and meeting is not None and meeting.series_rule and meeting.series_starts_at:
            upcoming = [
                r
                for r in meetings.series_meetings(meeting.series_id or 0)
                if r.starts_at >= datetime.now() and r.status == MeetingStatus.PLANNED.value
            ]
            first = upcoming[0] if upcoming else None
            if first is not None and meeting.starts_at < datetime.now():
                self._set_times(first.starts_at, first.ends_at)
            recurrence = recurrence_of(meeting.series_rule, meeting.series_starts_at)
            self.recurrence_box.set_recurrence(recurrence, remaining=len(upcoming) or None)
            self.save_button.setText(self.tr("Save series"))
        else:
            self.save_button.setText(self.tr("Save"))
        self._schedule_check()

    def _schedule_check(self, *_: object) -> None:
        self._timer.start()

    def _times_to_check(self) -> list[tuple[datetime, datetime]]:
        start, end = self.start(), self.end()
        recurrence = self.recurrence()
        match_id = self.match_id()
        if recurrence.repeat == Repeat.NONE or match_id is None:
            return [(start, end)]
        plan = meetings.plan(
            match_id,
            start,
            end,
            recurrence,
            skip_term_breaks=self.recurrence_box.skip_breaks.isChecked(),
            skip_away=self.recurrence_box.skip_away.isChecked(),
        )
        self._show_plan(plan)
        length = end - start
        return [(when, when + length) for when in plan.meetings[:MAX_CHECKED]]

    def _show_plan(self, plan) -> None:
        dates = plan.meetings
        text = self.tr("{n} meetings, {first} to {last}.").format(
            n=len(dates), first=format_date(dates[0].date()), last=format_date(dates[-1].date())
        )
        if plan.skipped:
            skipped = ", ".join(f"{format_date(s.day)} ({s.reason})" for s in plan.skipped[:6])
            more = "…" if len(plan.skipped) > 6 else ""
            text += " " + self.tr("Skipped: {dates}{more}").format(dates=skipped, more=more)
        self.recurrence_box.preview.setText(text)

    def check(self) -> None:
        """Validate the form and look for conflicts; fills the error, warning and suggestion areas."""
        self._timer.stop()
        self.error_label.clear()
        self.conflicts, self.suggestions = [], []
        minutes = int((self.end() - self.start()).total_seconds() // 60)
        hours, rest = divmod(max(0, minutes), 60)
        if hours and rest:
            length = self.tr("{h} h {m} min").format(h=hours, m=rest)
        elif hours:
            length = self.tr("{h} h").format(h=hours)
        else:
            length = self.tr("{m} min").format(m=rest)
        self.length_label.setText(length)
        bad = first_bad_date(self)
        if bad is not None:  # a day being typed: say what is wrong, check the rest once it is a date
            self.error_label.setText(date_problem(bad))
            self._show_conflicts()
            return
        match_id = self.match_id()
        if match_id is None:
            self.error_label.setText(
                self.tr("There is no open match to schedule for yet: make a match first.")
            )
            self._show_conflicts()
            return
        try:
            times = self._times_to_check()
            from mentordesk.core.meetings import check_times

            problems = check_times(self.start(), self.end())
            if problems:
                raise MeetingInputError(problems)
        except MeetingInputError as exc:
            self.error_label.setText(str(exc))
            self.recurrence_box.preview.clear()
            self._show_conflicts()
            return
        ignore = [self.meeting.id] if self.meeting else []
        if self.editing_series() and self.meeting and self.meeting.series_id:
            ignore = [r.id for r in meetings.series_meetings(self.meeting.series_id)]
        report = meetings.check(match_id, times, ignore_meeting_ids=ignore, always_suggest=True)
        self.conflicts = list(dict.fromkeys(c.message for c in report.conflicts))
        self.suggestions = report.suggestions
        self._show_conflicts()

    def _show_conflicts(self) -> None:
        self.availability.show_result(
            self.conflicts, self.suggestions, has_error=bool(self.error_label.text())
        )
        # Nothing to save while the form says what to fix (an end before the start, a day that is not a date).
        self.save_button.setEnabled(not self.error_label.text())
        if self.isVisible() and self.height() < self.sizeHint().height():
            self.resize(self.width(), self.sizeHint().height())  # room for the warnings that appeared
        if self.conflicts and not self.meeting:
            self.save_button.setText(self.tr("Schedule anyway"))
        elif not self.meeting:
            self.save_button.setText(self.tr("Schedule"))

    def _use_suggestion(self, when: datetime) -> None:
        length = self.end() - self.start()
        self._set_times(when, when + length)
        self.check()

    # -- saving ----------------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self._timer.stop()  # no check may run after the dialog closed (its meeting may be gone)
        super().done(result)

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        match_id = self.match_id()
        try:
            if match_id is None:
                raise MeetingInputError([])
            self._save(match_id)
        except MeetingInputError as exc:
            self.error_label.setText(str(exc) or self.tr("Choose a match first."))
            return
        if self.guard.withdrawn:
            return
        self.leave_without_asking()
        super().accept()

    def _save(self, match_id: int) -> None:
        start, end, details = self.start(), self.end(), self.details()
        recurrence = self.recurrence()
        skip_breaks = self.recurrence_box.skip_breaks.isChecked()
        skip_away = self.recurrence_box.skip_away.isChecked()
        meeting = self.meeting
        if meeting is None:
            if recurrence.repeat == Repeat.NONE:
                self.saved_ids = [meetings.schedule_meeting(match_id, start, end, details)]
            else:
                result = meetings.schedule_series(
                    match_id,
                    start,
                    end,
                    recurrence,
                    details,
                    skip_term_breaks=skip_breaks,
                    skip_away=skip_away,
                )
                self.saved_ids = result.meeting_ids
        elif self.editing_series() and meeting.series_id:
            updated = self.guard.save(
                meetings.update_series,
                meeting.series_id,
                start,
                end,
                recurrence,
                details,
                skip_term_breaks=skip_breaks,
                skip_away=skip_away,
            )
            if updated is not None:
                self.saved_ids = updated.meeting_ids
        else:
            self.guard.save(meetings.update_meeting, meeting.id, start, end, details)
            self.saved_ids = [] if self.guard.withdrawn else [meeting.id]
