"""Run every benchmark module and print one table; ``--write`` records it in docs/performance.md.

Each ``bench/bench_<name>.py`` defines ``run(env) -> list[Row]`` (see bench/common.py).
Every row compares a measurement with a baseline taken in the same run, so the ratio
stays meaningful on a busy or slow machine. A module that fails gets one row with its
error and the run goes on.

    python bench/run.py                      # the full run on a 5,000-participant database
    python bench/run.py --quick              # small sizes: a smoke test in seconds
    python bench/run.py --only foundation    # one module (repeat --only for more)
    python bench/run.py --write              # also rewrite docs/performance.md
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import platform
import sqlite3
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the checkout importable
    sys.path.insert(0, str(ROOT))

from bench.common import BenchEnv, Row  # noqa: E402

BENCH_DIR = ROOT / "bench"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
QUICK_PARTICIPANTS = 300
COLUMNS = ("issue", "measurement", "seconds", "baseline", "ratio", "target", "met")


def discover(directory: Path = BENCH_DIR, only: list[str] | None = None) -> list[tuple[str, Path]]:
    """(name, path) of each ``bench_<name>.py``, foundation first, then by name."""
    found = sorted(directory.glob("bench_*.py"), key=lambda p: (p.stem != "bench_foundation", p.stem))
    modules = [(p.stem.removeprefix("bench_"), p) for p in found]
    if only:
        unknown = set(only) - {name for name, _ in modules}
        if unknown:
            known = ", ".join(name for name, _ in modules) or "none"
            raise SystemExit(f"No benchmark module called {', '.join(sorted(unknown))}. Known: {known}.")
        modules = [(name, path) for name, path in modules if name in only]
    return modules


def run_module(name: str, path: Path, env: BenchEnv) -> list[Row]:
    """The module's rows, or one row that names its error: a broken module never stops the run."""
    issue = 0
    try:
        spec = importlib.util.spec_from_file_location(f"bench.bench_{name}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        issue = int(getattr(module, "ISSUE", 0))
        rows = list(module.run(env))
        if not all(isinstance(row, Row) for row in rows):
            raise TypeError("run(env) must return a list of bench.common.Row")
        return rows
    except Exception as exc:  # report, then carry on with the next module
        traceback.print_exc(file=sys.stderr)
        message = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return [Row(issue, f"{name}: failed", math.nan, met=False, note=message)]


def _seconds(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def cells(row: Row) -> list[str]:
    ratio = row.ratio
    baseline = f"{row.baseline_name} ({_seconds(row.baseline_seconds)} s)" if row.baseline_name else "-"
    return [
        str(row.issue) if row.issue else "-",
        row.name,
        _seconds(row.seconds),
        baseline,
        f"{ratio:.2f}x" if ratio is not None and not math.isnan(ratio) else "-",
        row.target or "-",
        {True: "yes", False: "NO", None: "-"}[row.met],
    ]


def format_table(rows: list[Row]) -> str:
    """A plain-text table for the terminal; notes (and errors) on an indented line under their row."""
    table = [list(COLUMNS)] + [cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    numeric = {0, 2, 4}
    out = []
    for n, line in enumerate(table):
        text = "  ".join(
            cell.rjust(widths[i]) if i in numeric and n else cell.ljust(widths[i])
            for i, cell in enumerate(line)
        )
        out.append(text.rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
        elif rows[n - 1].note:
            out.append(" " * (widths[0] + 2) + "note: " + rows[n - 1].note)
    return "\n".join(out)


def machine_facts() -> dict[str, str]:
    facts = {
        "CPU": _cpu_model(),
        "CPU count": str(os.cpu_count()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        facts["Qt"] = f"{qVersion()} (PySide6 {PySide6.__version__})"
    except ImportError:
        facts["Qt"] = "not installed"
    if hasattr(os, "getloadavg"):  # not on Windows
        facts["Load average (1 min) at start"] = f"{os.getloadavg()[0]:.2f}"
    return facts


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(rows: list[Row], facts: dict[str, str], when: datetime, participants: int) -> str:
    lines = [
        "# Performance",
        "",
        "Written by `python bench/run.py --write` (or `make bench BENCH_ARGS=--write`); do not edit by hand.",
        "Each row times one operation and a baseline measured in the same run on the same machine,",
        "so the ratio is the figure to read: absolute seconds move with the machine and its load.",
        f"Database: generated by `bench/generate.py` with {participants:,} participants "
        "(20 % mentors, two years of fortnightly meetings).",
        "",
        f"Run on {when:%Y-%m-%d %H:%M}.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---:" if c in ("issue", "seconds", "ratio") else "---" for c in COLUMNS) + " |",
    ]
    lines += ["| " + " | ".join(_md(c) for c in cells(row)) + " |" for row in rows]
    notes = [(row, row.note) for row in rows if row.note]
    if notes:
        lines += ["", "## Notes", ""]
        lines += [f"- **{_md(row.name)}**: {note}" for row, note in notes]
    lines += ["", "## Why each baseline is the floor", ""]
    lines += [
        "A baseline is the honest fastest way to do the same work, measured in the same run: "
        "what the ratio shows is what MentorDesk adds to it.",
        "",
    ]
    lines += [
        f"- **{_md(row.name)}**: {_md(row.floor or 'not argued yet: ' + row.baseline_name)}"
        for row in rows
        if row.baseline_name
    ]
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in facts.items()]
    return "\n".join(lines) + "\n"


def summary(rows: list[Row]) -> str:
    judged = [row for row in rows if row.met is not None]
    met = sum(1 for row in judged if row.met)
    missed = [row.name for row in judged if not row.met]
    text = f"{met} of {len(judged)} targets met"
    return text + (f"; missed: {', '.join(missed)}" if missed else "")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run MentorDesk's benchmarks and print a table.")
    parser.add_argument(
        "--quick", action="store_true", help=f"small sizes ({QUICK_PARTICIPANTS} participants)"
    )
    parser.add_argument("--only", action="append", metavar="NAME", help="run only bench_NAME.py (repeatable)")
    parser.add_argument("--participants", type=int, default=None, help="size of the generated database")
    parser.add_argument("--write", action="store_true", help=f"rewrite {PERFORMANCE_DOC.relative_to(ROOT)}")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)"
    )
    args = parser.parse_args(argv)
    if args.write and (args.quick or args.only):
        parser.error("--write records full runs only: drop --quick and --only.")
    if args.participants is not None and args.participants < 2:
        parser.error("--participants must be at least 2.")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    modules = discover(only=args.only)
    participants = args.participants or (QUICK_PARTICIPANTS if args.quick else 5000)
    with tempfile.TemporaryDirectory(prefix="mentordesk-bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        # No display needed, and nothing may touch the user's real MentorDesk folders.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        os.environ["MENTORDESK_HOME"] = str(workdir / "home")
        env = BenchEnv(workdir=workdir, participants=participants, quick=args.quick)
        facts = machine_facts()
        when = datetime.now()
        rows: list[Row] = []
        for name, path in modules:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            rows += run_module(name, path, env)
            print(f"  {name} took {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    print(format_table(rows))
    print()
    print(summary(rows))
    if args.write:
        PERFORMANCE_DOC.parent.mkdir(parents=True, exist_ok=True)
        PERFORMANCE_DOC.write_text(markdown(rows, facts, when, participants), encoding="utf-8")
        print(f"wrote {PERFORMANCE_DOC.relative_to(ROOT)}")
    failed = [row for row in rows if row.name.endswith(": failed")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
