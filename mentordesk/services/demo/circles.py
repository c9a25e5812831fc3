"""The demo's group programme: study circles, each run by two co-facilitators.

One circle is live (two mentors, six mentees, fortnightly sessions with each member's attendance, a
shared goal and each mentee's own); more mentors and mentees wait, for the matcher to form circles
that the coordinator reviews (seed_demo runs it).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from mentordesk.core.vocab import (
    EnrolmentStatus,
    GoalStatus,
    MatchStatus,
    MeetingMode,
    MeetingStatus,
    ProgrammeKind,
    Role,
)
from mentordesk.services import pairing
from mentordesk.services.demo import people
from mentordesk.store.models import (
    Attendance,
    AvailabilitySlot,
    Enrolment,
    Goal,
    Match,
    MatchMember,
    Meeting,
    Participant,
    Programme,
)

GROUP_PROGRAMME = "Year 9 study circles (demo)"
MENTORS = 6
MENTEES = 14
LIVE_MENTORS = 2
LIVE_MENTEES = 6
THURSDAY_4PM = (3, 16 * 60, 17 * 60 + 30)


def add_group_programme(today: date, rng: random.Random) -> tuple[Programme, dict[str, int]]:
    """The programme, its people (cleared mentors, mentees with consent) and one live circle."""
    from mentordesk.services.demo import programme as demo  # its helpers for people and checks

    name, n = GROUP_PROGRAMME, 2
    while Programme.select().where(Programme.name == name).exists():
        name, n = f"{GROUP_PROGRAMME} {n}", n + 1
    start = today - timedelta(days=90)
    programme = Programme.create(
        name=name,
        kind=ProgrammeKind.GROUP.value,
        description="After-school study circles: two volunteers from local employers with six Year 9 students.",
        starts_on=start,
        ends_on=start + timedelta(days=300),
        meeting_frequency_days=14,
        meeting_length_minutes=60,
        meeting_places="Library, Thursday study club",
        coordinator_name="Alex Morgan",
        settings=pairing.starting_settings(ProgrammeKind.GROUP.value),
    )
    breaks = demo._add_term_breaks(programme, start)
    mentors: list[Participant] = []
    mentees: list[Participant] = []
    for i in range(MENTORS + MENTEES):
        is_mentor = i < MENTORS
        first = people.FIRST_NAMES[(i * 3 + 5) % len(people.FIRST_NAMES)]
        last = people.LAST_NAMES[(i * 11 + 3) % len(people.LAST_NAMES)]
        if is_mentor:
            born = date(rng.randint(1970, 1998), rng.randint(1, 12), rng.randint(1, 28))
        else:
            born = date(today.year - 14, rng.randint(1, 12), rng.randint(1, 28))
        person = Participant.create(
            first_name=first,
            last_name=last,
            email=f"circle{i}@example.org",
            date_of_birth=born,
            organisation=rng.choice(people.ORGANISATIONS[2:]) if is_mentor else people.ORGANISATIONS[0],
            department=rng.choice(people.DEPARTMENTS[3:6]) if is_mentor else "Year 9",
        )
        demo._add_tags(person, is_mentor, rng)
        # Everyone can come to the Thursday study club; co-facilitators are teamed by shared free time.
        day, begin, end = THURSDAY_4PM
        AvailabilitySlot.create(participant=person, weekday=day, start_minute=begin, end_minute=end)
        (mentors if is_mentor else mentees).append(person)
    live_people = {p.id for p in mentors[:LIVE_MENTORS] + mentees[:LIVE_MENTEES]}
    for person in mentors + mentees:
        is_mentor = person in mentors
        Enrolment.create(
            participant=person,
            programme=programme,
            role=(Role.MENTOR if is_mentor else Role.MENTEE).value,
            status=(EnrolmentStatus.MATCHED if person.id in live_people else EnrolmentStatus.READY).value,
            capacity=6 if is_mentor else 1,
            enrolled_on=start - timedelta(days=14),
        )
        if is_mentor:
            demo._add_mentor_checks(person, programme, "cleared", today)
        else:
            demo._add_guardian_and_consent(person, today, complete=True)
    meetings = _live_circle(programme, mentors[:LIVE_MENTORS], mentees[:LIVE_MENTEES], start, today, breaks)
    return programme, {"participants": len(mentors) + len(mentees), "meetings": meetings, "matches": 1}


def _live_circle(
    programme: Programme,
    mentors: list[Participant],
    mentees: list[Participant],
    start: date,
    today: date,
    breaks: list[tuple[date, date]],
) -> int:
    """A running circle: fortnightly Thursday sessions, who came to each, shared and personal goals."""
    started = start + timedelta(days=7)
    match = Match.create(
        programme=programme,
        status=MatchStatus.ACTIVE.value,
        score=74.0,
        rationale="A study circle: two co-facilitators from the same firm, six students who asked for help "
        "with organising their homework.",
        started_on=started,
        planned_end_on=started + timedelta(days=250),
        first_meeting_on=started,
        first_meeting_staff="Alex Morgan",
        agreement_signed_on=started,
    )
    for person in mentors:
        MatchMember.create(match=match, participant=person, role=Role.MENTOR.value)
    for person in mentees:
        MatchMember.create(match=match, participant=person, role=Role.MENTEE.value, score=74.0)
    first = started + timedelta(days=(3 - started.weekday()) % 7)  # a Thursday
    from mentordesk.services.demo import programme as demo

    days, skipped = demo._fortnightly(first, today + timedelta(days=28), breaks)
    series = demo._series(match, first, days[-1], time(16, 0), skipped, "Library")
    everyone = mentors + mentees
    for days_in, note in (
        (10, "Both co-facilitators have settled in; the circle agreed its ground rules."),
        (40, "Sessions are lively; one student finds the group big and may want a quieter role."),
    ):
        demo._check_in(
            match, mentors[0], datetime.combine(started + timedelta(days=days_in), time(17, 0)), note
        )
    for n, day in enumerate(days):
        held = day < today
        meeting = Meeting.create(
            match=match,
            series=series,
            starts_at=datetime.combine(day, time(16, 0)),
            duration_minutes=60,
            place="Library",
            mode=MeetingMode.IN_PERSON.value,
            status=(MeetingStatus.HELD if held else MeetingStatus.PLANNED).value,
            actual_minutes=60 if held else None,
            activity="Homework planners and study skills" if held else "",
        )
        if held:
            # Not everyone comes every time: one student misses every third session, one co-facilitator
            # the fourth.
            absent = {mentees[n % len(mentees)].id} if n % 3 == 2 else set()
            if n == 3:
                absent.add(mentors[1].id)
            Attendance.insert_many(
                [
                    {"meeting": meeting.id, "participant": p.id, "attended": p.id not in absent}
                    for p in everyone
                ]
            ).execute()
    Goal.create(
        match=match,
        owner=None,  # shared by the circle
        title="Run a revision stall at the spring open evening",
        why="Working together on something the school will see.",
        target_date=today + timedelta(days=90),
        status=GoalStatus.IN_PROGRESS.value,
        progress=30,
    )
    titles = ["Hand homework in on time", "Read a book a month", "Join a club"]
    for person, title in zip(mentees[:3], titles, strict=True):
        Goal.create(
            match=match,
            owner=person,
            title=title,
            target_date=today + timedelta(days=60),
            status=GoalStatus.IN_PROGRESS.value,
            progress=50,
        )
    return len(days)
