"""Checking what a person typed or a spreadsheet held: e-mail, phone, dates, names, roles.

Every parser returns a value or raises ``Invalid`` whose message says what was
wrong and what is expected, so the same text serves the add-participant form
(validation as you type) and the CSV import preview (a problem per row and column).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from typing import NamedTuple

from mentordesk.core.vocab import EnrolmentStatus, Role


class Invalid(ValueError):
    """A value that cannot be used; the message names the fix."""


# Pragmatic, not RFC 5322: one @, no spaces, a dot in the domain, no empty labels.
# Compiled on first use: its ranges of every letter beyond ASCII take 5 ms to compile, which every
# start would pay for a check that only a form or an import makes.
_EMAIL_PATTERN = (
    r"^[^@\s\"(),:;<>\[\]\\]+@([A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]*)\.)+[A-Za-z\u00a1-\uffff]{2,}$"
)


@cache
def _email() -> re.Pattern[str]:
    return re.compile(_EMAIL_PATTERN)


_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./\-]+(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)


def clean(text: str | None) -> str:
    """Trim spaces (including non-breaking ones Excel leaves behind) and collapse inner runs."""
    if not text:
        return ""
    return " ".join(text.replace("\u00a0", " ").split())


# Letters that Unicode does not decompose but code pages replace by a plain one.
PLAIN_LETTERS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ı": "i",
        "Þ": "Th",
        "þ": "th",
    }
)


# Bidi embeddings, overrides, isolates and marks: they reorder how a name is displayed (U+202E makes
# "Ann\u202egnp.exe" read "Annexe.png"), so they never belong in a name.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols that draw nothing: Hangul fillers, the braille blank, the Mongolian vowel separator.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u17b4\u17b5")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"})

# The one list of text limits, by field key: the add/edit forms, the guardian form and the CSV import all
# check against it. A key not listed gets DEFAULT_MAX_LENGTH.
DEFAULT_MAX_LENGTH = 300
MAX_LENGTH: dict[str, int] = {
    "first_name": 100,
    "last_name": 100,
    "preferred_name": 100,
    "full_name": 200,
    "guardian_name": 200,
    "name": 200,
    "pronouns": 40,
    "age_band": 40,
    "email": 254,
    "guardian_email": 254,
    "phone": 40,
    "guardian_phone": 40,
    "relationship": 100,
    "guardian_relationship": 100,
    "organisation": 200,
    "department": 200,
    "referral_source": 255,
    "address": 1000,
    "accessibility_needs": 4000,
    "emergency_contact": 2000,
    "preferences": 4000,
    "notes": 20000,
    # Meetings, the contact log, goals, reflections and closures share the list.
    "place": 255,
    "link": 2000,
    "agenda": 20000,
    "activity": 4000,
    "summary": 20000,
    "goal_progress": 4000,
    "actions": 20000,
    "title": 200,
    "why": 4000,
    "specific": 4000,
    "measurable": 4000,
    "achievable": 4000,
    "relevant": 4000,
    "dropped_reason": 2000,
    "review_notes": 20000,
    "successes": 20000,
    "challenges": 20000,
    "what_helped": 20000,
    "next_steps": 20000,
    "reason": 2000,
    "notes_mentor": 20000,
    "notes_mentee": 20000,
    "notes_guardian": 20000,
}
# Fields whose line breaks are kept (the rest have inner spaces collapsed by ``clean``).
MULTILINE_FIELDS = frozenset({"notes", "accessibility_needs", "emergency_contact", "preferences", "address"})


def max_length(key: str) -> int:
    return MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)


def check_length(key: str, value: str, what: str | None = None) -> str:
    """``value`` unchanged, or ``Invalid`` saying how long it is, the limit and the fix."""
    limit = max_length(key)
    if len(value) > limit:
        label = what or key.replace("_", " ")
        raise Invalid(f"{label} is {len(value):,} characters long; the limit is {limit:,}: shorten it")
    return value


def strip_bidi(text: str) -> str:
    """``text`` without bidi overrides, embeddings, isolates and marks."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if ch not in BIDI_CONTROLS)


def _visible(ch: str) -> bool:
    return ch not in _BLANK_GLYPHS and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES


