"""The demo's shadow board: six students who shadow the school's leadership team, two sponsors, three
sessions with attendance, and recommendations in every outcome (accepted, declined, in progress, awaiting)."""

from __future__ import annotations

from datetime import date, timedelta

from mentordesk.core.vocab import EnrolmentStatus, ProgrammeKind, RecommendationOutcome, Role
from mentordesk.store.models import (
    BoardRecommendation,
    BoardSession,
    BoardSessionAttendance,
    BoardSponsor,
    Enrolment,
    Participant,
    Programme,
)

BOARD_PROGRAMME = "Student shadow board 2026/27 (demo)"


def add_shadow_board(today: date, members: list[Participant]) -> Programme:
    name, n = BOARD_PROGRAMME, 2
    while Programme.select().where(Programme.name == name).exists():
        name, n = f"{BOARD_PROGRAMME} {n}", n + 1
    start = today - timedelta(days=100)
    programme = Programme.create(
        name=name,
        kind=ProgrammeKind.SHADOW_BOARD.value,
        description="Six students from Years 10-12 shadow the senior leadership team and advise it on real decisions.",
        starts_on=start,
        ends_on=start + timedelta(days=330),
        meeting_frequency_days=28,
        meeting_length_minutes=90,
        meeting_places="Meeting room by the head's office",
        coordinator_name="Alex Morgan",
    )
    for person in members:
        Enrolment.create(
            participant=person,
            programme=programme,
            role=Role.MENTEE.value,
            status=EnrolmentStatus.READY.value,
            enrolled_on=start,
        )
    head = BoardSponsor.create(programme=programme, name="Dr Amara Mensah", role="Headteacher")
    business = BoardSponsor.create(programme=programme, name="Jürgen Schröder", role="Business manager")
    sessions = []
    plan = [
        (84, "Budget priorities", "Library opening hours\nSchool meals contract\nPrinting costs"),
        (56, "Wellbeing", "Phones during lessons\nA quiet room at lunchtime"),
        (28, "Sustainability", "Recycling in classrooms\nCycle storage"),
        (-14, "Timetable consultation", "Length of the lunch break\nClubs after school"),  # planned
    ]
    for k, (days_ago, title, topics) in enumerate(plan):
        held = today - timedelta(days=days_ago)
        session = BoardSession.create(
            programme=programme,
            held_on=held,
            title=title,
            topics=topics,
            place="Meeting room by the head's office",
            notes="Minutes shared with the senior leadership team." if days_ago > 0 else "",
        )
        sessions.append(session)
        if days_ago <= 0:
            continue  # not held yet: no attendance
        for i, person in enumerate(members):
            status = "present"
            if (i + k) % 5 == 4:
                status = "apologies"
            elif (i + k) % 7 == 6:
                status = "absent"
            BoardSessionAttendance.create(session=session, participant=person, status=status)
    recommendations = [
        (
            0,
            head,
            "Keep the library open until 18:00 on weekdays",
            RecommendationOutcome.ACCEPTED,
            70,
            "From next term.",
        ),
        (
            0,
            business,
            "Offer a vegetarian main course every day",
            RecommendationOutcome.DECLINED,
            60,
            "The catering contract runs to 2028; to be raised at renewal.",
        ),
        (
            1,
            head,
            "Phones in lockers during lessons, trialled in Year 9",
            RecommendationOutcome.IN_PROGRESS,
            40,
            "Trial running for six weeks.",
        ),
        (
            1,
            head,
            "A quiet room open at lunchtime",
            RecommendationOutcome.ACCEPTED,
            35,
            "Room 7, staffed by a TA.",
        ),
        (2, business, "Recycling bins in every classroom", RecommendationOutcome.AWAITING, None, ""),
        (2, business, "Covered cycle storage by the main gate", RecommendationOutcome.AWAITING, None, ""),
    ]
    for session_index, sponsor, title, outcome, decided_ago, note in recommendations:
        session = sessions[session_index]
        BoardRecommendation.create(
            programme=programme,
            session=session,
            sponsor=sponsor,
            made_on=session.held_on,
            title=title,
            outcome=outcome.value,
            decided_on=today - timedelta(days=decided_ago) if decided_ago is not None else None,
            outcome_note=note,
        )
    return programme


def recommendation_count(programme: Programme) -> int:
    return BoardRecommendation.select().where(BoardRecommendation.programme == programme).count()
