"""A realistic demo programme, so a new user sees a living scheme and the screenshots have content.

Deterministic (seeded) so screenshots and tests are stable. Written inside one
transaction and recorded in the audit trail as one event.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from mentordesk.core.vocab import (
    CheckKind,
    CheckOutcome,
    ConsentKind,
    EnrolmentStatus,
    MatchStatus,
    MeetingMode,
    MeetingStatus,
    ProgrammeKind,
    Role,
    TagDirection,
    TagKind,
)
from mentordesk.services.demo import goals as demo_goals, people
from mentordesk.store import audit
from mentordesk.store.db import database
from mentordesk.store.models import (
    AvailabilitySlot,
    AwayPeriod,
    ConsentRecord,
    ContactLog,
    Enrolment,
    Guardian,
    Match,
    MatchMember,
    Meeting,
    Participant,
    ParticipantTag,
    Programme,
    ScreeningCheck,
    Tag,
)

DEMO_PROGRAMME = "Riverside Futures 2026/27 (demo)"
MENTORS = 14
MENTEES = 26


def has_data() -> bool:
    return Participant.select().exists() or Programme.select().exists()


def _tag(kind: TagKind, name: str) -> Tag:
    tag, _ = Tag.get_or_create(kind=kind.value, name=name)
    return tag


def seed_demo(today: date | None = None, seed: int = 7) -> dict[str, int]:
    """Write the demo programme; returns how many of each thing it made."""
    today = today or date.today()
    rng = random.Random(seed)
    with database.atomic(), audit.suspended():
        summary = _seed(today, rng)
    audit.record("demo", "programme", None, summary="demo programme created")
    return summary


def _seed(today: date, rng: random.Random) -> dict[str, int]:
    start = today - timedelta(days=120)
    name = DEMO_PROGRAMME
    n = 2
    while Programme.select().where(Programme.name == name).exists():
        name = f"{DEMO_PROGRAMME} {n}"
        n += 1
    programme = Programme.create(
        name=name,
        kind=ProgrammeKind.ONE_TO_ONE.value,
        description="A school-based scheme pairing Year 9-11 students with volunteers from local employers.",
        starts_on=start,
        ends_on=start + timedelta(days=365),
        meeting_frequency_days=14,
        meeting_length_minutes=60,
        meeting_places="School library or Room 12, during the Tuesday and Thursday clubs",
        coordinator_name="Alex Morgan",
    )
    mentors: list[Participant] = []
    mentees: list[Participant] = []
    for i in range(MENTORS + MENTEES):
        is_mentor = i < MENTORS
        first = people.FIRST_NAMES[i % len(people.FIRST_NAMES)]
        last = people.LAST_NAMES[(i * 7) % len(people.LAST_NAMES)]
        if is_mentor:
            dob = date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
            org = rng.choice(people.ORGANISATIONS[2:])
            dept = rng.choice(people.DEPARTMENTS[3:6])
        else:
            dob = date(today.year - rng.randint(13, 17), rng.randint(1, 12), rng.randint(1, 28))
            org = people.ORGANISATIONS[rng.randint(0, 1)]
            dept = rng.choice(people.DEPARTMENTS[:3] + [people.DEPARTMENTS[6]])
        email_name = f"{i}.{last}".lower().replace("'", "").replace(" ", "")
        person = Participant.create(
            first_name=first,
            last_name=last,
            email=f"person{email_name.encode('ascii', 'ignore').decode() or i}@example.org",
            phone=f"07700 900{100 + i:03d}",
            date_of_birth=dob,
            organisation=org,
            department=dept,
            seniority=rng.randint(2, 25) if is_mentor else None,
            notes="Prefers meetings after school." if i % 9 == 0 else "",
        )
        (mentors if is_mentor else mentees).append(person)
        _add_tags(person, is_mentor, rng)
        _add_availability(person, rng)
    # Status and screening in every state: cleared, expiring soon, expired, missing references, untrained.
    states = [
        "cleared",
        "cleared",
        "expiring",
        "cleared",
        "expired",
        "references",
        "cleared",
        "untrained",
        "cleared",
        "cleared",
        "screening",
        "cleared",
        "cleared",
        "applied",
    ]
    for mentor, state in zip(mentors, states, strict=True):
        status = {"screening": EnrolmentStatus.SCREENING, "applied": EnrolmentStatus.APPLIED}.get(
            state, EnrolmentStatus.READY
        )
        Enrolment.create(
            participant=mentor,
            programme=programme,
            role=Role.MENTOR.value,
            status=status.value,
            capacity=2 if rng.random() < 0.3 else 1,
            enrolled_on=start - timedelta(days=30),
        )
        _add_mentor_checks(mentor, programme, state, today)
    for k, mentee in enumerate(mentees):
        status = EnrolmentStatus.READY if k % 6 else EnrolmentStatus.SCREENING
        if k == 5:
            status = EnrolmentStatus.ON_HOLD
        Enrolment.create(
            participant=mentee,
            programme=programme,
            role=Role.MENTEE.value,
            status=status.value,
            referral_source=rng.choice(["Head of year", "Self-referral", "Parent", "Pastoral team"]),
            enrolled_on=start - timedelta(days=20),
        )
        _add_guardian_and_consent(mentee, today, complete=k % 7 != 3)
    AwayPeriod.create(
        participant=mentors[3],
        starts_on=today + timedelta(days=10),
        ends_on=today + timedelta(days=24),
        reason="Holiday",
    )
    counts = _add_matches(programme, mentors, mentees, today, rng)
    demo_goals.add_templates(programme)
    counts.update(programme=1, participants=len(mentors) + len(mentees))
    return counts


def _add_tags(person: Participant, is_mentor: bool, rng: random.Random) -> None:
    direction = TagDirection.OFFERS if is_mentor else TagDirection.SEEKS
    picks = [(TagKind.SKILL, s) for s in rng.sample(people.SKILLS, 2)]
    picks += [(TagKind.GOAL_AREA, g) for g in rng.sample(people.GOAL_AREAS, 1 if is_mentor else 2)]
    for kind, name in picks:
        ParticipantTag.create(participant=person, tag=_tag(kind, name), direction=direction.value)
    for name in rng.sample(people.INTERESTS, 2):
        ParticipantTag.create(participant=person, tag=_tag(TagKind.INTEREST, name), direction="both")
    for name in ["English"] + rng.sample(people.LANGUAGES[1:], rng.randint(0, 1)):
        ParticipantTag.create(participant=person, tag=_tag(TagKind.LANGUAGE, name), direction="both")


def _add_availability(person: Participant, rng: random.Random) -> None:
    for weekday in rng.sample(range(5), 2):
        start = rng.choice([15 * 60 + 30, 16 * 60, 17 * 60])
        AvailabilitySlot.create(
            participant=person, weekday=weekday, start_minute=start, end_minute=start + 90
        )


def _add_mentor_checks(mentor: Participant, programme: Programme, state: str, today: date) -> None:
    passed = CheckOutcome.PASSED.value
    if state == "applied":
        ScreeningCheck.create(
            participant=mentor,
            programme=programme,
            kind=CheckKind.APPLICATION.value,
            outcome=passed,
            completed_on=today - timedelta(days=3),
        )
        return
    ScreeningCheck.create(
        participant=mentor,
        programme=programme,
        kind=CheckKind.APPLICATION.value,
        outcome=passed,
        completed_on=today - timedelta(days=160),
    )
    ScreeningCheck.create(
        participant=mentor,
        programme=programme,
        kind=CheckKind.INTERVIEW.value,
        outcome=passed,
        completed_on=today - timedelta(days=150),
        person_name="Alex Morgan",
    )
    references = 1 if state in ("references", "screening") else 2
    for r in range(references):
        ScreeningCheck.create(
            participant=mentor,
            programme=programme,
            kind=CheckKind.REFERENCE.value,
            outcome=passed,
            completed_on=today - timedelta(days=140 - r),
            person_name=["Sam Carter", "Dr Lee Wong"][r],
            relationship=["Line manager", "Former teacher"][r],
        )
    if state == "screening":
        ScreeningCheck.create(
            participant=mentor,
            programme=programme,
            kind=CheckKind.BACKGROUND.value,
            outcome=CheckOutcome.PENDING.value,
            check_type="Enhanced DBS with barred list",
        )
        return
    cleared = {
        "expired": today - timedelta(days=3 * 365 + 10),
        "expiring": today - timedelta(days=3 * 365 - 20),
    }
    cleared_on = cleared.get(state, today - timedelta(days=130))
    ScreeningCheck.create(
        participant=mentor,
        programme=programme,
        kind=CheckKind.BACKGROUND.value,
        outcome=passed,
        check_type="Enhanced DBS with barred list",
        reference_number=f"00{mentor.id:04d}7731",
        completed_on=cleared_on,
        expires_on=cleared_on + timedelta(days=3 * 365),
    )
    if state != "untrained":
        ScreeningCheck.create(
            participant=mentor,
            programme=programme,
            kind=CheckKind.TRAINING.value,
            outcome=passed,
            completed_on=today - timedelta(days=125),
            hours=3.0,
            topics="Safeguarding, boundaries, mandatory reporting",
        )
    ScreeningCheck.create(
        participant=mentor,
        programme=programme,
        kind=CheckKind.CODE_OF_CONDUCT.value,
        outcome=passed,
        completed_on=today - timedelta(days=125),
    )


def _add_guardian_and_consent(mentee: Participant, today: date, complete: bool) -> None:
    guardian = Guardian.create(
        participant=mentee,
        name=f"Parent of {mentee.first_name}",
        relationship="Parent",
        phone="07700 900999",
        email="guardian@example.org",
        is_emergency_contact=True,
    )
    kinds = [ConsentKind.PARENTAL_PERMISSION, ConsentKind.INFORMATION_RELEASE, ConsentKind.CONFIDENTIALITY]
    for kind in kinds if complete else kinds[1:]:
        ConsentRecord.create(
            participant=mentee,
            guardian=guardian,
            kind=kind.value,
            given=True,
            given_on=today - timedelta(days=100),
        )


def _add_matches(programme, mentors, mentees, today, rng) -> dict[str, int]:
    matches = meetings = goals = 0
    pairs = [
        (mentors[0], mentees[1]),
        (mentors[1], mentees[2]),
        (mentors[3], mentees[3]),
        (mentors[6], mentees[4]),
        (mentors[8], mentees[7]),
        (mentors[9], mentees[8]),
    ]
    for n, (mentor, mentee) in enumerate(pairs):
        started = today - timedelta(days=90 - n * 9)
        status = MatchStatus.PAUSED if n == 4 else MatchStatus.ACTIVE
        match = Match.create(
            programme=programme,
            status=status.value,
            score=round(rng.uniform(62, 94), 1),
            score_breakdown=[{"criterion": "interests", "points": 30, "reason": "shared interests"}],
            rationale="Shared interests and both free on Tuesday after school.",
            started_on=started,
            planned_end_on=started + timedelta(days=300),
            first_meeting_on=started + timedelta(days=7),
            first_meeting_staff="Alex Morgan",
            agreement_signed_on=started + timedelta(days=7) if n % 3 else None,
        )
        MatchMember.create(match=match, participant=mentor, role=Role.MENTOR.value)
        MatchMember.create(match=match, participant=mentee, role=Role.MENTEE.value)
        for person in (mentor, mentee):
            Enrolment.update(status=EnrolmentStatus.MATCHED.value).where(
                (Enrolment.participant == person) & (Enrolment.programme == programme)
            ).execute()
        matches += 1
        # Every fortnight from the first meeting; the last match has drifted (no meeting for weeks).
        last_day = today - timedelta(days=40) if n == 5 else today + timedelta(days=28)
        # Meetings fall on the Tuesday or Thursday after-school club.
        day = started + timedelta(days=7)
        club_day = 1 if n % 2 == 0 else 3
        day += timedelta(days=(club_day - day.weekday()) % 7)
        while day <= last_day:
            past = day < today
            status_m = (
                MeetingStatus.HELD
                if past and rng.random() > 0.15
                else (MeetingStatus.CANCELLED if past else MeetingStatus.PLANNED)
            )
            Meeting.create(
                match=match,
                starts_at=datetime.combine(day, time(16, 0)),
                duration_minutes=60,
                place=rng.choice(people.PLACES),
                mode=MeetingMode.IN_PERSON.value,
                status=status_m.value,
                cancelled_by="mentee" if status_m == MeetingStatus.CANCELLED else "",
                notes="Talked through revision plan." if status_m == MeetingStatus.HELD else "",
            )
            meetings += 1
            day += timedelta(days=14)
        goals += demo_goals.add_goals(match, mentee, today, n)
        ContactLog.create(
            programme=programme,
            match=match,
            participant=mentor,
            contacted_at=datetime.combine(started + timedelta(days=12), time(12, 30)),
            with_whom="mentor",
            channel="phone",
            summary="Two-week check-in: going well.",
            relationship_quality=4,
        )
    # One closed match, for closure letters and statistics.
    closed = Match.create(
        programme=programme,
        status=MatchStatus.CLOSED.value,
        score=71.0,
        started_on=today - timedelta(days=110),
        closed_on=today - timedelta(days=20),
        closure_kind="premature",
        closure_reason="Mentor relocated for work",
        closure_initiated_by="mentor",
        rematch_eligible=True,
    )
    MatchMember.create(match=closed, participant=mentors[11], role=Role.MENTOR.value)
    MatchMember.create(match=closed, participant=mentees[10], role=Role.MENTEE.value)
    return {"matches": matches + 1, "meetings": meetings, "goals": goals}
