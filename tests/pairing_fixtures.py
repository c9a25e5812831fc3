"""Small, readable programmes for the pairing tests: people with exactly the facts a test needs."""

from __future__ import annotations

from datetime import date, timedelta

from mentordesk.services.pairing import review, run
from mentordesk.store.models import (
    AvailabilitySlot,
    ConsentRecord,
    Enrolment,
    Guardian,
    Participant,
    ParticipantTag,
    Programme,
    ScreeningCheck,
    Tag,
)

TODAY = date.today()
ADULT = date(1985, 5, 1)
CHILD = TODAY.replace(year=TODAY.year - 14) - timedelta(days=30)


def _tags(person: Participant, direction: str, kind: str, names) -> None:
    for name in names:
        tag, _ = Tag.get_or_create(kind=kind, name=name)
        ParticipantTag.create(participant=person, tag=tag, direction=direction)


def _slots(person: Participant, slots) -> None:
    for weekday, start, end in slots:
        AvailabilitySlot.create(participant=person, weekday=weekday, start_minute=start, end_minute=end)


def clear(person: Participant, programme: Programme) -> None:
    """Every check a mentor needs under the default clearance rules."""
    passed = "passed"
    for kind in ("interview", "code_of_conduct"):
        ScreeningCheck.create(
            participant=person, programme=programme, kind=kind, outcome=passed, completed_on=TODAY
        )
    for _ in range(2):
        ScreeningCheck.create(
            participant=person, programme=programme, kind="reference", outcome=passed, completed_on=TODAY
        )
    ScreeningCheck.create(
        participant=person,
        programme=programme,
        kind="background_check",
        outcome=passed,
        completed_on=TODAY - timedelta(days=10),
        expires_on=TODAY + timedelta(days=700),
    )
    ScreeningCheck.create(
        participant=person, programme=programme, kind="training", outcome=passed, completed_on=TODAY, hours=3
    )


def mentor(
    programme: Programme,
    name: str,
    *,
    capacity: int = 1,
    skills=(),
    interests=(),
    slots=((1, 16 * 60, 17 * 60),),
    cleared: bool = True,
    status: str = "ready",
    dob: date | None = ADULT,
    organisation: str = "Harbour Engineering",
    department: str = "Engineering",
    role: str = "mentor",
    seniority: int | None = None,
) -> Participant:
    person = Participant.create(
        first_name=name,
        last_name="Mentor",
        date_of_birth=dob,
        organisation=organisation,
        department=department,
        seniority=seniority,
    )
    Enrolment.create(participant=person, programme=programme, role=role, status=status, capacity=capacity)
    _tags(person, "offers", "skill", skills)
    _tags(person, "both", "interest", interests)
    _tags(person, "both", "language", ["English"])
    _slots(person, slots)
    if cleared:
        clear(person, programme)
    return person


def mentee(
    programme: Programme,
    name: str,
    *,
    skills=(),
    interests=(),
    slots=((1, 16 * 60, 17 * 60),),
    dob: date | None = CHILD,
    consent: bool = True,
    status: str = "ready",
    preferences: str = "",
    organisation: str = "Riverside Academy",
    department: str = "Year 10",
    role: str = "mentee",
) -> Participant:
    person = Participant.create(
        first_name=name,
        last_name="Mentee",
        date_of_birth=dob,
        organisation=organisation,
        department=department,
    )
    Enrolment.create(
        participant=person, programme=programme, role=role, status=status, preferences=preferences
    )
    _tags(person, "seeks", "skill", skills)
    _tags(person, "both", "interest", interests)
    _tags(person, "both", "language", ["English"])
    _slots(person, slots)
    if consent and dob is not None:
        guardian = Guardian.create(participant=person, name=f"Parent of {name}")
        ConsentRecord.create(
            participant=person, guardian=guardian, kind="parental_permission", given=True, given_on=TODAY
        )
    return person


def make_programme(name: str = "Pairing test", kind: str = "one_to_one") -> Programme:
    return Programme.create(name=name, kind=kind, starts_on=TODAY)


# -- shared by tests/test_pairing_services*.py ------------------------------------------------------


def drafts(programme_id: int) -> dict[int, int]:
    """mentee id -> mentor id of the programme's drafts."""
    return {r.mentee_id: r.mentor_id for r in review.list_drafts(programme_id)}


def status_of(programme, person) -> str:
    return Enrolment.get(Enrolment.programme == programme, Enrolment.participant == person).status


def two_by_two(db):
    """Two mentees and two mentors whose interests pair them up, after one run of the matcher."""
    programme = make_programme()
    a = mentee(programme, "Ana", interests=["chess"])
    b = mentee(programme, "Ben", interests=["art"])
    x = mentor(programme, "Xia", interests=["chess"])
    y = mentor(programme, "Yan", interests=["art"])
    run.run_matcher(programme.id)
    return programme, a, b, x, y
