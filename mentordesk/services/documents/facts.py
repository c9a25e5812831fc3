"""What a document needs to know, loaded from the database into plain frozen data.

The PDF code never touches a model: it gets these facts, so a worker thread can
load them once and the layout code can be tested with made-up facts. Loading many
matches takes a fixed handful of queries, not a few per match.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from peewee import JOIN

from mentordesk.core.meetings import parse_rule
from mentordesk.core.participants import FieldSpec, format_answer, is_minor, placeholder_name
from mentordesk.core.vocab import Role
from mentordesk.store import settings
from mentordesk.store.models import (
    CustomField,
    CustomValue,
    Enrolment,
    Goal,
    Guardian,
    Match,
    MatchMember,
    Meeting,
    MeetingSeries,
    Milestone,
    Participant,
    Programme,
)


class DocumentError(ValueError):
    """A document cannot be made; the message says why and what to do."""


class AdultConsent(DocumentError):
    """A guardian consent form was asked for people who are 18 or over: ``generate(..., adults_ok=True)``
    prints it anyway (the GUI asks first; the CLI refuses)."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        who = ", ".join(names)
        super().__init__(
            f"{who} {'is' if len(names) == 1 else 'are'} 18 or over: a guardian consent form is for young "
            "people under 18, who cannot give consent themselves. Adults agree to the programme by signing "
            "the mentoring agreement."
        )


@dataclass(frozen=True)
class GuardianFacts:
    name: str
    relationship: str = ""


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str  # the name people use: preferred first name + last name
    full_name: str
    first_name: str
    role: str = ""
    organisation: str = ""
    department: str = ""
    date_of_birth: date | None = None
    minor: bool = False
    guardians: tuple[GuardianFacts, ...] = ()
    adult: bool = False  # known to be 18 or over (an unknown age is neither minor nor adult)
    # Answers to the programme's custom fields: (placeholder name, answer as text), e.g.
    # ("favourite_subject", "Chemistry") fills {mentee.custom.favourite_subject}.
    custom: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NetworkMentorFacts:
    """Network programmes: one of the mentee's mentors and the focus areas they cover."""

    name: str
    focus_areas: tuple[str, ...] = ()
    this_match: bool = False  # the mentor of the match this document is for


@dataclass(frozen=True)
class MilestoneFacts:
    title: str
    due_on: date | None = None
    done_on: date | None = None


@dataclass(frozen=True)
class GoalFacts:
    title: str
    why: str = ""
    specific: str = ""
    measurable: str = ""
    achievable: str = ""
    relevant: str = ""
    target_date: date | None = None
    status: str = "not_started"
    owner: str = ""
    milestones: tuple[MilestoneFacts, ...] = ()


@dataclass(frozen=True)
class MeetingFacts:
    starts_at: datetime
    duration_minutes: int = 60
    place: str = ""
    link: str = ""
    mode: str = "in_person"
    status: str = "planned"
    activity: str = ""
    actual_minutes: int | None = None


@dataclass(frozen=True)
class ProgrammeFacts:
    id: int
    name: str
    kind: str = "one_to_one"
    description: str = ""
    frequency_days: int = 14
    length_minutes: int = 60
    places: str = ""
    coordinator: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    timezone: str = ""  # where the programme runs: its dates are written the way people there write them


@dataclass(frozen=True)
class MatchFacts:
    id: int
    programme: ProgrammeFacts
    status: str = "active"
    started_on: date | None = None
    planned_end_on: date | None = None
    first_meeting_on: date | None = None
    first_meeting_staff: str = ""
    closed_on: date | None = None
    agreement_signed_on: date | None = None
    members: tuple[PersonFacts, ...] = ()
    goals: tuple[GoalFacts, ...] = ()
    meetings: tuple[MeetingFacts, ...] = ()
    series_days: int = 0  # how often the match's booked series repeats (0: no series)
    # Network programmes: what this match's mentor covers, and every live mentor of its mentee.
    focus_areas: tuple[str, ...] = ()
    network: tuple[NetworkMentorFacts, ...] = ()

    @property
    def frequency_days(self) -> int:
        """How often this match meets: its booked series, else the programme's cadence."""
        return self.series_days or self.programme.frequency_days

    def with_role(self, role: str) -> list[PersonFacts]:
        return [m for m in self.members if m.role == role]

    @property
    def mentors(self) -> list[PersonFacts]:
        return self.with_role(Role.MENTOR.value)

    @property
    def mentees(self) -> list[PersonFacts]:
        return self.with_role(Role.MENTEE.value) + self.with_role(Role.PEER.value)

    def member(self, participant_id: int) -> PersonFacts | None:
        return next((m for m in self.members if m.id == participant_id), None)


