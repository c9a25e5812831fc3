"""Placeholder values for one document, in words a letter can use ("every two weeks", "27 November 2026")."""

from __future__ import annotations

import contextlib
import locale as _locale
import os
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_time

from mentordesk.core.documents import PLACEHOLDERS, is_custom_placeholder
from mentordesk.core.vocab import MeetingStatus
from mentordesk.services.documents.facts import (
    Letterhead,
    MatchFacts,
    MeetingFacts,
    PersonFacts,
    ProgrammeFacts,
)
from mentordesk.services.documents.fonts import isolate

TO_BE_AGREED = "to be agreed"
_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


@cache
def document_locale() -> str:
    """The locale dates are written in: MENTORDESK_LOCALE, else the system's, else British English."""
    candidates = [os.environ.get("MENTORDESK_LOCALE", "")]
    candidates += [os.environ.get(name, "") for name in ("LC_ALL", "LC_TIME", "LANG")]
    with contextlib.suppress(ValueError, _locale.Error):
        # The raw name: getlocale() "normalises" C.UTF-8 to en_US, which would print US dates for
        # everyone whose system runs the C locale (and changed once Qt had called setlocale).
        candidates.append(_locale.setlocale(_locale.LC_TIME))
    for raw in candidates:
        code = raw.split(".")[0].split("@")[0]
        if not code or code in ("C", "POSIX"):
            continue
        try:
            return str(Locale.parse(code))
        except (ValueError, UnknownLocaleError):
            continue
    return "en_GB"


def programme_locale(timezone: str) -> str:
    """The locale a programme's paperwork is written in: MENTORDESK_LOCALE when set, else English
    as written where the programme runs (its time zone's country: Europe/London -> en_GB,
    Europe/Berlin -> en_DE, America/New_York -> en_US), else the system's (``document_locale``)."""
    if os.environ.get("MENTORDESK_LOCALE"):
        return document_locale()
    territory = get_global("zone_territories").get(timezone or "", "")
    if territory and territory != "001":
        with contextlib.suppress(ValueError, UnknownLocaleError):
            return str(Locale.parse(f"en_{territory}"))
    return document_locale()


_current_locale: ContextVar[str] = ContextVar("document_locale", default="")


@contextlib.contextmanager
def dates_of(programme: ProgrammeFacts) -> Iterator[None]:
    """Inside: dates and times are written the programme's way (thread- and task-safe)."""
    token = _current_locale.set(programme_locale(programme.timezone))
    try:
        yield
    finally:
        _current_locale.reset(token)


def _date_locale() -> str:
    return _current_locale.get() or document_locale()


def long_date(day: date | None, empty: str = TO_BE_AGREED) -> str:
    return format_date(day, "long", locale=_date_locale()) if day else empty


def weekday_date(day: date | None, empty: str = TO_BE_AGREED) -> str:
    return format_date(day, "full", locale=_date_locale()) if day else empty


def short_date(day: date | None, empty: str = "") -> str:
    return format_date(day, "short", locale=_date_locale()) if day else empty


def clock(moment: datetime) -> str:
    return format_time(moment, "short", locale=_date_locale())


def frequency_words(days: int) -> str:
    if days <= 0:
        return TO_BE_AGREED
    if days == 1:
        return "every day"
    if days % 7 == 0:
        weeks = days // 7
        return "every week" if weeks == 1 else f"every {_NUMBERS.get(weeks, str(weeks))} weeks"
    if 28 <= days <= 31:
        return "every month"
    return f"every {days} days"


def length_words(minutes: int) -> str:
    if minutes <= 0:
        return TO_BE_AGREED
    if minutes == 60:
        return "about an hour"
    if minutes % 60 == 0:
        return f"about {minutes // 60} hours"
    if minutes > 60:
        return f"about {minutes // 60} h {minutes % 60} min"
    return f"about {minutes} minutes"


def names(people: list[PersonFacts]) -> str:
    listed = [isolate(p.name) for p in people]
    if len(listed) <= 1:
        return listed[0] if listed else ""
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def first_meeting(match: MatchFacts) -> MeetingFacts | None:
    """The first meeting that is not cancelled: held or planned."""
    for meeting in match.meetings:
        if meeting.status in (MeetingStatus.HELD.value, MeetingStatus.PLANNED.value):
            return meeting
    return None


def first_meeting_day(match: MatchFacts) -> date | None:
    """The one first-meeting date every document prints: the first booked meeting (whose time and
    place the letters give), else the date recorded with the match."""
    first = first_meeting(match)
    return first.starts_at.date() if first else match.first_meeting_on


def meetings_held(match: MatchFacts) -> int:
    return sum(1 for x in match.meetings if x.status == MeetingStatus.HELD.value)


