"""The forms benchmark runs (quick: 40 forms) and reports a row with its baseline."""

from __future__ import annotations

from bench import bench_forms
from bench.common import BenchEnv


def test_forms_bench_quick(tmp_path):
    (row,) = bench_forms.run(BenchEnv(workdir=tmp_path, quick=True))
    assert row.issue == 19 and "40 filled PDF" in row.name
    assert row.seconds > 0 and row.baseline_seconds > 0 and row.met
