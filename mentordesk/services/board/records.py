"""Add, change and delete a shadow board's sponsors, sessions (with attendance) and recommendations.

Every change is checked by core/board first (a refused input writes nothing) and saved in one
transaction; the models carry record versions, so an edit over someone else's newer save is refused
(store/versions.py) and the Board tab's dialogs ask which values to keep.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from mentordesk.core.board import (
    PRESENCE_LABELS,
    BoardInputError,
    OutcomeInput,
    RecommendationInput,
    SessionInput,
    SponsorInput,
    check_outcome,
    check_recommendation,
    check_session,
    check_sponsor,
)
from mentordesk.core.vocab import EnrolmentStatus, ProgrammeKind, label
from mentordesk.store.db import database
from mentordesk.store.models import (
    BoardRecommendation,
    BoardSession,
    BoardSessionAttendance,
    BoardSponsor,
    Enrolment,
    Programme,
)


def board_programme(programme_id: int) -> Programme:
    """The programme, if it is a shadow board; else ``BoardInputError`` saying so."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        raise BoardInputError(f"No programme with id {programme_id}.")
    if programme.kind != ProgrammeKind.SHADOW_BOARD.value:
        raise BoardInputError(
            f"{programme.name} is a {label(programme.kind).lower()} programme: sponsors, board sessions and "
            "recommendations belong to shadow-board programmes."
        )
    return programme


def member_ids(programme_id: int) -> set[int]:
    """The board's members: everyone enrolled in the programme who has not exited."""
    query = Enrolment.select(Enrolment.participant).where(
        (Enrolment.programme == programme_id) & (Enrolment.status != EnrolmentStatus.EXITED.value)
    )
    return {row.participant_id for row in query}


def _get(model, record_id: int, what: str):
    row = model.get_or_none(model.id == record_id)
    if row is None:
        raise BoardInputError(f"No {what} with id {record_id}: it may have been deleted; reload the board.")
    return row


# -- sponsors -----------------------------------------------------------------------------------


def add_sponsor(programme_id: int, data: SponsorInput) -> int:
    board_programme(programme_id)
    clean = check_sponsor(data)
    return BoardSponsor.create(programme=programme_id, name=clean.name, role=clean.role, email=clean.email).id


def update_sponsor(sponsor_id: int, data: SponsorInput) -> None:
    row = _get(BoardSponsor, sponsor_id, "sponsor")
    clean = check_sponsor(data)
    row.name, row.role, row.email = clean.name, clean.role, clean.email
    row.save()


def delete_sponsor(sponsor_id: int) -> None:
    """Delete a sponsor; recommendations made to them keep their text (no longer addressed to anyone)."""
    _get(BoardSponsor, sponsor_id, "sponsor").delete_instance()


# -- sessions -----------------------------------------------------------------------------------


def _check_attendance(programme_id: int, attendance: Mapping[int, str]) -> dict[int, str]:
    members = member_ids(programme_id)
    for participant_id, status in attendance.items():
        if status not in PRESENCE_LABELS:
            raise BoardInputError(f"Attendance {status!r} is not one of: {', '.join(PRESENCE_LABELS)}.")
        if participant_id not in members:
            raise BoardInputError(
                f"Participant {participant_id} is not a member of this board (not enrolled, or exited): "
                "enrol them in the programme first."
            )
    return dict(attendance)


def _write_attendance(
    session_id: int, attendance: Mapping[int, str], members: set[int] | None = None
) -> None:
    """Replace the session's attendance of ``members`` (all of it when None) by ``attendance``: a person
    who has left the board since keeps the mark they had."""
    query = BoardSessionAttendance.delete().where(BoardSessionAttendance.session == session_id)
    if members is not None:
        query = query.where(BoardSessionAttendance.participant.in_(sorted(members)))
    query.execute()
    rows = [{"session": session_id, "participant": pid, "status": s} for pid, s in sorted(attendance.items())]
    if rows:
        BoardSessionAttendance.insert_many(rows).execute()


def add_session(programme_id: int, data: SessionInput, attendance: Mapping[int, str] | None = None) -> int:
    """A session; ``attendance`` maps members to present / apologies / absent (members left out: not recorded)."""
    board_programme(programme_id)
    clean = check_session(data)
    marks = _check_attendance(programme_id, attendance or {})
    with database.atomic():
        session = BoardSession.create(
            programme=programme_id,
            held_on=clean.held_on,
            title=clean.title,
            topics=clean.topics,
            place=clean.place,
            notes=clean.notes,
        )
        _write_attendance(session.id, marks)
    return session.id