def meeting_place(meeting: MeetingFacts) -> str:
    if meeting.mode == "online":
        return meeting.link or meeting.place or "online (the link will follow)"
    if meeting.mode == "phone":
        return "by phone"
    return meeting.place or TO_BE_AGREED


def usual_place(match: MatchFacts) -> str:
    """Where a match meets: the one place of its booked (held or planned) meetings, else the programme's."""
    places = {
        meeting_place(x)
        for x in match.meetings
        if x.status in (MeetingStatus.HELD.value, MeetingStatus.PLANNED.value)
    }
    if len(places) == 1 and TO_BE_AGREED not in places:
        return places.pop()
    return match.programme.places or TO_BE_AGREED


def _programme_values(p: ProgrammeFacts, head: Letterhead) -> dict[str, str]:
    return {
        "organisation.name": head.organisation or p.name,
        "programme.name": p.name,
        "programme.description": p.description,
        "programme.coordinator": p.coordinator or "the programme coordinator",
        "programme.meeting_frequency": frequency_words(p.frequency_days),
        "programme.meeting_length": length_words(p.length_minutes),
        "programme.meeting_places": p.places or TO_BE_AGREED,
        "programme.starts": long_date(p.starts_on),
        "programme.ends": long_date(p.ends_on),
    }


def _person_values(prefix: str, person: PersonFacts | None) -> dict[str, str]:
    person = person or PersonFacts(0, "", "", "")
    return {
        f"{prefix}.name": person.name,
        f"{prefix}.first_name": person.first_name,
        f"{prefix}.year_group": person.department,
        f"{prefix}.school": person.organisation,
        **{f"{prefix}.custom.{name}": text for name, text in person.custom},
    }


def _match_values(m: MatchFacts) -> dict[str, str]:
    first = first_meeting(m)
    mentors, mentees = m.mentors, m.mentees
    guardian = next((g for p in mentees for g in p.guardians if p.minor), None)
    values = {
        "match.start": long_date(m.started_on),
        "match.planned_end": long_date(m.planned_end_on),
        "match.first_meeting": long_date(first_meeting_day(m)),
        "match.meeting_frequency": frequency_words(m.frequency_days),
        "match.first_meeting_staff": m.first_meeting_staff or TO_BE_AGREED,
        "match.mentors": names(mentors),
        "match.mentees": names(mentees),
        "match.members": names(list(m.members)),
        "match.closed_on": long_date(m.closed_on, "not closed"),
        "match.end": long_date(m.closed_on or m.planned_end_on),
        "match.meetings_held": str(meetings_held(m)),
        "match.goals_achieved": str(sum(1 for g in m.goals if g.status == "achieved")),
        "guardian.name": guardian.name if guardian else "",
        "guardian.relationship": guardian.relationship if guardian else "",
        "first_meeting.date": weekday_date(first_meeting_day(m), "to be arranged"),
        "first_meeting.time": clock(first.starts_at) if first else "to be arranged",
        "first_meeting.place": meeting_place(first) if first else TO_BE_AGREED,
    }
    values.update(_person_values("mentor", mentors[0] if mentors else None))
    values.update(_person_values("mentee", mentees[0] if mentees else None))
    return values


def _recipient_values(person: PersonFacts, match: MatchFacts | None) -> dict[str, str]:
    values = {
        "participant.name": person.name,
        "participant.first_name": person.first_name,
        "participant.role": person.role or "participant",
        "participant.year_group": person.department,
        "participant.school": person.organisation,
        "participant.partners": names([p for p in match.members if p.id != person.id]) if match else "",
        **{f"participant.custom.{name}": text for name, text in person.custom},
    }
    if person.guardians:  # a letter to a mentee names their own guardian
        values["guardian.name"] = person.guardians[0].name
        values["guardian.relationship"] = person.guardians[0].relationship
    return values


class CustomDefaults(dict[str, str]):
    """A context in which ``{mentee.custom.anything}`` is always there: empty unless answered."""

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or (isinstance(key, str) and is_custom_placeholder(key))

    def __getitem__(self, key: str) -> str:
        if not super().__contains__(key) and is_custom_placeholder(key):
            return ""
        return super().__getitem__(key)


def build_context(
    programme: ProgrammeFacts,
    head: Letterhead,
    match: MatchFacts | None = None,
    recipient: PersonFacts | None = None,
    today: date | None = None,
) -> dict[str, str]:
    """A value for every known placeholder (empty where the document has none to give)."""
    # A custom-field placeholder the person has not answered (or that no field has) stays empty.
    values: dict[str, str] = CustomDefaults({p.name: "" for p in PLACEHOLDERS})
    values["today"] = long_date(today or date.today())
    values.update(_programme_values(programme, head))
    if match is not None:
        values.update(_match_values(match))
    if recipient is not None:
        values.update(_recipient_values(recipient, match))
    return values
