"""A realistic demo programme, so a new user sees a living scheme and the screenshots have content.

Deterministic (seeded) so screenshots and tests are stable. Written inside one
transaction and recorded in the audit trail as one event. It shows every area working:
term breaks the meetings skip (nothing on 24 or 31 December), recurring meeting series, a
group match, a closed match with its closure record, overdue items of each kind, a pending
draft run of the matcher, a second, speed-mentoring programme with its timetable, a group
programme of study circles run by two co-facilitators each (services/demo/circles.py), and a shadow
board with its sponsors, sessions and recommendations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
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
from mentordesk.services import meetings as meetings_service
from mentordesk.services.demo import (
    board as demo_board,
    circles as demo_circles,
    concerns as demo_concerns,
    events as demo_events,
    goals as demo_goals,
    kinds as demo_kinds,
    people,
    record as demo_record,
    surveys as demo_surveys,
)
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
    MeetingSeries,
    Participant,
    ParticipantTag,
    Programme,
    ScreeningCheck,
    Tag,
)
from mentordesk.store.rows import tuples

DEMO_PROGRAMME = "Riverside Futures 2026/27 (demo)"
SPEED_PROGRAMME = "Careers speed-mentoring evening (demo)"
NETWORK_PROGRAMME = "Sixth-form mentor network (demo)"
# The demo people's goal areas (services/demo/people.py GOAL_AREAS) the network programme works with.
NETWORK_FOCUS_AREAS = ["Careers", "University choice", "Exam preparation", "Wellbeing", "Confidence"]
MENTORS = 14
MENTEES = 26


def has_data() -> bool:
    return Participant.select().exists() or Programme.select().exists()


def main_programme_id() -> int:
    """The demo's one-to-one programme (the newest, if the demo was written twice): the one to open on.

    The speed-mentoring evening starts later, so it comes first in the programme list; a newcomer's
    first participant and import belong in the main programme. 0 when there is no demo."""
    programme = (
        Programme.select(Programme.id)
        .where(Programme.name.startswith(DEMO_PROGRAMME) & (Programme.kind == ProgrammeKind.ONE_TO_ONE.value))
        .order_by(Programme.id.desc())
        .first()
    )
    return programme.id if programme is not None else 0


def _tag(kind: TagKind, name: str) -> Tag:
    tag, _ = Tag.get_or_create(kind=kind.value, name=name)
    return tag


def seed_demo(today: date | None = None, seed: int = 7, *, showcase: bool = False) -> dict[str, int]:
    """Write the demo programme; returns how many of each thing it made.

    ``showcase`` (what a new user who asks for the demo gets, and the screenshots) adds a group
    match, a pending run of the matcher to review and a speed-mentoring evening with its
    timetable (a second programme). Without it the demo is the one programme of one-to-one
    matches that the tests and the command line count on.
    """
    today = today or date.today()
    rng = random.Random(seed)
    with database.atomic(), audit.suspended():
        seeded = _seed(today, rng)
        summary, programme = seeded.counts, seeded.programme
        speed = cascade = None
        circles = None
        if showcase:
            mentors, mentees = seeded.mentors, seeded.mentees
            summary["meetings"] += _add_group_match(
                programme, mentors[12], mentees[13:16], today, seeded.breaks
            )
            summary["matches"] += 1
            speed_people = [mentors[i] for i in (0, 1, 6, 8, 9)]
            speed_people += [mentees[k] for k in (12, 13, 14, 15, 16, 18, 19, 20)]  # cleared, with consent
            speed = _add_speed_programme(today, speed_people)
            circles, made = demo_circles.add_group_programme(today, random.Random(23))
            for key, value in made.items():
                summary[key] = summary.get(key, 0) + value
            summary["events"] = demo_events.add_events(programme, mentors, mentees, today)
            cascade = demo_kinds.add_cascade(today)
            demo_kinds.add_reverse(today)
            demo_kinds.add_developmental(today)
            board = demo_board.add_shadow_board(today, [mentees[k] for k in (16, 17, 18, 21, 22, 24)])
            summary["board_recommendations"] = demo_board.recommendation_count(board)
        # Its own random numbers: the rest of the demo stays as it was.
        _add_status_history(programme, today, random.Random(16))
    if showcase:
        # The matcher and the timetable write their own audit events, as they do in use.
        from mentordesk.services import pairing

        summary["drafts"] = len(pairing.run_matcher(programme.id, today).pairs)
        if circles is not None:
            summary["circle_drafts"] = pairing.run_matcher(circles.id, today).saved
        demo_record.add_signed_agreement(programme, seeded.mentors[0], today)
        if speed is not None:
            summary["speed_rounds"] = pairing.build_timetable(speed.id, 3, today).round_count
            summary["speed_events"] = _add_speed_events(speed, today)
            summary.update(
                _add_network_programme(
                    today,
                    [seeded.mentors[i] for i in (0, 1, 3, 6, 8, 9)],
                    [seeded.mentees[k] for k in (12, 13, 14, 15, 16, 18)],
                    programme,
                )
            )
        if cascade is not None:
            summary["promoted"] = demo_kinds.promote_cascade(cascade, today)
    audit.record("demo", "programme", None, summary="demo programme created")
    return summary


@dataclass
class _Seeded:
    counts: dict[str, int]
    programme: Programme
    mentors: list[Participant]
    mentees: list[Participant]
    breaks: list[tuple[date, date]]


def _seed(today: date, rng: random.Random) -> _Seeded:
    """The demo programme, its people and its term breaks, for the showcase to build on."""
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
    breaks = _add_term_breaks(programme, start)
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
    counts = _add_matches(programme, mentors, mentees, today, rng, breaks)
    demo_record.add_match_record(programme, mentors, today)
    demo_goals.add_templates(programme)
    _add_custom_fields(programme, mentors, mentees)
    counts["concerns"] = demo_concerns.add_concerns(programme, today)
    counts["survey_responses"] = demo_surveys.add_surveys(programme, today, random.Random(11))
    counts.update(programme=1, participants=len(mentors) + len(mentees))
    return _Seeded(counts, programme, mentors, mentees, breaks)


SUBJECTS = ["Maths", "English", "Science", "Art", "Computing"]
CLUBS = ["Chess", "Coding", "Football", "Drama"]


def _add_custom_fields(programme: Programme, mentors: list[Participant], mentees: list[Participant]) -> None:
    """Custom fields as a coordinator would add them, answered by most people (no random draws, so the
    rest of the demo stays as it was)."""
    from mentordesk.core.participants import FieldDraft
    from mentordesk.services import participants as people_service

    subject = people_service.define_field(
        programme.id,
        FieldDraft("Favourite subject", "choice", SUBJECTS, "mentee", "The one you enjoy most", True),
    )
    clubs = people_service.define_field(
        programme.id, FieldDraft("After-school clubs", "multiple", CLUBS, "both", "Tick all you go to or run")
    )
    car = people_service.define_field(
        programme.id, FieldDraft("Can drive to the school", "yes_no", role="mentor")
    )
    for k, mentee in enumerate(mentees):
        if k % 5 != 4:
            people_service.write_values(
                mentee.id, {subject: SUBJECTS[k % len(SUBJECTS)], clubs: [CLUBS[k % len(CLUBS)]]}
            )
    for k, mentor in enumerate(mentors):
        people_service.write_values(mentor.id, {car: k % 3 != 0, clubs: CLUBS[k % 2 :: 2]})
    # A club in common as a (somewhat important) pairing criterion, shown in Settings › Pairing.
    from mentordesk.core.pairing import CriterionSetting, Importance, custom_criterion
    from mentordesk.services import pairing

    config = pairing.read_settings(programme).config.with_setting(
        custom_criterion(clubs), CriterionSetting(Importance.SOMEWHAT, "same")
    )
    pairing.write_settings(programme.id, config=config)


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
            programme=None,  # a person's screening serves every programme of the scheme
            kind=CheckKind.APPLICATION.value,
            outcome=passed,
            completed_on=today - timedelta(days=3),
        )
        return
    ScreeningCheck.create(
        participant=mentor,
        programme=None,
        kind=CheckKind.APPLICATION.value,
        outcome=passed,
        completed_on=today - timedelta(days=160),
    )
    ScreeningCheck.create(
        participant=mentor,
        programme=None,
        kind=CheckKind.INTERVIEW.value,
        outcome=passed,
        completed_on=today - timedelta(days=150),
        person_name="Alex Morgan",
    )
    references = 1 if state in ("references", "screening") else 2
    for r in range(references):
        ScreeningCheck.create(
            participant=mentor,
            programme=None,
            kind=CheckKind.REFERENCE.value,
            outcome=passed,
            completed_on=today - timedelta(days=140 - r),
            person_name=["Sam Carter", "Dr Lee Wong"][r],
            relationship=["Line manager", "Former teacher"][r],
        )
    if state == "screening":
        ScreeningCheck.create(
            participant=mentor,
            programme=None,
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
        programme=None,
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
            programme=None,
            kind=CheckKind.TRAINING.value,
            outcome=passed,
            completed_on=today - timedelta(days=125),
            hours=3.0,
            topics="Safeguarding, boundaries, mandatory reporting",
        )
    ScreeningCheck.create(
        participant=mentor,
        programme=None,
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


def _add_term_breaks(programme: Programme, start: date) -> list[tuple[date, date]]:
    """The Christmas holidays and February half term that fall within the programme's year."""
    year = start.year if date(start.year, 12, 20) >= start else start.year + 1
    breaks = [
        meetings_service.TermBreak("Christmas holidays", date(year, 12, 19), date(year + 1, 1, 4)),
        meetings_service.TermBreak("February half term", date(year + 1, 2, 15), date(year + 1, 2, 19)),
    ]
    meetings_service.save_term_breaks(programme.id, breaks)
    return [(b.first, b.last) for b in breaks]


