"""Issue 4: scoring + assignment from the database to saved drafts, re-runs with pins, greedy quality gap.

Targets: 2,000 mentees x 500 mentors x capacity 4 under 2 s; 4,000 x 1,000 under 8 s; a re-run after
pinning 50 pairs under 2 s. The baseline in the same run is the greedy pairing (best pair first) on the
same score matrix: the time it takes, and how much worse its matches are (mean, worst 5 %, minimum).

The benchmark database is built here with ``insert_many`` (a realistic cohort: tags drawn from clusters,
after-school availability, cleared mentors, minors with guardian consent), one file per size.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from pathlib import Path

from bench.common import BenchEnv, Row

ISSUE = 4

SKILLS = [
    "coding",
    "maths",
    "essay writing",
    "CV writing",
    "interview practice",
    "time management",
    "engineering",
    "design",
    "finance",
    "public speaking",
    "science",
    "languages",
]
INTERESTS = [
    "robotics",
    "chess",
    "football",
    "music",
    "drama",
    "art",
    "reading",
    "gaming",
    "cooking",
    "climbing",
    "film",
    "photography",
    "dance",
    "history",
    "nature",
]
GOALS = ["confidence", "university choice", "careers", "exam preparation", "wellbeing", "leadership"]
LANGUAGES = ["English", "Polish", "Arabic", "Spanish", "Urdu", "French"]
ORGS = ["Harbour Engineering", "City Council", "St Anne's College", "Northgate Bank", "Riverside NHS Trust"]
DEPTS = ["Engineering", "Finance", "Design", "Operations", "People", "IT"]


def build_database(path: Path, mentees: int, mentors: int, capacity: int, seed: int = 4) -> int:
    """A fresh benchmark database; returns the programme id."""
    from mentordesk.store import audit
    from mentordesk.store.db import close_database, database, open_database
    from mentordesk.store.models import (
        AvailabilitySlot,
        ConsentRecord,
        Enrolment,
        Guardian,
        Participant,
        ParticipantTag,
        Programme,
        ScreeningCheck,
        Tag,
    )

    if path.exists():
        path.unlink()
    open_database(path, backup=False)
    rng = random.Random(seed)
    today = date.today()
    with database.atomic(), audit.suspended():
        programme = Programme.create(name="Benchmark cohort", kind="one_to_one", starts_on=today)
        tag_ids = {}
        for kind, names in (
            ("skill", SKILLS),
            ("interest", INTERESTS),
            ("goal_area", GOALS),
            ("language", LANGUAGES),
        ):
            for name in names:
                tag_ids[(kind, name)] = Tag.create(kind=kind, name=name).id
        people = []
        for i in range(mentors + mentees):
            is_mentor = i < mentors
            dob = (
                date(rng.randint(1965, 2000), rng.randint(1, 12), 1)
                if is_mentor
                else date(today.year - rng.randint(12, 17), rng.randint(1, 12), 1)
            )
            people.append(
                {
                    "first_name": f"{'Mentor' if is_mentor else 'Mentee'}{i}",
                    "last_name": "Bench",
                    "date_of_birth": dob,
                    "organisation": rng.choice(ORGS)
                    if is_mentor
                    else rng.choice(["Riverside Academy", "Northgate High"]),
                    "department": rng.choice(DEPTS)
                    if is_mentor
                    else rng.choice(["Year 9", "Year 10", "Year 11"]),
                    "seniority": rng.randint(1, 30) if is_mentor else None,
                }
            )
        for start in range(0, len(people), 500):
            Participant.insert_many(people[start : start + 500]).execute()
        ids = [pid for (pid,) in Participant.select(Participant.id).order_by(Participant.id).tuples()]
        mentor_ids, mentee_ids = ids[:mentors], ids[mentors:]
        enrolments = [
            {
                "participant": p,
                "programme": programme.id,
                "role": "mentor",
                "status": "ready",
                "capacity": capacity,
            }
            for p in mentor_ids
        ]
        enrolments += [
            {
                "participant": p,
                "programme": programme.id,
                "role": "mentee",
                "status": "ready",
                "preferences": rng.choice(["", "", "", "someone in engineering", "speaks Polish"]),
            }
            for p in mentee_ids
        ]
        tags, slots, checks, guardians = [], [], [], []
        mentor_set = set(mentor_ids)
        for pid in ids:
            is_mentor = pid in mentor_set
            cluster = rng.randrange(4)  # people cluster around related interests: realistic, and ties
            direction = "offers" if is_mentor else "seeks"
            for name in set(rng.sample(SKILLS[cluster * 3 : cluster * 3 + 3], 1) + rng.sample(SKILLS, 1)):
                tags.append({"participant": pid, "tag": tag_ids[("skill", name)], "direction": direction})
            for name in set(
                rng.sample(INTERESTS[cluster * 3 : cluster * 3 + 4], 2) + rng.sample(INTERESTS, 1)
            ):
                tags.append({"participant": pid, "tag": tag_ids[("interest", name)], "direction": "both"})
            for name in rng.sample(GOALS, 1 if is_mentor else 2):
                tags.append({"participant": pid, "tag": tag_ids[("goal_area", name)], "direction": direction})
            for name in {"English", rng.choice(LANGUAGES)}:
                tags.append({"participant": pid, "tag": tag_ids[("language", name)], "direction": "both"})
            for weekday in rng.sample(range(5), 2):
                begin = rng.choice([15 * 60 + 30, 16 * 60, 16 * 60 + 30, 17 * 60])
                slots.append(
                    {"participant": pid, "weekday": weekday, "start_minute": begin, "end_minute": begin + 90}
                )
            if is_mentor:
                for kind, extra in (
                    ("interview", {}),
                    ("reference", {}),
                    ("reference", {}),
                    ("code_of_conduct", {}),
                    ("training", {"hours": 3.0}),
                    ("background_check", {"expires_on": today + timedelta(days=900)}),
                ):
                    checks.append(
                        {
                            "participant": pid,
                            "programme": programme.id,
                            "kind": kind,
                            "outcome": "passed",
                            "completed_on": today - timedelta(days=30),
                            "hours": None,
                            "expires_on": None,
                            **extra,
                        }
                    )
            else:
                guardians.append({"participant": pid, "name": "Guardian", "relationship": "Parent"})
        for rows, model in (
            (enrolments, Enrolment),
            (tags, ParticipantTag),
            (slots, AvailabilitySlot),
            (checks, ScreeningCheck),
            (guardians, Guardian),
        ):
            for start in range(0, len(rows), 500):
                model.insert_many(rows[start : start + 500]).execute()
        consents = [
            {
                "participant": pid,
                "kind": "parental_permission",
                "given": True,
                "given_on": today - timedelta(days=20),
            }
            for pid in mentee_ids
        ]
        for start in range(0, len(consents), 500):
            ConsentRecord.insert_many(consents[start : start + 500]).execute()
    programme_id = programme.id
    close_database()
    return programme_id


def _fresh(path: Path, programme_id: int) -> None:
    """Open the benchmark file and drop every draft, so each timed run does the full work."""
    from mentordesk.services.pairing import review
    from mentordesk.store.db import open_database

    open_database(path, backup=False)
    review.discard_drafts(programme_id, include_kept=True)


def _timed_run(path: Path, programme_id: int, solver: str = "optimal", repeat: int = 2):
    """Best of ``repeat`` full runs (database -> scores -> solver -> drafts saved), each from no drafts."""
    from mentordesk.services.pairing import run as pairing

    best = None
    result = None
    for _ in range(repeat):
        _fresh(path, programme_id)
        start = time.perf_counter()
        result = pairing.run_matcher(programme_id, solver=solver)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def _greedy_and_gap(programme_id: int):
    """Time the greedy baseline on the same score matrix and compare its quality with the optimum."""
    from mentordesk.core.pairing.solver import greedy, solve
    from mentordesk.services.pairing.cohort import load_cohort
    from mentordesk.services.pairing.run import score_cohort

    cohort = load_cohort(programme_id, keep_drafts=False)
    matrix, allowed = score_cohort(cohort)
    capacities = [cohort.capacity.get(p.id, 0) for p in cohort.mentors]
    start = time.perf_counter()
    g = greedy(matrix.scores, allowed, capacities)
    greedy_seconds = time.perf_counter() - start
    start = time.perf_counter()
    o = solve(matrix.scores, allowed, capacities)
    optimal_seconds = time.perf_counter() - start
    return g.stats, o.stats, greedy_seconds, optimal_seconds


def _fmt(stats) -> str:
    return f"mean {stats.mean:.2f}, worst 5 % {stats.worst5:.2f}, min {stats.minimum:.2f}, matched {stats.matched}"


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.store.db import close_database

    sizes = (
        [(200, 50, 4, 2.0), (400, 100, 4, 8.0)] if env.quick else [(2000, 500, 4, 2.0), (4000, 1000, 4, 8.0)]
    )
    rows: list[Row] = []
    for index, (n_mentees, n_mentors, capacity, target) in enumerate(sizes):
        path = env.workdir / f"bench-pairing-{n_mentees}x{n_mentors}.db"
        programme_id = build_database(path, n_mentees, n_mentors, capacity)
        greedy_run_seconds, _ = _timed_run(path, programme_id, solver="greedy")
        seconds, result = _timed_run(path, programme_id)
        g_stats, o_stats, greedy_seconds, optimal_seconds = _greedy_and_gap(programme_id)
        timings = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
        rows.append(
            Row(
                issue=ISSUE,
                name=f"match {n_mentees} mentees x {n_mentors} mentors x cap {capacity}: DB -> drafts saved",
                seconds=seconds,
                baseline_name="the same pipeline with the greedy solver",
                baseline_seconds=greedy_run_seconds,
                target=f"< {target:g} s",
                met=seconds < target,
                note=f"{result.saved} drafts; {timings}; optimal solve alone {optimal_seconds:.2f}s",
            )
        )
        gap_note = (
            f"optimal: {_fmt(o_stats)}; greedy: {_fmt(g_stats)}; greedy total is "
            f"{100 * (1 - g_stats.total / o_stats.total):.2f} % lower"
        )
        rows.append(
            Row(
                issue=ISSUE,
                name=f"quality gap of greedy vs optimal ({n_mentees} x {n_mentors})",
                seconds=optimal_seconds,
                baseline_name="greedy",
                baseline_seconds=greedy_seconds,
                target="optimal mean, worst 5 % and minimum >= greedy",
                met=bool(o_stats.total >= g_stats.total - 1e-6 and o_stats.worst5 >= g_stats.worst5 - 1e-6),
                note=gap_note,
            )
        )
        if index == 0:
            rows.append(_rerun_after_pins(path, programme_id, target=2.0, full_seconds=seconds))
        close_database()
    return rows


def _rerun_after_pins(path: Path, programme_id: int, target: float, full_seconds: float) -> Row:
    from mentordesk.services.pairing import review, run as pairing

    _fresh(path, programme_id)
    pairing.run_matcher(programme_id)
    rows = review.list_drafts(programme_id)
    pinned = [r.match_id for r in rows[:50]]
    review.set_pinned(pinned)
    start = time.perf_counter()
    result = pairing.run_matcher(programme_id)
    seconds = time.perf_counter() - start
    kept = sum(1 for p in result.pairs if p.kept)
    return Row(
        issue=ISSUE,
        name=f"re-run after pinning {len(pinned)} pairs ({len(rows)} drafts)",
        seconds=seconds,
        baseline_name="first full run",
        baseline_seconds=full_seconds,
        target=f"< {target:g} s",
        met=seconds < target and kept == len(pinned),
        note=f"{kept} pinned pairs kept; {result.saved} new drafts",
    )


if __name__ == "__main__":  # python -m bench.bench_pairing [--quick]
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for row in run(BenchEnv(Path(folder), quick="--quick" in sys.argv)):
            ratio = f"{row.ratio:.2f}x" if row.ratio else "-"
            print(
                f"{row.name}: {row.seconds:.3f} s (baseline {row.baseline_name}: {row.baseline_seconds:.3f} s, {ratio}) "
                f"target {row.target}: {'met' if row.met else 'NOT met'}\n    {row.note}"
            )
