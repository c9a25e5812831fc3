"""Issue 2: start-up to a shown main window, and opening the database to a loaded participant list.

(a) Each start is a fresh Python process (QT_QPA_PLATFORM=offscreen) timed from just before
    it is spawned to the first paint of its window, reported by the child as a wall-clock
    timestamp. MentorDesk on the generated database is compared with a bare QMainWindow
    started the same way, so interpreter and Qt start-up cost both sides alike.
    The same starts give the second row (issue 22): from the first paint to the later of the
    open check's verdict and the dashboard showing the file's data (its cards and Today tab),
    against one bare sqlite3 connection running the same checks and the SELECTs the dashboard
    ran (recorded from peewee's log of what it sends). Each start finds the file as the previous one
    closed it (the child closes it as the app does), so it runs the quick check, as every
    start after the first of the day does.
(b) ``open_database`` plus the participant list query through the models, compared with a
    bare ``sqlite3`` connection running the same SQL.

Run one child by hand: ``python bench/startup_child.py app DB`` (or ``bare``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import BenchEnv, Row, best_of, statements_of

ROOT = Path(__file__).resolve().parent.parent

ISSUE = 2
HEAVY_MODULES = ("scipy", "numpy", "reportlab", "icalendar")
CHILD = Path(__file__).resolve().parent / "startup_child.py"
START_TARGET = 1.5  # issue 22: at most 1.5 times a bare QMainWindow's start (issue 2 asked for 2x)
FILL_TARGET = 0.3  # issue 22: opened, checked and the first page filled within 0.3 s of the first paint
LIST_TARGET = 3.0  # the models may cost at most three times a bare sqlite3 read of the same rows


# -- (a) start-up --------------------------------------------------------------------------------


def time_start(kind: str, db_path: Path | None = None) -> tuple[float, dict]:
    """Seconds from spawning a fresh process to its window's first paint, and the child's report.

    The report holds wall-clock timestamps of the phases and the heavy modules the child loaded.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    cmd = [sys.executable, str(CHILD), kind]
    if db_path is not None:
        cmd.append(str(db_path))
    spawned = time.time()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} start failed: {done.stderr.strip()[-300:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["spawned"] = spawned
    return report["shown_at"] - spawned, report


def compile_package() -> None:
    """Write MentorDesk's bytecode, as an installed wheel or a bundle has it.

    Without it (PYTHONDONTWRITEBYTECODE, or a fresh checkout) every start would compile
    our modules again, a cost no installed copy pays and the bare window does not have.
    """
    import compileall

    compileall.compile_dir(ROOT / "mentordesk", quiet=1)


def filled_after_paint(report: dict) -> float:
    """Seconds from the first paint until the file had passed its check and the first page showed its data."""
    return max(report["checked_at"], report["page_filled_at"]) - report["shown_at"]


def startup_rows(db_path: Path, repeat: int) -> list[Row]:
    # Alternate the two so a burst of load on a shared machine hits both alike; keep the best of each.
    app_runs, bare_times, heavy = [], [], set()
    compile_package()
    time_start("bare")  # warm the OS file cache for Python and Qt
    for _ in range(repeat):
        bare_times.append(time_start("bare")[0])
        seconds, report = time_start("app", db_path)
        app_runs.append((seconds, report))
        heavy.update(report["heavy"])
    app, best = min(app_runs, key=lambda run: run[0])
    bare = min(bare_times)
    lazy = (
        "none of " + ", ".join(HEAVY_MODULES) + " imported" if not heavy else "imported: " + ", ".join(heavy)
    )
    phases = (
        f"in the best run: {best['before_window'] - best['spawned']:.2f} s Python, Qt and imports, "
        f"{best['shown_at'] - best['before_window']:.2f} s building the window and painting it"
    )
    fills = sorted(filled_after_paint(report) for _, report in app_runs)
    fill = fills[0]
    checked = min(report["checked_at"] - report["shown_at"] for _, report in app_runs)
    page = min(report["page_filled_at"] - report["shown_at"] for _, report in app_runs)
    bare_fill, statements = first_page_floor(db_path, 3 if repeat < 5 else 7)
    return [
        Row(
            ISSUE,
            "start to main window shown",
            app,
            "bare QMainWindow start",
            bare,
            f"<= {START_TARGET:g}x",
            app <= START_TARGET * bare and not heavy,
            f"best of {repeat} fresh processes each, offscreen; {lazy}; {phases}; the paint shows the "
            "sidebar, menu titles and status bar: the first page is built right after it (and counts in the "
            "next row), the menus' actions once that page has its data (input waits for it)",
            floor="the same Python and Qt starting an empty QMainWindow and painting it: every desktop app pays this",
        ),
        Row(
            ISSUE,
            "start: database opened, checked and first page filled, after the first paint",
            fill,
            "bare sqlite3: connect, quick_check, foreign_key_check and the first page's SELECTs",
            bare_fill,
            f"< {FILL_TARGET:g} s",
            fill < FILL_TARGET,
            f"best of the {repeat} starts above (slowest {fills[-1]:.2f} s), each on the file as the last clean "
            f"close left it; the store loaded, the file opened and its check passed {checked:.2f} s after the "
            f"paint, the dashboard's cards and Today tab showed its data {page:.2f} s after it (the check "
            "runs on the thread pool beside the dashboard's read; input waits for both; this term's figures, "
            f"on the tabs not on show, follow); the baseline runs the {statements} SELECTs the dashboard ran "
            "for that, as recorded from peewee's log",
            floor="one sqlite3 connection doing the same checks and the same SELECTs in sequence, rows left as "
            "tuples: no imports, objects, rules or widgets",
        ),
    ]


def first_page_floor(db_path: Path, repeat: int) -> tuple[float, int]:
    """Best time of a bare sqlite3 connect, the open check, and the SQL the dashboard's first fill runs.

    The SQL is recorded (``statements_of``) while the dashboard's read runs, with its parameters; the
    baseline then runs exactly those statements.
    """
    import sqlite3

    from mentordesk.services import dashboard, programmes
    from mentordesk.store.db import close_database, open_database

    open_database(db_path, backup=False)
    try:
        programme_ids = [row.id for row in programmes.list_programmes()]

        def first_fill() -> None:
            programmes.list_programmes()
            dashboard.overview(programme_ids[0], figures=False)

        statements = statements_of(first_fill)
    finally:
        close_database()
    selects = [(sql, params) for sql, params in statements if sql.lstrip().upper().startswith(("SELECT", "WITH"))]

    def bare() -> None:
        connection = sqlite3.connect(db_path)
        try:
            connection.execute("PRAGMA quick_check").fetchall()
            connection.execute("PRAGMA foreign_key_check").fetchall()
            for sql, params in selects:
                connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    return best_of(bare, repeat), len(selects)


# -- (b) participant list ------------------------------------------------------------------------


def participant_query(programme_id: int):
    """Everyone enrolled in the programme, with role and status, as the list shows them."""
    from mentordesk.store.models import Enrolment, Participant

    return (
        Enrolment.select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            Participant.preferred_name,
            Participant.email,
            Participant.organisation,
            Participant.department,
            Enrolment.role,
            Enrolment.status,
            Enrolment.enrolled_on,
        )
        .join(Participant)
        .where(Enrolment.programme == programme_id)
        .order_by(Participant.last_name, Participant.first_name)
    )


def load_with_models(db_path: Path, programme_id: int = 1) -> list:
    from mentordesk.store.db import close_database, open_database

    open_database(db_path, backup=False)
    try:
        return list(participant_query(programme_id).namedtuples())
    finally:
        close_database()


def load_with_sqlite(db_path: Path, sql: str, params: tuple) -> list:
    import sqlite3

    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def participant_list_rows(db_path: Path, repeat: int) -> list[Row]:
    """(b) as the app does it (open with every check, then the list), and the list query alone.

    The first has no target: the issue asks only for the figure, and most of it is the
    integrity check that every open runs (issue 8). The second holds the models to at
    most three times a bare sqlite3 read of the same rows.
    """
    import sqlite3

    from mentordesk.store.db import close_database, open_database

    open_database(db_path, backup=False)
    sql, params = participant_query(1).sql()
    close_database()
    rows = load_with_models(db_path)
    bare_rows = load_with_sqlite(db_path, sql, tuple(params))
    if len(rows) != len(bare_rows) or not rows:
        raise RuntimeError(f"the two reads disagree: {len(rows)} against {len(bare_rows)} rows")
    seconds = best_of(lambda: load_with_models(db_path), repeat)
    bare = best_of(lambda: load_with_sqlite(db_path, sql, tuple(params)), repeat)
    opening = best_of(lambda: (open_database(db_path, backup=False), close_database()), repeat)
    open_database(db_path, backup=False)
    try:
        query = best_of(lambda: list(participant_query(1).namedtuples()), repeat)
    finally:
        close_database()
    connection = sqlite3.connect(db_path)
    try:
        bare_query = best_of(lambda: connection.execute(sql, tuple(params)).fetchall(), repeat)
    finally:
        connection.close()
    count = f"{len(rows):,} rows"
    return [
        Row(
            ISSUE,
            f"open database + participant list ({count})",
            seconds,
            "bare sqlite3 connect + SELECT of the same rows",
            bare,
            "",
            None,
            f"best of {repeat}; of which open_database {opening:.3f} s (pragmas, schema version, "
            f"quick_check and foreign_key_check of the whole file), the query and its rows {query:.3f} s",
            floor="sqlite3.connect and one SELECT of the same columns: no pragmas, checks or objects",
        ),
        Row(
            ISSUE,
            f"participant list through the models ({count})",
            query,
            "the same SELECT on an open sqlite3 connection",
            bare_query,
            f"<= {LIST_TARGET:g}x",
            query <= LIST_TARGET * bare_query,
            f"best of {repeat}; peewee builds a named tuple per row",
            floor="the same SQL on an already open sqlite3 connection, rows left as tuples",
        ),
    ]


def run(env: BenchEnv) -> list[Row]:
    db_path = env.database()
    # Start-up times swing with the machine's other load (a bare start ran 0.11 to 0.17 s within
    # minutes here): nine alternating starts give each side more chances at a quiet moment.
    repeat = 2 if env.quick else 9
    return [*startup_rows(db_path, repeat), *participant_list_rows(db_path, 3 if env.quick else 7)]


if __name__ == "__main__":
    raise SystemExit("Run the benchmarks with: python bench/run.py --only foundation")
