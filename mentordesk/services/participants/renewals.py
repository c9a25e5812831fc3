"""Re-screening: which checks are due for renewal, for the dashboard, a printed list and the CLI.

Each check type has a renewal cycle (Settings > Screening); a passed check is due on its own expiry
date, or on the day it was completed plus the cycle. Only each person's latest check of a kind counts.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from mentordesk.core.attention import Attention
from mentordesk.core.participants import EXPIRY_WARNING_DAYS, RENEWAL_WINDOW_DAYS, display_name, renewals_due
from mentordesk.core.vocab import CheckOutcome, EnrolmentStatus, Role
from mentordesk.services.participants.clearance import ScreeningFacts, check_types
from mentordesk.store.models import Enrolment, Participant, ScreeningCheck
from mentordesk.store.rows import as_date, raw_rows, tuples


class RenewalRow(NamedTuple):
    participant_id: int
    name: str
    role: str
    kind: str
    label: str  # the check type as people call it
    completed_on: date | None
    due_on: date

    def days_left(self, on: date) -> int:
        return (self.due_on - on).days

    def when(self, on: date) -> str:
        days = self.days_left(on)
        if days < 0:
            return f"lapsed {-days} day{'s' if days != -1 else ''} ago"
        if days == 0:
            return "due today"
        return f"due in {days} day{'s' if days != 1 else ''}"


def renewals(
    programme_id: int,
    on: date | None = None,
    within_days: int = RENEWAL_WINDOW_DAYS,
    participant_ids: list[int] | None = None,
    facts: ScreeningFacts | None = None,
) -> list[RenewalRow]:
    """Checks of people in the programme (not those who left) due for renewal within ``within_days``
    of ``on``, lapsed ones included, soonest first.

    ``facts``: the programme's screening records when the caller has read them already."""
    on = on or date.today()
    query = (
        Enrolment.select(
            Enrolment.participant,
            Enrolment.role,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
        )
        .join(Participant)
        .where(
            (Enrolment.programme == programme_id)
            & (Enrolment.status != EnrolmentStatus.EXITED.value)
            & (Participant.anonymised == False)  # noqa: E712 (a peewee expression)
        )
    )
    if participant_ids is not None:
        query = query.where(Enrolment.participant.in_(participant_ids))
    people = {pid: (role, display_name(first, last, preferred)) for pid, role, first, last, preferred in raw_rows(query)}
    if not people:
        return []
    if facts is not None:
        passed = CheckOutcome.PASSED.value
        checks = [
            (pid, c.kind, c.completed_on, c.expires_on)
            for pid in people
            for c in facts.checks.get(pid, ())
            if c.outcome == passed
        ]
    else:
        ids = (
            sorted(people)
            if participant_ids is not None
            else Enrolment.select(Enrolment.participant).where(Enrolment.programme == programme_id)
        )
        checks = [
            (pid, kind, as_date(completed), as_date(expires))
            for pid, kind, completed, expires in tuples(
                ScreeningCheck.select(
                    ScreeningCheck.participant,
                    ScreeningCheck.kind,
                    ScreeningCheck.completed_on,
                    ScreeningCheck.expires_on,
                ).where(
                    ScreeningCheck.participant.in_(ids)
                    & (ScreeningCheck.outcome == CheckOutcome.PASSED.value)
                    & (ScreeningCheck.programme.is_null() | (ScreeningCheck.programme == programme_id))
                )
            )
            if pid in people
        ]
    types = check_types(programme_id)
    return [
        RenewalRow(
            r.participant_id,
            people[r.participant_id][1],
            people[r.participant_id][0],
            r.kind,
            types.label(r.kind),
            r.completed_on,
            r.due_on,
        )
        for r in renewals_due(checks, types, on, within_days)
    ]


def renewal_attention(
    programme_id: int, on: date | None = None, facts: ScreeningFacts | None = None
) -> list[Attention]:
    """The dashboard's items: one per check due for renewal in the next 60 days (or lapsed). A person's
    soonest expiry date within 30 days is already on the list (``attention_items``: "a check expires
    in 12 days"), so it is not said twice."""
    from mentordesk.services.participants.screening import earliest_expiries

    on = on or date.today()
    rows = renewals(programme_id, on, facts=facts)
    said = earliest_expiries(sorted({r.participant_id for r in rows}), programme_id, facts) if rows else {}
    items = []
    for row in rows:
        if said.get(row.participant_id) == row.due_on and row.days_left(on) <= EXPIRY_WARNING_DAYS:
            continue
        who = f"{row.name} ({row.role})" if row.role != Role.MENTOR.value else row.name
        items.append(
            Attention(
                "participants",
                who,
                # The dashboard adds "(n days overdue)" to a lapsed one.
                f"{row.label} lapsed on {row.due_on.isoformat()}: renew it"
                if row.due_on < on
                else f"{row.label} renewal {row.when(on)} ({row.due_on.isoformat()})",
                max(0, -row.days_left(on)),
            )
        )
    return items
