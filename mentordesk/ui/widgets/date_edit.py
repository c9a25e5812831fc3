"""The one date editor of the app: type a date the way you write it, or pick it from a calendar.
``TimeEdit`` does the same for a time of day.

QDateEdit edits a date section by section, so typing "01/11/2026" into a field that shows
"7/11/26" lands digits in the wrong sections and saves another date without a word. This field is a
line edit read as a whole: the locale's order (01/11/2026, 1/11/26), digits only (01112026),
ISO (2026-11-01) or words (1 November 2026). Text that is not a date, or a date outside the
allowed range, is never replaced by another date: the field turns red, says why, and ``date()``
answers an invalid QDate so the dialog refuses to save (see ``refuse_bad_dates``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QPoint, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import DATE_ORDER_LABELS, DateOrder, Invalid, parse_date, parse_time
from mentordesk.ui.icons import icon

_DIGITS = re.compile(r"^\d{6}$|^\d{8}$")
_NUMERIC = re.compile(r"^(\d{1,4})\s*([/.\-])\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def locale_date_order(locale: QLocale | None = None) -> DateOrder:
    """Month-first only where the locale writes dates that way (en_US); day-first elsewhere."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat).lower()
    return (
        DateOrder.MDY if pattern.find("m") < pattern.find("d") and "y" not in pattern[:2] else DateOrder.DMY
    )


def display_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with a four-digit year, so what is shown is never ambiguous."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def to_qdate(value: date | QDate | None) -> QDate:
    if value is None:
        return QDate()
    if isinstance(value, QDate):
        return value
    return QDate(value.year, value.month, value.day)


def to_qdatetime(value: datetime) -> QDateTime:
    time = QTime(value.hour, value.minute, value.second, value.microsecond // 1000)
    return QDateTime(to_qdate(value.date()), time)


def py_date(day: QDate) -> date:
    """``day.toPython()``, typed (PySide6's stubs say it returns object); raises ValueError when invalid."""
    return date(day.year(), day.month(), day.day())


def py_minute(value: QDateTime) -> datetime:
    """The day and time to the minute (seconds dropped), as a naive Python datetime."""
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())


def read_date(text: str, order: DateOrder, today: date | None = None) -> date | None:
    """The date a person typed, None when empty; ``Invalid`` naming the expected forms otherwise."""
    value = text.strip()
    if _DIGITS.match(value):  # 01112026 or 011126: the locale's order without separators
        value = f"{value[:2]}/{value[2:4]}/{value[4:]}"
    try:
        parsed = parse_date(value, order, today)
    except Invalid:
        found = _locale_date(value)
        if found is None:
            why = impossible_date(text.strip(), value, order, today or date.today())
            if why:
                raise Invalid(why) from None
            raise
        return found
    return parsed.value if parsed else None


def impossible_date(typed: str, value: str, order: DateOrder, today: date) -> str:
    """Why a date-shaped ``value`` (``typed`` as the user wrote it) names no day: "31/02/2027 is not
    a date: February 2027 has 28 days", "there is no month 13"; "" when it is not date-shaped."""
    numeric = _NUMERIC.match(value)
    if numeric:
        a, separator, b, c = numeric.groups()
        if len(a) == 4:
            year_text, month, day = a, int(b), int(c)
        elif len(c) in (2, 4):
            year_text = c
            day_first = separator == "." or order is DateOrder.DMY
            day, month = (int(a), int(b)) if day_first else (int(b), int(a))
        else:
            return ""
        year = int(year_text)
        if len(year_text) == 2:  # as parse_date reads it: no more than 10 years ahead
            year += 2000 if year <= today.year % 100 + 10 else 1900
    else:
        words = _DAY_MONTH_YEAR.match(value)
        other = _MONTH_DAY_YEAR.match(value)
        if words:
            day_text, name, year_text = words.groups()
        elif other:
            name, day_text, year_text = other.groups()
        else:
            return ""
        found_month = _month_number(name)
        if found_month is None:
            return ""
        day, month, year = int(day_text), found_month, int(year_text)
    tr = QCoreApplication.translate
    if not 1 <= month <= 12:
        return tr("DateEdit", "{typed} is not a date: there is no month {month} (write {order})").format(
            typed=typed, month=month, order=DATE_ORDER_LABELS[order]
        )
    if not 1 <= year <= 9999:
        return ""
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return ""
    if day == 0:
        return tr("DateEdit", "{typed} is not a date: there is no day 0").format(typed=typed)
    month_name = QLocale().standaloneMonthName(month, QLocale.FormatType.LongFormat)
    return tr("DateEdit", "{typed} is not a date: {month} {year} has {days} days").format(
        typed=typed, month=month_name, year=year, days=days
    )


