"""Issue 20 (network mentoring): first and further mentors for a whole cohort, in solver rounds.

Target: 2,000 mentees x 1,250 mentors x capacity 4 (5,000 places: room for further mentors) with five focus areas (each mentee needs two or
three, each mentor offers one or two) under 5 s for every round together; the baseline is one plain
whole-cohort solve of the same matrix (what a one-to-one run costs), so the row says what the
further rounds add. Scores are random here: this measures the rounds, not the scoring (bench_pairing
times scoring from the database).
"""

from __future__ import annotations

import time

import numpy as np

from bench.common import BenchEnv, Row

ISSUE = 20
AREAS = ("Careers", "Study skills", "Wellbeing", "Confidence", "University choice")


def _instance(mentees: int, mentors: int, seed: int = 20):
    rng = np.random.default_rng(seed)
    scores = rng.uniform(20, 95, (mentees, mentors)).astype(np.float32)
    eligible = rng.random((mentees, mentors)) < 0.9
    needs = [frozenset(rng.choice(AREAS, rng.integers(2, 4), replace=False).tolist()) for _ in range(mentees)]
    offers = [
        frozenset(rng.choice(AREAS, rng.integers(1, 3), replace=False).tolist()) for _ in range(mentors)
    ]
    return scores, eligible, needs, offers


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.core.pairing import plan_network, solve

    mentees, mentors = (400, 250) if env.quick else (2000, 1250)
    scores, eligible, needs, offers = _instance(mentees, mentors)
    capacities = [4] * mentors
    best = base = float("inf")
    plan = None
    for _ in range(1 if env.quick else 3):
        clock = time.perf_counter()
        solve(scores, eligible, capacities)
        base = min(base, time.perf_counter() - clock)
        clock = time.perf_counter()
        plan = plan_network(scores, eligible, capacities, needs, offers, max_mentors=3)
        best = min(best, time.perf_counter() - clock)
    assert plan is not None
    load = np.bincount([link.col for link in plan.links], minlength=mentors)
    if (load > 4).any():
        raise AssertionError("a mentor was given more mentees than places")
    covered = sum(len(link.areas) for link in plan.links)
    wanted = sum(len(n) for n in needs)
    return [
        Row(
            ISSUE,
            f"network: {mentees:,} mentees x {mentors:,} mentors x 4, {len(AREAS)} focus areas",
            best,
            "one whole-cohort solve",
            base,
            "< 5 s",
            best < 5.0,
            note=(
                f"{len(plan.links):,} links in {plan.rounds} round(s); {covered:,} of {wanted:,} "
                f"areas covered ({100 * covered / wanted:.0f} %); places used {int(load.sum()):,} of {4 * mentors:,}"
            ),
        )
    ]