def _in_break(day: date, breaks: list[tuple[date, date]]) -> bool:
    return any(first <= day <= last for first, last in breaks)


def _fortnightly(first: date, last: date, breaks: list[tuple[date, date]]) -> tuple[list[date], list[date]]:
    """Every other week from ``first`` to ``last``: the days kept, and those a term break skips."""
    kept: list[date] = []
    skipped: list[date] = []
    day = first
    while day <= last:
        (skipped if _in_break(day, breaks) else kept).append(day)
        day += timedelta(days=14)
    return kept, skipped


def _series(
    match: Match, first: date, last: date, at: time, skipped: list[date], place: str
) -> MeetingSeries:
    """A recurring series, as the Schedule dialog saves one: every other week until ``last``."""
    return MeetingSeries.create(
        match=match,
        rrule=f"FREQ=WEEKLY;INTERVAL=2;UNTIL={last:%Y%m%d}T235959",
        starts_at=datetime.combine(first, at),
        duration_minutes=60,
        exceptions=[d.isoformat() for d in skipped],
        place=place,
        mode=MeetingMode.IN_PERSON.value,
    )


def _add_group_match(
    programme: Programme, mentor: Participant, group: list[Participant], today: date, breaks
) -> int:
    """A mentoring circle: one mentor, three mentees, meeting at Tuesday lunchtime every other week."""
    started = today - timedelta(days=45)
    match = Match.create(
        programme=programme,
        status=MatchStatus.ACTIVE.value,
        score=78.0,
        rationale="A revision circle: three Year 11 students who all asked for help with exam preparation.",
        started_on=started,
        planned_end_on=started + timedelta(days=200),
        first_meeting_on=started + timedelta(days=2),
        first_meeting_staff="Alex Morgan",
        agreement_signed_on=started + timedelta(days=2),
    )
    MatchMember.create(match=match, participant=mentor, role=Role.MENTOR.value)
    for person in group:
        MatchMember.create(match=match, participant=person, role=Role.MENTEE.value)
    for person in (mentor, *group):
        Enrolment.update(status=EnrolmentStatus.MATCHED.value).where(
            (Enrolment.participant == person) & (Enrolment.programme == programme)
        ).execute()
    first = started + timedelta(days=(1 - started.weekday()) % 7)  # a Tuesday, at the lunchtime club
    days, skipped = _fortnightly(first, today + timedelta(days=42), breaks)
    series = _series(match, first, days[-1], time(12, 30), skipped, "Room 12")
    for day in days:
        Meeting.create(
            match=match,
            series=series,
            starts_at=datetime.combine(day, time(12, 30)),
            duration_minutes=60,
            place="Room 12",
            mode=MeetingMode.IN_PERSON.value,
            status=(MeetingStatus.HELD if day < today else MeetingStatus.PLANNED).value,
            notes="Shared revision timetables." if day < today else "",
        )
    _check_in(
        match,
        mentor,
        datetime.combine(started + timedelta(days=10), time(13, 0)),
        "The circle works well; one student is quieter than the others.",
        channel="in_person",
    )
    return len(days)


