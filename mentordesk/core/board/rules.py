"""What a shadow board's records must hold. Each check returns the cleaned input or raises
``BoardInputError`` naming the field and the fix; nothing is written by a refused input."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from mentordesk.core.participants import Invalid, check_length, clean, parse_email, parse_name, strip_bidi
from mentordesk.core.vocab import BoardPresence, RecommendationOutcome

OUTCOME_LABELS = {
    RecommendationOutcome.AWAITING.value: "Awaiting a decision",
    RecommendationOutcome.IN_PROGRESS.value: "In progress",
    RecommendationOutcome.ACCEPTED.value: "Accepted",
    RecommendationOutcome.DECLINED.value: "Declined",
}
PRESENCE_LABELS = {
    BoardPresence.PRESENT.value: "Present",
    BoardPresence.APOLOGIES.value: "Apologies",
    BoardPresence.ABSENT.value: "Absent",
}
DECIDED = (RecommendationOutcome.ACCEPTED.value, RecommendationOutcome.DECLINED.value)


class BoardInputError(ValueError):
    """A board record that cannot be saved as typed; the message names the field and the fix."""


@dataclass(frozen=True)
class SponsorInput:
    name: str
    role: str = ""
    email: str = ""


@dataclass(frozen=True)
class SessionInput:
    held_on: date | None
    title: str = ""
    topics: str = ""  # one per line
    place: str = ""
    notes: str = ""


@dataclass(frozen=True)
class RecommendationInput:
    made_on: date | None
    title: str
    detail: str = ""
    session_id: int | None = None
    sponsor_id: int | None = None


@dataclass(frozen=True)
class OutcomeInput:
    outcome: str
    decided_on: date | None = None
    note: str = ""


def _text(key: str, value: str, what: str) -> str:
    try:
        return check_length(key, strip_bidi(value).strip(), what)
    except Invalid as exc:
        raise BoardInputError(str(exc)) from None


def check_sponsor(data: SponsorInput) -> SponsorInput:
    try:
        name = parse_name(data.name, "name", "Sponsor's name")
        email = parse_email(data.email)
    except Invalid as exc:
        raise BoardInputError(str(exc)) from None
    if not name:
        raise BoardInputError("Sponsor's name is empty: type the name of the leader the board reports to.")
    return SponsorInput(name, clean(_text("name", data.role, "Sponsor's role")), email)


def topic_list(text: str) -> list[str]:
    """The topics, one per line, without blank lines or bullets typed in front of them."""
    out = []
    for line in text.splitlines():
        topic = clean(line.lstrip("-*•·– \t"))
        if topic:
            out.append(topic)
    return out


def check_session(data: SessionInput, today: date | None = None) -> SessionInput:
    if data.held_on is None:
        raise BoardInputError("Date is missing: give the day the board meets (or met).")
    topics = topic_list(_text("agenda", data.topics, "Topics"))
    return SessionInput(
        data.held_on,
        clean(_text("title", data.title, "Title")),
        "\n".join(topics),
        clean(_text("place", data.place, "Place")),
        _text("notes", data.notes, "Notes"),
    )


def check_recommendation(data: RecommendationInput, session_day: date | None = None) -> RecommendationInput:
    """``session_day``: the day of the session it was made at (it cannot be made before that)."""
    if data.made_on is None:
        raise BoardInputError("Made on is missing: give the day the board made the recommendation.")
    title = clean(_text("title", data.title, "Recommendation"))
    if not title:
        raise BoardInputError("Recommendation is empty: say in a line what the board recommends.")
    if session_day is not None and data.made_on < session_day:
        raise BoardInputError(
            f"Made on ({data.made_on.isoformat()}) is before the session it was made at "
            f"({session_day.isoformat()}): correct the date or choose another session."
        )
    return replace(data, title=title, detail=_text("notes", data.detail, "Details"))


def check_outcome(data: OutcomeInput, made_on: date, today: date) -> OutcomeInput:
    """Accepted and declined need the day it was decided (not before it was made, not in the future);
    "in progress" may carry the day work started; "awaiting" carries no day."""
    if data.outcome not in OUTCOME_LABELS:
        choices = ", ".join(OUTCOME_LABELS)
        raise BoardInputError(f"Outcome {data.outcome!r} is not one of: {choices}.")
    note = _text("notes", data.note, "Note")
    day = data.decided_on
    if data.outcome == RecommendationOutcome.AWAITING.value:
        return OutcomeInput(data.outcome, None, note)
    if day is None and data.outcome in DECIDED:
        raise BoardInputError(
            f"Decided on is missing: a recommendation {OUTCOME_LABELS[data.outcome].lower()} needs the day "
            "the leadership decided."
        )
    if day is not None and day < made_on:
        raise BoardInputError(
            f"Decided on ({day.isoformat()}) is before the recommendation was made ({made_on.isoformat()}): "
            "correct the date."
        )
    if day is not None and day > today:
        raise BoardInputError(
            f"Decided on ({day.isoformat()}) is in the future: record the outcome once it is decided."
        )
    return OutcomeInput(data.outcome, day, note)
