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
