"""Which programmes the matcher pairs: kept apart from the matcher, so the dashboard and the
Pairing page can ask without loading numpy and scipy."""

from __future__ import annotations

from mentordesk.core.vocab import ProgrammeKind


def matcher_refusal(kind: str) -> str:
    """Why the matcher does not pair a programme of ``kind`` ("" when it does), in words for the user."""
    # Speed mentoring: the matcher runs after the night, as the follow-up run with the wishes to
    # meet again (services/pairing/speed_night.py says so when none are recorded yet).
    if kind == ProgrammeKind.SHADOW_BOARD.value:
        return (
            "A shadow board is not paired: its members meet as one board. Record its sponsors, sessions and "
            "recommendations on the Board tab."
        )
    return ""


GROUP_SIZE = 6  # mentees in a new group programme's circle
MENTORS_PER_CIRCLE = 2  # co-facilitators in a new group programme's circle


def starting_settings(kind: str) -> dict[str, object]:
    """``Programme.settings`` a new programme of ``kind`` starts with: a group programme runs circles of
    six mentees with two co-facilitators (changed in Settings › Pairing)."""
    if kind == ProgrammeKind.GROUP.value:
        return {"pairing": {"group_size": GROUP_SIZE, "mentors_per_circle": MENTORS_PER_CIRCLE}}
    return {}