@dataclass(frozen=True)
class Letterhead:
    organisation: str = ""
    logo_path: str = ""
    page_size: str = "A4"


def letterhead() -> Letterhead:
    return Letterhead(
        organisation=settings.get("organisation_name") or "",
        logo_path=settings.get("logo_path") or "",
        page_size=settings.get("page_size") or "A4",
    )


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def programme_facts(programme: Programme) -> ProgrammeFacts:
    return ProgrammeFacts(
        id=programme.id,
        name=programme.name,
        kind=programme.kind,
        description=programme.description or "",
        frequency_days=programme.meeting_frequency_days or 0,
        length_minutes=programme.meeting_length_minutes or 0,
        places=programme.meeting_places or "",
        coordinator=programme.coordinator_name or "",
        starts_on=programme.starts_on,
        ends_on=programme.ends_on,
        timezone=programme.timezone or "",
    )


def series_days(rule: str) -> int:
    """Days between meetings of a recurrence rule: weekly 7, fortnightly 14, monthly 30; 0 if unknown."""
    parts = parse_rule(rule)
    try:
        interval = max(1, int(parts.get("INTERVAL", "1")))
    except ValueError:
        return 0
    return {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30}.get(parts.get("FREQ", ""), 0) * interval


def _person(
    p: Participant,
    role: str,
    on: date,
    guardians: list[GuardianFacts],
    custom: list[tuple[str, str]] | None = None,
) -> PersonFacts:
    minor = is_minor(p.date_of_birth, p.age_band or "", on)
    # Unknown age with a guardian on file: treat as a minor, so the guardian signs.
    return PersonFacts(
        id=p.id,
        name=p.display_name,
        full_name=p.full_name,
        first_name=p.preferred_name or p.first_name,
        role=role,
        organisation=p.organisation or "",
        department=p.department or "",
        date_of_birth=p.date_of_birth,
        minor=bool(minor) or (minor is None and bool(guardians)),
        guardians=tuple(guardians),
        adult=minor is False,
        custom=tuple(custom or ()),
    )


def _guardians(participant_ids: Iterable[int]) -> dict[int, list[GuardianFacts]]:
    found: dict[int, list[GuardianFacts]] = defaultdict(list)
    ids = sorted(set(participant_ids))
    for chunk in _chunks(ids):
        query = (
            Guardian.select(Guardian.participant, Guardian.name, Guardian.relationship)
            .where(Guardian.participant.in_(chunk))
            .order_by(Guardian.is_emergency_contact.desc(), Guardian.id)
        )
        for g in query:
            found[g.participant_id].append(GuardianFacts(g.name, g.relationship or ""))
    return found


