"""The report's figures as CSV: ``figure,value,period_start,period_end``, one row per figure key."""

from __future__ import annotations

from pathlib import Path

from mentordesk.core.csv_files import write_csv
from mentordesk.services.reports.building import ProgrammeReport

CSV_HEADER = ("figure", "value", "period_start", "period_end")


def write_report_csv(report: ProgrammeReport, path: Path | str) -> Path:
    """Write the CSV (atomically, readable by the owner only; a missing folder is made); returns its path."""
    Path(path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_csv(path, CSV_HEADER, report.csv_rows())
    return Path(path)
