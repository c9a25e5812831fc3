"""Events and their invitees: list, save, delete; the people who may be invited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from mentordesk.core.events import EVENT_KINDS, EventFields, check_event
from mentordesk.core.participants import display_name
from mentordesk.store.db import database
from mentordesk.store.models import Enrolment, EventInvitee, Participant, Programme, ProgrammeEvent
from mentordesk.store.rows import tuples


class EventError(Exception):
    """A message for the user: nothing was saved."""


@dataclass(frozen=True)
class EventRow:
    id: int
    programme_id: int
    kind: str
    title: str
    starts_at: datetime
    duration_minutes: int
    place: str
    notes: str
    training_hours: float | None
    training_topics: str
    invited: int = 0
    attended: int = 0
    apologies: int = 0
    absent: int = 0

    @property
    def kind_label(self) -> str:
        return EVENT_KINDS.get(self.kind, self.kind)

    def fields(self) -> EventFields:
        return EventFields(
            self.kind,
            self.title,
            self.starts_at,
            self.duration_minutes,
            self.place,
            self.notes,
            self.training_hours,
            self.training_topics,
        )


@dataclass(frozen=True)
class Candidate:
    """Someone enrolled in the programme, who may be invited."""

    participant_id: int
    name: str
    role: str
    status: str
    email: str = ""


@dataclass(frozen=True)
class InviteeRow:
    participant_id: int
    name: str
    role: str
    mark: str
    email: str = ""
    training_check_id: int | None = None


def _counts(event_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    if not event_ids:
        return out
    query = EventInvitee.select(EventInvitee.event, EventInvitee.mark).where(
        EventInvitee.event.in_(event_ids)
    )
    for event_id, mark in tuples(query):
        counts = out.setdefault(event_id, {"": 0, "attended": 0, "apologies": 0, "absent": 0, "all": 0})
        counts[mark] = counts.get(mark, 0) + 1
        counts["all"] += 1
    return out


def _row(event: ProgrammeEvent, counts: dict[str, int] | None) -> EventRow:
    counts = counts or {}
    return EventRow(
        event.id,
        event.programme_id,
        event.kind,
        event.title,
        event.starts_at,
        event.duration_minutes,
        event.place,
        event.notes,
        event.training_hours,
        event.training_topics,
        counts.get("all", 0),
        counts.get("attended", 0),
        counts.get("apologies", 0),
        counts.get("absent", 0),
    )


def list_events(programme_id: int) -> list[EventRow]:
    """The programme's events, soonest first by date and time."""
    events = list(
        ProgrammeEvent.select()
        .where(ProgrammeEvent.programme == programme_id)
        .order_by(ProgrammeEvent.starts_at, ProgrammeEvent.id)
    )
    counts = _counts([e.id for e in events])
    return [_row(e, counts.get(e.id)) for e in events]


def get_event(event_id: int) -> EventRow:
    event = ProgrammeEvent.get_or_none(ProgrammeEvent.id == event_id)
    if event is None:
        raise EventError(f"No event with id {event_id}: it may have been deleted.")
    return _row(event, _counts([event.id]).get(event.id))


def find_event(programme_id: int, text: str) -> EventRow:
    """An event by id or by title (case and spacing ignored); a clear message when none or several fit."""
    wanted = " ".join(text.split())
    rows = list_events(programme_id)
    if wanted.isdigit():
        by_id = [r for r in rows if r.id == int(wanted)]
        if by_id:
            return by_id[0]
    found = [r for r in rows if " ".join(r.title.split()).casefold() == wanted.casefold()]
    if not found:
        titles = "; ".join(f"{r.id}: {r.title}" for r in rows[:8]) or "none yet"
        raise EventError(f"No event titled '{wanted}' in this programme (events: {titles}).")
    if len(found) > 1:
        ids = ", ".join(str(r.id) for r in found)
        raise EventError(f"Several events are titled '{wanted}' (ids {ids}): give the event's id instead.")
    return found[0]


def _clean(data: EventFields) -> dict:
    return {
        "kind": data.kind,
        "title": " ".join(data.title.split()),
        "starts_at": data.starts_at,
        "duration_minutes": data.duration_minutes,
        "place": data.place.strip(),
        "notes": data.notes.strip(),
        "training_hours": data.training_hours if data.kind == "training" else None,
        "training_topics": data.training_topics.strip() if data.kind == "training" else "",
    }


