"""What the dashboard shows of the register: each open concern, and each check-in flagged as a safety
concern with no follow-up date, until it is dealt with.

The dashboard is not behind the lead's confirmation, so an open concern is shown by its number and
age only (never whom it is about or what was said); the check-in's line names the match, as the
contact log itself does.
"""

from __future__ import annotations

from datetime import date

import peewee
from peewee import JOIN

from mentordesk.core.attention import Attention
from mentordesk.core.participants import display_name
from mentordesk.services import meetings
from mentordesk.store.db import database
from mentordesk.store.models import Concern, ContactLog, Participant
from mentordesk.store.rows import tuples


def attention_items(programme_id: int, today: date | None = None) -> list[Attention]:
    today = today or date.today()
    items = [
        Attention(
            "concerns",
            f"Safeguarding concern #{concern_id}",
            f"Open since {raised_on.isoformat()}: record what was done and close it with its outcome",
            (today - raised_on).days,
        )
        for concern_id, raised_on in _open_concerns(programme_id)
    ]
    flagged = list(
        tuples(
            ContactLog.select(
                ContactLog.match,
                ContactLog.contacted_at,
                Participant.first_name,
                Participant.preferred_name,
                Participant.last_name,
            )
            .join(Participant, join_type=JOIN.LEFT_OUTER, on=(ContactLog.participant == Participant.id))
            .where(
                (ContactLog.programme == programme_id)
                & (ContactLog.safety_concern == True)  # noqa: E712 (peewee expression)
                & ContactLog.follow_up_on.is_null()
                & (ContactLog.follow_up_done == False)  # noqa: E712
            )
            .order_by(ContactLog.contacted_at)
        )
    )
    people = meetings.match_people(match_ids={r[0] for r in flagged if r[0]}) if flagged else {}
    for match_id, at, first, preferred, last in flagged:
        who = people[match_id].who if match_id in people else display_name(first, last, preferred)
        items.append(
            Attention(
                "meetings",
                who or "(unknown)",
                f"Safety concern in the check-in of {at:%Y-%m-%d} has no follow-up: "
                "set a follow-up date or raise a concern",
                max(0, (today - at.date()).days),
            )
        )
    return items


def _open_concerns(programme_id: int) -> list[tuple]:
    """(id, raised on) of the open concerns; none for a user the shared server keeps them from.

    On a server only safeguarding leads are granted the register (row-level security): for a
    coordinator the read is refused, inside a savepoint so the rest of the dashboard still loads.
    """
    query = (
        Concern.select(Concern.id, Concern.raised_on)
        .where((Concern.programme == programme_id) & Concern.closed_on.is_null())
        .order_by(Concern.raised_on)
    )
    try:
        with database.atomic():
            return list(tuples(query))
    except peewee.ProgrammingError as exc:
        if getattr(exc.__cause__, "sqlstate", None) == "42501" or "permission denied" in str(exc):
            return []
        raise
