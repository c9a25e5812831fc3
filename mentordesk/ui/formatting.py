"""Dates, times and alphabetical order as the user's locale has them (dd/mm or mm/dd as their system says)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCollator, QDate, QDateTime, QLocale, Qt


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


def _readable(locale: QLocale) -> QLocale:
    """The bare "C" locale as ``use_readable_locale`` would have it: British English."""
    if locale.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return locale


def text_collator() -> QCollator:
    """Orders text as the user's language does (ICU), case and accents only breaking ties.

    ``Émile`` sorts among the Es, ``zoë`` beside ``Zoe``, Greek and Cyrillic in their own
    alphabets' order; a plain string comparison would put every accented or capital letter
    in the wrong place. The search boxes match by the same base letters (``core.participants.fold``).
    """
    collator = QCollator(_readable(QLocale()))
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


def collation_ranks(texts: Sequence[str]) -> list[int]:
    """Each text's place in alphabetical order (``text_collator``), as an int a table can sort by.

    Texts the collator holds equal ("anna", "Anna") share a place. Ints because both a model
    sorting its own rows and a QSortFilterProxyModel (through SORT_ROLE) compare them correctly
    and fast; thousands of texts take a few milliseconds.
    """
    collator = text_collator()
    keys = [collator.sortKey(text) for text in texts]
    ranks = [0] * len(texts)
    rank = 0
    previous = None
    for index in sorted(range(len(texts)), key=keys.__getitem__):
        if previous is not None and keys[index].compare(keys[previous]) != 0:
            rank += 1
        ranks[index] = rank
        previous = index
    return ranks
