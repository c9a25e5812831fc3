"""Demo programmes for the smaller forms of mentoring: cascade, reverse and developmental.

Each is its own programme with its own people (names in several scripts), so the main demo stays
as the tests count it:

- *cascade*: two first mentors; last round's mentees, two of whom completed their cycle and were
  promoted (through ``pairing.promote_to_mentor``, as a coordinator would) and now mentor this
  round's mentees; one promoted mentor is still in screening. Pairing › Tiers shows three tiers.
- *reverse*: graduates mentoring directors, with the reverse agreement and letters.
- *developmental*: a pair where the mentor keeps development goals and reflections too.

Kofi (cascade, his match ended early) and Yasmin (developmental, completed) have left their
programmes: the alumni filter on the Participants page finds them from any programme.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from mentordesk.core.vocab import (
    ClosureKind,
    ConsentKind,
    EnrolmentStatus,
    GoalStatus,
    MatchStatus,
    ProgrammeKind,
    Role,
)
from mentordesk.store.models import (
    ConsentRecord,
    Enrolment,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Participant,
    Programme,
    Reflection,
    ScreeningCheck,
)

CASCADE_PROGRAMME = "Sixth-form cascade mentoring (demo)"
REVERSE_PROGRAMME = "Reverse mentoring: graduates and directors (demo)"
DEVELOPMENTAL_PROGRAMME = "Leaders learning together (demo)"


def _unique(name: str) -> str:
    candidate, n = name, 2
    while Programme.select().where(Programme.name == candidate).exists():
        candidate, n = f"{name} {n}", n + 1
    return candidate


def _programme(name: str, kind: ProgrammeKind, description: str, today: date) -> Programme:
    return Programme.create(
        name=_unique(name),
        kind=kind.value,
        description=description,
        starts_on=today - timedelta(days=300),
        ends_on=today + timedelta(days=400),
        meeting_frequency_days=14,
        meeting_length_minutes=45,
        meeting_places="Sixth-form centre"
        if kind == ProgrammeKind.CASCADE
        else "Meeting room 3, head office",
        coordinator_name="Alex Morgan",
    )


def _ascii(text: str) -> str:
    """Letters for a made-up e-mail address: accents dropped (Núñez -> nunez); other scripts give ""."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def _person(first: str, last: str, born: date, organisation: str, department: str) -> Participant:
    local = ".".join(part for part in (_ascii(first), _ascii(last)) if part) or "person"
    return Participant.create(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        organisation=organisation,
        department=department,
        email=f"{local}.{born.year}@example.org",
    )


def _cleared(person: Participant, programme: Programme, today: date) -> None:
    for kind in ("interview", "reference", "reference", "code_of_conduct"):
        ScreeningCheck.create(
            participant=person,
            programme=programme,
            kind=kind,
            outcome="passed",
            completed_on=today - timedelta(days=320),
        )
    ScreeningCheck.create(
        participant=person,
        programme=programme,
        kind="background_check",
        outcome="passed",
        check_type="Enhanced DBS with barred list",
        completed_on=today - timedelta(days=330),
        expires_on=today + timedelta(days=760),
    )
    ScreeningCheck.create(
        participant=person, programme=programme, kind="training", outcome="passed",
        completed_on=today - timedelta(days=310), hours=3,
    )  # fmt: skip


def _enrol(
    person: Participant, programme: Programme, role: Role, status: EnrolmentStatus, today: date
) -> None:
    Enrolment.create(
        participant=person,
        programme=programme,
        role=role.value,
        status=status.value,
        capacity=2 if role == Role.MENTOR else 1,
        enrolled_on=today - timedelta(days=310),
    )


