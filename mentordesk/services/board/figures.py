"""The shadow board's section of the programme report: its figures for a period (core/board defines them)."""

from __future__ import annotations

from datetime import date

from mentordesk.core.board import RecommendationFact, SessionFact, board_figures
from mentordesk.core.vocab import BoardPresence, ProgrammeKind
from mentordesk.store.models import BoardRecommendation, BoardSession, BoardSessionAttendance, Programme
from mentordesk.store.rows import as_date, tuples


def report_figures(programme_id: int, start: date, end: date, today: date) -> dict[str, int | float | None]:
    """The board figures of the period; {} for a programme that is not a shadow board and has no board
    records (its report has no board section)."""
    programme = Programme.get_or_none(Programme.id == programme_id)
    if programme is None:
        return {}
    sessions: dict[int, list[int]] = {}
    days: dict[int, date] = {}
    for sid, held_on in tuples(
        BoardSession.select(BoardSession.id, BoardSession.held_on).where(
            BoardSession.programme == programme_id
        )
    ):
        days[sid] = as_date(held_on) or start
        sessions[sid] = [0, 0, 0]
    slot = {BoardPresence.PRESENT.value: 0, BoardPresence.APOLOGIES.value: 1, BoardPresence.ABSENT.value: 2}
    if days:
        for sid, status in tuples(
            BoardSessionAttendance.select(
                BoardSessionAttendance.session, BoardSessionAttendance.status
            ).where(BoardSessionAttendance.session.in_(list(days)))
        ):
            sessions[sid][slot.get(status, 2)] += 1
    recommendations = [
        RecommendationFact(as_date(made) or start, outcome, as_date(decided))
        for made, outcome, decided in tuples(
            BoardRecommendation.select(
                BoardRecommendation.made_on, BoardRecommendation.outcome, BoardRecommendation.decided_on
            ).where(BoardRecommendation.programme == programme_id)
        )
    ]
    if programme.kind != ProgrammeKind.SHADOW_BOARD.value and not days and not recommendations:
        return {}
    facts = [SessionFact(days[sid], *counts) for sid, counts in sessions.items()]
    return board_figures(facts, recommendations, start, end, today)
