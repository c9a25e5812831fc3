"""Issue 3 benchmarks: importing and exporting 10,000 participants, filtering 5,000 as you type.

Each row carries a same-run baseline:
- import: raw sqlite3 ``executemany`` of exactly the rows the import writes (people, enrolments, tag
  links, availability), in one transaction, with no reading, validation or duplicate checks: the floor;
- export: ``csv.writer`` over the same roster rows, without neutralising or the atomic write;
- filter: the same match done in plain Python over the same 5,000 strings, without Qt.
"""

from __future__ import annotations

import csv
import io
import os
import random
import statistics
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from bench.common import BenchEnv, PeakMemory, Row

ISSUE = 3
SKILLS = ["coding", "maths", "essay writing", "public speaking", "finance", "design", "CV writing", "chess"]
HEADER = "First name,Last name,E-mail,Phone,Date of birth,Role,Organisation,Skills,Interests,Availability\n"


def write_roster(path: Path, count: int, seed: int = 3) -> Path:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        for i in range(count):
            mentor = i % 4 == 0
            born = (
                date(rng.randint(1965, 1999), rng.randint(1, 12), rng.randint(1, 28))
                if mentor
                else date(rng.randint(2008, 2012), rng.randint(1, 12), rng.randint(1, 28))
            )
            handle.write(
                f"Person{i},Surname{i % 977},person{i}@example.org,07700 9{i % 100000:05d},"
                f"{born.strftime('%d/%m/%Y')},{'mentor' if mentor else 'mentee'},School {i % 40},"
                f'"{"; ".join(rng.sample(SKILLS, 2))}",chess,Mon 16:00-17:30\r\n'
            )
    return path


@contextmanager
def scratch_home(workdir: Path):
    """Backups made by the import land in the bench folder, never in the user's data folder."""
    previous = os.environ.get("MENTORDESK_HOME")
    os.environ["MENTORDESK_HOME"] = str(workdir / "home")
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("MENTORDESK_HOME", None)
        else:
            os.environ["MENTORDESK_HOME"] = previous


def fresh_database(path: Path) -> int:
    from mentordesk.store.db import close_database, open_database
    from mentordesk.store.models import Programme

    close_database()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_database(path, backup=False)
    return Programme.create(name="Bench").id


def bare_insert(records, programme_id: int) -> None:
    """The baseline, and the floor: the same rows through raw sqlite3 ``executemany``, one transaction.

    One prepared statement per table on the bare ``sqlite3`` connection, values already in SQLite's
    storage form (ISO text dates, 0/1), no peewee, no validation, no duplicate checks, no backup:
    nothing the import does could be cheaper than this.
    """
    from mentordesk.core.participants.csv_records import PERSON_FIELDS
    from mentordesk.services.participants.csv_writer import (
        _ENROLMENT_FIELDS,
        _PERSON_FIELDS,
        _SLOT_FIELDS,
        _TAG_FIELDS,
    )
    from mentordesk.services.participants.tags import tag_ids
    from mentordesk.store.db import database
    from mentordesk.store.models import AvailabilitySlot, Enrolment, Participant, ParticipantTag, utc_now

    today = date.today().isoformat()
    now = str(utc_now())
    ids = tag_ids({(t.kind, t.name) for r in records for t in r.tags})
    connection = database.connection()
    people, enrolments, links, slots = [], [], [], []
    for pid, r in enumerate(records, start=1):
        values = tuple(v.isoformat() if isinstance(v, date) else v for v in (getattr(r, c) for c in PERSON_FIELDS))
        people.append((pid, *values, 0, now, now))
        enrolments.append((pid, programme_id, r.role, r.status, r.capacity, "", "", today, None, ""))
        links += [(pid, ids[(t.kind, t.name)], t.direction) for t in r.tags]
        slots += [(pid, s.weekday, s.start_minute, s.end_minute) for s in r.slots]
    connection.execute("BEGIN")
    for model, rows, fields in (
        (Participant, people, _PERSON_FIELDS),
        (Enrolment, enrolments, _ENROLMENT_FIELDS),
        (ParticipantTag, links, _TAG_FIELDS),
        (AvailabilitySlot, slots, _SLOT_FIELDS),
    ):
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        marks = ", ".join("?" for _ in fields)
        connection.executemany(f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})', rows)
    connection.execute("COMMIT")


