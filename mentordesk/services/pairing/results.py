"""What a matcher run reports, and the errors pairing operations raise (plain data, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mentordesk.core.pairing import MatchStats, SparseReport


class PairingError(ValueError):
    """A pairing operation that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class ProposedPair:
    mentee_id: int
    mentor_id: int
    score: float
    breakdown: list[dict[str, object]]
    kept: bool = False  # a pinned or accepted draft that stayed
    circle: tuple[int, ...] = ()  # group programmes: every co-facilitator of the mentee's circle (lead first)
    focus_areas: tuple[str, ...] = ()  # network programmes: the areas this mentor covers for the mentee
    rationale: str = ""  # why the matcher proposed it, when there is more to say than the score


@dataclass(frozen=True)
class Unmatched:
    participant_id: int
    name: str
    reason: str


@dataclass
class RunResult:
    programme_id: int
    kind: str
    pairs: list[ProposedPair]
    stats: MatchStats
    unmatched: list[Unmatched]
    dropped_pins: list[Unmatched] = field(default_factory=list)
    dropped_pairs: list[tuple[int, int]] = field(default_factory=list)  # (mentee, mentor) of dropped_pins
    baseline: MatchStats | None = None  # the greedy baseline on the same instance, when asked for
    saved: int = 0  # draft matches written
    timings: dict[str, float] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    scores_reused: bool = False  # the last run's scores served (only pins, accepts or rejects changed)
    solution_reused: bool = False  # the last run's assignment, still optimal (only its own pairs pinned)
    sparse: SparseReport | None = None  # the sparse path's rounds and bound (None: solved dense)

    def name(self, pid: int) -> str:
        return self.names.get(pid, f"#{pid}")


@dataclass(frozen=True)
class RunSummary:
    """What the last saved run reported, kept with the programme so the Pairing area can show it later."""

    at: datetime
    stats: MatchStats
    unmatched: list[Unmatched]
    baseline: MatchStats | None = None
