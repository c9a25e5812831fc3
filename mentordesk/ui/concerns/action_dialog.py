"""Record an action on a concern: suspend a match or a mentor (meetings cancelled or held), or the guardian
informed (or why not)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.concerns import ACTION_LABELS, ConcernDraft, ConcernRefused
from mentordesk.services import concerns
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    primary_button,
    tab_moves_focus,
)

TITLES = {
    "suspend_match": "Suspend a match",
    "suspend_mentor": "Suspend a mentor from all matches",
    "guardian_informed": "The guardian was informed",
    "guardian_not_informed": "The guardian was not informed",
}


class ActionDialog(AsksBeforeDiscarding, QDialog):
    def __init__(
        self,
        kind: str,
        concern_id: int,
        draft: ConcernDraft,
        subjects: list,
        match_list: list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.concern_id = concern_id
        self.setWindowTitle(self.tr(TITLES[kind]))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = form_layout()
        self.day_edit = DateEdit(date.today(), past_only=True)
        self.day_edit.setAccessibleName(self.tr("Date"))
        self.match_combo = QComboBox()
        self.mentor_combo = QComboBox()
        self.cancel_radio = QRadioButton(self.tr("&Cancel the planned meetings"))
        self.keep_radio = QRadioButton(self.tr("&Hold them (keep them in the calendar)"))
        self.cancel_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.cancel_radio)
        group.addButton(self.keep_radio)
        self.reason_edit = tab_moves_focus(QPlainTextEdit())
        self.reason_edit.setFixedHeight(self.reason_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.info_label = QLabel()
        self.info_label.setObjectName("hint")
        self.info_label.setWordWrap(True)
        form.addRow(self.tr("&Date:"), self.day_edit)
        if kind == "suspend_match":
            open_matches = [m for m in match_list if m.status in ("active", "paused")]
            for choice in open_matches:
                self.match_combo.addItem(icon("match"), f"{choice.who} ({choice.status})", choice.id)
            index = self.match_combo.findData(draft.match_id)
            self.match_combo.setCurrentIndex(max(0, index))
            form.addRow(self.tr("&Match:"), self.match_combo)
            self.info_label.setText(
                self.tr("The match is paused (open-ended) until you resume it on the Pairing page.")
            )
        if kind == "suspend_mentor":
            for subject in subjects:
                if subject.role == "mentor":
                    self.mentor_combo.addItem(subject.name, subject.participant_id)
            mentor_id = draft.mentor_id
            if mentor_id is None:  # the mentor of the concern's match
                members = next((m.member_ids for m in match_list if m.id == draft.match_id), ())
                mentor_id = next(
                    (
                        s.participant_id
                        for s in subjects
                        if s.role == "mentor" and s.participant_id in members
                    ),
                    None,
                )
            index = self.mentor_combo.findData(mentor_id)
            self.mentor_combo.setCurrentIndex(max(0, index))
            self.mentor_combo.currentIndexChanged.connect(self._count_matches)
            form.addRow(self.tr("Me&ntor:"), self.mentor_combo)
            self._count_matches()
        if kind in ("suspend_match", "suspend_mentor"):
            form.addRow(self.tr("Planned meetings:"), self.cancel_radio)
            form.addRow("", self.keep_radio)
            self.reason_edit.setPlaceholderText(self.tr("Why it is suspended"))
            form.addRow(self.tr("&Reason:"), self.reason_edit)
            form.addRow("", self.info_label)
        elif kind == "guardian_informed":
            self.reason_edit.setPlaceholderText(self.tr("How, and by whom (optional)"))
            form.addRow(self.tr("&Notes:"), self.reason_edit)
        else:
            self.reason_edit.setPlaceholderText(
                self.tr("Why not, e.g. social care advised that telling them could put the child at risk")
            )
            form.addRow(self.tr("&Why not:"), self.reason_edit)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(
            self.tr("&Record: {what}").format(what=self.tr(ACTION_LABELS[kind]).lower())
        )
        layout.addWidget(dialog_buttons(self, self.save_button))
        self.watch_typing()  # Escape, Cancel and closing ask first once something is typed

    def discard_question(self) -> tuple[str, str]:
        return self.tr("Discard this action?"), self.tr("Nothing is recorded on the concern.")

    def _count_matches(self, *_: object) -> None:
        mentor_id = self.mentor_combo.currentData()
        n = len(concerns.mentor_matches(mentor_id)) if mentor_id else 0
        self.info_label.setText(
            self.tr(
                "Pauses their {n} open match(es), in every programme, and puts them on hold so the matcher "
                "proposes them to nobody."
            ).format(n=n)
        )

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        day = self.day_edit.value()
        reason = self.reason_edit.toPlainText()
        choice = "cancel" if self.cancel_radio.isChecked() else "keep"
        try:
            if self.kind == "suspend_match":
                match_id = self.match_combo.currentData()
                if match_id is None:
                    self.error_label.setText(
                        self.tr("Match: there is no open match in this programme to suspend.")
                    )
                    return
                concerns.suspend_match(self.concern_id, match_id, choice, reason, day)
            elif self.kind == "suspend_mentor":
                mentor_id = self.mentor_combo.currentData()
                if mentor_id is None:
                    self.error_label.setText(self.tr("Mentor: there is no mentor in this programme."))
                    return
                concerns.suspend_mentor(self.concern_id, mentor_id, choice, reason, day)
            elif self.kind == "guardian_informed":
                concerns.guardian_informed(self.concern_id, day, reason)
            else:
                concerns.guardian_not_informed(self.concern_id, reason, day)
        except ConcernRefused as exc:
            self.error_label.setText(str(exc))
            return
        self.leave_without_asking()
        super().accept()
