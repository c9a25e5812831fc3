"""Issue 6 (goals): loading the Goals page, the dashboard's goal items and the CSV export at scale.

Issue 6 sets no time target, so the rows carry none (``met`` None); each is
compared with a same-run baseline that reads the same rows with raw tuple
queries (the least any implementation must do), so the ratio shows what the
derivation (progress, reviews, names) costs.

The database is built here, not taken from ``env.database()``: the goals, milestones
and reflections must exist in known numbers (one match per two participants, three
goals each with three milestones, two reflections per match).
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.common import BenchEnv, Row, best_of


def build_database(path: Path, participants: int) -> int:
    """A programme with ``participants // 2`` active matches and their goals; returns the programme id."""
    from mentordesk.store.db import database, open_database
    from mentordesk.store.models import (
        Goal,
        Match,
        MatchMember,
        Milestone,
        Participant,
        Programme,
        Reflection,
    )

    open_database(path, backup=False)
    rng = random.Random(6)
    today = date.today()
    pairs = participants // 2
    with database.atomic():
        programme = Programme.create(name="Bench goals")
        Participant.insert_many(
            [{"first_name": f"Person{i}", "last_name": f"Bench{i % 97}"} for i in range(participants)]
        ).execute()
        people = [p.id for p in Participant.select(Participant.id).order_by(Participant.id)]
        Match.insert_many(
            [
                {
                    "programme": programme.id,
                    "status": "active",
                    "started_on": today - timedelta(days=rng.randint(30, 300)),
                }
                for _ in range(pairs)
            ]
        ).execute()
        matches = [m.id for m in Match.select(Match.id).order_by(Match.id)]
        members = []
        for k, match_id in enumerate(matches):
            members.append({"match": match_id, "participant": people[2 * k], "role": "mentor"})
            members.append({"match": match_id, "participant": people[2 * k + 1], "role": "mentee"})
        for start in range(0, len(members), 5000):
            MatchMember.insert_many(members[start : start + 5000]).execute()
        goals = []
        statuses = ["not_started", "in_progress", "in_progress", "achieved", "dropped"]
        for k, match_id in enumerate(matches):
            for g in range(3):
                status = rng.choice(statuses)
                goals.append(
                    {
                        "match": match_id,
                        "owner": people[2 * k + 1],
                        "title": f"Goal {g} of match {match_id}",
                        "measurable": "Agreed indicator",
                        "target_date": today + timedelta(days=rng.randint(-30, 200)),
                        "status": status,
                        "achieved_on": today - timedelta(days=3) if status == "achieved" else None,
                        "dropped_reason": "Moved school" if status == "dropped" else "",
                        "review_on": today + timedelta(days=rng.randint(-40, 120)),
                        "created_at": datetime.now() - timedelta(days=rng.randint(10, 400)),
                    }
                )
        for start in range(0, len(goals), 5000):
            Goal.insert_many(goals[start : start + 5000]).execute()
        steps = []
        for goal_id in (g.id for g in Goal.select(Goal.id)):
            for m in range(3):
                due = today + timedelta(days=rng.randint(-60, 120))
                done = due - timedelta(days=2) if rng.random() < 0.4 and due < today else None
                steps.append(
                    {"goal": goal_id, "title": f"Step {m + 1}", "position": m, "due_on": due, "done_on": done}
                )
        for start in range(0, len(steps), 5000):
            Milestone.insert_many(steps[start : start + 5000]).execute()
        entries = [
            {
                "match": match_id,
                "author": people[2 * k + 1 - r],
                "author_role": "mentee" if r == 0 else "mentor",
                "written_on": today - timedelta(days=rng.randint(1, 60)),
                "successes": "=looks like a formula" if k % 50 == 0 else "Went well",
                "next_steps": "Keep going",
            }
            for k, match_id in enumerate(matches)
            for r in range(2)
        ]
        for start in range(0, len(entries), 5000):
            Reflection.insert_many(entries[start : start + 5000]).execute()
    return programme.id


def _raw_read(programme_id: int) -> int:
    """Baseline: the rows the page needs, as plain tuples, nothing derived."""
    from mentordesk.store.models import Goal, Match, MatchMember, Milestone, Participant

    goals = list(Goal.select().join(Match).where(Match.programme == programme_id).tuples())
    steps = list(Milestone.select().join(Goal).join(Match).where(Match.programme == programme_id).tuples())
    names = list(
        MatchMember.select(MatchMember.match, MatchMember.role, Participant.first_name, Participant.last_name)
        .join(Participant)
        .switch(MatchMember)
        .join(Match)
        .where(Match.programme == programme_id)
        .tuples()
    )
    return len(goals) + len(steps) + len(names)


def _raw_csv(programme_id: int) -> bytes:
    from mentordesk.store.models import Goal, Match

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in Goal.select().join(Match).where(Match.programme == programme_id).tuples():
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.services.goals import changes as goals, export as goals_export
    from mentordesk.store.db import close_database

    participants = 400 if env.quick else env.participants
    path = env.workdir / f"bench-goals-{participants}.db"
    if path.exists():
        path.unlink()
    programme_id = build_database(path, participants)
    repeat = 1 if env.quick else 3
    try:
        baseline = best_of(lambda: _raw_read(programme_id), repeat)

        page = best_of(lambda: goals.overview(programme_id, within_days=14), repeat)  # what refresh() reads
        attention = best_of(lambda: goals.attention_items(programme_id), repeat)
        csv_baseline = best_of(lambda: _raw_csv(programme_id), repeat)
        out = env.workdir / "bench-goals.csv"
        export = best_of(lambda: goals_export.export_goals(programme_id, out), repeat)
        counts = goals.programme_stats(programme_id)
    finally:
        close_database()
    size = f"{participants // 2} matches, {counts.total} goals, {counts.total * 3} milestones"
    return [
        Row(
            6,
            "Goals page data (matches, summary, reviews due)",
            page,
            "raw tuple read of goals, milestones, members",
            baseline,
            note=size,
            floor="the same rows read as raw tuples, nothing computed from them",
        ),
        Row(
            6,
            "Dashboard goal attention items",
            attention,
            "raw tuple read of goals, milestones, members",
            baseline,
            note=size,
            floor="the same rows read as raw tuples, nothing computed from them",
        ),
        Row(
            6,
            "Goals CSV export",
            export,
            "csv.writer over raw goal tuples",
            csv_baseline,
            note=size,
            floor="csv.writer over the same rows as raw tuples",
        ),
    ]


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for row in run(BenchEnv(Path(folder))):
            ratio = f"{row.ratio:.1f}x" if row.ratio else "-"
            print(
                f"{row.name}: {row.seconds:.3f} s (baseline {row.baseline_seconds:.3f} s, {ratio}) {row.note}"
            )