def _check_in(match: Match, person: Participant, at: datetime, summary: str, **fields) -> ContactLog:
    """A coordinator's check-in on a match (with its mentor unless ``with_whom`` says otherwise)."""
    values = {"with_whom": "mentor", "channel": "phone", "relationship_quality": 4} | fields
    return ContactLog.create(
        programme=match.programme, match=match, participant=person, contacted_at=at, summary=summary, **values
    )


def _add_network_programme(
    today: date, mentors: list[Participant], mentees: list[Participant], source: Programme
) -> dict[str, int]:
    """Network mentoring: each sixth-former has a mentor for each of their focus areas. The first
    mentors are published (active links); the matcher's further mentors wait as drafts to review,
    each saying which area it covers and who covers the others already."""
    from mentordesk.services import pairing, participants

    name, n = NETWORK_PROGRAMME, 2
    while Programme.select().where(Programme.name == name).exists():
        name, n = f"{NETWORK_PROGRAMME} {n}", n + 1
    network = Programme.create(
        name=name,
        kind=ProgrammeKind.NETWORK.value,
        description="Year 12 students draw on several mentors at once, one for each area they asked for help with.",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=300),
        meeting_places="Sixth-form centre",
        coordinator_name="Alex Morgan",
    )
    people_ids = [p.id for p in mentors + mentees]
    participants.enrol_in_programme(people_ids, network.id, from_programme_id=source.id, today=today)
    Enrolment.update(status=EnrolmentStatus.READY.value, capacity=2).where(
        (Enrolment.programme == network) & Enrolment.participant.in_([p.id for p in mentors])
    ).execute()
    Enrolment.update(status=EnrolmentStatus.READY.value).where(
        (Enrolment.programme == network) & Enrolment.participant.in_([p.id for p in mentees])
    ).execute()
    pairing.save_focus_areas(network.id, NETWORK_FOCUS_AREAS, max_mentors=3)
    # Volunteers in a network offer a second area too, so that every area has someone.
    for k, mentor in enumerate(mentors):
        tag = _tag(TagKind.GOAL_AREA, NETWORK_FOCUS_AREAS[(k + 1) % len(NETWORK_FOCUS_AREAS)].lower())
        ParticipantTag.get_or_create(participant=mentor, tag=tag, direction=TagDirection.OFFERS.value)
    first = pairing.run_matcher(network.id, today - timedelta(days=28))
    published = 0
    if first.pairs:
        firsts = [
            r.match_id
            for r in pairing.list_drafts(network.id)
            if not any("Already covered" in str(item.get("reason", "")) for item in r.breakdown[:1])
        ]
        published = pairing.publish(network.id, today - timedelta(days=28), firsts).published
    further = pairing.run_matcher(network.id, today - timedelta(days=14))
    # One mentee's second mentor started a fortnight ago; the rest wait for review.
    second = [r.match_id for r in pairing.list_drafts(network.id)][:1]
    if len(further.pairs) > 1 and second:
        published += pairing.publish(network.id, today - timedelta(days=14), second).published
    return {"network_links": published, "network_drafts": len(further.pairs) - len(second)}