def _custom_answers(participant_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    """Each person's custom-field answers as (placeholder name, text)."""
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for chunk in _chunks(sorted(set(participant_ids))):
        query = (
            CustomValue.select(CustomValue.participant, CustomValue.value, CustomField)
            .join(CustomField)
            .where(CustomValue.participant.in_(chunk))
            .order_by(CustomField.position, CustomField.id)
        )
        for answer in query:
            f = answer.field
            spec = FieldSpec(f.id, f.label, f.kind, tuple(f.choices or ()))
            found[answer.participant_id].append(
                (placeholder_name(f.label), format_answer(spec, answer.value))
            )
    return found


def load_matches(match_ids: list[int], today: date | None = None) -> dict[int, MatchFacts]:
    """Facts for many matches in a few queries: {match id: MatchFacts}; unknown ids are left out."""
    today = today or date.today()
    ids = sorted(set(match_ids))
    matches: dict[int, Match] = {}
    programmes: dict[int, ProgrammeFacts] = {}
    members: dict[int, list[tuple[Participant, str]]] = defaultdict(list)
    goals: dict[int, list[Goal]] = defaultdict(list)
    milestones: dict[int, list[MilestoneFacts]] = defaultdict(list)
    meetings: dict[int, list[MeetingFacts]] = defaultdict(list)
    cadence: dict[int, int] = {}
    focus: dict[int, tuple[str, ...]] = {}
    for chunk in _chunks(ids):
        for m in Match.select().where(Match.id.in_(chunk)):
            matches[m.id] = m
        query = (
            MatchMember.select(MatchMember, Participant)
            .join(Participant)
            .where(MatchMember.match.in_(chunk))
            .order_by(MatchMember.role.desc(), MatchMember.id)  # mentors first (as everywhere), then as saved
        )
        for mm in query:
            members[mm.match_id].append((mm.participant, mm.role))
            if mm.role == Role.MENTOR.value and mm.focus_areas:
                focus[mm.match_id] = focus.get(mm.match_id, ()) + tuple(mm.focus_areas)
        goal_query = (
            Goal.select(Goal, Participant)
            .join(Participant, on=(Goal.owner == Participant.id), join_type=JOIN.LEFT_OUTER)
            .where(Goal.match.in_(chunk))
            .order_by(Goal.created_at, Goal.id)
        )
        for g in goal_query:
            goals[g.match_id].append(g)
        series_query = MeetingSeries.select(MeetingSeries.match, MeetingSeries.rrule).where(
            MeetingSeries.match.in_(chunk)
        )
        for series in series_query.order_by(MeetingSeries.created_at, MeetingSeries.id):
            cadence[series.match_id] = series_days(series.rrule) or cadence.get(series.match_id, 0)
        meeting_query = Meeting.select().where(Meeting.match.in_(chunk)).order_by(Meeting.starts_at)
        for mt in meeting_query:
            meetings[mt.match_id].append(
                MeetingFacts(
                    mt.starts_at,
                    mt.duration_minutes or 0,
                    mt.place or "",
                    mt.link or "",
                    mt.mode,
                    mt.status,
                    mt.activity or "",
                    mt.actual_minutes,
                )
            )
    goal_ids = [g.id for gs in goals.values() for g in gs]
    for chunk in _chunks(goal_ids):
        milestone_query = (
            Milestone.select().where(Milestone.goal.in_(chunk)).order_by(Milestone.position, Milestone.id)
        )
        for ms in milestone_query:
            milestones[ms.goal_id].append(MilestoneFacts(ms.title, ms.due_on, ms.done_on))
    for programme in Programme.select().where(Programme.id.in_({m.programme_id for m in matches.values()})):
        programmes[programme.id] = programme_facts(programme)
    guardians = _guardians(p.id for rows in members.values() for p, _ in rows)
    custom = _custom_answers(p.id for rows in members.values() for p, _ in rows)
    networks = _networks(matches, members, programmes)
    facts: dict[int, MatchFacts] = {}
    for match_id, m in matches.items():
        on = m.started_on or today
        facts[match_id] = MatchFacts(
            id=m.id,
            programme=programmes[m.programme_id],
            status=m.status,
            started_on=m.started_on,
            planned_end_on=m.planned_end_on,
            first_meeting_on=m.first_meeting_on,
            first_meeting_staff=m.first_meeting_staff or "",
            closed_on=m.closed_on,
            agreement_signed_on=m.agreement_signed_on,
            members=tuple(
                _person(p, role, on, guardians.get(p.id, []), custom.get(p.id))
                for p, role in members[match_id]
            ),
            goals=tuple(_goal(g, milestones.get(g.id, [])) for g in goals[match_id]),
            meetings=tuple(meetings[match_id]),
            series_days=cadence.get(match_id, 0),
            focus_areas=focus.get(match_id, ()),
            network=networks.get(match_id, ()),
        )
    return facts


def _networks(
    matches: dict[int, Match],
    members: dict[int, list[tuple[Participant, str]]],
    programmes: dict[int, ProgrammeFacts],
) -> dict[int, tuple[NetworkMentorFacts, ...]]:
    """Network matches: every active or paused mentor of the match's (one) mentee, with their focus
    areas, oldest link first; the match's own mentor is listed whatever its status."""
    wanted: dict[int, tuple[int, int]] = {}  # match id -> (programme id, mentee id)
    for match_id, m in matches.items():
        mentees = [p.id for p, role in members[match_id] if role == Role.MENTEE.value]
        if programmes[m.programme_id].kind == "network" and len(mentees) == 1:
            wanted[match_id] = (m.programme_id, mentees[0])
    if not wanted:
        return {}
    mentor, mentee = MatchMember.alias(), MatchMember.alias()
    links: dict[tuple[int, int], list[tuple[int, str, int, tuple[str, ...]]]] = defaultdict(list)
    mentee_ids = sorted({e for _, e in wanted.values()})
    for chunk in _chunks(mentee_ids):
        query = (
            Match.select(
                Match.id,
                Match.programme,
                Match.status,
                mentee.participant,
                mentor.participant,
                mentor.focus_areas,
            )
            .join(mentor, on=(mentor.match == Match.id))
            .switch(Match)
            .join(mentee, on=(mentee.match == Match.id))
            .where(
                mentee.participant.in_(chunk)
                & (mentor.role == Role.MENTOR.value)
                & (mentee.role == Role.MENTEE.value)
                & Match.programme.in_(sorted({p for p, _ in wanted.values()}))
            )
            .order_by(Match.id)
        )
        rows: Any = query.tuples()  # (id, programme, status, mentee, mentor, areas); peewee's stubs say Match
        for match_id, programme_id, status, mentee_id, mentor_id, areas in rows:
            links[(programme_id, mentee_id)].append((match_id, status, int(mentor_id), tuple(areas or ())))
    names = {
        p.id: p.display_name
        for p in Participant.select().where(
            Participant.id.in_(sorted({m for found in links.values() for _, _, m, _ in found}))
        )
    }
    out: dict[int, tuple[NetworkMentorFacts, ...]] = {}
    for match_id, key in wanted.items():
        out[match_id] = tuple(
            NetworkMentorFacts(names.get(mentor_id, ""), areas, other == match_id)
            for other, status, mentor_id, areas in links.get(key, [])
            if other == match_id or status in ("active", "paused")
        )
    return out


def _goal(g: Goal, milestones: list[MilestoneFacts]) -> GoalFacts:
    owner = g.owner.display_name if g.owner_id and g.owner is not None else ""
    return GoalFacts(
        title=g.title,
        why=g.why or "",
        specific=g.specific or "",
        measurable=g.measurable or "",
        achievable=g.achievable or "",
        relevant=g.relevant or "",
        target_date=g.target_date,
        status=g.status,
        owner=owner,
        milestones=tuple(milestones),
    )


def load_match(match_id: int, today: date | None = None) -> MatchFacts:
    found = load_matches([match_id], today).get(match_id)
    if found is None:
        raise DocumentError(f"No match with id {match_id}.")
    return found


def load_person(
    participant_id: int, programme_id: int | None = None, today: date | None = None
) -> PersonFacts:
    """A person outside any match (e.g. for a consent form), with their role in the programme if enrolled."""
    person = Participant.get_or_none(Participant.id == participant_id)
    if person is None:
        raise DocumentError(f"No participant with id {participant_id}.")
    role = ""
    if programme_id:
        enrolment = Enrolment.get_or_none(
            (Enrolment.participant == participant_id) & (Enrolment.programme == programme_id)
        )
        role = enrolment.role if enrolment else ""
    return _person(
        person,
        role,
        today or date.today(),
        _guardians([participant_id]).get(participant_id, []),
        _custom_answers([participant_id]).get(participant_id),
    )


def programme_of(participant_id: int) -> ProgrammeFacts:
    """The programme a person is enrolled in (the most recent), for documents without a match."""
    enrolment = (
        Enrolment.select(Enrolment, Programme)
        .join(Programme)
        .where(Enrolment.participant == participant_id)
        .order_by(Enrolment.enrolled_on.desc(), Enrolment.id.desc())
        .first()
    )
    if enrolment is None:
        raise DocumentError("This person is not enrolled in a programme yet: enrol them first.")
    return programme_facts(enrolment.programme)


def load_programme(programme_id: int) -> ProgrammeFacts:
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise DocumentError(f"No programme with id {programme_id}.")
    return programme_facts(programme)


def sample_match(programme: ProgrammeFacts, today: date | None = None) -> MatchFacts:
    """Made-up facts for previewing a template in a programme that has no matches yet."""
    today = today or date.today()
    mentor = PersonFacts(-1, "Zoë Ó'Brien", "Zoë Ó'Brien", "Zoë", "mentor", "Harbour Engineering", "Design")
    mentee = PersonFacts(
        -2,
        "Łukasz Kowalski",
        "Łukasz Kowalski",
        "Łukasz",
        "mentee",
        "Riverside Academy",
        "Year 10",
        date(today.year - 15, 3, 9),
        True,
        (GuardianFacts("Anna Kowalska", "Mother"),),
    )
    goals = (
        GoalFacts(
            "Speak up confidently in class discussions", why="Agreed at the first meeting.", target_date=today
        ),
        GoalFacts("Choose three university courses to research", measurable="A shortlist of three courses"),
    )
    return MatchFacts(
        id=0,
        programme=programme,
        started_on=today,
        planned_end_on=programme.ends_on,
        first_meeting_on=today,
        first_meeting_staff=programme.coordinator,
        closed_on=today,
        members=(mentor, mentee),
        goals=goals,
        # Three meetings from the first one on, so a closure letter's preview has some to count.
        meetings=tuple(
            MeetingFacts(
                datetime.combine(today, time(16)) + timedelta(weeks=2 * n),
                place="School library",
                status="held",
            )
            for n in range(3)
        ),
    )
