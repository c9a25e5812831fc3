"""Read side of the Meetings area: plain rows for the calendar, the agenda and the dialogs.

Every function returns dataclasses, never peewee models, so the GUI can hold
them in table models and paint them without touching the database. The
calendar query selects tuples over an index on ``starts_at``, and the names of
who meets are looked up once per refresh, not once per meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from mentordesk.core.participants import display_name
from mentordesk.core.vocab import MatchStatus, MeetingStatus, Role
from mentordesk.store.models import (
    Attendance,
    Match,
    MatchMember,
    Meeting,
    MeetingSeries,
    Participant,
    Programme,
)
from mentordesk.store.rows import as_date, as_datetime, raw_rows, tuples

ROLE_ORDER = {Role.MENTOR.value: 0, Role.PEER.value: 1, Role.MENTEE.value: 2}


class Member(NamedTuple):
    participant_id: int
    name: str
    role: str
    first_name: str = ""


@dataclass
class MatchPeople:
    match_id: int
    members: list[Member] = field(default_factory=list)

    @property
    def member_ids(self) -> tuple[int, ...]:
        return tuple(m.participant_id for m in self.members)

    @property
    def who(self) -> str:
        names = [m.name for m in self.members]
        if len(names) <= 2:
            return " & ".join(names) or "(no members)"
        return f"{names[0]} & {len(names) - 1} others"

    @property
    def short_who(self) -> str:
        """First names only, for the small calendar cells."""
        names = [m.first_name or m.name for m in self.members]
        if len(names) <= 2:
            return " & ".join(names) or "(no members)"
        return f"{names[0]} + {len(names) - 1}"


class MeetingRow(NamedTuple):
    id: int
    match_id: int
    series_id: int | None
    starts_at: datetime
    duration_minutes: int
    mode: str
    place: str
    link: str
    status: str
    who: str
    member_ids: tuple[int, ...]
    moved: bool = False  # an occurrence of a series moved away from the slot its rule gave it
    short_who: str = ""

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class MatchChoice(NamedTuple):
    id: int
    who: str
    status: str
    member_ids: tuple[int, ...]
    resumes_on: date | None = None  # a paused match's expected resume day


class PersonChoice(NamedTuple):
    id: int
    name: str


@dataclass
class MeetingDetail:
    id: int
    match_id: int
    programme_id: int
    series_id: int | None
    starts_at: datetime
    duration_minutes: int
    place: str
    link: str
    mode: str
    agenda: str
    status: str
    cancelled_by: str
    actual_minutes: int | None
    activity: str
    notes: str
    original_starts_at: datetime | None
    timezone: str
    who: str
    members: list[Member]
    attendance: dict[int, bool]  # participant id -> attended (only rows recorded)
    series_rule: str = ""
    series_starts_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


def match_people(
    programme_id: int | None = None, match_ids: set[int] | None = None
) -> dict[int, MatchPeople]:
    """Who is in each match (mentors first), for a programme or a set of matches."""
    base = MatchMember.select(
        MatchMember.match,
        MatchMember.participant,
        MatchMember.role,
        Participant.first_name,
        Participant.preferred_name,
        Participant.last_name,
    ).join(Participant)
    if programme_id is not None:
        base = base.switch(MatchMember).join(Match).where(Match.programme == programme_id)
    if match_ids is None:
        rows = raw_rows(base)
    else:
        ids = sorted(match_ids)
        # In chunks: old SQLite builds allow only 999 parameters per statement.
        rows = [
            row
            for n in range(0, len(ids), 900)
            for row in raw_rows(base.where(MatchMember.match.in_(ids[n : n + 900])))
        ]
    found: dict[int, MatchPeople] = {}
    for match_id, pid, role, first, preferred, last in rows:
        found.setdefault(match_id, MatchPeople(match_id)).members.append(
            Member(pid, display_name(first, last, preferred), role, preferred or first)
        )
    for people in found.values():
        people.members.sort(key=lambda m: (ROLE_ORDER.get(m.role, 9), m.name))
    return found


def calendar_rows(
    programme_id: int,
    start: datetime,
    end: datetime,
    *,
    match_id: int | None = None,
    participant_id: int | None = None,
    mode: str | None = None,
) -> list[MeetingRow]:
    """Meetings starting in [start, end), soonest first, with who meets; optionally filtered."""
    query = (
        Meeting.select(
            Meeting.id,
            Meeting.match,
            Meeting.series,
            Meeting.starts_at,
            Meeting.duration_minutes,
            Meeting.mode,
            Meeting.place,
            Meeting.link,
            Meeting.status,
            Meeting.original_starts_at,
        )
        .join(Match)
        .where((Match.programme == programme_id) & (Meeting.starts_at >= start) & (Meeting.starts_at < end))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    if match_id:
        query = query.where(Meeting.match == match_id)
    if mode:
        query = query.where(Meeting.mode == mode)
    if participant_id:
        mine = MatchMember.select(MatchMember.match).where(MatchMember.participant == participant_id)
        query = query.where(Meeting.match.in_(mine))
    rows = raw_rows(query)
    people = match_people(programme_id) if rows else {}
    # Who meets, worked out once per match rather than once per meeting.
    labels = {m: (p.who, p.member_ids, p.short_who) for m, p in people.items()}
    unknown = ("(no members)", (), "(no members)")
    out = []
    for mid, match, series, starts_text, minutes, mode_, place, link, status, original_text in rows:
        who, ids, short = labels.get(match, unknown)
        starts = as_datetime(starts_text)
        assert starts is not None  # a NOT NULL column
        original = as_datetime(original_text)
        moved = original is not None and original != starts
        out.append(
            MeetingRow(
                mid, match, series, starts, minutes, mode_, place, link, status, who, ids, moved, short
            )
        )
    return out


def match_choices(
    programme_id: int, *, include_closed: bool = False, schedulable: bool = False, published: bool = False
) -> list[MatchChoice]:
    """Matches for a picker: active first, then paused and draft (closed ones only when asked).

    ``schedulable``: only the matches a meeting can be booked for, active and paused (a draft is
    a proposal nobody has been told about yet). ``published``: every match people know of, closed
    ones too (a check-in after the closure), never a draft."""
    query = Match.select(Match.id, Match.status, Match.resumes_on).where(Match.programme == programme_id)
    if schedulable:
        query = query.where(Match.status.in_([MatchStatus.ACTIVE.value, MatchStatus.PAUSED.value]))
    elif published:
        query = query.where(Match.status != MatchStatus.DRAFT.value)
    elif not include_closed:
        query = query.where(Match.status != MatchStatus.CLOSED.value)
    people = match_people(programme_id)
    order = {MatchStatus.ACTIVE.value: 0, MatchStatus.PAUSED.value: 1, MatchStatus.DRAFT.value: 2}
    choices = [
        MatchChoice(
            m,
            people[m].who if m in people else f"Match {m}",
            status,
            people[m].member_ids if m in people else (),
            as_date(resumes_on),
        )
        for m, status, resumes_on in tuples(query)
    ]
    return sorted(choices, key=lambda c: (order.get(c.status, 3), c.who.lower()))


def people_in_matches(programme_id: int) -> list[PersonChoice]:
    """Everyone who is in a match of the programme, for the person filter."""
    seen: dict[int, str] = {}
    for people in match_people(programme_id).values():
        for member in people.members:
            seen[member.participant_id] = member.name
    return sorted((PersonChoice(pid, name) for pid, name in seen.items()), key=lambda p: p.name.lower())


def meeting_detail(meeting_id: int) -> MeetingDetail:
    from mentordesk.core.meetings import MeetingInputError, Problem

    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        raise MeetingInputError(
            [Problem("meeting", f"No meeting with id {meeting_id}: it may have been deleted.")]
        )
    match = Match.get_by_id(meeting.match_id)
    people = match_people(match_ids={match.id}).get(match.id, MatchPeople(match.id))
    attendance = {
        pid: attended
        for pid, attended in tuples(
            Attendance.select(Attendance.participant, Attendance.attended).where(
                Attendance.meeting == meeting_id
            )
        )
    }
    series = MeetingSeries.get_or_none(MeetingSeries.id == meeting.series_id) if meeting.series_id else None
    zone = series.timezone if series else Programme.get_by_id(match.programme_id).timezone
    return MeetingDetail(
        id=meeting.id,
        match_id=match.id,
        programme_id=match.programme_id,
        series_id=meeting.series_id,
        starts_at=meeting.starts_at,
        duration_minutes=meeting.duration_minutes,
        place=meeting.place,
        link=meeting.link,
        mode=meeting.mode,
        agenda=meeting.agenda,
        status=meeting.status,
        cancelled_by=meeting.cancelled_by,
        actual_minutes=meeting.actual_minutes,
        activity=meeting.activity,
        notes=meeting.notes,
        original_starts_at=meeting.original_starts_at,
        timezone=zone,
        who=people.who,
        members=list(people.members),
        attendance=attendance,
        series_rule=series.rrule if series else "",
        series_starts_at=series.starts_at if series else None,
    )


def series_meetings(series_id: int) -> list[MeetingRow]:
    """Every occurrence of one series, in order (for the series summary in the dialog)."""
    series = MeetingSeries.get_by_id(series_id)
    people = match_people(match_ids={series.match_id}).get(series.match_id, MatchPeople(series.match_id))
    rows = (
        Meeting.select(
            Meeting.id,
            Meeting.starts_at,
            Meeting.duration_minutes,
            Meeting.mode,
            Meeting.place,
            Meeting.link,
            Meeting.status,
            Meeting.original_starts_at,
        )
        .where(Meeting.series == series_id)
        .order_by(Meeting.starts_at)
    )
    return [
        MeetingRow(
            mid,
            series.match_id,
            series_id,
            starts,
            minutes,
            mode,
            place,
            link,
            status,
            people.who,
            people.member_ids,
            moved=original is not None and original != starts,
            short_who=people.short_who,
        )
        for mid, starts, minutes, mode, place, link, status, original in tuples(rows)
    ]


def activities(programme_id: int, limit: int = 30) -> list[str]:
    """The activities recorded so far in the programme, most used first (for the outcome dialog)."""
    from peewee import fn

    query = (
        Meeting.select(Meeting.activity, fn.COUNT(Meeting.id).alias("n"))
        .join(Match)
        .where((Match.programme == programme_id) & (Meeting.activity != ""))
        .group_by(Meeting.activity)
        .order_by(fn.COUNT(Meeting.id).desc())
        .limit(limit)
    )
    return [activity for activity, _ in tuples(query)]


def first_unrecorded(match_id: int, before: datetime) -> int | None:
    """The oldest meeting of the match that is past but still "planned": its outcome is missing."""
    row = (
        Meeting.select(Meeting.id)
        .where(
            (Meeting.match == match_id)
            & (Meeting.status == MeetingStatus.PLANNED.value)
            & (Meeting.starts_at < before)
        )
        .order_by(Meeting.starts_at)
        .first()
    )
    return row.id if row else None


class MemberAttendance(NamedTuple):
    """One member's attendance over their match's held meetings (a group circle's register)."""

    participant_id: int
    name: str
    role: str
    attended: int  # held meetings they came to
    held: int  # held meetings of the match
    recorded: int  # of those, how many have their attendance recorded

    @property
    def text(self) -> str:
        if not self.held:
            return "no meeting held yet"
        unrecorded = self.held - self.recorded
        words = f"came to {self.attended} of {self.held} held meeting(s)"
        return words + (f" ({unrecorded} not recorded)" if unrecorded else "")


def attendance_summary(match_id: int) -> list[MemberAttendance]:
    """Each member's attendance at the match's held meetings, mentors first (one query each)."""
    people = match_people(match_ids={match_id}).get(match_id, MatchPeople(match_id))
    held_ids = Meeting.select(Meeting.id).where(
        (Meeting.match == match_id) & (Meeting.status == MeetingStatus.HELD.value)
    )
    held = held_ids.count()
    came: dict[int, int] = {}
    recorded: dict[int, int] = {}
    for pid, attended in tuples(
        Attendance.select(Attendance.participant, Attendance.attended).where(Attendance.meeting.in_(held_ids))
    ):
        recorded[pid] = recorded.get(pid, 0) + 1
        came[pid] = came.get(pid, 0) + (1 if attended else 0)
    return [
        MemberAttendance(
            m.participant_id,
            m.name,
            m.role,
            came.get(m.participant_id, 0),
            held,
            recorded.get(m.participant_id, 0),
        )
        for m in people.members
    ]
