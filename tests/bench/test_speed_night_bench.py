"""The speed-night bench module runs in quick mode and reports a fair re-plan."""

from __future__ import annotations

from bench.bench_speed_night import run
from bench.common import BenchEnv


def test_speed_night_bench_quick(tmp_path):
    rows = run(BenchEnv(tmp_path, quick=True))
    assert len(rows) == 1 and rows[0].issue == 20 and rows[0].seconds > 0
    assert rows[0].met is not None and "meetings per mentee present" in rows[0].note
