"""Issue 21 (a shared server): what row-level security costs a coordinator, and moving a database over.

On a throwaway PostgreSQL cluster (tests/pg_server.py; skipped when PostgreSQL is not installed)
holding the generated N-participant database, moved there with ``move-to``:

- the participants roster read as a coordinator given the programme (every table behind a
  row-level policy) against the same read as the table owner (no policy applies): the target
  is at most 1.5x;
- ``move-to`` (a local file to the empty server, verified) and ``copy-to`` (back to a new file,
  verified), without a target: they run once, when an organisation moves.
"""

from __future__ import annotations

import os
import time

from bench.common import BenchEnv, Row, best_of

ISSUE = 21
RLS_TARGET = 1.5


def run(env: BenchEnv) -> list[Row]:
    from tests.pg_server import PgServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        return [Row(ISSUE, "shared server", 0.0, note="skipped: PostgreSQL is not installed")]
    server = PgServer(bin_dir)
    server.start()
    try:
        return _rows(env, server)
    finally:
        from mentordesk.store.db import close_database

        close_database()
        server.stop()


def _rows(env: BenchEnv, server) -> list[Row]:
    from mentordesk.cli import main
    from mentordesk.services import participants
    from mentordesk.store import server_roles
    from mentordesk.store.db import close_database, open_database

    source = env.database()
    name = server.new_database(with_schema=False)
    url = server.url(name)
    os.environ.pop("MENTORDESK_PASSPHRASE", None)
    start = time.perf_counter()
    if main(["--db", str(source), "move-to", url]) != 0:
        raise RuntimeError("move-to failed")
    moved = time.perf_counter() - start
    copy = env.workdir / "shared-server-copy.db"
    copy.unlink(missing_ok=True)
    start = time.perf_counter()
    if main(["--db", url, "copy-to", "--unencrypted", str(copy)]) != 0:
        raise RuntimeError("copy-to failed")
    copied = time.perf_counter() - start

    db = open_database(url)
    programme_id = db.execute_sql("SELECT min(id) FROM programme").fetchone()[0]
    server_roles.apply_init(db)
    server_roles.grant(db, "bench_coordinator", "coordinator", [programme_id])
    repeat = 2 if env.quick else 5
    owner = best_of(lambda: participants.roster(programme_id), repeat)
    close_database()
    open_database(server.url(name, "bench_coordinator"))
    people = len(participants.roster(programme_id))
    coordinator = best_of(lambda: participants.roster(programme_id), repeat)
    close_database()
    ratio = coordinator / owner
    return [
        Row(
            ISSUE,
            f"roster of {people:,} as a coordinator (row-level security)",
            coordinator,
            "the same as the table owner",
            owner,
            f"<= {RLS_TARGET}x baseline",
            ratio <= RLS_TARGET,
        ),
        Row(ISSUE, f"move-to: {env.participants:,}-person file to an empty server, verified", moved),
        Row(ISSUE, "copy-to: the server back to a new file, verified", copied),
    ]
