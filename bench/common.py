"""What every benchmark module shares.

``bench/run.py`` imports every ``bench/bench_*.py`` module and calls its
``run(env) -> list[Row]``. A row compares a measurement with a baseline measured
in the same run, so the figure that matters is the ratio, not the seconds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    issue: int  # the issue whose target this row checks
    name: str
    seconds: float
    baseline_name: str = ""
    baseline_seconds: float = 0.0
    target: str = ""  # the target in words, e.g. "< 2 s" or "<= 2x baseline"
    met: bool | None = None  # None when the row has no pass/fail target
    note: str = ""
    floor: str = ""  # why the baseline is the least the same work could cost (docs/performance.md)

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.baseline_seconds if self.baseline_seconds else None


@dataclass
class BenchEnv:
    """Shared by all modules in one run: a scratch folder and the size of the generated database."""

    workdir: Path
    participants: int = 5000
    quick: bool = False  # smaller sizes, for a smoke run in tests

    def database(self) -> Path:
        """The realistic N-participant database (generated once per run, then reused)."""
        from bench.generate import generate_database

        path = self.workdir / f"bench-{self.participants}.db"
        if not path.exists():
            generate_database(path, participants=self.participants)
        return path


def best_of(func: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` calls: the least disturbed by the rest of the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(func: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class PeakMemory:
    """Peak resident memory while a block runs, this process and its worker processes, in MB.

    Linux keeps each process's high-water mark (VmHWM); writing "5" to /proc/self/clear_refs
    resets it to the current size, so the mark read afterwards is the block's own peak.
    With ``workers=True`` the block's worker processes are reported too, from RUSAGE_CHILDREN:
    the largest child process of the run so far, an upper bound for each of them.
    Where /proc cannot be used the whole run's ru_maxrss is reported.
    """

    def __init__(self, workers: bool = False) -> None:
        self.workers = workers
        self.reset = False
        self.mb = 0.0
        self.children_mb = 0.0

    def __enter__(self) -> PeakMemory:
        self.reset = _reset_high_water_mark()
        return self

    def __exit__(self, *exc: object) -> None:
        import resource

        mark = _high_water_mark_kb() if self.reset else None
        own = mark if mark is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.mb = own / 1024
        if self.workers:
            self.children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def describe(self) -> str:
        text = f"peak RSS {self.mb:.0f} MB" + ("" if self.reset else " (whole run)")
        if self.workers:
            text += f", each worker process at most {self.children_mb:.0f} MB"
        return text


def _reset_high_water_mark() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return _high_water_mark_kb() is not None
    except OSError:
        return False


def _high_water_mark_kb() -> int | None:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def statements_of(func: Callable[[], object]) -> list[tuple[str, tuple]]:
    """The SQL statements (with their parameters) ``func`` sends, from peewee's own debug log: every
    read the app makes goes through ``execute_sql``, on SQLite and PostgreSQL alike."""
    import logging

    class Recorder(logging.Handler):
        def __init__(self) -> None:
            super().__init__(logging.DEBUG)
            self.statements: list[tuple[str, tuple]] = []

        def emit(self, record: logging.LogRecord) -> None:
            if isinstance(record.msg, tuple) and len(record.msg) == 2:
                sql, params = record.msg
                self.statements.append((sql, tuple(params or ())))

    logger = logging.getLogger("peewee")
    recorder, level = Recorder(), logger.level
    logger.addHandler(recorder)
    logger.setLevel(logging.DEBUG)
    try:
        func()
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(level)
    return recorder.statements
