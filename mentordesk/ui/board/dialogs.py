"""The Board tab's dialogs: a sponsor, a session with its attendance, a recommendation, an outcome.

Each edit is saved over the version it opened (``EditGuard``): someone else's newer save is shown and
the coordinator chooses what to keep; bad input is named in the dialog and nothing is saved.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import board
from mentordesk.services.board import (
    OUTCOME_LABELS,
    PRESENCE_LABELS,
    BoardInputError,
    OutcomeInput,
    RecommendationInput,
    SessionInput,
    SponsorInput,
)
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.pairing.models import locale_date
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    hint,
    primary_button,
    tab_moves_focus,
)

NOT_RECORDED = ""


def _text_box(lines: int, placeholder: str, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit()
    tab_moves_focus(box)
    box.setPlaceholderText(placeholder)
    box.setFixedHeight(parent.fontMetrics().lineSpacing() * lines + 12)
    return box


class _BoardDialog(QDialog):
    """Shared: the guard, the error line, and saving through a service that may refuse."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.guard = EditGuard(self)
        self.saved_id: int | None = None
        self.error_label = error_label()

    def _save(self, call, *args, **kwargs) -> bool:
        if refuse_bad_dates(self, self.error_label):
            return False
        try:
            result = self.guard.save(call, *args, **kwargs)
        except BoardInputError as exc:
            self.error_label.setText(str(exc))
            return False
        if self.guard.withdrawn:
            return False
        if isinstance(result, int):
            self.saved_id = result
        return True


