"""A shadow board with members in every script, two sponsors, sessions and recommendations, for the
service, CLI and GUI tests of the Board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mentordesk.services import board, programmes
from mentordesk.services.board import OutcomeInput, RecommendationInput, SessionInput, SponsorInput
from mentordesk.store.models import Enrolment, Participant, Programme

TODAY = date(2027, 3, 15)
NAMES = [
    ("Zoë", "Ó'Brien"),
    ("Ελένη", "Παπαδοπούλου"),
    ("Алексей", "Соколов"),
    ("美咲", "田中"),
    ("فاطمة", "الزهراء"),
    ("נועה", "כהן"),
]


@dataclass
class Board:
    programme: Programme
    members: list[Participant]
    sponsors: list[int]
    sessions: list[int]
    recommendations: list[int]


def empty_board(name: str = "Youth shadow board 2027") -> tuple[Programme, list[Participant]]:
    row = programmes.create_programme(name, "shadow_board", date(2027, 1, 1), date(2027, 7, 31))
    programme = Programme.get_by_id(row.id)
    members = []
    for first, last in NAMES:
        person = Participant.create(first_name=first, last_name=last)
        Enrolment.create(participant=person, programme=programme, role="mentee", status="ready")
        members.append(person)
    return programme, members


def full_board() -> Board:
    programme, members = empty_board()
    head = board.add_sponsor(programme.id, SponsorInput("Dr Amara Mensah", "Headteacher", "head@example.org"))
    coo = board.add_sponsor(programme.id, SponsorInput("Jürgen Schröder", "Chief operating officer"))
    first = board.add_session(
        programme.id,
        SessionInput(date(2027, 1, 19), "Budget priorities", "Library opening hours\nSchool meals"),
        {
            members[0].id: "present",
            members[1].id: "present",
            members[2].id: "apologies",
            members[3].id: "absent",
        },
    )
    second = board.add_session(
        programme.id,
        SessionInput(date(2027, 2, 16), "", "Wellbeing week\n- Phone policy", place="Room 4"),
        {m.id: "present" for m in members},
    )
    recs = [
        board.add_recommendation(
            programme.id,
            RecommendationInput(
                date(2027, 1, 19), "Open the library until 18:00", session_id=first, sponsor_id=head
            ),
            OutcomeInput("accepted", date(2027, 2, 1), "From the summer term"),
            today=TODAY,
        ),
        board.add_recommendation(
            programme.id,
            RecommendationInput(
                date(2027, 1, 19), "A vegetarian option every day", session_id=first, sponsor_id=coo
            ),
            OutcomeInput("declined", date(2027, 2, 20), "Contract runs to 2028"),
            today=TODAY,
        ),
        board.add_recommendation(
            programme.id,
            RecommendationInput(date(2027, 2, 16), "Phones in lockers during lessons", session_id=second),
            OutcomeInput("in_progress", date(2027, 3, 1), "Trial in Year 9"),
            today=TODAY,
        ),
        board.add_recommendation(
            programme.id,
            RecommendationInput(date(2027, 2, 16), "A quiet room at lunch", session_id=second),
            today=TODAY,
        ),
    ]
    return Board(programme, members, [head, coo], [first, second], recs)