def _match(
    programme: Programme,
    mentor: Participant,
    mentee: Participant,
    started: date,
    *,
    closed: date | None = None,
    kind: ClosureKind = ClosureKind.PLANNED,
    why: str = "",
) -> Match:
    match = Match.create(
        programme=programme,
        status=(MatchStatus.CLOSED if closed else MatchStatus.ACTIVE).value,
        score=74.0,
        rationale=why,
        started_on=started,
        planned_end_on=started + timedelta(days=150),
        first_meeting_on=started + timedelta(days=3),
        first_meeting_staff="Alex Morgan",
        agreement_signed_on=started + timedelta(days=3),
        closed_on=closed,
        closure_kind=kind.value if closed else None,
        closure_code=("programme_ended" if kind == ClosureKind.PLANNED else "moved_away") if closed else "",
        closure_reason=("The cycle ended as planned." if kind == ClosureKind.PLANNED else "Moved away.")
        if closed
        else "",
        closure_initiated_by="coordinator" if closed else "",
    )
    MatchMember.create(match=match, participant=mentor, role=Role.MENTOR.value)
    MatchMember.create(match=match, participant=mentee, role=Role.MENTEE.value)
    return match


def add_cascade(today: date) -> Programme:
    """Three tiers: teachers, last round's mentees (promoted), this round's Year 12 students."""
    programme = _programme(
        CASCADE_PROGRAMME,
        ProgrammeKind.CASCADE,
        "Teachers mentor Year 13 students, who then mentor the Year 12 students who follow them.",
        today,
    )
    school = "Riverside Academy"
    teachers = [
        _person("Margaret", "O'Connell", date(1975, 4, 2), school, "Staff"),
        _person("Dmitri", "Соколов", date(1981, 9, 14), school, "Staff"),
    ]
    year13 = [
        _person("Aisha", "Rahman", date(2008, 2, 11), school, "Year 13"),
        _person("Jonas", "Weiß", date(2008, 6, 3), school, "Year 13"),
        _person("Hana", "佐藤", date(2008, 1, 22), school, "Year 13"),
        _person("Kofi", "Mensah", date(2008, 4, 30), school, "Year 13"),
    ]
    year12 = [
        _person("Rosa", "Núñez", date(2009, 3, 8), school, "Year 12"),
        _person("Elif", "Yılmaz", date(2009, 7, 19), school, "Year 12"),
    ]
    for teacher in teachers:
        _enrol(teacher, programme, Role.MENTOR, EnrolmentStatus.MATCHED, today)
        _cleared(teacher, programme, today)
    for student in year13:
        _enrol(student, programme, Role.MENTEE, EnrolmentStatus.EXITED, today)
    for student in year12:
        _enrol(student, programme, Role.MENTEE, EnrolmentStatus.MATCHED, today)
        guardian = Guardian.create(
            participant=student,
            name=f"Parent of {student.first_name}",
            relationship="Parent",
            phone="07700 900998",
        )
        ConsentRecord.create(
            participant=student,
            guardian=guardian,
            kind=ConsentKind.PARENTAL_PERMISSION.value,
            given=True,
            given_on=today - timedelta(days=300),
        )
    first_round = today - timedelta(days=290)
    end_of_round = today - timedelta(days=120)
    _match(
        programme,
        teachers[0],
        year13[0],
        first_round,
        closed=end_of_round,
        why="Both want to study medicine.",
    )
    _match(programme, teachers[0], year13[1], first_round, closed=end_of_round, why="Engineering interest.")
    _match(programme, teachers[1], year13[2], first_round, closed=end_of_round, why="Languages.")
    # Kofi's match ended early: he has not completed a cycle and stays an alumnus, not a mentor.
    _match(programme, teachers[1], year13[3], first_round, closed=first_round + timedelta(days=40),
           kind=ClosureKind.PREMATURE)  # fmt: skip
    Enrolment.update(exited_on=first_round + timedelta(days=40), exit_reason="Left the sixth form.").where(
        (Enrolment.participant == year13[3]) & (Enrolment.programme == programme)
    ).execute()
    return programme