class SponsorDialog(_BoardDialog):
    def __init__(
        self, programme_id: int, sponsor_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.sponsor_id = sponsor_id
        existing = self.guard.read(board.sponsor, sponsor_id) if sponsor_id else None
        self.setWindowTitle(self.tr("Edit sponsor") if existing else self.tr("Add an executive sponsor"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                self.tr(
                    "A leader the board shadows and reports to; they need not be enrolled in the programme."
                )
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit(existing.name if existing else "")
        self.name_edit.setAccessibleName(self.tr("Name"))
        self.role_edit = QLineEdit(existing.role if existing else "")
        self.role_edit.setAccessibleName(self.tr("Role"))
        self.role_edit.setPlaceholderText(self.tr("e.g. Headteacher, Chief operating officer"))
        self.email_edit = QLineEdit(existing.email if existing else "")
        self.email_edit.setAccessibleName(self.tr("E-mail"))
        self.email_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Role:"), self.role_edit)
        form.addRow(self.tr("&E-mail:"), self.email_edit)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Save sponsor"))))

    def accept(self) -> None:
        data = SponsorInput(self.name_edit.text(), self.role_edit.text(), self.email_edit.text())
        if self.sponsor_id:
            done = self._save(board.update_sponsor, self.sponsor_id, data)
        else:
            done = self._save(board.add_sponsor, self.programme_id, data)
        if done:
            super().accept()


class SessionDialog(_BoardDialog):
    """A session: date, title, place, topics (one per line), notes, and each member's attendance."""

    def __init__(
        self, programme_id: int, session_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.session_id = session_id
        existing = self.guard.read(board.session, session_id) if session_id else None
        self.setWindowTitle(self.tr("Edit board session") if existing else self.tr("New board session"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.date_edit = DateEdit(existing.held_on if existing else date.today())
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.title_edit = QLineEdit(existing.title if existing else "")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Budget priorities (optional)"))
        self.place_edit = QLineEdit(existing.place if existing else "")
        self.place_edit.setAccessibleName(self.tr("Place"))
        self.topics_edit = _text_box(4, self.tr("One topic per line: the leadership's real decisions"), self)
        self.topics_edit.setAccessibleName(self.tr("Topics"))
        self.topics_edit.setPlainText("\n".join(existing.topics) if existing else "")
        self.notes_edit = _text_box(3, self.tr("Minutes, actions, who presented (optional)"), self)
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setPlainText(existing.notes if existing else "")
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Place:"), self.place_edit)
        form.addRow(self.tr("T&opics:"), self.topics_edit)
        form.addRow(self.tr("&Notes:"), self.notes_edit)
        layout.addLayout(form)
        box = QGroupBox(self.tr("&Attendance"))
        box_layout = QVBoxLayout(box)
        overview = board.board_overview(programme_id)
        marks = existing.attendance if existing else {}
        self.attendance: dict[int, QComboBox] = {}
        if overview.members:
            holder = QWidget()
            grid = QFormLayout(holder)
            for member in overview.members:
                combo = QComboBox()
                combo.setAccessibleName(self.tr("Attendance of {name}").format(name=member.name))
                combo.addItem(self.tr("Not recorded"), NOT_RECORDED)
                for value, text in PRESENCE_LABELS.items():
                    combo.addItem(self.tr(text), value)
                combo.setCurrentIndex(max(0, combo.findData(marks.get(member.participant_id, NOT_RECORDED))))
                self.attendance[member.participant_id] = combo
                grid.addRow(QLabel(member.name), combo)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(holder)
            scroll.setMinimumHeight(min(6, len(overview.members)) * (self.fontMetrics().lineSpacing() + 14))
            box_layout.addWidget(scroll)
        else:
            box_layout.addWidget(
                hint(self.tr("Nobody is enrolled yet: enrol the board's members on Participants."))
            )
        layout.addWidget(box, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Save session"))))

    def marks(self) -> dict[int, str]:
        return {pid: c.currentData() for pid, c in self.attendance.items() if c.currentData() != NOT_RECORDED}

    def session_input(self) -> SessionInput:
        return SessionInput(
            self.date_edit.day(),
            self.title_edit.text(),
            self.topics_edit.toPlainText(),
            self.place_edit.text(),
            self.notes_edit.toPlainText(),
        )

    def accept(self) -> None:
        if self.session_id:
            done = self._save(board.update_session, self.session_id, self.session_input(), self.marks())
        else:
            done = self._save(board.add_session, self.programme_id, self.session_input(), self.marks())
        if done:
            super().accept()


class _OutcomeFields:
    """The outcome, the day it was decided and a note: in the recommendation dialog and on their own."""

    def __init__(self, dialog: QDialog, form: QFormLayout, existing) -> None:
        self.combo = QComboBox()
        self.combo.setAccessibleName(dialog.tr("Outcome"))
        for value, text in OUTCOME_LABELS.items():
            self.combo.addItem(dialog.tr(text), value)
        self.decided_edit = DateEdit(existing.decided_on if existing else None, optional=True)
        self.decided_edit.setAccessibleName(dialog.tr("Decided on"))
        self.note_edit = _text_box(3, dialog.tr("What the leadership said, and why"), dialog)
        self.note_edit.setAccessibleName(dialog.tr("Outcome note"))
        if existing is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(existing.outcome)))
            self.note_edit.setPlainText(existing.note)
        self.combo.currentIndexChanged.connect(self._suggest_day)
        form.addRow(dialog.tr("O&utcome:"), self.combo)
        form.addRow(dialog.tr("Decided o&n:"), self.decided_edit)
        form.addRow(dialog.tr("Outcome n&ote:"), self.note_edit)
        self._suggest_day()

    def _suggest_day(self, *_: object) -> None:
        """Awaiting has no day; choosing a decision on an empty day offers today."""
        awaiting = self.combo.currentData() == "awaiting"
        self.decided_edit.setEnabled(not awaiting)
        if not awaiting and not self.decided_edit.text():
            self.decided_edit.setDate(date.today())

    def value(self) -> OutcomeInput:
        return OutcomeInput(self.combo.currentData(), self.decided_edit.day(), self.note_edit.toPlainText())


class RecommendationDialog(_BoardDialog):
    def __init__(
        self,
        programme_id: int,
        recommendation_id: int | None = None,
        session_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.recommendation_id = recommendation_id
        existing = self.guard.read(board.recommendation, recommendation_id) if recommendation_id else None
        self.setWindowTitle(self.tr("Edit recommendation") if existing else self.tr("New recommendation"))
        self.setMinimumWidth(560)
        overview = board.board_overview(programme_id)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.session_combo = QComboBox()
        self.session_combo.setAccessibleName(self.tr("Session"))
        self.session_combo.addItem(self.tr("(Not at a session)"), None)
        for s in overview.sessions:
            what = s.title or (s.topics[0] if s.topics else "")
            self.session_combo.addItem(" · ".join(x for x in (locale_date(s.held_on), what) if x), s.id)
        self.sponsor_combo = QComboBox()
        self.sponsor_combo.setAccessibleName(self.tr("To sponsor"))
        self.sponsor_combo.addItem(self.tr("(The leadership team)"), None)
        for sp in overview.sponsors:
            self.sponsor_combo.addItem(f"{sp.name} ({sp.role})" if sp.role else sp.name, sp.id)
        chosen_session = existing.session_id if existing else session_id
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(chosen_session)))
        if existing is not None:
            self.sponsor_combo.setCurrentIndex(max(0, self.sponsor_combo.findData(existing.sponsor_id)))
        default_day = existing.made_on if existing else self._session_day(overview, chosen_session)
        self.made_edit = DateEdit(default_day)
        self.made_edit.setAccessibleName(self.tr("Made on"))
        self.title_edit = QLineEdit(existing.title if existing else "")
        self.title_edit.setAccessibleName(self.tr("Recommendation"))
        self.title_edit.setPlaceholderText(self.tr("What the board recommends, in one line"))
        self.detail_edit = _text_box(3, self.tr("The reasons and the evidence (optional)"), self)
        self.detail_edit.setAccessibleName(self.tr("Details"))
        self.detail_edit.setPlainText(existing.detail if existing else "")
        form.addRow(self.tr("&Recommendation:"), self.title_edit)
        form.addRow(self.tr("&Details:"), self.detail_edit)
        form.addRow(self.tr("&Session:"), self.session_combo)
        form.addRow(self.tr("&Made on:"), self.made_edit)
        form.addRow(self.tr("&To:"), self.sponsor_combo)
        self.outcome = _OutcomeFields(self, form, existing)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Save recommendation"))))
        self._days = {s.id: s.held_on for s in overview.sessions}
        self.session_combo.currentIndexChanged.connect(self._follow_session)

    @staticmethod
    def _session_day(overview, session_id: int | None) -> date:
        return next((s.held_on for s in overview.sessions if s.id == session_id), date.today())

    def _follow_session(self, *_: object) -> None:
        day = self._days.get(self.session_combo.currentData())
        if day is not None:
            self.made_edit.setDate(day)

    def recommendation_input(self) -> RecommendationInput:
        return RecommendationInput(
            self.made_edit.day(),
            self.title_edit.text(),
            self.detail_edit.toPlainText(),
            self.session_combo.currentData(),
            self.sponsor_combo.currentData(),
        )

    def accept(self) -> None:
        data, outcome = self.recommendation_input(), self.outcome.value()
        if self.recommendation_id:
            done = self._save(board.update_recommendation, self.recommendation_id, data, outcome)
        else:
            done = self._save(board.add_recommendation, self.programme_id, data, outcome)
        if done:
            super().accept()


class OutcomeDialog(_BoardDialog):
    """Only the outcome of one recommendation: what the leadership decided, when, and a note."""

    def __init__(self, recommendation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recommendation_id = recommendation_id
        existing = self.guard.read(board.recommendation, recommendation_id)
        self.setWindowTitle(self.tr("Record outcome"))
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        title = QLabel(existing.title if existing else "")
        title.setObjectName("sectionTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        if existing is not None:
            layout.addWidget(hint(self.tr("Made on {day}.").format(day=locale_date(existing.made_on))))
        form = QFormLayout()
        self.outcome = _OutcomeFields(self, form, existing)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Save outcome"))))

    def accept(self) -> None:
        if self._save(board.record_outcome, self.recommendation_id, self.outcome.value()):
            super().accept()