def _add_speed_programme(today: date, people_: list[Participant]) -> Programme:
    """An evening where each mentee meets three mentors in turn: its timetable is built in seed_demo."""
    mentors, mentees = people_[:5], people_[5:]
    name, n = SPEED_PROGRAMME, 2
    while Programme.select().where(Programme.name == name).exists():
        name, n = f"{SPEED_PROGRAMME} {n}", n + 1
    speed = Programme.create(
        name=name,
        kind=ProgrammeKind.SPEED.value,
        description="Year 11 students meet employers for ten minutes each before choosing work experience.",
        starts_on=today + timedelta(days=21),
        ends_on=today + timedelta(days=21),
        meeting_length_minutes=10,
        meeting_places="School hall",
        coordinator_name="Alex Morgan",
    )
    for person, role in [(m, Role.MENTOR) for m in mentors] + [(m, Role.MENTEE) for m in mentees]:
        Enrolment.create(
            participant=person,
            programme=speed,
            role=role.value,
            status=EnrolmentStatus.READY.value,
            enrolled_on=today - timedelta(days=7),
        )
    return speed


def _add_speed_events(speed: Programme, today: date) -> int:
    """A taster evening held a fortnight ago (check-ins, two no-shows, the rounds re-planned after the
    first, wishes to meet again, some of them mutual) and the evening itself, planned, everyone invited."""
    from mentordesk.services import pairing

    taster = pairing.create_event(
        speed.id,
        today - timedelta(days=14),
        venue="School library",
        rounds=4,
        round_minutes=8,
        starts_at="16:00",
        title="Taster evening",
    )
    pairing.invite_waiting(taster)
    night = pairing.night(taster)
    mentors = [s for s in night.seats if s.role == Role.MENTOR.value]
    mentees = [s for s in night.seats if s.role == Role.MENTEE.value]
    absent = {mentors[-1].participant_id, mentees[-1].participant_id}
    for seat in night.seats:
        if seat.participant_id not in absent:
            pairing.set_attendance(taster, seat.participant_id, pairing.PRESENT)
    pairing.mark_no_shows(taster)
    # The no-shows were noticed after round 1: it stays as held, the rest is re-planned.
    night = pairing.replan(taster, rounds_held=1)
    met: dict[int, list[int]] = {}
    for meeting in night.meetings:
        met.setdefault(meeting.mentee_id, []).append(meeting.mentor_id)
    returned: dict[int, list[int]] = {}
    for n, (mentee_id, mentor_ids) in enumerate(sorted(met.items())):
        pairing.set_wishes(taster, mentee_id, mentor_ids[: 1 + n % 2])
        if n % 3 == 0:  # every third mentee's first choice asked for them too: a mutual wish
            returned.setdefault(mentor_ids[0], []).append(mentee_id)
    for mentor_id, mentee_ids in returned.items():
        pairing.set_wishes(taster, mentor_id, mentee_ids)
    evening = pairing.create_event(
        speed.id,
        speed.starts_on or today + timedelta(days=21),
        venue="School hall",
        rounds=5,
        round_minutes=10,
        starts_at="17:30",
        title="Careers evening",
    )
    pairing.invite_waiting(evening)
    return 2


