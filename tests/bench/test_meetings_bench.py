"""The meetings benchmark runs end to end (on the demo database; bench/run.py uses the big one)."""

from __future__ import annotations

from pathlib import Path

from bench.bench_meetings import ISSUE, run
from bench.common import BenchEnv, Row


class DemoEnv(BenchEnv):
    def database(self) -> Path:
        from mentordesk.services.demo import programme
        from mentordesk.store.db import close_database, open_database

        path = self.workdir / "demo.db"
        if not path.exists():
            open_database(path)
            programme.seed_demo()
            close_database()
        return path


def test_benchmark_rows_compare_with_a_same_run_baseline(tmp_path, qapp):
    rows = run(DemoEnv(tmp_path, participants=40, quick=True))
    assert [r.name for r in rows] == [
        "meetings: calendar month view refresh",
        "meetings: overdue list",
        "meetings: calendar export of a whole programme (.ics)",
    ]
    for row in rows:
        assert isinstance(row, Row)
        assert row.seconds > 0 and row.baseline_seconds > 0 and row.ratio is not None and row.floor
    for row in rows[:2]:
        assert row.issue == ISSUE == 5
        assert row.target == "< 100 ms" and row.met is (row.seconds < 0.1)
    export = rows[2]
    assert export.issue == 22 and export.target == "< 3 s" and export.met is (export.seconds < 3)
    assert " events, " in export.note
    assert "service + model + month widget" in rows[0].note
