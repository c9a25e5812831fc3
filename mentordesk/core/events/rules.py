"""Event kinds, register marks and the checks an event's fields must pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# kind -> label, in the order the GUI offers them
EVENT_KINDS = {
    "training": "Training session",
    "group_session": "Group session",
    "celebration": "Celebration",
    "other": "Other",
}
# mark -> label; "" is "not marked yet"
MARKS = {"attended": "Attended", "apologies": "Apologies", "absent": "Absent", "": "Not marked"}

# Words a register (a CSV file, a typed answer) may use for each mark, lower case.
MARK_WORDS = {
    "attended": "attended",
    "present": "attended",
    "yes": "attended",
    "y": "attended",
    "x": "attended",
    "1": "attended",
    "apologies": "apologies",
    "apology": "apologies",
    "apols": "apologies",
    "excused": "apologies",
    "absent": "absent",
    "no": "absent",
    "n": "absent",
    "0": "absent",
    "": "",
    "not marked": "",
}

MAX_HOURS = 200.0  # more than this in one session is a typing slip (the screening check says so too)
MAX_MINUTES = 7 * 24 * 60


def mark_of(word: str) -> str | None:
    """The mark a word stands for ("Present" -> "attended"); None when it is not one of ``MARK_WORDS``."""
    return MARK_WORDS.get(" ".join(word.split()).lower())


@dataclass
class EventFields:
    kind: str
    title: str
    starts_at: datetime | None
    duration_minutes: int = 60
    place: str = ""
    notes: str = ""
    training_hours: float | None = None  # training sessions: the hours each attendee is credited
    training_topics: str = ""


def check_event(data: EventFields, today: date, *, has_attendees: bool = False) -> dict[str, str]:
    """Problems by field name, each saying what to do; empty when the event may be saved.

    ``has_attendees``: the register already marks someone attended, so the event cannot move into the
    future (a training check is never dated after today)."""
    problems: dict[str, str] = {}
    if data.kind not in EVENT_KINDS:
        problems["kind"] = "Choose what kind of event this is (" + ", ".join(EVENT_KINDS.values()) + ")."
    if not " ".join(data.title.split()):
        problems["title"] = "Give the event a title (e.g. Mentor training: safeguarding)."
    elif len(data.title) > 200:
        problems["title"] = "The title is longer than 200 characters: shorten it."
    if data.starts_at is None:
        problems["starts_at"] = "Give the date and time the event starts."
    elif has_attendees and data.starts_at.date() > today:
        problems["starts_at"] = (
            "People are marked as attended, so the event cannot move into the future: "
            "clear those marks in the register first."
        )
    if not 1 <= data.duration_minutes <= MAX_MINUTES:
        problems["duration_minutes"] = "Give the length in minutes (at least 1, at most a week)."
    if data.kind == "training":
        if data.training_hours is None or data.training_hours <= 0:
            problems["training_hours"] = "Give the training hours each attendee is credited (e.g. 2.5)."
        elif data.training_hours > MAX_HOURS:
            problems["training_hours"] = "More than 200 hours of training in one session? Check the number."
        if not data.training_topics.strip():
            problems["training_topics"] = "List the topics covered (e.g. safeguarding, boundaries)."
    return problems