def _month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation in the user's language or in English."""
    wanted = name.casefold().rstrip(".")
    for locale in (QLocale(), QLocale(QLocale.Language.English)):
        for month in range(1, 13):
            for kind in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
                for known in (locale.monthName(month, kind), locale.standaloneMonthName(month, kind)):
                    if known and known.casefold().rstrip(".") == wanted:
                        return month
    return None


def _locale_date(text: str) -> date | None:
    """The locale's own formats ('3 avr. 2010', '3. April 2010'), as Qt reads them."""
    locale = QLocale()
    for kind in (
        QLocale.FormatType.ShortFormat,
        QLocale.FormatType.LongFormat,
        QLocale.FormatType.NarrowFormat,
    ):
        found = locale.toDate(text, kind)
        if found.isValid():
            return py_date(found)
    return None


class _CalendarPopup(QWidget):
    """The calendar under the field; Return or a click picks the day, Escape closes it."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(self.tr("Calendar"))
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()


class _ReadWhole(QLineEdit):
    """A field read as a whole by ``value()`` (which raises ``Invalid``): red, with the reason as its tip,
    while its text is not an allowed value; otherwise its tip is ``hint``."""

    hint = ""

    def value(self) -> object:
        raise NotImplementedError

    def error(self) -> str:
        """What is wrong with the text, or "" when it holds an allowed value."""
        try:
            self.value()
        except Invalid as exc:
            return str(exc)
        return ""

    def _mark(self, problem: str, invalid: bool) -> None:
        if bool(self.property("invalid")) != invalid:
            self.setProperty("invalid", invalid)
            self.style().unpolish(self)
            self.style().polish(self)
        self.setToolTip(problem[:1].upper() + problem[1:] if invalid else self.hint)


class DateEdit(_ReadWhole):
    """A date typed in any common form, with a calendar button (also Alt+Down or F4).

    ``optional`` fields may be left empty (``value()`` None); a required empty field is a problem
    like any other. ``past_only`` refuses future dates. ``dateChanged`` fires with each new valid date.
    """

    dateChanged = Signal(QDate)

    def __init__(
        self,
        value: dt.date | QDate | None = None,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        past_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.order = locale_date_order()
        self.optional = optional
        self.past_only = past_only
        self._minimum = QDate(1900, 1, 1)
        self._maximum = QDate.currentDate() if past_only else QDate(2199, 12, 31)
        self._last = QDate()
        self._popup: _CalendarPopup | None = None
        self.setPlaceholderText(self.tr("{order} or yyyy-mm-dd").format(order=DATE_ORDER_LABELS[self.order]))
        if optional:
            self.setClearButtonEnabled(True)
        self.calendar_action = self.addAction(icon("calendar"), QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(self.tr("Pick from a calendar (Alt+Down)"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.textChanged.connect(self._changed)
        self.editingFinished.connect(self._tidy)
        self.setDate(value)

    # --- the value --------------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date, or None when empty; ``Invalid`` when the text is not an allowed date."""
        found = read_date(self.text(), self.order)
        if found is None:
            if self.optional:
                return None
            raise Invalid(self.tr("a date is needed"))
        if self.past_only and found > date.today():
            raise Invalid(self.tr("{day} is in the future").format(day=self._show(found)))
        if found < py_date(self._minimum):
            raise Invalid(
                self.tr("{day} is before {limit}").format(
                    day=self._show(found), limit=self._show(self._minimum)
                )
            )
        if found > py_date(self._maximum):
            raise Invalid(
                self.tr("{day} is after {limit}").format(
                    day=self._show(found), limit=self._show(self._maximum)
                )
            )
        return found

    def date(self) -> QDate:
        """The typed date; an invalid QDate when the text is not an allowed date or is empty."""
        try:
            return to_qdate(self.value())
        except Invalid:
            return QDate()

    def day(self) -> dt.date | None:
        """The typed date as a Python date; None while the text is not an allowed date."""
        found = self.date()
        return py_date(found) if found.isValid() else None

    def setDate(self, value: dt.date | QDate | None) -> None:  # noqa: N802 (QDateEdit's name)
        day = to_qdate(value)
        self.setText(self._show(day) if day.isValid() else "")

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(value)

    def setMinimumDate(self, day: dt.date | QDate) -> None:  # noqa: N802
        self._minimum = to_qdate(day)
        self._changed()

    def setMaximumDate(self, day: dt.date | QDate) -> None:  # noqa: N802
        self._maximum = to_qdate(day)
        self._changed()

    def setDateRange(self, low: dt.date | QDate, high: dt.date | QDate) -> None:  # noqa: N802
        self._minimum, self._maximum = to_qdate(low), to_qdate(high)
        self._changed()

    def minimumDate(self) -> QDate:  # noqa: N802
        return self._minimum

    def maximumDate(self) -> QDate:  # noqa: N802
        return self._maximum

    # --- showing it -------------------------------------------------------------------------------

    def _show(self, day: dt.date | QDate) -> str:
        return QLocale().toString(to_qdate(day), display_format())

    def _changed(self, *_: object) -> None:
        problem = self.error()
        self._mark(problem, bool(problem) and bool(self.text().strip() or not self.optional))
        day = self.date()
        if day.isValid() and day != self._last:
            self._last = day
            self.dateChanged.emit(day)

    def _tidy(self) -> None:
        """After typing '1/11/26' or '1 november 2026', show the date the way the locale writes it."""
        day = self.date()
        if day.isValid() and self.text() != self._show(day):
            self.setText(self._show(day))

    # --- the calendar -----------------------------------------------------------------------------

    def show_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.picked.connect(self._picked)
        calendar = self._popup.calendar
        calendar.setDateRange(self._minimum, self._maximum)
        day = self.date()
        calendar.setSelectedDate(day if day.isValid() else QDate.currentDate())
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        self.setFocus()
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        opens = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if opens:
            self.show_calendar()
            return
        super().keyPressEvent(event)


