"""Speed-mentoring night (issue 20): re-planning the rounds to come after check-in must be instant
enough to do between two rounds. Measured on the core planner, on a large evening."""

from __future__ import annotations

import time

import numpy as np

from bench.common import BenchEnv, Row

ISSUE = 20
TARGET = 2.0  # seconds: a coordinator re-plans between two rounds


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.core.pairing.speed import plan_rounds, plan_timetable

    n, m, rounds = (60, 20, 6) if env.quick else (200, 60, 8)
    rng = np.random.default_rng(20)
    scores = rng.uniform(20, 90, (n, m))
    eligible = rng.random((n, m)) > 0.1
    clock = time.perf_counter()
    first = plan_rounds(scores, eligible, rounds)
    first_seconds = time.perf_counter() - clock
    held = {pair for r in first.rounds[:2] for pair in r}
    here_mentees = set(range(n - n // 20))  # 5 % of mentees did not come
    here_mentors = set(range(m - 2))
    clock = time.perf_counter()
    again = plan_rounds(
        scores, eligible, rounds - 2, present_mentees=here_mentees, present_mentors=here_mentors, met=held
    )
    seconds = time.perf_counter() - clock
    clock = time.perf_counter()
    plan_timetable(scores, eligible, rounds)
    baseline = time.perf_counter() - clock
    counts = sorted(again.meetings.get(e, 0) for e in here_mentees)
    return [
        Row(
            issue=ISSUE,
            name=f"speed night: re-plan {rounds - 2} rounds for {len(here_mentees)} mentees x {len(here_mentors)} "
            "mentors after 2 held",
            seconds=seconds,
            baseline_name="the timetable without fairness (most meetings, then score)",
            baseline_seconds=baseline,
            target=f"< {TARGET:g} s",
            met=seconds < TARGET,
            note=f"first plan {first_seconds:.2f}s; meetings per mentee present {counts[0]}-{counts[-1]}",
        )
    ]
