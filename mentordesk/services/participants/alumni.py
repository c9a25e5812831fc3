"""Alumni: people who left a programme stay findable, with their history, until retention erases them.

An alumnus is an exited enrolment of someone not erased (an erased person is an anonymised stub:
retention or a request removed them, and they are no longer anyone to find). Every programme is
searched, archived ones too, so last year's mentees are found from this year's programme.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from mentordesk.core.participants import fold
from mentordesk.core.vocab import EnrolmentStatus, MatchStatus
from mentordesk.store.models import Enrolment, Match, MatchMember, Participant, Programme, display_name_sql
from mentordesk.store.rows import tuples


@dataclass(frozen=True)
class AlumnusRow:
    participant_id: int
    enrolment_id: int
    name: str
    programme_id: int
    programme: str
    role: str
    enrolled_on: date | None
    exited_on: date | None
    exit_reason: str
    matches: int  # published matches they were in, in that programme
    now_in: tuple[str, ...]  # programmes they are still (or again) active in


def alumni(text: str = "") -> list[AlumnusRow]:
    """Everyone who exited a programme and has not been erased, newest leavers first; ``text`` narrows by
    name, e-mail or programme (accents and case ignored)."""
    query = (
        Enrolment.select(
            Enrolment.id,
            Enrolment.participant,
            display_name_sql().alias("name"),
            Participant.email,
            Enrolment.programme,
            Programme.name,
            Enrolment.role,
            Enrolment.enrolled_on,
            Enrolment.exited_on,
            Enrolment.exit_reason,
        )
        .join(Participant)
        .switch(Enrolment)
        .join(Programme)
        .where((Enrolment.status == EnrolmentStatus.EXITED.value) & (Participant.anonymised == False))  # noqa: E712
    )
    records = list(tuples(query))
    if not records:
        return []
    people = list({r[1] for r in records})
    matches: dict[tuple[int, int], int] = defaultdict(int)
    elsewhere: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(people), 500):
        chunk = people[start : start + 500]
        for pid, programme_id in tuples(
            MatchMember.select(MatchMember.participant, Match.programme)
            .join(Match)
            .where(MatchMember.participant.in_(chunk) & (Match.status != MatchStatus.DRAFT.value))
        ):
            matches[(pid, programme_id)] += 1
        for pid, name in tuples(
            Enrolment.select(Enrolment.participant, Programme.name)
            .join(Programme)
            .where(Enrolment.participant.in_(chunk) & (Enrolment.status != EnrolmentStatus.EXITED.value))
            .order_by(Programme.name)
        ):
            elsewhere[pid].append(name)
    needle = fold(text.strip())
    rows = []
    for eid, pid, name, email, programme_id, programme, role, enrolled_on, exited_on, reason in records:
        if needle and not any(needle in fold(value or "") for value in (name, email, programme)):
            continue
        rows.append(
            AlumnusRow(
                participant_id=pid,
                enrolment_id=eid,
                name=name,
                programme_id=programme_id,
                programme=programme,
                role=role,
                enrolled_on=enrolled_on,
                exited_on=exited_on,
                exit_reason=reason,
                matches=matches[(pid, programme_id)],
                now_in=tuple(elsewhere[pid]),
            )
        )
    rows.sort(key=lambda r: (-(r.exited_on or date.min).toordinal(), fold(r.name), r.enrolment_id))
    return rows