def parsed_records(path: Path, programme_id: int) -> list:
    """The accepted records of the file, read outside the timing (the baseline gets them for free)."""
    from mentordesk.core.csv_files.read import iter_records, sniff
    from mentordesk.core.participants.csv_check import RowChecker
    from mentordesk.core.participants.csv_columns import guess_mapping
    from mentordesk.core.participants.csv_records import DuplicateIndex
    from mentordesk.services.participants.clearance import rules_for

    sniffed = sniff(path)
    mapping = {g.column: g.field for g in guess_mapping(sniffed.header)}
    checker = RowChecker(sniffed.header, mapping, rules_for(programme_id), DuplicateIndex())
    return [checker.check(r.row, r.cells).record for r in iter_records(sniffed)]


def bench_import(env: BenchEnv, count: int) -> tuple[Row, Path]:
    from mentordesk.services.participants.csv_import import import_roster

    source = write_roster(env.workdir / f"roster-{count}.csv", count)
    import_times, bare_times = [], []
    target = env.workdir / "onboarding-import.db"
    for _ in range(1 if env.quick else 3):
        programme_id = fresh_database(env.workdir / "onboarding-bare.db")
        records = parsed_records(source, programme_id)
        started = time.perf_counter()
        bare_insert(records, programme_id)
        bare_times.append(time.perf_counter() - started)
        programme_id = fresh_database(target)
        started = time.perf_counter()
        with PeakMemory() as memory:
            summary = import_roster(source, programme_id)
        import_times.append(time.perf_counter() - started)
        assert summary.added == count, summary.describe()
    seconds, baseline = min(import_times), min(bare_times)
    row = Row(
        ISSUE,
        f"import {count:,} participants from CSV (validated, one transaction, backup first)",
        seconds,
        f"raw sqlite3 executemany of the same {count:,} people, enrolments, tags and slots, one transaction",
        baseline,
        "< 3 s and <= 3x baseline",
        seconds < 3.0 and seconds <= 3 * baseline,
        f"{count / seconds:,.0f} rows/s; {memory.describe()}",
        floor="raw sqlite3 executemany of exactly the rows the import writes, one transaction, values already in storage form",
    )
    return row, target


def bench_export(env: BenchEnv, count: int) -> Row:
    from mentordesk.services.participants.csv_export import export_participants
    from mentordesk.services.participants.listing import roster
    from mentordesk.store.models import Programme

    programme_id = Programme.get().id
    target = env.workdir / "onboarding-export.csv"
    times = []
    for _ in range(1 if env.quick else 3):
        started = time.perf_counter()
        written = export_participants(target, programme_id)
        times.append(time.perf_counter() - started)
    assert written == count
    rows = roster(programme_id)  # the baseline starts from rows already loaded

    def plain() -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for r in rows:
            writer.writerow(
                [r.first_name, r.last_name, r.email, r.phone, r.date_of_birth, r.role, r.status, r.tags]
            )
        (env.workdir / "onboarding-plain.csv").write_text(buffer.getvalue(), encoding="utf-8")

    baseline = min(_timed(plain) for _ in range(3))
    seconds = min(times)
    return Row(
        ISSUE,
        f"export {count:,} participants to CSV (roster query, clearance, tags, matches, neutralised)",
        seconds,
        f"csv.writer of the same {count:,} rows already in memory",
        baseline,
        "< 3 s",
        seconds < 3.0,
        "the export includes the roster query and clearance of everyone",
        floor="csv.writer of the same rows already in memory",
    )