def update_session(session_id: int, data: SessionInput, attendance: Mapping[int, str] | None = None) -> None:
    """Change a session; with ``attendance``, its members' attendance is replaced by this one (people who
    have left the board keep theirs)."""
    row = _get(BoardSession, session_id, "board session")
    clean = check_session(data)
    marks = _check_attendance(row.programme_id, attendance) if attendance is not None else None
    first_recommendation = (
        BoardRecommendation.select(BoardRecommendation.made_on)
        .where(BoardRecommendation.session == session_id)
        .order_by(BoardRecommendation.made_on)
        .first()
    )
    if first_recommendation is not None and clean.held_on and clean.held_on > first_recommendation.made_on:
        raise BoardInputError(
            f"Date ({clean.held_on.isoformat()}) is after a recommendation made at this session "
            f"({first_recommendation.made_on.isoformat()}): correct that recommendation's date first."
        )
    with database.atomic():
        row.held_on, row.title, row.topics = clean.held_on, clean.title, clean.topics
        row.place, row.notes = clean.place, clean.notes
        row.save()
        if marks is not None:
            _write_attendance(session_id, marks, member_ids(row.programme_id))


def delete_session(session_id: int) -> None:
    """Delete a session and its attendance; recommendations made at it stay (no longer tied to it)."""
    _get(BoardSession, session_id, "board session").delete_instance()


# -- recommendations ----------------------------------------------------------------------------


def _links(programme_id: int, data: RecommendationInput) -> date | None:
    """The day of the session it was made at; refuses a session or sponsor of another programme."""
    day = None
    if data.session_id is not None:
        session = BoardSession.get_or_none(BoardSession.id == data.session_id)
        if session is None or session.programme_id != programme_id:
            raise BoardInputError(
                f"Session {data.session_id} is not a session of this board: choose one of its own."
            )
        day = session.held_on
    if data.sponsor_id is not None:
        sponsor = BoardSponsor.get_or_none(BoardSponsor.id == data.sponsor_id)
        if sponsor is None or sponsor.programme_id != programme_id:
            raise BoardInputError(
                f"Sponsor {data.sponsor_id} is not a sponsor of this board: choose one of its own."
            )
    return day


def add_recommendation(
    programme_id: int,
    data: RecommendationInput,
    outcome: OutcomeInput | None = None,
    today: date | None = None,
) -> int:
    board_programme(programme_id)
    clean = check_recommendation(data, _links(programme_id, data))
    assert clean.made_on is not None
    result = check_outcome(outcome or OutcomeInput("awaiting"), clean.made_on, today or date.today())
    return BoardRecommendation.create(
        programme=programme_id,
        session=clean.session_id,
        sponsor=clean.sponsor_id,
        made_on=clean.made_on,
        title=clean.title,
        detail=clean.detail,
        outcome=result.outcome,
        decided_on=result.decided_on,
        outcome_note=result.note,
    ).id


def update_recommendation(
    recommendation_id: int, data: RecommendationInput, outcome: OutcomeInput, today: date | None = None
) -> None:
    row = _get(BoardRecommendation, recommendation_id, "recommendation")
    clean = check_recommendation(data, _links(row.programme_id, data))
    assert clean.made_on is not None
    result = check_outcome(outcome, clean.made_on, today or date.today())
    row.session, row.sponsor, row.made_on = clean.session_id, clean.sponsor_id, clean.made_on
    row.title, row.detail = clean.title, clean.detail
    row.outcome, row.decided_on, row.outcome_note = result.outcome, result.decided_on, result.note
    row.save()


def record_outcome(recommendation_id: int, outcome: OutcomeInput, today: date | None = None) -> None:
    """Only the outcome: accepted, declined, in progress (or back to awaiting), its day and note."""
    row = _get(BoardRecommendation, recommendation_id, "recommendation")
    result = check_outcome(outcome, row.made_on, today or date.today())
    row.outcome, row.decided_on, row.outcome_note = result.outcome, result.decided_on, result.note
    row.save()


def delete_recommendation(recommendation_id: int) -> None:
    _get(BoardRecommendation, recommendation_id, "recommendation").delete_instance()
