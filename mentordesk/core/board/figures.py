"""A shadow board's figures for a period, over plain rows, for the programme report (PDF and CSV).

A session counts when it was held in the period and not after the day the figures are taken (a
session dated later is planned, not held). Attendance is present / (present + apologies + absent)
over the attendance recorded at those sessions. A recommendation is *made* in the period when its
day falls in it; it is *accepted* or *declined* in the period when it was decided in it; it is *open*
(awaiting or in progress) on the day the figures are taken when it was made by then and not
decided by then. The acceptance rate is accepted / (accepted + declined) among those decided in the
period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from mentordesk.core.vocab import RecommendationOutcome

# key -> label, in the order the report lists them (stable: the CSV uses the keys).
BOARD_FIGURES: dict[str, str] = {
    "board_sessions_held": "Board sessions held",
    "board_attendance_pct": "Attendance at board sessions (%)",
    "board_recommendations_made": "Recommendations made",
    "board_recommendations_accepted": "Recommendations accepted",
    "board_recommendations_declined": "Recommendations declined",
    "board_recommendations_open": "Recommendations awaiting a decision or in progress",
    "board_acceptance_pct": "Recommendations accepted, of those decided (%)",
}


@dataclass(frozen=True)
class SessionFact:
    held_on: date
    present: int = 0
    apologies: int = 0
    absent: int = 0


@dataclass(frozen=True)
class RecommendationFact:
    made_on: date
    outcome: str
    decided_on: date | None = None


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def board_figures(
    sessions: Iterable[SessionFact],
    recommendations: Iterable[RecommendationFact],
    start: date,
    end: date,
    today: date,
) -> dict[str, int | float | None]:
    as_of = min(end, today)
    held = [s for s in sessions if start <= s.held_on <= as_of]
    present = sum(s.present for s in held)
    marked = sum(s.present + s.apologies + s.absent for s in held)
    recs = list(recommendations)
    made = [r for r in recs if start <= r.made_on <= as_of]

    def decided_in_period(outcome: str) -> int:
        return sum(
            1
            for r in recs
            if r.outcome == outcome and r.decided_on is not None and start <= r.decided_on <= as_of
        )

    accepted = decided_in_period(RecommendationOutcome.ACCEPTED.value)
    declined = decided_in_period(RecommendationOutcome.DECLINED.value)
    decided = (RecommendationOutcome.ACCEPTED.value, RecommendationOutcome.DECLINED.value)
    open_ = sum(
        1
        for r in recs
        if r.made_on <= as_of
        and not (r.outcome in decided and r.decided_on is not None and r.decided_on <= as_of)
    )
    return {
        "board_sessions_held": len(held),
        "board_attendance_pct": _pct(present, marked),
        "board_recommendations_made": len(made),
        "board_recommendations_accepted": accepted,
        "board_recommendations_declined": declined,
        "board_recommendations_open": open_,
        "board_acceptance_pct": _pct(accepted, accepted + declined),
    }