def parse_name(text: str | None, key: str = "name", what: str | None = None) -> str:
    """A name cleaned of bidi controls and extra spaces; "" for an empty one.

    ``Invalid`` when what is left draws nothing (only zero-width, format or blank characters) or is
    longer than the field's limit.
    """
    raw = text or ""
    value = clean(strip_bidi(raw))
    # Nothing left but the text was not blank (only bidi controls), or nothing left draws anything.
    # A printable ASCII first letter draws: most names are settled by it.
    if (not value and raw.strip()) or (value and not ("!" <= value[0] <= "~" or any(map(_visible, value)))):
        label = what or key.replace("_", " ")
        raise Invalid(
            f"{label} is made only of invisible characters ({_codepoints(raw)}): type the name in letters"
        )
    return check_length(key, value, what)


NAME_FIELDS = frozenset({"first_name", "last_name", "preferred_name", "full_name", "guardian_name", "name"})


def text_problems(values: Mapping[str, object], labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """{field key: sentence} for every text value that is too long, or a name that draws nothing.

    ``labels`` names a field as the form shows it ("Closure reason"); without one the key is used."""
    errors: dict[str, str] = {}
    for key, value in values.items():
        if not isinstance(value, str):
            continue
        what = (labels or {}).get(key)
        try:
            if key in NAME_FIELDS:
                parse_name(value, key, what)
            else:
                check_length(key, value, what)
        except Invalid as exc:
            errors[key] = sentence(exc)
    return errors


def sentence(exc: Exception) -> str:
    """An ``Invalid`` message as a form shows it: capital first, full stop last."""
    text = str(exc)
    return text[:1].upper() + text[1:].rstrip(".") + "."


def _codepoints(text: str) -> str:
    points = [f"U+{ord(ch):04X}" for ch in dict.fromkeys(text) if ch != " "]
    return ", ".join(points[:4]) + (", …" if len(points) > 4 else "")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for comparisons: ``Zoë  Ó'Brien`` -> ``zoe o'brien``."""
    if text.isascii():  # the common case, ten times faster
        return " ".join(text.lower().split())
    # Ł, Ø, Đ, ß... have no accent to strip: they become their plain letters first, so "lukasz" finds Łukasz.
    decomposed = unicodedata.normalize("NFKD", text.translate(PLAIN_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def parse_email(text: str) -> str:
    value = clean(text)
    if not value:
        return ""
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if " " in value or value.count("@") != 1 or ".." in value or not _email().match(value):
        raise Invalid(f"{text.strip()!r} is not an e-mail address (expected something like name@example.org)")
    local, domain = value.split("@")
    return f"{local}@{domain.lower()}"


def parse_phone(text: str) -> str:
    value = clean(text)
    if not value:
        return ""
    digits = sum(map(str.isdigit, value.split("x")[0]))
    if not _PHONE_CHARS.match(value) or value.count("+") > 1:
        raise Invalid(f"{value!r} is not a phone number (use digits, spaces and + ( ) - only)")
    if digits < 6 or digits > 15:
        raise Invalid(f"{value!r} has {digits} digits; a phone number has 6 to 15")
    return value


class DateOrder(StrEnum):
    """How to read an all-numeric date like 03/04/2010."""

    DMY = "dmy"  # 03/04/2010 = 3 April (UK, most of Europe)
    MDY = "mdy"  # 03/04/2010 = 4 March (US)


DATE_ORDER_LABELS = {DateOrder.DMY: "dd/mm/yyyy", DateOrder.MDY: "mm/dd/yyyy"}

# Compiled once: an import parses a date in every row.
_EXCEL_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_TIME_OF_DAY = re.compile(r"[T ]\d{1,2}:\d{2}")
_NUMERIC = re.compile(r"^(\d{1,4})(?:[/.\-]| )(\d{1,2})(?:[/.\-]| )(\d{1,4})$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janv", "janvier", "januar", "enero", "ene"),
            ("feb", "february", "fev", "fevr", "fevrier", "februar", "febrero"),
            ("mar", "march", "mars", "marz", "marzo"),
            ("apr", "april", "avr", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "juni", "junio"),
            ("jul", "july", "juil", "juillet", "juli", "julio"),
            ("aug", "august", "aout", "agosto", "ago"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "oktober", "octubre", "okt"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "decembre", "dezember", "diciembre", "dez", "dic"),
        ],
        start=1,
    )
    for name in names
}
_WORDY = re.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)?[ .\-]+([a-z]+)\.?,?[ .\-]+(\d{4})|([a-z]+)\.?[ .\-]+(\d{1,2})(?:st|nd|rd|th)?,?[ .\-]+(\d{4}))$"
)


class ParsedDate(NamedTuple):
    value: date
    ambiguous: bool  # both orders were possible, so the chosen order decided it


def _make_date(year: int, month: int, day: int, original: str, expected: str) -> date:
    if not 1 <= month <= 12:
        raise Invalid(f"{original!r} is not a date: month {month} does not exist (expected {expected})")
    try:
        return date(year, month, day)
    except ValueError:
        raise Invalid(f"{original!r} is not a date: that day does not exist in that month") from None


def _full_year(year_text: str, today: date) -> int:
    year = int(year_text)
    if len(year_text) == 2:  # 03/04/10: the century that puts it no more than 10 years ahead
        year += 2000 if year <= (today.year % 100) + 10 else 1900
    return year


EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (after its 1900 leap-day bug)


def parse_date(text: str, order: DateOrder = DateOrder.DMY, today: date | None = None) -> ParsedDate | None:
    """ISO (2010-04-03), numeric in the given order (03/04/2010, 3.4.2010) or with a month name.

    None for an empty cell; ``Invalid`` with the expected format otherwise.
    """
    today = today or date.today()
    value = clean(text)
    if not value:
        return None
    expected = f"{DATE_ORDER_LABELS[order]} or yyyy-mm-dd"
    if _EXCEL_SERIAL.fullmatch(value):
        # An Excel date serial (days since 30 December 1899), as a workbook's date column left in
        # "General" format exports it: five digits are 1927-2173 and mean nothing else as a date.
        return ParsedDate(EXCEL_EPOCH + timedelta(days=int(float(value))), False)
    # A spreadsheet's "2010-04-03 00:00:00" or ISO "2010-04-03T00:00": the date part is what we keep.
    head = _TIME_OF_DAY.split(value, maxsplit=1)[0].strip()
    numeric = _NUMERIC.match(head)
    if numeric:
        a, b, c = numeric.groups()
        if len(a) == 4:  # yyyy-mm-dd (ISO) or yyyy/mm/dd: never ambiguous
            return ParsedDate(_make_date(int(a), int(b), int(c), value, expected), False)
        if len(c) not in (2, 4):
            raise Invalid(f"{value!r} is not a date (expected {expected})")
        year = _full_year(c, today)
        first, second = int(a), int(b)
        dotted = "." in head  # 03.04.2010 is always day.month.year
        if dotted or order is DateOrder.DMY:
            day, month = first, second
        else:
            day, month = second, first
        ambiguous = not dotted and first <= 12 and second <= 12 and first != second
        try:
            return ParsedDate(_make_date(year, month, day, value, expected), ambiguous)
        except Invalid:
            if not dotted and month > 12 and day <= 12:  # the other order would have worked
                other = DATE_ORDER_LABELS[DateOrder.MDY if order is DateOrder.DMY else DateOrder.DMY]
                raise Invalid(
                    f"{value!r} is not a {DATE_ORDER_LABELS[order]} date (there is no month {month}); "
                    f"if the file writes dates as {other}, choose that date order"
                ) from None
            raise
    wordy = _WORDY.match(fold(head).replace(",", ", ").replace("  ", " "))
    if wordy:
        g = wordy.groups()
        day_text, month_text, year_text = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
        month_number = _MONTHS.get(month_text)
        if month_number is None:
            raise Invalid(f"{value!r} is not a date: {month_text!r} is not a month name")
        return ParsedDate(_make_date(int(year_text), month_number, int(day_text), value, expected), False)
    raise Invalid(f"{value!r} is not a date (expected {expected})")


def date_order_evidence(text: str) -> DateOrder | None:
    """Which order a numeric date proves: 25/12/2009 can only be day-first, 12/25/2009 month-first."""
    match = _NUMERIC.match(clean(text))
    if not match or len(match.group(1)) == 4:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    if "." in text:
        return DateOrder.DMY
    if first > 12 and second <= 12:
        return DateOrder.DMY
    if second > 12 and first <= 12:
        return DateOrder.MDY
    return None


def check_birth_date(value: date, today: date | None = None) -> date:
    today = today or date.today()
    if value > today:
        raise Invalid(f"date of birth {value.isoformat()} is in the future")
    if today.year - value.year > 110:
        raise Invalid(f"date of birth {value.isoformat()} is more than 110 years ago")
    return value


_ROLE_SYNONYMS = {
    "mentor": Role.MENTOR,
    "mentors": Role.MENTOR,
    "volunteer": Role.MENTOR,
    "volunteer mentor": Role.MENTOR,
    "coach": Role.MENTOR,
    "tutor": Role.MENTOR,
    "buddy": Role.MENTOR,
    "mentee": Role.MENTEE,
    "mentees": Role.MENTEE,
    "student": Role.MENTEE,
    "pupil": Role.MENTEE,
    "young person": Role.MENTEE,
    "learner": Role.MENTEE,
    "protege": Role.MENTEE,
    "peer": Role.PEER,
    "peer mentor": Role.PEER,
    "peers": Role.PEER,
}


def parse_role(text: str) -> Role | None:
    value = fold(text)
    if not value:
        return None
    role = _ROLE_SYNONYMS.get(value)
    if role is None:
        raise Invalid(f"unknown role {clean(text)!r}: use mentor, mentee or peer")
    return role


_IMPORTABLE_STATUS = {
    "applied": EnrolmentStatus.APPLIED,
    "application": EnrolmentStatus.APPLIED,
    "new": EnrolmentStatus.APPLIED,
    "screening": EnrolmentStatus.SCREENING,
    "in screening": EnrolmentStatus.SCREENING,
    "ready": EnrolmentStatus.READY,
    "cleared": EnrolmentStatus.READY,
    "on hold": EnrolmentStatus.ON_HOLD,
    "on_hold": EnrolmentStatus.ON_HOLD,
    "paused": EnrolmentStatus.ON_HOLD,
    "exited": EnrolmentStatus.EXITED,
    "left": EnrolmentStatus.EXITED,
    "withdrawn": EnrolmentStatus.EXITED,
}


def parse_status(text: str) -> EnrolmentStatus | None:
    value = fold(text)
    if not value:
        return None
    if value == "matched":
        raise Invalid("people are matched in Pairing, not by import: use 'ready' (or leave the status empty)")
    status = _IMPORTABLE_STATUS.get(value)
    if status is None:
        raise Invalid(f"unknown status {clean(text)!r}: use applied, screening, ready, on hold or exited")
    return status


_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "given", "signed", "granted", "ok", "oui", "ja", "si"}
_NO = {"no", "n", "false", "0", "not given", "refused", "declined", "non", "nein", "-"}


def parse_yes_no(text: str) -> bool | None:
    value = fold(text)
    if not value:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise Invalid(f"{clean(text)!r} is not yes or no")


def parse_int(text: str, low: int, high: int, what: str) -> int | None:
    value = clean(text)
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise Invalid(f"{value!r} is not a number ({what} is a whole number from {low} to {high})") from None
    if number != int(number) or not low <= number <= high:
        raise Invalid(f"{value!r}: {what} is a whole number from {low} to {high}")
    return int(number)


def split_name(full: str) -> tuple[str, str]:
    """``"Zoë Ó'Brien"`` -> (Zoë, Ó'Brien); ``"Ó'Brien, Zoë"`` -> (Zoë, Ó'Brien)."""
    value = clean(full)
    if "," in value:
        last, _, first = value.partition(",")
        return clean(first), clean(last)
    first, _, last = value.partition(" ")
    return first, last


def person_key(first_name: str, last_name: str) -> str:
    """The name as duplicate detection compares it: "Łukasz Wójcik" is "Lukasz Wojcik", as a code page
    without Ł writes it."""
    return fold(f"{first_name} {last_name}".translate(PLAIN_LETTERS))
