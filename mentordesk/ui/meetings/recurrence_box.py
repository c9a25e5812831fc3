"""The "Repeats" part of the schedule dialog: how often, until when, and which dates to skip."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from mentordesk.core.meetings import MAX_OCCURRENCES, Recurrence, Repeat, nth_weekday_of
from mentordesk.ui.widgets.date_edit import DateEdit

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class RecurrenceBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Repeats"))
        self._start = datetime.now()
        grid = QGridLayout(self)
        self.repeat_combo = QComboBox()
        self.repeat_combo.setAccessibleName(self.tr("Repeat"))
        self.repeat_combo.addItem(self.tr("Does not repeat"), Repeat.NONE.value)
        self.repeat_combo.addItem(self.tr("Every week"), Repeat.WEEKLY.value)
        self.repeat_combo.addItem(self.tr("Every two weeks"), Repeat.FORTNIGHTLY.value)
        self.repeat_combo.addItem("", Repeat.MONTHLY_NTH_WEEKDAY.value)  # label follows the start date
        self.until_radio = QRadioButton(self.tr("Until"))
        self.count_radio = QRadioButton(self.tr("For"))
        self.ends_group = QButtonGroup(self)
        self.ends_group.addButton(self.until_radio)
        self.ends_group.addButton(self.count_radio)
        self.count_radio.setChecked(True)
        self.until_edit = DateEdit()
        self.until_edit.setAccessibleName(self.tr("Repeat until"))
        self.until_chosen = False  # once the user gave an end date, moving the start never changes it
        self.until_edit.textEdited.connect(lambda _text: setattr(self, "until_chosen", True))
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_OCCURRENCES)
        self.count_spin.setValue(10)
        self.count_spin.setSuffix(self.tr(" meetings"))
        self.skip_breaks = QCheckBox(self.tr("Skip term &breaks"))
        self.skip_breaks.setChecked(True)
        self.skip_away = QCheckBox(self.tr("Skip &away dates"))
        self.skip_away.setChecked(True)
        self.preview = QLabel()
        self.preview.setObjectName("hint")
        self.preview.setWordWrap(True)
        ends = QHBoxLayout()
        ends.addWidget(self.until_radio)
        ends.addWidget(self.until_edit)
        ends.addSpacing(12)
        ends.addWidget(self.count_radio)
        ends.addWidget(self.count_spin)
        ends.addStretch(1)
        skips = QHBoxLayout()
        skips.addWidget(self.skip_breaks)
        skips.addWidget(self.skip_away)
        skips.addStretch(1)
        self.ends_label = QLabel(self.tr("Ends:"))
        grid.addWidget(self.repeat_combo, 0, 0, 1, 2)
        grid.addWidget(self.ends_label, 1, 0)
        grid.addLayout(ends, 1, 1)
        grid.addLayout(skips, 2, 0, 1, 2)
        grid.addWidget(self.preview, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        for signal in (
            self.repeat_combo.currentIndexChanged,
            self.until_edit.textChanged,
            self.count_spin.valueChanged,
            self.until_radio.toggled,
            self.skip_breaks.toggled,
            self.skip_away.toggled,
        ):
            signal.connect(self._on_change)
        self.set_start(self._start)
        self._sync_enabled()

    def set_start(self, start: datetime) -> None:
        """Keep the monthly label ("the second Tuesday") and the default end date in step with the start."""
        self._start = start
        nth = nth_weekday_of(start.date())
        weekday = QLocale().dayName(start.isoweekday())
        self.repeat_combo.setItemText(
            3,
            self.tr("Every month on the {nth} {weekday}").format(nth=self.tr(ORDINALS[nth]), weekday=weekday),
        )
        qdate = QDate(start.year, start.month, start.day)
        # An end date before the start is refused with its reason (the field says so), never moved.
        self.until_edit.setMinimumDate(qdate)
        if not self.until_chosen:
            self.until_edit.setDate(start.date() + timedelta(weeks=12))

    def repeats(self) -> bool:
        return self.repeat_combo.currentData() != Repeat.NONE.value

    def recurrence(self) -> Recurrence:
        repeat = Repeat(self.repeat_combo.currentData())
        if repeat == Repeat.NONE:
            return Recurrence(Repeat.NONE)
        nth = nth_weekday_of(self._start.date()) if repeat == Repeat.MONTHLY_NTH_WEEKDAY else None
        if self.until_radio.isChecked():
            # While "until" is not a date the dialog refuses to save; live previews use the start.
            until: date = self.until_edit.day() or self._start.date()
            return Recurrence(repeat, until=until, nth=nth)
        return Recurrence(repeat, count=self.count_spin.value(), nth=nth)

    def set_recurrence(self, recurrence: Recurrence, remaining: int | None = None) -> None:
        self.repeat_combo.setCurrentIndex(max(0, self.repeat_combo.findData(recurrence.repeat.value)))
        if recurrence.until is not None:
            self.until_radio.setChecked(True)
            self.until_edit.setDate(recurrence.until)
            self.until_chosen = True
        elif recurrence.count is not None:
            self.count_radio.setChecked(True)
            self.count_spin.setValue(remaining or recurrence.count)
        self._sync_enabled()

    def _on_change(self, *_: object) -> None:
        self._sync_enabled()
        self.changed.emit()

    def _sync_enabled(self) -> None:
        on = self.repeats()
        for widget in (self.ends_label, self.until_radio, self.count_radio, self.skip_breaks, self.skip_away):
            widget.setVisible(on)
        self.until_edit.setVisible(on)
        self.count_spin.setVisible(on)
        self.preview.setVisible(on)
        self.until_edit.setEnabled(self.until_radio.isChecked())
        self.count_spin.setEnabled(self.count_radio.isChecked())