def _add_status_history(programme: Programme, today: date, rng: random.Random) -> None:
    """Each enrolment's moves through the pipeline as the audit trail records them (status only), so the
    report's "median days in each stage" and "waiting since" have a history to read."""
    from mentordesk.store.models import AuditEvent

    members = (
        MatchMember.select(MatchMember.participant, Match.started_on)
        .join(Match)
        .where((Match.programme == programme) & Match.started_on.is_null(False))
    )
    started = {pid: day for pid, day in tuples(members)}
    paths = {
        "applied": ["applied"],
        "screening": ["applied", "screening"],
        "ready": ["applied", "screening", "ready"],
        "matched": ["applied", "screening", "ready", "matched"],
        "on_hold": ["applied", "screening", "on_hold"],
    }
    events = []
    enrolments = Enrolment.select(
        Enrolment.id, Enrolment.participant, Enrolment.status, Enrolment.enrolled_on
    ).where(Enrolment.programme == programme)
    for eid, pid, status, enrolled in tuples(enrolments):
        path = paths.get(status, [status])
        day = enrolled
        last = min(today, started.get(pid, today) - timedelta(days=1))
        for step, new in enumerate(path):
            if step:
                day = min(last, day + timedelta(days=rng.randint(6, 21)))
            if new == "matched":
                day = started.get(pid, day)
            events.append(
                {
                    "at": datetime.combine(day, time(10, 0)),
                    "actor": "demo",
                    "action": "create" if step == 0 else "update",
                    "entity": "enrolment",
                    "entity_id": eid,
                    "fields": ["status"],
                    "changes": {"status": [path[step - 1] if step else None, new]},
                }
            )
    AuditEvent.insert_many(events).execute()


