"""Closing a match: date, planned or premature, the reason (a code of the programme's list and words),
who initiated it, the closure meeting, the contact plan afterwards, each exit conversation, and what
happens next."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.pairing import CONTACT_PLANS, reason_code_for_text
from mentordesk.services import meetings, pairing as pairing_service
from mentordesk.services.meetings import FutureMeetings, WindDown
from mentordesk.services.pairing import PairingError
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import localise_dates
from mentordesk.ui.icons import icon
from mentordesk.ui.pairing.future_meetings_box import FutureMeetingsBox
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    heading,
    primary_button,
    tab_moves_focus,
)

INITIATOR_LABELS = {
    "mentor": "The mentor",
    "mentee": "The mentee",
    "guardian": "A parent or guardian",
    "coordinator": "The coordinator",
    "mutual": "Both, by agreement",
}


class ClosureDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self, match_id: int, title: str, rematch: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._reason_problem_shown = False  # the last refusal was for want of a reason
        self.match_id = match_id
        self.guard = EditGuard(self)  # closing is saved over this version of the match only
        self.guard.watch("match", match_id)
        self.setWindowTitle(self.tr("Close match"))
        self.setWindowIcon(icon("close"))
        self.setMinimumWidth(560)
        record = pairing_service.match_record(match_id)
        reasons = pairing_service.closure_reasons(self._programme_id())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Closure record"))
        layout.addWidget(self.tabs)

        # -- the closure ------------------------------------------------------------------------
        page = QWidget()
        form = form_layout(page)
        self.date_edit = DateEdit(date.today())
        form.addRow(self.tr("Closed &on:"), self.date_edit)
        kinds = QHBoxLayout()
        self.planned = QRadioButton(self.tr("&Planned (reached its end)"))
        self.premature = QRadioButton(self.tr("P&remature (ended early)"))
        self.planned.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.planned)
        group.addButton(self.premature)
        kinds.addWidget(self.planned)
        kinds.addWidget(self.premature)
        kinds.addStretch(1)
        form.addRow(self.tr("Kind:"), kinds)
        self.reason_code = QComboBox()
        self.reason_code.addItem(self.tr("Choose a reason…"), "")
        for reason in reasons:
            self.reason_code.addItem(self.tr(reason.label), reason.code)
        self._code_chosen = False  # until the coordinator picks one, the words suggest it
        self.reason_code.activated.connect(self._code_picked)
        form.addRow(self.tr("Reason &code:"), self.reason_code)
        self.reason_edit = QPlainTextEdit()
        tab_moves_focus(self.reason_edit)
        self.reason_edit.setPlaceholderText(self.tr("e.g. End of the school year; mentor relocated for work"))
        self.reason_edit.setFixedHeight(52)
        self.reason_edit.textChanged.connect(self._suggest_code)
        # A problem about the reason goes as soon as one is given (the next Close match checks again).
        self.reason_edit.textChanged.connect(self._reason_given)
        self.reason_code.currentIndexChanged.connect(self._reason_given)
        form.addRow(self.tr("&Reason in words:"), self.reason_edit)
        self.initiator = QComboBox()
        for key, text in INITIATOR_LABELS.items():
            self.initiator.addItem(self.tr(text), key)
        self.initiator.setCurrentIndex(self.initiator.findData("coordinator"))
        form.addRow(self.tr("&Initiated by:"), self.initiator)
        self.meeting_held = QCheckBox(self.tr("A closure meeting was &held"))
        self.meeting_date = DateEdit(None, optional=True, past_only=True)
        self.meeting_date.setEnabled(False)
        self.meeting_held.toggled.connect(self.meeting_date.setEnabled)
        form.addRow(self.tr("Closure meeting:"), self.meeting_held)
        form.addRow(self.tr("Meeting &date:"), self.meeting_date)
        self.contact = QComboBox()
        self.contact.addItem(self.tr("Not recorded"), "")
        for key, text in CONTACT_PLANS.items():
            self.contact.addItem(self.tr(text), key)
        form.addRow(self.tr("Con&tact afterwards:"), self.contact)
        self.mentor_again = QCheckBox(self.tr("The mentor may be matched again"))
        self.mentor_again.setChecked(True)
        self.rematch = QCheckBox(self.tr("Find a new match for the mentee (rematch)"))
        self.rematch.setChecked(rematch)
        form.addRow("", self.mentor_again)
        form.addRow("", self.rematch)
        # What the two ticks do to each person's status, said before saving (leaving "rematch" unticked
        # ends the mentee's time in the programme).
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setAccessibleName(self.tr("What closing does to each person"))
        form.addRow(self.tr("Afterwards:"), self.outcome_label)
        self.mentor_again.toggled.connect(self._show_outcomes)
        self.rematch.toggled.connect(self._show_outcomes)
        self.outcomes: list[pairing_service.ClosureOutcome] = []
        self._show_outcomes()
        self.tabs.addTab(page, self.tr("&Closure"))

        # -- the exit conversations --------------------------------------------------------------
        talks = QWidget()
        talk_form = form_layout(talks)
        self.exit_dates: dict[int, DateEdit] = {}
        for member in record.members:
            talked = DateEdit(member.exit_conversation_on, optional=True, past_only=True)
            self.exit_dates[member.participant_id] = talked
            talk_form.addRow(
                self.tr("With {name} ({role}):").format(name=member.name, role=self.tr(member.role)), talked
            )
        self.guardian_exit = DateEdit(record.guardian_exit_on, optional=True, past_only=True)
        talk_form.addRow(self.tr("With the &guardian(s):"), self.guardian_exit)
        self.notes = {}
        for key, caption in (
            ("mentor", self.tr("Notes, &mentor:")),
            ("mentee", self.tr("Notes, m&entee:")),
            ("guardian", self.tr("Notes, g&uardian:")),
        ):
            edit = QPlainTextEdit()
            tab_moves_focus(edit)
            edit.setFixedHeight(44)
            edit.setPlaceholderText(self.tr("What was said in the exit conversation (optional)"))
            self.notes[key] = edit
            talk_form.addRow(caption, edit)
        self.tabs.addTab(talks, self.tr("E&xit conversations"))

        self.meetings_box = FutureMeetingsBox(FutureMeetings.KEEP_GOODBYE)
        layout.addWidget(self.meetings_box)
        self.wound_down: WindDown | None = None  # what closing did to the planned meetings
        self.date_edit.dateChanged.connect(self._count_meetings)
        self._count_meetings()
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.close_button = primary_button(self.tr("Close match"), "close")
        layout.addWidget(dialog_buttons(self, self.close_button))
        self.watch_typing()  # Escape, Cancel and closing ask first once something is typed

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Discard this closure record?"), self.tr("The match stays open, as it was.")

    def _programme_id(self) -> int:
        from mentordesk.store.models import Match

        return Match.get_by_id(self.match_id).programme_id

    def _reason_given(self, *_: object) -> None:
        if self._reason_problem_shown and (self.reason_code.currentData() or self.reason_edit.toPlainText().strip()):
            self.error_label.setText("")
            self._reason_problem_shown = False

    def _code_picked(self, _index: int) -> None:
        self._code_chosen = bool(self.reason_code.currentData())

    def _suggest_code(self) -> None:
        """While no code was picked, the words suggest one ("moved away" -> Moved away)."""
        if self._code_chosen:
            return
        text = self.reason_edit.toPlainText()
        index = self.reason_code.findData(reason_code_for_text(text)) if text.strip() else 0
        self.reason_code.setCurrentIndex(max(index, 0))

    def _outcomes(self) -> list[pairing_service.ClosureOutcome]:
        return pairing_service.closure_outcomes(
            self.match_id, self.mentor_again.isChecked(), self.rematch.isChecked()
        )

    def _show_outcomes(self, *_: object) -> None:
        self.outcome_label.setText("\n".join(o.sentence() for o in self._outcomes()))

    def _count_meetings(self, *_: object) -> None:
        day = self.date_edit.day() or date.today()
        self.meetings_box.show_for(self.match_id, meetings.after_day(day))

    def closure(self) -> pairing_service.Closure:
        day = self.date_edit.date()
        held = self.meeting_held.isChecked()
        return pairing_service.Closure(
            closed_on=date(day.year(), day.month(), day.day()),
            kind="planned" if self.planned.isChecked() else "premature",
            reason=self.reason_edit.toPlainText(),
            initiated_by=self.initiator.currentData(),
            notes_mentor=self.notes["mentor"].toPlainText(),
            notes_mentee=self.notes["mentee"].toPlainText(),
            notes_guardian=self.notes["guardian"].toPlainText(),
            mentor_may_rematch=self.mentor_again.isChecked(),
            rematch_mentee=self.rematch.isChecked(),
            future_meetings=self.meetings_box.choice().value,
            code=self.reason_code.currentData() or "",
            meeting_held=True if held else None,
            meeting_on=self.meeting_date.day() if held else None,
            contact_after=self.contact.currentData() or "",
            exit_conversations=tuple(
                (pid, talked_on)
                for pid, edit in self.exit_dates.items()
                if (talked_on := edit.day()) is not None
            ),
            guardian_exit_on=self.guardian_exit.day(),
        )

    def _refuse_bad_dates(self) -> bool:
        """Like ``refuse_bad_dates``, also for the tab not shown: its page is brought forward first."""
        for number in range(self.tabs.count()):
            page = self.tabs.widget(number)
            if page is not None and any(e.isEnabled() and e.error() for e in page.findChildren(DateEdit)):
                self.tabs.setCurrentIndex(number)
                return refuse_bad_dates(page, self.error_label)
        return refuse_bad_dates(self, self.error_label)

    def accept(self) -> None:
        if self._refuse_bad_dates():
            return
        if self.meeting_held.isChecked() and self.meeting_date.day() is None:
            self.error_label.setText(self.tr("Closure meeting: give the day it was held, or untick it."))
            self.tabs.setCurrentIndex(0)
            self.meeting_date.setFocus()
            return
        try:
            self.outcomes = self._outcomes()  # as the statuses stand before closing
            self.wound_down = self.guard.save(pairing_service.close_match, self.match_id, self.closure())
        except PairingError as exc:
            self.error_label.setText(localise_dates(str(exc)))  # the service writes ISO dates
            # Refused while no reason was given: giving one takes the problem away.
            self._reason_problem_shown = not (self.reason_code.currentData() or self.reason_edit.toPlainText().strip())
            return
        if self.guard.withdrawn:
            return
        self.leave_without_asking()
        super().accept()
