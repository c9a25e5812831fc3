"""Dates and times shown in the user's locale (dd/mm or mm/dd as their system says)."""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale


def format_date(value: date | None, long: bool = False) -> str:
    if value is None:
        return ""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(QDate(value.year, value.month, value.day), kind)


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def localise_dates(text: str) -> str:
    """``text`` with each ISO date in it (2026-11-26) written as the locale writes dates (26/11/2026).

    Reasons worded below the GUI ("a check expired on 2026-11-26") carry ISO dates, as the core
    cannot know the user's locale; the GUI shows them through this."""

    def local(match: re.Match[str]) -> str:
        try:
            return format_date(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:  # not a real day: leave the text as it is
            return match[0]

    return _ISO_DATE.sub(local, text)


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
