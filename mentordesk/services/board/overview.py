"""What a shadow board holds, as plain rows: for the Board tab, the command line and the summary PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from mentordesk.core.board import OUTCOME_LABELS, topic_list
from mentordesk.core.participants import display_name
from mentordesk.core.vocab import BoardPresence, EnrolmentStatus
from mentordesk.services.board.records import board_programme
from mentordesk.store.models import (
    BoardRecommendation,
    BoardSession,
    BoardSessionAttendance,
    BoardSponsor,
    Enrolment,
    Participant,
)
from mentordesk.store.rows import tuples


@dataclass(frozen=True)
class MemberRow:
    participant_id: int
    name: str
    role: str  # their enrolment role (mentee, peer, mentor)
    status: str
    enrolled_on: date | None
    present: int = 0  # sessions they were at
    marked: int = 0  # sessions whose attendance names them


@dataclass(frozen=True)
class SponsorRow:
    id: int
    name: str
    role: str
    email: str
    recommendations: int = 0


@dataclass(frozen=True)
class SessionRow:
    id: int
    held_on: date
    title: str
    topics: tuple[str, ...]
    place: str
    notes: str
    attendance: dict[int, str] = field(default_factory=dict)  # participant id -> present/apologies/absent
    recommendations: int = 0

    @property
    def present(self) -> int:
        return sum(1 for s in self.attendance.values() if s == BoardPresence.PRESENT.value)

    @property
    def apologies(self) -> int:
        return sum(1 for s in self.attendance.values() if s == BoardPresence.APOLOGIES.value)

    @property
    def absent(self) -> int:
        return sum(1 for s in self.attendance.values() if s == BoardPresence.ABSENT.value)

    @property
    def caption(self) -> str:
        """ "2027-01-12 · Budget priorities" (the title, else the first topic)."""
        what = self.title or (self.topics[0] if self.topics else "")
        return f"{self.held_on.isoformat()} · {what}" if what else self.held_on.isoformat()


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    made_on: date
    title: str
    detail: str
    session_id: int | None
    session_caption: str
    sponsor_id: int | None
    sponsor_name: str
    outcome: str
    decided_on: date | None
    note: str

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, self.outcome)


@dataclass(frozen=True)
class BoardOverview:
    programme_id: int
    programme: str
    description: str
    starts_on: date | None
    ends_on: date | None
    members: tuple[MemberRow, ...]
    sponsors: tuple[SponsorRow, ...]
    sessions: tuple[SessionRow, ...]  # newest first
    recommendations: tuple[RecommendationRow, ...]  # newest first

    def outcome_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOME_LABELS, 0)
        for r in self.recommendations:
            counts[r.outcome] = counts.get(r.outcome, 0) + 1
        return counts


def board_overview(programme_id: int) -> BoardOverview:
    programme = board_programme(programme_id)
    sessions = _sessions(programme_id)
    by_person: dict[int, list[str]] = {}
    for s in sessions:
        for pid, status in s.attendance.items():
            by_person.setdefault(pid, []).append(status)
    members = tuple(
        MemberRow(
            pid,
            display_name(first, last or "", preferred or ""),
            role,
            status,
            enrolled_on,
            sum(1 for s in by_person.get(pid, []) if s == BoardPresence.PRESENT.value),
            len(by_person.get(pid, [])),
        )
        for pid, first, last, preferred, role, status, enrolled_on in tuples(
            Enrolment.select(
                Participant.id,
                Participant.first_name,
                Participant.last_name,
                Participant.preferred_name,
                Enrolment.role,
                Enrolment.status,
                Enrolment.enrolled_on,
            )
            .join(Participant)
            .where((Enrolment.programme == programme_id) & (Enrolment.status != EnrolmentStatus.EXITED.value))
            .order_by(Participant.last_name, Participant.first_name, Participant.id)
        )
    )
    recommendations = _recommendations(programme_id, {s.id: s.caption for s in sessions})
    per_sponsor: dict[int, int] = {}
    for r in recommendations:
        if r.sponsor_id is not None:
            per_sponsor[r.sponsor_id] = per_sponsor.get(r.sponsor_id, 0) + 1
    sponsors = tuple(
        SponsorRow(s.id, s.name, s.role, s.email, per_sponsor.get(s.id, 0))
        for s in BoardSponsor.select().where(BoardSponsor.programme == programme_id).order_by(BoardSponsor.id)
    )
    return BoardOverview(
        programme.id,
        programme.name,
        programme.description,
        programme.starts_on,
        programme.ends_on,
        members,
        sponsors,
        sessions,
        recommendations,
    )


def _sessions(programme_id: int) -> tuple[SessionRow, ...]:
    rows = list(
        BoardSession.select()
        .where(BoardSession.programme == programme_id)
        .order_by(BoardSession.held_on.desc(), BoardSession.id.desc())
    )
    ids = [r.id for r in rows]
    marks: dict[int, dict[int, str]] = {}
    if ids:
        query = BoardSessionAttendance.select(
            BoardSessionAttendance.session, BoardSessionAttendance.participant, BoardSessionAttendance.status
        ).where(BoardSessionAttendance.session.in_(ids))
        for sid, pid, status in tuples(query):
            marks.setdefault(sid, {})[pid] = status
    made: dict[int, int] = {}
    for (sid,) in tuples(
        BoardRecommendation.select(BoardRecommendation.session).where(
            (BoardRecommendation.programme == programme_id) & BoardRecommendation.session.is_null(False)
        )
    ):
        made[sid] = made.get(sid, 0) + 1
    return tuple(
        SessionRow(
            r.id,
            r.held_on,
            r.title,
            tuple(topic_list(r.topics)),
            r.place,
            r.notes,
            marks.get(r.id, {}),
            made.get(r.id, 0),
        )
        for r in rows
    )


def _recommendations(programme_id: int, captions: dict[int, str]) -> tuple[RecommendationRow, ...]:
    names = {
        s.id: s.name
        for s in BoardSponsor.select(BoardSponsor.id, BoardSponsor.name).where(
            BoardSponsor.programme == programme_id
        )
    }
    query = (
        BoardRecommendation.select()
        .where(BoardRecommendation.programme == programme_id)
        .order_by(BoardRecommendation.made_on.desc(), BoardRecommendation.id.desc())
    )
    return tuple(
        RecommendationRow(
            r.id,
            r.made_on,
            r.title,
            r.detail,
            r.session_id,
            captions.get(r.session_id, "") if r.session_id else "",
            r.sponsor_id,
            names.get(r.sponsor_id, "") if r.sponsor_id else "",
            r.outcome,
            r.decided_on,
            r.outcome_note,
        )
        for r in query
    )


def recommendation(recommendation_id: int) -> RecommendationRow | None:
    row = BoardRecommendation.get_or_none(BoardRecommendation.id == recommendation_id)
    if row is None:
        return None
    return next(
        (r for r in board_overview(row.programme_id).recommendations if r.id == recommendation_id), None
    )


def session(session_id: int) -> SessionRow | None:
    row = BoardSession.get_or_none(BoardSession.id == session_id)
    if row is None:
        return None
    return next((s for s in _sessions(row.programme_id) if s.id == session_id), None)


def sponsor(sponsor_id: int) -> SponsorRow | None:
    row = BoardSponsor.get_or_none(BoardSponsor.id == sponsor_id)
    return None if row is None else SponsorRow(row.id, row.name, row.role, row.email)