def save_event(
    programme_id: int,
    data: EventFields,
    event_id: int | None = None,
    invitee_ids: Iterable[int] | None = None,
    today: date | None = None,
) -> int:
    """Create (``event_id`` None) or change an event, and (when given) set its invitees; returns its id.

    Changing a training session's date, hours or topics changes the training checks its register
    recorded; changing its kind away from training removes them. All or nothing."""
    from mentordesk.services.events.register import sync_training_checks

    today = today or date.today()
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise EventError(f"No programme with id {programme_id}.")
    attended = 0
    if event_id is not None:
        attended = (
            EventInvitee.select()
            .where((EventInvitee.event == event_id) & (EventInvitee.mark == "attended"))
            .count()
        )
    problems = check_event(data, today, has_attendees=attended > 0)
    if problems:
        raise EventError(" ".join(problems.values()))
    values = _clean(data)
    with database.atomic():
        if event_id is None:
            event = ProgrammeEvent.create(programme=programme_id, **values)
        else:
            found = ProgrammeEvent.get_or_none(
                (ProgrammeEvent.id == event_id) & (ProgrammeEvent.programme == programme_id)
            )
            if found is None:
                raise EventError(f"No event with id {event_id} in this programme: it may have been deleted.")
            event = found
            for key, value in values.items():
                setattr(event, key, value)
            event.save()
        if invitee_ids is not None:
            set_invitees(event.id, invitee_ids)
        sync_training_checks(event.id)
    return event.id


def delete_event(event_id: int) -> int:
    """Delete the event, its register and the training checks the register recorded; returns how many
    training checks went with it."""
    from mentordesk.store.models import ScreeningCheck

    event = ProgrammeEvent.get_or_none(ProgrammeEvent.id == event_id)
    if event is None:
        return 0
    with database.atomic():
        checks = [
            cid
            for (cid,) in tuples(
                EventInvitee.select(EventInvitee.training_check).where(
                    (EventInvitee.event == event_id) & EventInvitee.training_check.is_null(False)
                )
            )
        ]
        for check in ScreeningCheck.select().where(ScreeningCheck.id.in_(checks)):
            check.delete_instance()
        event.delete_instance()
    return len(checks)


def candidates(programme_id: int) -> list[Candidate]:
    """Everyone enrolled in the programme, by name."""
    query = (
        Enrolment.select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.email,
            Enrolment.role,
            Enrolment.status,
        )
        .join(Participant)
        .where((Enrolment.programme == programme_id) & (Participant.anonymised == False))  # noqa: E712
    )
    rows = [
        Candidate(pid, display_name(first, last or "", preferred or ""), role, status, email or "")
        for pid, first, last, preferred, email, role, status in tuples(query)
    ]
    return sorted(rows, key=lambda c: (c.name.casefold(), c.participant_id))


def invitees(event_id: int) -> list[InviteeRow]:
    """The event's invitees with their marks, by name."""
    event = ProgrammeEvent.get_or_none(ProgrammeEvent.id == event_id)
    if event is None:
        raise EventError(f"No event with id {event_id}: it may have been deleted.")
    roles = {
        pid: role
        for pid, role in tuples(
            Enrolment.select(Enrolment.participant, Enrolment.role).where(
                Enrolment.programme == event.programme_id
            )
        )
    }
    query = (
        EventInvitee.select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.email,
            EventInvitee.mark,
            EventInvitee.training_check,
        )
        .join(Participant)
        .where(EventInvitee.event == event_id)
    )
    rows = [
        InviteeRow(
            pid,
            display_name(first, last or "", preferred or ""),
            roles.get(pid, ""),
            mark,
            email or "",
            check,
        )
        for pid, first, last, preferred, email, mark, check in tuples(query)
    ]
    return sorted(rows, key=lambda r: (r.name.casefold(), r.participant_id))


def set_invitees(event_id: int, participant_ids: Iterable[int]) -> tuple[int, int]:
    """Make exactly these people the invitees; those who stay keep their marks. Someone taken off a
    training session's list loses the training check its register recorded. Returns (added, removed)."""
    from mentordesk.store.models import ScreeningCheck

    event = ProgrammeEvent.get_or_none(ProgrammeEvent.id == event_id)
    if event is None:
        raise EventError(f"No event with id {event_id}: it may have been deleted.")
    wanted = set(participant_ids)
    enrolled = {c.participant_id for c in candidates(event.programme_id)}
    strangers = wanted - enrolled
    if strangers:
        raise EventError(
            f"{len(strangers)} of the people chosen are not enrolled in this programme: enrol them first."
        )
    with database.atomic():
        current = {i.participant_id: i for i in EventInvitee.select().where(EventInvitee.event == event_id)}
        removed = [i for pid, i in current.items() if pid not in wanted]
        for invitee in removed:
            check_id = invitee.training_check_id
            invitee.delete_instance()
            if check_id is not None:
                check = ScreeningCheck.get_or_none(ScreeningCheck.id == check_id)
                if check is not None:
                    check.delete_instance()
        added = sorted(wanted - set(current))
        for pid in added:
            EventInvitee.create(event=event_id, participant=pid)
    return len(added), len(removed)
