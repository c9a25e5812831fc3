"""The demo programme's events: a training session last fortnight with its register kept (the
attendees' training checks recorded from it), the next new-mentor training, and a celebration."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from mentordesk.core.events import EventFields
from mentordesk.store.models import Participant, Programme


def add_events(
    programme: Programme, mentors: list[Participant], mentees: list[Participant], today: date
) -> int:
    """Seed three events; returns how many."""
    from mentordesk.services import events

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour, 0))

    refresher = events.save_event(
        programme.id,
        EventFields(
            "training",
            "Mentor refresher: online safety",
            at(-14, 18),
            90,
            "Room 12",
            "Tea and biscuits from 17:45.",
            1.5,
            "Online safety, social media rules, reporting a concern",
        ),
        invitee_ids=[m.id for m in mentors[:13]],
        today=today,
    )
    marks = {m.id: "attended" for m in mentors[:13]}
    marks[mentors[3].id] = "apologies"  # on holiday soon, and said so
    marks[mentors[10].id] = "apologies"
    marks[mentors[7].id] = "absent"  # the untrained mentor stays untrained: the dashboard chases them
    events.record_marks(refresher, marks, today)
    induction = events.save_event(
        programme.id,
        EventFields(
            "training",
            "New mentor training: safeguarding and boundaries",
            at(10, 17),
            150,
            "School library",
            "",
            2.5,
            "Safeguarding, boundaries, mandatory reporting, the code of conduct",
        ),
        invitee_ids=[mentors[i].id for i in (7, 10, 13)],
        today=today,
    )
    events.record_marks(induction, {mentors[13].id: "apologies"}, today)
    everyone = [p.id for p in mentors + mentees]
    events.save_event(
        programme.id,
        EventFields(
            "celebration",
            "End of term celebration",
            at(21, 16),
            120,
            "School hall",
            "Certificates for every pair; families welcome.",
        ),
        invitee_ids=everyone,
        today=today,
    )
    return 3