def _timed(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


ROSTER_TARGET = 0.25  # issue 22: the Participants table of 5,000 people


def bench_roster_query(env: BenchEnv) -> tuple[Row, list]:
    """Loading the Participants table from the generated database: every person with clearance and tags."""
    from mentordesk.services.participants.listing import roster
    from mentordesk.store.db import close_database, database, open_database
    from mentordesk.store.models import Enrolment, Participant, Programme

    close_database()
    open_database(env.database(), backup=False)
    programme_id = (
        Enrolment.select(Enrolment.programme, fn_count())
        .group_by(Enrolment.programme)
        .order_by(fn_count().desc())
    ).scalar()
    rows = []

    def load() -> None:
        rows[:] = roster(programme_id)

    seconds = min(_timed(load) for _ in range(7))  # best of 7: the machine is shared

    def bare() -> None:
        list(
            Participant.select(
                Participant.id, Participant.first_name, Participant.last_name, Participant.email
            )
            .join(Enrolment)
            .where(Enrolment.programme == programme_id)
            .tuples()
        )

    baseline = min(_timed(bare) for _ in range(7))
    assert database.obj is not None and Programme.get_or_none(Programme.id == programme_id) is not None
    row = Row(
        22,
        f"load the Participants table: {len(rows):,} people with clearance, tags and attention",
        seconds,
        f"a bare select of the same {len(rows):,} people's names",
        baseline,
        f"< {ROSTER_TARGET:g} s",
        seconds < ROSTER_TARGET,
        "best of 7; a handful of queries, no per-person lookups; the screening records read once for "
        "clearance and the soonest expiry (issue 3 asked for < 1 s, issue 22 for < 0.25 s)",
        floor="a bare select of the same people: anything less shows nobody",
    )
    return row, rows


def fn_count():
    from peewee import fn

    return fn.COUNT("*")


def bench_filter(rows: list) -> Row:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from mentordesk.core.participants.validation import fold
    from mentordesk.ui.participants.roster_model import RosterFilter, RosterModel

    app = QApplication.instance() or QApplication([])
    model = RosterModel()
    model.set_rows(rows)
    proxy = RosterFilter()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    # A surname being typed, then a tag: every keystroke re-filters all rows.
    typed = (
        rows[len(rows) // 2].last_name[:5]
        + " "
        + (rows[0].tags.split(",")[0].split(" (")[0] if rows[0].tags else "a")
    ).lower()
    keystrokes = [typed[: i + 1] for i in range(len(typed))] + [typed[:-k] for k in range(1, 8)] + [""]
    rounds: list[list[float]] = []
    for _ in range(5):
        times = []
        for text in keystrokes:
            started = time.perf_counter()
            proxy.set_text(text)
            proxy.rowCount()
            app.processEvents()  # layout and paint, as the user sees it
            times.append(time.perf_counter() - started)
        rounds.append(times)
    # Each keystroke's best of five rounds: the machine is shared, so the least disturbed run is the figure.
    per_key = [min(times) for times in zip(*rounds, strict=True)]
    haystacks = [fold(" ".join((r.name, r.email, r.organisation, r.tags))) for r in rows]

    def plain(text: str) -> None:
        words = fold(text).split()
        [all(w in h for w in words) for h in haystacks]

    baseline = statistics.median(_timed(lambda t=t: plain(t)) for t in keystrokes * 3)
    view.close()
    median, worst = statistics.median(per_key), max(per_key)
    p90 = sorted(per_key)[int(0.9 * (len(per_key) - 1))]
    return Row(
        ISSUE,
        f"filter as you type, {len(rows):,} rows of the generated database in the proxy model (median keystroke)",
        median,
        f"the same match in plain Python over {len(rows):,} strings",
        baseline,
        "< 30 ms per keystroke (90th percentile)",
        p90 < 0.030,
        f"90th percentile {p90 * 1000:.1f} ms, worst {worst * 1000:.1f} ms, including repaint",
        floor="the same case- and accent-insensitive match in plain Python, without Qt",
    )


def bench_name_sort(rows: list) -> Row:
    """A click on the Name header: the roster sorted by the name it shows, in the locale's order."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from mentordesk.ui.participants.roster_model import NAME, RosterModel

    QApplication.instance() or QApplication([])
    model = RosterModel()
    times = []
    for _ in range(5):  # new rows each time: the first sort after loading works the order out
        model.set_rows(rows)
        started = time.perf_counter()
        model.sort(NAME, Qt.SortOrder.AscendingOrder)
        model.sort(NAME, Qt.SortOrder.DescendingOrder)
        times.append(time.perf_counter() - started)
    best = min(times)
    names = [r.name for r in rows]
    baseline = min(
        _timed(lambda: (sorted(names, key=str.casefold), sorted(names, key=str.casefold, reverse=True)))
        for _ in range(5)
    )
    return Row(
        ISSUE,
        f"sort {len(rows):,} roster rows by the shown name, up then down (ICU collation, first sort after a load)",
        best,
        f"Python's sort of the {len(rows):,} names by code point, up then down",
        baseline,
        "< 100 ms for both clicks",
        best < 0.100,
        "locale-aware: accents, case and Greek/Cyrillic alphabets in their places",
        floor="sorting the same names by code point, which puts Émile after Zoë",
    )


def run(env: BenchEnv) -> list[Row]:
    from mentordesk.store.db import close_database

    count = 1000 if env.quick else 10_000
    with scratch_home(env.workdir):
        try:
            import_row, _path = bench_import(env, count)
            export_row = bench_export(env, count)
            query_row, rows = bench_roster_query(env)
            filter_row = bench_filter(rows)
            sort_row = bench_name_sort(rows)
        finally:
            close_database()
    return [import_row, export_row, query_row, filter_row, sort_row]


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for row in run(BenchEnv(Path(folder), quick="--quick" in sys.argv)):
            ratio = f"{row.ratio:.2f}x" if row.ratio else "-"
            print(
                f"{row.name}: {row.seconds * 1000:.1f} ms (baseline {row.baseline_seconds * 1000:.1f} ms, {ratio}) "
                f"target {row.target}: {'met' if row.met else 'NOT met'}; {row.note}"
            )
