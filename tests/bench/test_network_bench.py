"""The network benchmark runs in quick mode, respects capacity (it raises otherwise) and reports its rounds."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bench.common import BenchEnv


def test_quick_network_bench(tmp_path):
    path = Path(__file__).resolve().parents[2] / "bench" / "bench_network.py"
    spec = importlib.util.spec_from_file_location("bench.bench_network", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    [row] = module.run(BenchEnv(workdir=tmp_path, quick=True))
    assert row.issue == 20 and row.seconds > 0 and row.baseline_seconds > 0
    assert "round(s)" in row.note and "areas covered" in row.note
