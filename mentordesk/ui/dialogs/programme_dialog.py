"""Create a programme: name, kind, dates."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from mentordesk.core.vocab import ProgrammeKind, label
from mentordesk.services import pairing, programmes
from mentordesk.ui.widgets.date_edit import DateEdit, py_date, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, in_form

KIND_HELP = {
    ProgrammeKind.ONE_TO_ONE: "An experienced mentor with one mentee (or a few).",
    ProgrammeKind.GROUP: (
        "Circles: a few mentors (co-facilitators) meet with a group of mentees. The matcher forms the "
        "circles at the size you set; every mentor in a circle must be cleared for its mentees. Attendance "
        "is kept for each member, and goals can belong to one member or the whole circle."
    ),
    ProgrammeKind.PEER: "People at a similar stage support each other.",
    ProgrammeKind.REVERSE: (
        "A junior person mentors a senior one in their area of expertise (technology, social media). "
        "The agreement and welcome letters use reverse-mentoring wording; the matcher prefers a younger "
        "or more junior mentor."
    ),
    ProgrammeKind.SPEED: (
        "An evening of short rotating conversations: each mentor keeps a numbered table and mentees move "
        "each round. Tick people in on the night (the rounds still to come are re-planned for no-shows), "
        "print name badges and table cards, then record who would like to meet again: the follow-up run "
        "pairs them, mutual wishes first (Pairing › Speed night)."
    ),
    ProgrammeKind.CASCADE: (
        "Mentees of one round become mentors of the next. When a mentee's match closes as planned, "
        "promote them from Participants (Promote…): they keep their record and start the "
        "mentor screening. Pairing › Tiers shows who mentors whom, tier by tier."
    ),
    ProgrammeKind.NETWORK: (
        "A mentee has several mentors at once, each for a focus area (careers, study skills, "
        "wellbeing): the matcher proposes a further mentor for what the others do not cover."
    ),
    ProgrammeKind.DEVELOPMENTAL: (
        "The mentee's growth leads, and the mentor learns too: goals and reflections can belong to "
        "the mentor as well as the mentee (Goals page). Matched like one-to-one."
    ),
    ProgrammeKind.SHADOW_BOARD: (
        "A board of (usually junior) members who shadow the leadership team, discuss its real decisions and "
        "make recommendations. Enrol the members, then record the executive sponsors, the board's sessions "
        "and what became of each recommendation on the Pairing page's Board tab. Nobody is paired; sessions "
        "default to monthly, 90 minutes."
    ),
}


class ProgrammeDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New programme"))
        self.created_id = 0
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Year 10 mentoring 2026/27"))
        self.kind_combo = QComboBox()
        for kind in ProgrammeKind:
            self.kind_combo.addItem(self.tr(label(kind.value)), kind.value)
        self.kind_help = QLabel()
        self.kind_help.setWordWrap(True)
        self.kind_help.setObjectName("hint")
        self.kind_combo.currentIndexChanged.connect(self._update_help)
        today = QDate.currentDate()
        self.start_edit = DateEdit(today)
        self.end_edit = DateEdit(today.addYears(1))
        self.error_label = error_label()
        # A group programme's circles: changed later in Settings › Pairing.
        self.circle_size = QSpinBox()
        self.circle_size.setRange(2, 30)
        self.circle_size.setValue(pairing.GROUP_SIZE)
        self.circle_size.setSuffix(self.tr(" mentees"))
        self.circle_mentors = QSpinBox()
        self.circle_mentors.setRange(1, 10)
        self.circle_mentors.setValue(pairing.MENTORS_PER_CIRCLE)
        self.circle_mentors.setSuffix(self.tr(" mentors"))
        self.circle_size_label = QLabel(self.tr("&Circle size:"))
        self.circle_size_label.setBuddy(self.circle_size)
        self.circle_mentors_label = QLabel(self.tr("&Mentors per circle:"))
        self.circle_mentors_label.setBuddy(self.circle_mentors)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow("", self.kind_help)
        form.addRow(self.circle_size_label, self.circle_size)
        form.addRow(self.circle_mentors_label, self.circle_mentors)
        form.addRow(self.tr("&Starts:"), self.start_edit)
        form.addRow(self.tr("&Ends:"), self.end_edit)
        form.addRow(in_form(self.error_label))
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        form.addRow(self.buttons)
        self._update_help()

    def _update_help(self) -> None:
        kind = ProgrammeKind(self.kind_combo.currentData())
        self.kind_help.setText(self.tr(KIND_HELP[kind]))
        # A form row does not grow for a wrapped label's lines: reserve them at the help's least width.
        width = self.fontMetrics().averageCharWidth() * 60
        self.kind_help.setMinimumWidth(width)
        self.kind_help.setMinimumHeight(self.kind_help.heightForWidth(width))
        group = kind == ProgrammeKind.GROUP
        for widget in (self.circle_size, self.circle_size_label, self.circle_mentors, self.circle_mentors_label):
            widget.setVisible(group)
        layout = self.layout()
        if layout is not None:  # the help's wrapped lines and the circle rows take room: grow to fit
            layout.activate()
        self.adjustSize()

    def _settings(self) -> dict:
        """The new programme's settings: its kind's defaults, with the circle shape chosen here."""
        kind = self.kind_combo.currentData()
        settings = pairing.starting_settings(kind)
        if kind == ProgrammeKind.GROUP.value:
            settings["pairing"] = {
                "group_size": self.circle_size.value(),
                "mentors_per_circle": self.circle_mentors.value(),
            }
        return settings

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        try:
            row = programmes.create_programme(
                self.name_edit.text(),
                self.kind_combo.currentData(),
                py_date(self.start_edit.date()),
                py_date(self.end_edit.date()),
                settings=self._settings(),
            )
        except programmes.ProgrammeError as exc:
            self.error_label.setText(str(exc))
            self.name_edit.setFocus()
            return
        self.created_id = row.id
        super().accept()