def _add_matches(programme, mentors, mentees, today, rng, breaks) -> dict[str, int]:
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
        # Meetings fall on the Tuesday or Thursday after-school club, never in a term break.
        first = started + timedelta(days=7)
        club_day = 1 if n % 2 == 0 else 3
        first += timedelta(days=(club_day - first.weekday()) % 7)
        days, skipped = _fortnightly(first, last_day, breaks)
        # Two matches meet as recurring series; the others had each meeting booked by hand.
        series = (
            _series(match, first, days[-1], time(16, 0), skipped, "School library") if n in (1, 3) else None
        )
        past_days = [d for d in days if d < today]
        for day in days:
            past = day < today
            status_m = (
                MeetingStatus.HELD
                if past and rng.random() > 0.15
                else (MeetingStatus.CANCELLED if past else MeetingStatus.PLANNED)
            )
            if n == 2 and past_days and day == past_days[-1]:
                status_m = MeetingStatus.PLANNED  # its outcome was never recorded: overdue
            Meeting.create(
                match=match,
                series=series,
                starts_at=datetime.combine(day, time(16, 0)),
                duration_minutes=60,
                place="School library" if series else rng.choice(people.PLACES),
                mode=MeetingMode.IN_PERSON.value,
                status=status_m.value,
                cancelled_by="mentee" if status_m == MeetingStatus.CANCELLED else "",
                notes="Talked through revision plan." if status_m == MeetingStatus.HELD else "",
            )
            meetings += 1
        goals += demo_goals.add_goals(match, mentee, today, n)
        _check_in(
            match,
            mentor,
            datetime.combine(started + timedelta(days=12), time(12, 30)),
            "Two-week check-in: going well.",
        )
        if n == 1:  # a promised follow-up that is now overdue
            _check_in(
                match,
                mentee,
                datetime.combine(today - timedelta(days=12), time(15, 45)),
                "Parent asked how mentoring fits around mock exams.",
                with_whom="guardian",
                follow_up_on=today - timedelta(days=5),
                actions="Send the parent the spring meeting dates.",
            )
    # One closed match, for closure letters and statistics.
    closed = Match.create(
        programme=programme,
        status=MatchStatus.CLOSED.value,
        score=71.0,
        started_on=today - timedelta(days=130),  # past three months when it closed: the retention curve
        closed_on=today - timedelta(days=20),
        closure_kind="premature",
        closure_reason="Mentor relocated for work",
        closure_initiated_by="mentor",
        exit_notes_mentor="Sorry to leave early; Ravi has grown in confidence and should be rematched.",
        exit_notes_mentee="Liked the sessions on revision; would like another mentor.",
        exit_notes_guardian="Thank you for the support this term.",
        rematch_eligible=True,
        first_meeting_on=today - timedelta(days=123),
        agreement_signed_on=today - timedelta(days=123),
    )
    MatchMember.create(match=closed, participant=mentors[11], role=Role.MENTOR.value)
    MatchMember.create(match=closed, participant=mentees[10], role=Role.MENTEE.value)
    return {"matches": matches + 1, "meetings": meetings, "goals": goals}
