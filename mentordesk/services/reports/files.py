"""Write a programme's report files (PDF and/or CSV) in one go, for the app's worker and the CLI alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mentordesk.core.documents import safe_filename
from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.reports import Period
from mentordesk.services.reports.building import ProgrammeReport, programme_report
from mentordesk.services.reports.csv_report import write_report_csv
from mentordesk.services.reports.pdf_report import write_report_pdf


@dataclass(frozen=True)
class WrittenReport:
    report: ProgrammeReport
    files: tuple[Path, ...]


def report_file_name(programme: str, period: Period, extension: str) -> str:
    """ "Programme report - Name - 2026-09-01 to 2026-12-31.pdf", made safe for any file system."""
    span = f"{period.start.isoformat()} to {period.end.isoformat()}"
    return safe_filename(["Programme report", programme, span], extension)


def write_report_files(
    programme_id: int,
    period: Period,
    folder: Path | str,
    *,
    pdf: bool = True,
    csv: bool = False,
    appendix: bool = False,
    today: date | None = None,
    progress: Progress = QUIET,
) -> WrittenReport:
    """Compute the report and write the files asked for into ``folder``; returns them."""
    progress(0, 4, "Reading the figures")
    report = programme_report(programme_id, period, today=today, appendix=appendix)
    folder = Path(folder)
    files = []
    if csv:
        progress(1, 4, "Writing the CSV")
        files.append(write_report_csv(report, folder / report_file_name(report.programme, period, ".csv")))
    if pdf:
        progress(2, 4, "Writing the PDF")
        files.append(write_report_pdf(report, folder / report_file_name(report.programme, period, ".pdf")))
    progress(4, 4, "Done")
    return WrittenReport(report, tuple(files))
