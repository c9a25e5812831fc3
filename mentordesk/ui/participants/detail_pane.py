"""The pane beside the table: one person's details, screening checklist, guardians and status history."""

from __future__ import annotations

from datetime import UTC, date
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import age_on, format_slots, screening_not_started, screening_reading
from mentordesk.core.vocab import label
from mentordesk.services import participants
from mentordesk.services.participants import RosterRow
from mentordesk.ui.formatting import format_date, format_datetime, localise_dates
from mentordesk.ui.icons import icon


def checklist_detail(item) -> str:
    """The step's detail with its dates in the user's locale."""
    parts = [item.detail] if item.detail else []
    if item.on:
        parts.append(format_date(item.on))
    if item.renew_by:
        parts.append(
            QCoreApplication.translate("DetailPane", "renew by {day}").format(day=format_date(item.renew_by))
        )
    return ", ".join(parts)


def _section(title: str) -> QLabel:
    heading = QLabel(title)
    heading.setObjectName("sectionTitle")
    return heading


def _value(text: str) -> QLabel:
    value = QLabel(text)
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return value


class DetailPane(QScrollArea):
    editRequested = Signal()
    screeningRequested = Signal()
    guardiansRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(320)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(12, 0, 4, 0)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        self.subtitle.setWordWrap(True)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Edit details, tags, availability (Ctrl+E)"))
        self.edit_button.clicked.connect(self.editRequested)
        self.screening_button = QPushButton(icon("shield"), self.tr("Screening…"))
        self.screening_button.clicked.connect(self.screeningRequested)
        self.guardians_button = QPushButton(icon("person"), self.tr("Guardians…"))
        self.guardians_button.clicked.connect(self.guardiansRequested)
        for button in (self.edit_button, self.screening_button, self.guardians_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.clearance = QLabel()
        self.clearance.setWordWrap(True)
        self.details = QFormLayout()
        self.checklist = QVBoxLayout()
        self.family = QVBoxLayout()
        self.history = QVBoxLayout()
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.subtitle)
        self.layout_.addLayout(buttons)
        self.layout_.addWidget(self.clearance)
        self.layout_.addWidget(_section(self.tr("Details")))
        self.layout_.addLayout(self.details)
        self.custom_title = _section(self.tr("More about them"))
        self.custom = QFormLayout()
        self.layout_.addWidget(self.custom_title)
        self.layout_.addLayout(self.custom)
        self.checklist_title = _section(self.tr("Screening checklist"))
        self.layout_.addWidget(self.checklist_title)
        self.layout_.addLayout(self.checklist)
        self.family_title = _section(self.tr("Guardians and consent"))
        self.layout_.addWidget(self.family_title)
        self.layout_.addLayout(self.family)
        self.outcomes_title = _section(self.tr("Before and after"))
        self.outcomes = QVBoxLayout()
        self.layout_.addWidget(self.outcomes_title)
        self.layout_.addLayout(self.outcomes)
        self.layout_.addWidget(_section(self.tr("Status history")))
        self.layout_.addLayout(self.history)
        self.layout_.addStretch(1)
        self.setWidget(body)
        # Never narrower than the buttons need: the splitter takes the room from the table instead.
        scrollbar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        self.setMinimumWidth(max(320, body.minimumSizeHint().width() + scrollbar + 2))
        self.row: RosterRow | None = None

    @staticmethod
    def _clear(layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()

    def show_person(self, row: RosterRow, programme_id: int) -> None:
        self.row = row
        profile = participants.load_profile(row.participant_id, programme_id)
        person = profile.person
        self.title.setText(row.name)
        bits = [label(row.role), label(row.status)]
        if person.pronouns:
            bits.append(person.pronouns)
        self.subtitle.setText(" · ".join(bits))
        if screening_not_started(row.status, row.attention):
            # Only applied: nothing was screened yet, even when nothing is missing (a mentee's consent).
            reading = localise_dates(screening_reading(row.cleared, row.clearance))
            text, colour = "◷ " + self.tr("Screening not started") + " — " + reading, "#5F6670"
        elif not row.cleared:
            why = localise_dates(row.clearance)
            text, colour = "✖ " + self.tr("Not cleared: {why}").format(why=why), "#C62828"
        elif row.attention:
            text, colour = "⚠ " + localise_dates("; ".join(row.attention)), "#B26A00"
        else:
            text, colour = "✔ " + self.tr("Cleared"), "#2E7D32"
        self.clearance.setText(text)
        self.clearance.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self._fill_details(row, profile)
        self._fill_custom(row, programme_id)
        self._fill_checklist(row, programme_id)
        self._fill_family(row)
        self._fill_history(row)
        self._fill_outcomes(row, programme_id)

    def _fill_outcomes(self, row: RosterRow, programme_id: int) -> None:
        """The person's before-and-after survey scale scores (hidden until they answered one)."""
        from mentordesk.services import surveys

        self._clear(self.outcomes)
        lines = [line for line in surveys.person_outcomes(programme_id, row.participant_id) if line.before]
        for line in lines:
            after = f"{line.after:.1f}" if line.after is not None else self.tr("not yet")
            self.outcomes.addWidget(
                _value(
                    self.tr("{scale}: {before:.1f} → {after} (of 5)").format(
                        scale=line.scale, before=line.before, after=after
                    )
                )
            )
        self.outcomes_title.setVisible(bool(lines))

    def _fill_details(self, row: RosterRow, profile: participants.Profile) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        person = profile.person
        age = ""
        if person.date_of_birth:
            age = f"{format_date(person.date_of_birth)} ({self.tr('age')} {age_on(person.date_of_birth, date.today())})"
        enrolment = profile.enrolment
        rows = [
            (self.tr("E-mail"), person.email),
            (self.tr("Phone"), person.phone),
            (self.tr("Born"), age or person.age_band),
            (self.tr("Organisation"), ", ".join(p for p in (person.organisation, person.department) if p)),
            (self.tr("Capacity"), str(enrolment.capacity) if enrolment and row.role == "mentor" else ""),
            (self.tr("Tags"), row.tags),
            (self.tr("Available"), format_slots(profile.slots)),
            (
                self.tr("Away"),
                "; ".join(f"{format_date(a.starts_on)} – {format_date(a.ends_on)}" for a in profile.away),
            ),
            (self.tr("Preferences"), enrolment.preferences if enrolment else ""),
            (self.tr("Not with"), ", ".join(e.other_name for e in profile.exclusions)),
            (self.tr("Accessibility"), person.accessibility_needs),
            (self.tr("Notes"), person.notes),
        ]
        for caption, text in rows:
            if text:
                self.details.addRow(caption, _value(text))

    def _fill_custom(self, row: RosterRow, programme_id: int) -> None:
        """The answers to the programme's custom fields for the person's role (Settings > Custom fields)."""
        while self.custom.rowCount():
            self.custom.removeRow(0)
        answers = participants.read_answers(row.participant_id, programme_id)
        for answer in answers:
            if answer.text:
                self.custom.addRow(answer.field.label, _value(answer.text))
        if answers and not any(a.text for a in answers):
            hint = _value(self.tr("Not answered yet: Edit… to fill them in."))
            hint.setObjectName("hint")
            self.custom.addRow(hint)
        self.custom_title.setVisible(bool(answers))

    def _fill_checklist(self, row: RosterRow, programme_id: int) -> None:
        self._clear(self.checklist)
        items = participants.checklist(row.participant_id, programme_id).items
        for item in items:
            mark = "✔" if item.done else ("✖" if item.required else "–")
            colour = "#2E7D32" if item.done else ("#C62828" if item.required else "#8A9099")
            text = f"<span style='color:{colour}'>{mark}</span> {escape(item.step)}"
            detail = checklist_detail(item)
            if detail:
                text += f" <span style='color:#8A9099'>— {escape(detail)}</span>"
            for note in item.notes:  # what the coordinator wrote on the check, under its step
                shown = escape(localise_dates(note.strip())).replace("\n", "<br>")  # "on 2026-11-23" too
                text += f"<br><span style='color:#8A9099'>&nbsp;&nbsp;&nbsp;✎ <i>{shown}</i></span>"
            line = QLabel(text)
            line.setWordWrap(True)
            self.checklist.addWidget(line)
        self.checklist_title.setVisible(bool(items))

    def _fill_family(self, row: RosterRow) -> None:
        self._clear(self.family)
        people = participants.list_guardians(row.participant_id)
        consents = participants.list_consents(row.participant_id)
        today = date.today()
        for g in people:
            contact = ", ".join(p for p in (g.phone, g.email) if p)
            self.family.addWidget(
                _value(f"{g.name}{' (' + g.relationship + ')' if g.relationship else ''} — {contact}")
            )
        for c in consents:
            state = (
                self.tr("given")
                if c.valid_on(today)
                else (self.tr("withdrawn") if c.withdrawn_on else self.tr("not valid"))
            )
            self.family.addWidget(_value(f"{label(c.kind)}: {state} {format_date(c.given_on)}"))
        shown = row.role != "mentor" or bool(people)
        if not people and not consents and shown:  # not under the screening checklist, with no title
            note = self.tr("None recorded.")
            if row.minor:
                note += " " + self.tr("A minor needs a guardian and their consent before they can be ready.")
            hint = _value(note)
            hint.setObjectName("warning" if row.minor else "hint")
            self.family.addWidget(hint)
        self.family_title.setVisible(shown)
        self.guardians_button.setVisible(shown)

    def _fill_history(self, row: RosterRow) -> None:
        self._clear(self.history)
        changes = participants.status_history(row.enrolment_id)
        if not changes and row.enrolled_on:
            self.history.addWidget(
                _value(
                    self.tr("{day}: enrolled as {status}").format(
                        day=format_date(row.enrolled_on), status=label(row.status).lower()
                    )
                )
            )
        for change in reversed(changes):
            local = change.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)  # stored as UTC
            text = f"{format_datetime(local)}: " + (
                label(change.new) if change.old is None else f"{label(change.old)} → {label(change.new)}"
            )
            self.history.addWidget(_value(text))
