"""Which programmes the matcher pairs: kept apart from the matcher, so the dashboard and the
Pairing page can ask without loading numpy and scipy."""

from __future__ import annotations

from mentordesk.core.vocab import ProgrammeKind


def matcher_refusal(kind: str) -> str:
    """Why the matcher does not pair a programme of ``kind`` ("" when it does), in words for the user."""
    if kind == ProgrammeKind.SPEED.value:
        return "Speed-mentoring programmes use a rotation timetable: build it on the Timetable tab."
    if kind == ProgrammeKind.SHADOW_BOARD.value:
        return (
            "A shadow board is not paired: its members meet as one board. Record its sponsors, sessions and "
            "recommendations on the Board tab."
        )
    return ""
