"""A speed-mentoring event's details: day, time, venue, rounds and their length."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from mentordesk.services import pairing as pairing_service
from mentordesk.services.pairing import EventRow, PairingError
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, heading, hint, primary_button


class SpeedEventDialog(QDialog):
    """New (``event`` None) or edit; ``event_id`` holds the saved event once accepted."""

    def __init__(
        self, programme_id: int, event: EventRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.edited = event
        self.event_id = event.id if event else 0
        self.invite_problem = ""
        self.setWindowTitle(self.tr("Edit event") if event else self.tr("New speed-mentoring event"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Speed-mentoring event")))
        form = QFormLayout()
        self.title_edit = QLineEdit(event.title if event else "")
        self.title_edit.setPlaceholderText(self.tr("e.g. Spring speed-mentoring evening"))
        self.title_edit.setAccessibleName(self.tr("Event name"))
        form.addRow(self.tr("&Name:"), self.title_edit)
        self.date_edit = DateEdit(event.held_on if event else date.today())
        self.date_edit.setAccessibleName(self.tr("Date"))
        form.addRow(self.tr("&Date:"), self.date_edit)
        self.start_edit = QLineEdit(event.starts_at if event else "18:00")
        self.start_edit.setPlaceholderText(self.tr("hh:mm"))
        self.start_edit.setAccessibleName(self.tr("First round starts at"))
        form.addRow(self.tr("First round &starts at:"), self.start_edit)
        self.venue_edit = QLineEdit(event.venue if event else "")
        self.venue_edit.setAccessibleName(self.tr("Venue"))
        form.addRow(self.tr("&Venue:"), self.venue_edit)
        self.rounds_spin = QSpinBox()
        self.rounds_spin.setRange(1, 30)
        self.rounds_spin.setValue(event.rounds if event else 6)
        self.rounds_spin.setAccessibleName(self.tr("Rounds"))
        form.addRow(self.tr("&Rounds:"), self.rounds_spin)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(1, 120)
        self.minutes_spin.setSuffix(self.tr(" min"))
        self.minutes_spin.setValue(event.round_minutes if event else 8)
        self.minutes_spin.setAccessibleName(self.tr("Round length in minutes"))
        form.addRow(self.tr("Round &length:"), self.minutes_spin)
        layout.addLayout(form)
        layout.addWidget(
            hint(
                self.tr(
                    "Tables are numbered: each mentor keeps one table all evening and mentees move from "
                    "table to table each round. Everyone ready in the programme is invited."
                )
            )
        )
        self.error_label = error_label(hidden=True)
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Save event"))))

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        day = self.date_edit.day()
        assert day is not None  # refuse_bad_dates checked it
        venue, title = self.venue_edit.text(), self.title_edit.text()
        rounds, minutes = self.rounds_spin.value(), self.minutes_spin.value()
        starts_at = self.start_edit.text().strip()
        try:
            if self.edited is None:
                self.event_id = pairing_service.create_event(
                    self.programme_id,
                    day,
                    venue=venue,
                    rounds=rounds,
                    round_minutes=minutes,
                    starts_at=starts_at,
                    title=title,
                )
                try:
                    pairing_service.invite_waiting(self.event_id)
                except PairingError as exc:  # the event is saved; the tab says why nobody is invited
                    self.invite_problem = str(exc)
            else:
                pairing_service.update_event(
                    self.edited.id,
                    held_on=day,
                    venue=venue,
                    rounds=rounds,
                    round_minutes=minutes,
                    starts_at=starts_at,
                    title=title,
                )
        except PairingError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()
