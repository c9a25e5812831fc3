"""Dates and times shown in the user's locale (dd/mm or mm/dd as their system says)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale


def format_date(value: date | None, long: bool = False) -> str:
    if value is None:
        return ""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(QDate(value.year, value.month, value.day), kind)


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QDateTime(value), QLocale.FormatType.ShortFormat)


def format_weekday_time(value: datetime) -> str:
    """ "Tue 1 Dec, 16:00" in the locale's words and order."""
    locale = QLocale()
    day = locale.toString(QDate(value.year, value.month, value.day), "ddd d MMM")
    return f"{day}, {locale.toString(QDateTime(value).time(), QLocale.FormatType.ShortFormat)}"


def use_readable_locale() -> None:
    """Follow the system locale; when there is none (the bare "C" locale), use British English.

    The C locale formats dates as "26 11 2026", which nobody reads easily; en_GB keeps the
    day-month order most of our users expect and spells months out in long formats.
    """
    if QLocale.system().name() in ("C", "POSIX", ""):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
