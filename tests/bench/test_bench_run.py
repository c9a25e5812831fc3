"""The benchmark runner: discovery, a failing module that does not stop the run, the table, the record."""

from __future__ import annotations

import math
import subprocess
import sys
from datetime import datetime

import pytest

from bench import run as runner
from bench.common import BenchEnv, Row
from tests import ROOT

GOOD = """
from bench.common import Row
ISSUE = 7

def run(env):
    return [Row(7, "sorting", 0.5, "plain sort", 0.25, "<= 3x", True, "sized " + str(env.participants))]
"""
BROKEN = """
ISSUE = 9

def run(env):
    raise RuntimeError("database went away")
"""


@pytest.fixture
def modules(tmp_path):
    (tmp_path / "bench_zeta.py").write_text(GOOD)
    (tmp_path / "bench_broken.py").write_text(BROKEN)
    (tmp_path / "bench_foundation.py").write_text(GOOD)
    (tmp_path / "helper.py").write_text("raise SystemExit('not a benchmark')")
    before = set(sys.modules)
    yield tmp_path
    # The runner registers what it loads; these stand-ins must not shadow the real modules later.
    for name in set(sys.modules) - before:
        del sys.modules[name]


def test_discovers_bench_modules_foundation_first(modules):
    names = [name for name, _ in runner.discover(modules)]
    assert names == ["foundation", "broken", "zeta"]
    assert [name for name, _ in runner.discover(modules, only=["zeta"])] == ["zeta"]
    with pytest.raises(SystemExit, match="No benchmark module called nope. Known: foundation, broken, zeta"):
        runner.discover(modules, only=["nope"])


def test_a_failing_module_gives_an_error_row_and_the_run_goes_on(modules, tmp_path):
    env = BenchEnv(workdir=tmp_path, participants=42, quick=True)
    rows = []
    for name, path in runner.discover(modules):
        rows += runner.run_module(name, path, env)
    assert [r.name for r in rows] == ["sorting", "broken: failed", "sorting"]
    broken = rows[1]
    assert broken.issue == 9 and broken.met is False and math.isnan(broken.seconds)
    assert broken.note == "RuntimeError: database went away"
    assert rows[0].note == "sized 42"


def test_table_shows_ratio_target_and_verdict():
    rows = [
        Row(2, "start", 0.9, "bare window", 0.5, "<= 2x", True),
        Row(3, "slow thing", 3.0, "baseline", 1.0, "<= 2x", False, "too slow"),
        Row(4, "no baseline", 0.1),
    ]
    text = runner.format_table(rows)
    lines = text.splitlines()
    assert lines[0].split() == list(runner.COLUMNS)
    assert "1.80x" in lines[2] and "yes" in lines[2] and "bare window (0.500 s)" in lines[2]
    assert "3.00x" in lines[3] and lines[3].rstrip().endswith("NO")
    assert lines[4].strip() == "note: too slow"
    assert runner.summary(rows) == "1 of 2 targets met; missed: slow thing"


def test_markdown_record_has_table_facts_and_date():
    rows = [Row(2, "a | b", 1.0, "base", 0.5, "<= 2x", True, "a note")]
    facts = runner.machine_facts()
    assert {"CPU count", "Python", "Qt", "SQLite"} <= set(facts)
    text = runner.markdown(rows, facts, datetime(2026, 3, 2, 9, 30), 5000)
    assert "Run on 2026-03-02 09:30." in text
    assert "| 2 | a \\| b | 1.000 | base (0.500 s) | 2.00x | <= 2x | yes |" in text
    assert f"- Python: {facts['Python']}" in text
    assert "5,000 participants" in text
    assert "- **a \\| b**: a note" in text


def test_write_refuses_partial_runs():
    with pytest.raises(SystemExit):
        runner.parse_args(["--write", "--quick"])
    with pytest.raises(SystemExit):
        runner.parse_args(["--participants", "1"])


def test_unknown_module_on_the_command_line():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--only", "nosuchthing"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "No benchmark module called nosuchthing" in done.stderr


def test_quick_foundation_run_in_a_subprocess(tmp_path):
    """The real runner and the real foundation module, at smoke-test size."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--only",
            "foundation",
            "--participants",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].split() == list(runner.COLUMNS)
    start = next(line for line in lines if "start to main window shown" in line)
    assert "bare QMainWindow start" in start and start.split()[-4].endswith("x")  # the ratio
    fill = next(line for line in lines if "first page filled, after the first paint" in line)
    assert "the first page's SELECTs" in fill and "< 0.3 s" in fill
    listing = next(line for line in lines if "participant list" in line)
    assert "(60 rows)" in listing
    assert "none of scipy, numpy, reportlab, icalendar imported" in done.stdout
    assert "targets met" in lines[-1]
    assert not (tmp_path / "docs").exists()  # a quick run never writes the record