MINUTES_A_DAY = 24 * 60


class TimeEdit(_ReadWhole):
    """A time of day typed as you write it: 16:30, 1630, 16.30, 4:30 pm, 4pm; Up/Down step 5 minutes,
    Page Up/Down an hour.

    QTimeEdit edits hours and minutes as separate sections: "16:30" typed after Ctrl+A, or after
    tabbing back in (the cursor then in the minutes), saved 17:30 or 16:16 without a word. This field
    is read as a whole; text that is not a time turns it red with the reason, ``time()`` answers an
    invalid QTime, and a dialog refuses to save (``refuse_bad_dates`` checks times too).
    """

    timeChanged = Signal(QTime)

    def __init__(self, value: QTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = QTime()
        self.setPlaceholderText(self.tr("hh:mm"))
        self.hint = self.tr("Type a time (16:30, 1630, 4:30 pm); Up and Down step 5 minutes")
        self.setToolTip(self.hint)
        self.textChanged.connect(self._changed)
        self.editingFinished.connect(self._tidy)
        self.setTime(value if value is not None else QTime(0, 0))

    def value(self) -> dt.time:
        """The time; ``Invalid`` when the text is not a time of day."""
        if not self.text().strip():
            raise Invalid(self.tr("a time is needed"))
        minutes = parse_time(self.text())
        if minutes >= MINUTES_A_DAY:
            raise Invalid(self.tr("{text} is not a time of day (the day ends at 23:59)").format(text=self.text().strip()))
        return dt.time(minutes // 60, minutes % 60)

    def time(self) -> QTime:
        """The typed time; an invalid QTime while the text is not a time."""
        try:
            found = self.value()
        except Invalid:
            return QTime()
        return QTime(found.hour, found.minute)

    def setTime(self, value: QTime | dt.time) -> None:  # noqa: N802 (QTimeEdit's name)
        if isinstance(value, dt.time):
            value = QTime(value.hour, value.minute)
        self.setText(show_time(value) if value.isValid() else "")

    def _changed(self, *_: object) -> None:
        problem = self.error()
        self._mark(problem, bool(problem))
        found = self.time()
        if found.isValid() and found != self._last:
            self._last = found
            self.timeChanged.emit(found)

    def _tidy(self) -> None:
        """After typing '1630' or '4:30pm', show the time the way the field writes times."""
        found = self.time()
        if found.isValid() and self.text() != show_time(found):
            self.setText(show_time(found))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {
            Qt.Key.Key_Up: 5,
            Qt.Key.Key_Down: -5,
            Qt.Key.Key_PageUp: 60,
            Qt.Key.Key_PageDown: -60,
        }
        step = steps.get(Qt.Key(event.key()))
        found = self.time()
        if step is None or not found.isValid():
            super().keyPressEvent(event)
            return
        self.setTime(found.addSecs(step * 60))
        self.editingFinished.emit()


def show_time(value: QTime) -> str:
    """16:30, or 4:30 PM where the system writes times with AM/PM (read back by ``parse_time``)."""
    twelve_hour = "ap" in QLocale().timeFormat(QLocale.FormatType.ShortFormat).lower()
    return value.toString("h:mm AP" if twelve_hour else "HH:mm")


def first_bad_date(root: QWidget) -> DateEdit | TimeEdit | None:
    """The first visible, enabled date or time field of ``root`` that does not hold an allowed value."""
    fields: list[DateEdit | TimeEdit] = [*root.findChildren(DateEdit), *root.findChildren(TimeEdit)]
    return next((e for e in fields if e.isVisibleTo(root) and e.isEnabled() and e.error()), None)


def date_problem(edit: DateEdit | TimeEdit) -> str:
    """The field's problem as a sentence for a form's message line."""
    problem = edit.error()
    return problem[:1].upper() + problem[1:] + "." if problem else ""


def refuse_bad_dates(root: QWidget, message: QLabel | None = None) -> bool:
    """True (and focus on the first bad field, its problem in ``message``) when a visible date field of
    ``root`` holds something that is not an allowed date. Dialogs call it first thing in ``accept``."""
    edit = first_bad_date(root)
    if edit is None:
        return False
    edit.setFocus()
    edit.selectAll()
    if message is not None:
        message.setText(date_problem(edit))
        message.show()
    return True


class DateTimeEdit(QWidget):
    """A day (``DateEdit``) and a time beside it, read together.

    ``dateTime()`` is the last valid day with the time; while the day's text is not a date the
    dialog's ``refuse_bad_dates`` stops the save, so that value is only ever used for live checks.
    """

    dateTimeChanged = Signal(QDateTime)

    def __init__(self, value: QDateTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.date_edit = DateEdit()
        self.time_edit = TimeEdit()
        self.time_edit.setAccessibleName(self.tr("Time"))
        layout.addWidget(self.date_edit, 3)
        layout.addWidget(self.time_edit, 2)
        self.setFocusProxy(self.date_edit)
        self._day = QDate.currentDate()
        self._time = QTime(0, 0)
        self.setDateTime(value or QDateTime.currentDateTime())
        self.date_edit.dateChanged.connect(self._day_changed)
        self.time_edit.timeChanged.connect(self._time_changed)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802
        super().setAccessibleName(name)
        self.date_edit.setAccessibleName(self.tr("{name}: day").format(name=name))
        self.time_edit.setAccessibleName(self.tr("{name}: time").format(name=name))

    def dateTime(self) -> QDateTime:  # noqa: N802
        """The last valid day and time typed (a dialog refuses to save while either text is not one)."""
        return QDateTime(self._day, self._time)

    def setDateTime(self, value: QDateTime) -> None:  # noqa: N802
        self._day = value.date()
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(value.date())
        self.date_edit.blockSignals(False)
        self.date_edit._last = value.date()
        self._time = QTime(value.time().hour(), value.time().minute())
        self.time_edit.blockSignals(True)
        self.time_edit.setTime(self._time)
        self.time_edit.blockSignals(False)
        self.time_edit._last = self._time
        self.dateTimeChanged.emit(self.dateTime())

    def _day_changed(self, day: QDate) -> None:
        self._day = day
        self.dateTimeChanged.emit(self.dateTime())

    def _time_changed(self, time: QTime) -> None:
        self._time = time
        self.dateTimeChanged.emit(self.dateTime())
