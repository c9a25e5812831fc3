"""Issue 21 (several people at once): five coordinators saving edits on one loopback PostgreSQL server.

Five processes (five coordinators, each with their own connection) edit the same small pool of
records for 60 s (5 s with --quick): participants' notes, matches' rationale, goals' review notes
and meetings' notes. Each edit is what an editor does: read the record (an EditSession, as the
edit dialogs hold), think for a moment, append a token of its own to the text and save. A save
refused because someone else saved first (RecordChanged) is merged: resolved over their version,
the record read again, the token appended to their text, saved again. At the end every token any coordinator was told was
saved must be in the database: a lost update is a failure, whatever the latency.

The row reports the save p95 (the commit of one checked save, including the version check); the
baseline is one coordinator alone on the same server, so the ratio is what contention costs.
The server is a throwaway cluster (tests/pg_server.py), started and removed here.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import time

from bench.common import BenchEnv, Row

ISSUE = 21
COORDINATORS = 5
FULL_SECONDS, QUICK_SECONDS = 60.0, 5.0
P95_TARGET = 0.2  # seconds: a save should feel instant even with five people at it
POOL = {"participant": 20, "match": 8, "goal": 8, "meeting": 8}
TEXT_FIELD = {"participant": "notes", "match": "rationale", "goal": "review_notes", "meeting": "notes"}


def _models() -> dict:
    from mentordesk.store.models import Goal, Match, Meeting, Participant

    return {"participant": Participant, "match": Match, "goal": Goal, "meeting": Meeting}


def _seed(url: str) -> dict[str, list[int]]:
    from datetime import datetime, timedelta

    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Goal, Match, MatchMember, Meeting, Participant, Programme

    open_database(url)
    programme = Programme.create(name="Year 9")
    ids: dict[str, list[int]] = {name: [] for name in POOL}
    people = [Participant.create(first_name=f"Person{i}") for i in range(POOL["participant"])]
    ids["participant"] = [p.id for p in people]
    start = datetime(2027, 1, 11, 15, 0)
    for i in range(POOL["match"]):
        match = Match.create(programme=programme, status="active")
        MatchMember.create(match=match, participant=people[2 * i], role="mentor")
        MatchMember.create(match=match, participant=people[2 * i + 1], role="mentee")
        ids["match"].append(match.id)
        ids["goal"].append(Goal.create(match=match, title=f"Goal {i}").id)
        ids["meeting"].append(Meeting.create(match=match, starts_at=start + timedelta(days=i)).id)
    close_database()
    return ids


def coordinator(url: str, ids: dict[str, list[int]], seconds: float, seed: int) -> dict:
    """One coordinator's session: the tokens saved, each save's latency, the conflicts met."""
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.versions import EditSession, RecordChanged

    open_database(url, migrate=False)
    models = _models()
    rng = random.Random(seed)
    saved: list[tuple[str, int, str]] = []
    latencies: list[float] = []
    conflicts = 0
    n = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        table = rng.choice(list(POOL))
        record_id = rng.choice(ids[table])
        model, field = models[table], TEXT_FIELD[table]
        token = f"[{seed}.{n}]"
        n += 1
        session = EditSession()
        session.watch(table, record_id)  # the editor opens
        time.sleep(rng.uniform(0.0, 0.02))  # and the coordinator types
        while True:
            with session.active():
                record = model.get_by_id(record_id)
                setattr(record, field, (getattr(record, field) or "") + token)
                started = time.perf_counter()
                try:
                    record.save()
                except RecordChanged as conflict:
                    conflicts += 1
                    # Merge: build on their version; the retry reads their text and adds my token to it.
                    session.resolve(conflict, {c.name: "mine" for c in conflict.changes})
                    continue
                latencies.append(time.perf_counter() - started)
            saved.append((table, record_id, token))
            break
    close_database()
    return {"saved": saved, "latencies": latencies, "conflicts": conflicts}


def _lost_updates(url: str, results: list[dict]) -> int:
    from mentordesk.store.db import close_database, open_database

    open_database(url, migrate=False)
    models = _models()
    text = {
        (table, row.id): getattr(row, TEXT_FIELD[table]) or ""
        for table, model in models.items()
        for row in model.select()
    }
    close_database()
    return sum(1 for r in results for table, rid, token in r["saved"] if token not in text[(table, rid)])


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values, default=float("nan"))


def _session(url: str, ids: dict[str, list[int]], people: int, seconds: float) -> list[dict]:
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(people) as pool:
        return pool.starmap(coordinator, [(url, ids, seconds, 1 + i) for i in range(people)])


def run(env: BenchEnv) -> list[Row]:
    from tests.pg_server import PgServer, find_bin_dir

    name = "five coordinators saving a mix of edits for 60 s on the loopback server: save p95"
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return [Row(ISSUE, name, float("nan"), met=None, note="PostgreSQL is not installed here: not measured")]
    seconds = QUICK_SECONDS if env.quick else FULL_SECONDS
    server = PgServer(bin_dir)
    try:
        server.start()
        alone_db, crowd_db = server.new_database(), server.new_database()
        alone_url, crowd_url = server.url(alone_db), server.url(crowd_db)
        alone_ids, crowd_ids = _seed(alone_url), _seed(crowd_url)
        alone = _session(alone_url, alone_ids, 1, max(seconds / 6, 2.0))
        crowd = _session(crowd_url, crowd_ids, COORDINATORS, seconds)
        lost = _lost_updates(crowd_url, crowd)
    finally:
        server.stop()
    latencies = [t for r in crowd for t in r["latencies"]]
    saves = len(latencies)
    conflicts = sum(r["conflicts"] for r in crowd)
    p95, baseline = _p95(latencies), _p95(alone[0]["latencies"])
    if env.quick:
        name = name.replace("60 s", f"{seconds:g} s (--quick)")
    return [
        Row(
            ISSUE,
            name,
            p95,
            "one coordinator alone: save p95",
            baseline,
            f"no lost update; p95 < {P95_TARGET:g} s",
            lost == 0 and p95 < P95_TARGET,
            f"{saves} saves ({saves / seconds:.0f}/s), {conflicts} conflicts merged, {lost} lost updates; "
            f"p50 {statistics.median(latencies) * 1000:.1f} ms",
        )
    ]
