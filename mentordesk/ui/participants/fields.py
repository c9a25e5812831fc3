"""Form pieces shared by the participant dialogs: validation as you type and locale-aware date fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from mentordesk.core.participants import (
    DATE_ORDER_LABELS,
    DateOrder,
    Invalid,
    clean,
    parse_date,
    strip_bidi,
    text_problems,
)
from mentordesk.ui.formatting import format_date


def locale_date_order(locale: QLocale | None = None) -> DateOrder:
    """Month-first only where the locale writes dates that way (en_US); day-first elsewhere."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat).lower()
    return (
        DateOrder.MDY if pattern.find("m") < pattern.find("d") and "y" not in pattern[:2] else DateOrder.DMY
    )


class DateField(QLineEdit):
    """An optional date typed in any common format (dd/mm/yyyy in the user's order, ISO, '3 April 2010')."""

    dateChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, past_only: bool = False) -> None:
        super().__init__(parent)
        self.order = locale_date_order()
        self.past_only = past_only
        self.setPlaceholderText(DATE_ORDER_LABELS[self.order])
        self.setClearButtonEnabled(True)
        self.textChanged.connect(lambda _text: self.dateChanged.emit())
        self.editingFinished.connect(self._tidy)

    def value(self) -> date | None:
        """The date, or None when empty; ``Invalid`` when the text is not a date."""
        try:
            parsed = parse_date(self.text(), self.order)
        except Invalid:
            found = self._locale_date()
            if found is None:
                raise
            value = found
        else:
            if parsed is None:
                return None
            value = parsed.value
        if self.past_only and value > date.today():
            raise Invalid(f"{format_date(value)} is in the future")
        return value

    def _locale_date(self) -> date | None:
        """The locale's own formats ('3 avr. 2010', '3. April 2010'), as Qt reads them."""
        locale = QLocale()
        for kind in (
            QLocale.FormatType.ShortFormat,
            QLocale.FormatType.LongFormat,
            QLocale.FormatType.NarrowFormat,
        ):
            found = locale.toDate(self.text().strip(), kind)
            if found.isValid():
                return found.toPython()
        return None

    def error(self) -> str:
        try:
            self.value()
        except Invalid as exc:
            return str(exc)
        return ""

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value) if value else "")

    def _tidy(self) -> None:
        """After typing '3 april 2010', show it the way the locale writes dates."""
        if not self.error() and self.text().strip():
            value = self.value()
            if value is not None:
                self.blockSignals(True)
                self.setText(
                    QLocale().toString(
                        QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
                    )
                )
                self.blockSignals(False)


Check = Callable[[], str]  # returns an error message, or "" when the field is fine


class FormValidator:
    """Re-checks every field on each change: marks bad fields red with the reason, lists the problems
    in one label and enables the OK button only when the form can be saved."""

    def __init__(self, summary: QLabel, ok_button: QPushButton | None = None) -> None:
        self.summary = summary
        self.ok_button = ok_button
        self.fields: list[tuple[QWidget, Check]] = []
        self.extra: list[Check] = []

    def add(self, widget: QWidget, check: Check, signal=None) -> None:
        self.fields.append((widget, check))
        if signal is not None:
            signal.connect(self.validate)

    def add_form_check(self, check: Check) -> None:
        self.extra.append(check)

    def errors(self) -> list[str]:
        found = []
        for widget, check in self.fields:
            message = check()
            widget.setProperty("invalid", bool(message))
            widget.setToolTip(message)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            if message:
                found.append(message[:1].upper() + message[1:].rstrip(".") + ".")
        for check in self.extra:
            message = check()
            if message:
                found.append(message)
        return found

    def validate(self, *_: object) -> bool:
        found = self.errors()
        self.summary.setText("\n".join(found))
        self.summary.setVisible(bool(found))
        if self.ok_button is not None:
            self.ok_button.setEnabled(not found)
        return not found

    def add_text(self, widget: QLineEdit | QPlainTextEdit, key: str, required: str = "") -> None:
        """Check a text field as the services will: its length limit, a name that draws nothing, and
        (with ``required``, the message) that it is filled in."""

        def check() -> str:
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            problems = text_problems({key: text})
            if problems:
                return problems[key]
            return required if required and not clean(strip_bidi(text)) else ""

        self.add(widget, check, widget.textChanged)
