"""Tags and weekly availability written as text, the way a spreadsheet holds them.

Tags: ``coding (offers); chess; skill:maths (seeks)``. Availability:
``Mon 16:00-17:30; Thu 3:30pm-5pm``. The same text is what exports write, so an
exported roster imports back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mentordesk.core.participants.validation import Invalid, clean, fold
from mentordesk.core.vocab import Role, TagDirection, TagKind

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_NAMES = {
    **{d.lower(): i for i, d in enumerate(WEEKDAYS)},
    "monday": 0,
    "tues": 1,
    "tuesday": 1,
    "wednesday": 2,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}


@dataclass(frozen=True, order=True)
class TagSpec:
    kind: str  # TagKind value
    name: str
    direction: str  # TagDirection value


@dataclass(frozen=True, order=True)
class Slot:
    weekday: int  # 0 = Monday
    start_minute: int
    end_minute: int  # exclusive

    def __str__(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {format_minute(self.start_minute)}-{format_minute(self.end_minute)}"


_SHARED_KINDS = frozenset({TagKind.INTEREST.value, TagKind.LANGUAGE.value})
_BOTH, _OFFERS, _SEEKS = TagDirection.BOTH.value, TagDirection.OFFERS.value, TagDirection.SEEKS.value
_MENTOR, _PEER = Role.MENTOR.value, Role.PEER.value


def default_direction(kind: str, role: str | None) -> str:
    """Skills and goal areas: mentors offer, mentees seek. Interests and languages are shared."""
    if kind in _SHARED_KINDS or role is None or role == _PEER:
        return _BOTH
    return _OFFERS if role == _MENTOR else _SEEKS


_KIND_WORDS = {
    "skill": TagKind.SKILL,
    "skills": TagKind.SKILL,
    "interest": TagKind.INTEREST,
    "interests": TagKind.INTEREST,
    "goal": TagKind.GOAL_AREA,
    "goal area": TagKind.GOAL_AREA,
    "goal_area": TagKind.GOAL_AREA,
    "goals": TagKind.GOAL_AREA,
    "language": TagKind.LANGUAGE,
    "languages": TagKind.LANGUAGE,
}
# Compiled once: an import checks these for every cell of thousands of rows.
_TAG_SEPARATORS = re.compile(r"[;,|\n]")
_SLOT_SEPARATORS = re.compile(r"[;,\n]")
_CLOCK_DIGITS = re.compile(r"\d{3,4}")
_TIME_RANGE = re.compile(r"\s*(?:-|–|to)\s*")
_DIRECTION_SUFFIX = re.compile(r"\s*\((offers?|seeks?|both|wants?|can help)\)\s*$", re.IGNORECASE)
_DIRECTION_WORDS = {
    "offer": "offers",
    "offers": "offers",
    "can help": "offers",
    "seek": "seeks",
    "seeks": "seeks",
    "want": "seeks",
    "wants": "seeks",
    "both": "both",
}


def parse_tags(text: str, kind: str, role: str | None, direction: str | None = None) -> list[TagSpec]:
    """Split a cell of tags (``;``, ``,`` or ``|`` between them) with an optional ``kind:`` prefix
    and ``(offers)``/``(seeks)`` suffix on each."""
    found: list[TagSpec] = []
    for part in _TAG_SEPARATORS.split(text or ""):
        name = clean(part)
        if not name:
            continue
        tag_kind = kind
        tag_direction = direction
        suffix = _DIRECTION_SUFFIX.search(name)
        if suffix:
            tag_direction = _DIRECTION_WORDS[suffix.group(1).lower()]
            name = clean(name[: suffix.start()])
        prefix, colon, rest = name.partition(":")
        if colon and fold(prefix) in _KIND_WORDS:
            tag_kind = _KIND_WORDS[fold(prefix)].value
            name = clean(rest)
        if not name:
            continue
        if len(name) > 60:
            raise Invalid(f"tag {name[:20]!r}… is longer than 60 characters: separate tags with ';'")
        spec = TagSpec(tag_kind, name, tag_direction or default_direction(tag_kind, role))
        if spec not in found:
            found.append(spec)
    return found


def format_tags(tags: list[TagSpec] | tuple[TagSpec, ...], with_kind: bool = True) -> str:
    parts = []
    for tag in tags:
        text = f"{tag.kind}:{tag.name}" if with_kind else tag.name
        if tag.direction != TagDirection.BOTH.value:
            text += f" ({tag.direction})"
        parts.append(text)
    return "; ".join(parts)


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$")


def parse_time(text: str) -> int:
    """``16:00``, ``16.00``, ``4pm``, ``4:30 pm``, ``1600`` -> minutes from midnight."""
    value = clean(text).lower().replace(" ", "")
    if _CLOCK_DIGITS.fullmatch(value):
        value = f"{value[:-2]}:{value[-2:]}"
    match = _TIME.match(value)
    if not match:
        raise Invalid(f"{clean(text)!r} is not a time (expected 16:00 or 4pm)")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = match.group(3)
    if meridiem:
        if not 1 <= hour <= 12:
            raise Invalid(f"{clean(text)!r} is not a time")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise Invalid(f"{clean(text)!r} is not a time of day")
    return hour * 60 + minute


# A tick-box answer names a day, or a part of one, without times ("Monday", "Thursday after school").
PARTS_OF_DAY = {
    "": (0, 24 * 60),  # the day alone: any time that day
    "morning": (9 * 60, 12 * 60),
    "mornings": (9 * 60, 12 * 60),
    "lunchtime": (12 * 60, 13 * 60 + 30),
    "lunch": (12 * 60, 13 * 60 + 30),
    "afternoon": (12 * 60, 17 * 60),
    "afternoons": (12 * 60, 17 * 60),
    "after school": (15 * 60, 18 * 60),
    "evening": (17 * 60, 21 * 60),
    "evenings": (17 * 60, 21 * 60),
    "all day": (0, 24 * 60),
    "any time": (0, 24 * 60),
    "anytime": (0, 24 * 60),
}


def parse_slots(text: str) -> list[Slot]:
    """``Mon 16:00-17:30; Thu 15:30-17:00`` (also ``Monday 4pm to 5:30pm``).

    A form's tick boxes give days without times: ``Monday, Thursday`` is any time on those
    days, and ``Tuesday after school`` or ``Friday evening`` the part of the day named
    (see PARTS_OF_DAY).
    """
    slots: list[Slot] = []
    for part in _SLOT_SEPARATORS.split(text or ""):
        item = clean(part)
        if not item:
            continue
        day_text, _, times = item.partition(" ")
        weekday = _WEEKDAY_NAMES.get(fold(day_text).rstrip(".").removesuffix("s"))
        if weekday is None:
            weekday = _WEEKDAY_NAMES.get(fold(day_text).rstrip("."))
        if weekday is None:
            raise Invalid(f"{item!r}: {day_text!r} is not a weekday (write e.g. 'Mon 16:00-17:30')")
        part_of_day = " ".join(fold(times).replace("-", " ").split())
        if part_of_day in PARTS_OF_DAY:
            start, end = PARTS_OF_DAY[part_of_day]
        else:
            pieces = _TIME_RANGE.split(times.strip(), maxsplit=1)
            if len(pieces) != 2:
                raise Invalid(
                    f"{item!r}: give a start and an end time, e.g. 'Mon 16:00-17:30', "
                    "or a part of the day ('Mon after school')"
                )
            start, end = parse_time(pieces[0]), parse_time(pieces[1])
        if end <= start:
            raise Invalid(f"{item!r}: the end time is not after the start time")
        slot = Slot(weekday, start, end)
        if slot not in slots:
            slots.append(slot)
    return sorted(slots)


def format_slots(slots: list[Slot] | tuple[Slot, ...]) -> str:
    return "; ".join(str(s) for s in sorted(slots))


def overlapping(slots: list[Slot]) -> list[tuple[Slot, Slot]]:
    """Pairs of slots on the same day that overlap (the editor refuses them)."""
    ordered = sorted(slots)
    return [
        (a, b)
        for a, b in zip(ordered, ordered[1:], strict=False)
        if a.weekday == b.weekday and b.start_minute < a.end_minute
    ]
