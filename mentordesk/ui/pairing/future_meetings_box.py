"""The question closing or pausing a match asks: what happens to its planned meetings?"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from mentordesk.services import meetings
from mentordesk.services.meetings import FutureMeetings, WindDown
from mentordesk.ui.formatting import format_weekday_time


class FutureMeetingsBox(QGroupBox):
    """ "Cancel them" (the default) or keep: the next one as a goodbye (closing) or all (pausing).

    ``show_for`` recounts the meetings whenever the closure or resume date changes.
    """

    def __init__(self, keep: FutureMeetings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Planned meetings"))
        self.keep_choice = keep
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.cancel_radio = QRadioButton(self.tr("&Cancel them"))
        self.keep_radio = QRadioButton()
        self.cancel_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.cancel_radio)
        group.addButton(self.keep_radio)
        for widget in (self.summary, self.cancel_radio, self.keep_radio):
            layout.addWidget(widget)
        self.planned: list[datetime] = []

    def show_for(self, match_id: int, after: datetime, before: datetime | None = None) -> None:
        self.planned = meetings.planned_meetings(match_id, after, before)
        n = len(self.planned)
        if not n:
            self.summary.setText(
                self.tr("No meetings are planned after this date.")
                if before is None
                else self.tr("No meetings are planned before the resume date.")
            )
        elif before is None:
            self.summary.setText(
                self.tr("%n meeting(s) planned after the closure date, the first on {day}.", "", n).format(
                    day=format_weekday_time(self.planned[0])
                )
            )
        else:
            self.summary.setText(
                self.tr("%n meeting(s) planned before the resume date, the first on {day}.", "", n).format(
                    day=format_weekday_time(self.planned[0])
                )
            )
        self.cancel_radio.setText(self.tr("&Cancel them (%n)", "", n))
        if self.keep_choice is FutureMeetings.KEEP_GOODBYE:
            self.keep_radio.setText(self.tr("&Keep the first as a goodbye meeting, cancel the rest"))
        else:
            self.keep_radio.setText(self.tr("&Keep them"))
        self.cancel_radio.setVisible(bool(n))
        self.keep_radio.setVisible(bool(n))

    def choice(self) -> FutureMeetings:
        return self.keep_choice if self.keep_radio.isChecked() else FutureMeetings.CANCEL


def describe(done: WindDown) -> str:
    """What was done to the meetings, for the status bar: "Cancelled 3 planned meetings; kept ..."."""
    tr = QCoreApplication.translate
    parts = []
    if done.cancelled:
        parts.append(tr("FutureMeetingsBox", "cancelled %n planned meeting(s)", "", done.cancelled))
    if done.kept is not None:
        parts.append(
            tr("FutureMeetingsBox", "kept the goodbye meeting on {day}").format(
                day=format_weekday_time(done.kept)
            )
        )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""
