"""A small programme whose report figures are worked out by hand in the tests (see test_reports.py)."""

from __future__ import annotations

from datetime import date, datetime

from mentordesk.core.reports import Period
from mentordesk.store.models import (
    AuditEvent,
    ContactLog,
    Enrolment,
    Goal,
    Match,
    MatchMember,
    Meeting,
    Participant,
    Programme,
    ScreeningCheck,
)

D = date
PERIOD = Period(D(2026, 9, 1), D(2026, 10, 31))
TODAY = D(2026, 12, 1)


def person(first: str, last: str, born: date) -> Participant:
    return Participant.create(first_name=first, last_name=last, date_of_birth=born)


def enrol(who: Participant, programme: Programme, role: str, status: str, on: date) -> Enrolment:
    return Enrolment.create(participant=who, programme=programme, role=role, status=status, enrolled_on=on)


def match(programme, status, started, members, **values) -> Match:
    m = Match.create(programme=programme, status=status, started_on=started, **values)
    for who, role in members:
        MatchMember.create(match=m, participant=who, role=role)
    return m


def held(m: Match, day: date, minutes: int = 60, actual: int | None = None) -> None:
    Meeting.create(
        match=m,
        starts_at=datetime.combine(day, datetime.min.time()).replace(hour=16),
        duration_minutes=minutes,
        actual_minutes=actual,
        status="held",
    )


def build_programme(name: str = "Report school") -> dict:
    """Two mentors, four mentees (one waiting), a pair, a group of three, a same-day closure, a draft."""
    p = Programme.create(name=name, meeting_frequency_days=14)
    zoe = person("Zoë", "Ó'Brien", D(1980, 1, 1))
    eleni = person("Ελένη", "Παπαδοπούλου", D(1975, 5, 5))
    lukasz = person("Łukasz", "Kowalski", D(2000, 2, 2))
    hanako = person("花子", "佐藤", D(2001, 3, 3))
    layla = person("ليلى", "حداد", D(2012, 4, 4))  # a minor with no guardian: consent missing
    yael = person("יעל", "כהן", D(2001, 6, 6))
    enrol(zoe, p, "mentor", "matched", D(2026, 6, 1))
    enrol(eleni, p, "mentor", "matched", D(2026, 6, 1))
    enrol(lukasz, p, "mentee", "matched", D(2026, 6, 1))
    enrol(hanako, p, "mentee", "matched", D(2026, 6, 1))
    waiting = enrol(layla, p, "mentee", "ready", D(2026, 9, 10))
    enrol(yael, p, "mentee", "matched", D(2026, 6, 1))
    for at, old, new in ((D(2026, 9, 10), None, "applied"), (D(2026, 10, 11), "applied", "ready")):
        AuditEvent.create(
            at=datetime.combine(at, datetime.min.time()),
            action="update",
            entity="enrolment",
            entity_id=waiting.id,
            fields=["status"],
            changes={"status": [old, new]},
        )
    ScreeningCheck.create(
        participant=zoe,
        kind="background_check",
        outcome="passed",
        completed_on=D(2023, 10, 1),
        expires_on=D(2026, 10, 1),
    )
    ScreeningCheck.create(
        participant=eleni,
        kind="background_check",
        outcome="passed",
        completed_on=D(2023, 11, 20),
        expires_on=D(2026, 11, 20),
    )
    ScreeningCheck.create(
        participant=zoe, kind="training", outcome="passed", completed_on=D(2026, 9, 10), hours=2.0
    )
    pair = match(
        p, "active", D(2026, 5, 1), [(zoe, "mentor"), (lukasz, "mentee")], planned_end_on=D(2027, 5, 1)
    )
    for day in (D(2026, 9, 5), D(2026, 9, 19), D(2026, 10, 3), D(2026, 10, 17), D(2026, 10, 29)):
        held(pair, day)
    Meeting.create(match=pair, starts_at=datetime(2026, 11, 15, 16), status="planned")
    group = match(p, "active", D(2026, 9, 15), [(eleni, "mentor"), (hanako, "mentee"), (yael, "mentee")])
    held(group, D(2026, 9, 15))
    held(group, D(2026, 10, 10), actual=90)
    same_day = match(
        p,
        "closed",
        D(2026, 10, 5),
        [(eleni, "mentor"), (lukasz, "mentee")],
        closed_on=D(2026, 10, 5),
        closure_kind="premature",
        closure_reason="moved away",
    )
    match(p, "draft", None, [(zoe, "mentor"), (yael, "mentee")])
    Goal.create(match=pair, title="Reading", status="achieved", achieved_on=D(2026, 9, 20))
    Goal.create(match=group, title="Maths", status="in_progress")
    ContactLog.create(programme=p, match=pair, contacted_at=datetime(2026, 9, 3, 10))
    return {"programme": p, "pair": pair, "group": group, "same_day": same_day, "waiting": layla}