def promote_cascade(programme: Programme, today: date) -> int:
    """Promote last round's mentees who completed their cycle (the real service) and pair two of them."""
    from mentordesk.services import pairing

    people = {
        p.first_name: p for p in Participant.select().join(Enrolment).where(Enrolment.programme == programme)
    }
    promoted = pairing.promote_to_mentor(
        programme.id, [people[n].id for n in ("Aisha", "Jonas", "Hana")], capacity=1, today=today
    )
    # Aisha and Jonas finished their mentor screening; Hana's is still in progress.
    second_round = today - timedelta(days=60)
    for name, mentee in (("Aisha", "Rosa"), ("Jonas", "Elif")):
        ScreeningCheck.delete().where(
            (ScreeningCheck.participant == people[name]) & (ScreeningCheck.outcome == "pending")
        ).execute()
        _cleared(people[name], programme, today)
        Enrolment.update(status=EnrolmentStatus.MATCHED.value).where(
            (Enrolment.participant == people[name]) & (Enrolment.programme == programme)
        ).execute()
        _match(programme, people[name], people[mentee], second_round, why="Promoted from last round.")
    return len(promoted.promoted)


def add_reverse(today: date) -> Programme:
    programme = _programme(
        REVERSE_PROGRAMME,
        ProgrammeKind.REVERSE,
        "Graduates share what they know of social media and new tools with the board.",
        today,
    )
    firm = "Harbour Engineering"
    pairs = [
        (_person("Tamar", "כהן", date(2001, 5, 6), firm, "Graduate scheme"),
         _person("Richard", "Ashworth", date(1966, 10, 1), firm, "Board")),
        (_person("Lucía", "Fernández", date(2000, 11, 21), firm, "Graduate scheme"),
         _person("Катерина", "Петренко", date(1970, 2, 17), firm, "Finance")),
    ]  # fmt: skip
    for junior, senior in pairs:
        _enrol(junior, programme, Role.MENTOR, EnrolmentStatus.MATCHED, today)
        _enrol(senior, programme, Role.MENTEE, EnrolmentStatus.MATCHED, today)
        _cleared(junior, programme, today)
        match = _match(
            programme, junior, senior, today - timedelta(days=70), why="Social media and new tools."
        )
        Goal.create(
            match=match,
            owner=senior,
            title="Post a project update on the company's channel each month",
            measurable="Three posts by the review",
            target_date=today + timedelta(days=90),
            status=GoalStatus.IN_PROGRESS.value,
            progress=30,
        )
    return programme


def add_developmental(today: date) -> Programme:
    programme = _programme(
        DEVELOPMENTAL_PROGRAMME,
        ProgrammeKind.DEVELOPMENTAL,
        "New team leaders paired with experienced managers; both keep development goals.",
        today,
    )
    firm = "Northgate Housing"
    mentor = _person("Abebe", "Tesfaye", date(1972, 8, 9), firm, "Operations")
    mentee = _person("Niamh", "Ní Bhriain", date(1994, 3, 27), firm, "Lettings")
    alumna = _person("Yasmin", "الحسيني", date(1990, 12, 4), firm, "Lettings")
    _enrol(mentor, programme, Role.MENTOR, EnrolmentStatus.MATCHED, today)
    _enrol(mentee, programme, Role.MENTEE, EnrolmentStatus.MATCHED, today)
    _enrol(alumna, programme, Role.MENTEE, EnrolmentStatus.EXITED, today)
    Enrolment.update(exited_on=today - timedelta(days=30), exit_reason="Completed the programme.").where(
        Enrolment.participant == alumna
    ).execute()
    _cleared(mentor, programme, today)
    match = _match(
        programme, mentor, mentee, today - timedelta(days=90), why="Both lead teams through change."
    )
    goals = [
        (mentee, "Run my first team meeting without notes", 60),
        (mentor, "Give feedback as questions, not answers", 40),
        (mentor, "Learn the new lettings system from my mentee", 20),
    ]
    for owner, title, progress in goals:
        Goal.create(
            match=match,
            owner=owner,
            title=title,
            measurable="Agreed at the next review",
            target_date=today + timedelta(days=60),
            status=GoalStatus.IN_PROGRESS.value,
            progress=progress,
        )
    for author, role, text in (
        (mentor, "mentor", "I asked three questions before offering advice; Niamh found her own answer."),
        (mentee, "mentee", "The team meeting ran to time."),
    ):
        Reflection.create(
            match=match,
            author=author,
            author_role=role,
            written_on=today - timedelta(days=10),
            successes=text,
            next_steps="Keep going.",
        )
    return programme
