"""``report``: a programme's figures for a period, printed, and written as PDF and/or CSV."""

from __future__ import annotations

from argparse import Namespace
from datetime import date
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    report = subparsers.add_parser(
        "report",
        help="a programme's figures for a period (matches, retention, meetings, goals) as text, PDF or CSV",
        description="Counts only by default: no names. Without --from/--to, the school year so far.",
    )
    report.add_argument("--programme", "-p", help="programme name (or id); needed when there are several")
    report.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: 1 September)")
    report.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: today)")
    report.add_argument("--pdf", type=Path, metavar="FILE", help="write the report as a PDF")
    report.add_argument(
        "--csv", type=Path, metavar="FILE", help="write the figures as CSV (figure,value,...)"
    )
    report.add_argument(
        "--appendix", action="store_true", help="add a list of matches by initials to the PDF"
    )
    report.set_defaults(func=cmd_report)


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"{option} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01.", 2
        ) from None


@run
def cmd_report(args: Namespace) -> int:
    from mentordesk.core.reports import FIGURES, PeriodRefused, make_period
    from mentordesk.services import reports

    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    try:
        period = make_period(start, end, date.today())
    except PeriodRefused as exc:
        raise CommandError(str(exc), 2) from None
    open_db(args, writes=False)
    report = reports.programme_report(chosen_programme_id(args), period, appendix=args.appendix)
    span = f"{period.start.isoformat()} to {period.end.isoformat()}"
    say(f"{report.programme}: {span}")
    if report.current.empty:
        say("Nothing was recorded in this period: no participants, matches, meetings, check-ins or goals.")
    else:
        width = max(len(f.label) for f in FIGURES)
        for figure in FIGURES:
            value = reports.format_value(report.current.figures[figure.key]) or "—"
            say(f"  {figure.label:<{width}}  {value}")
    for path, write, what in (
        (args.csv, reports.write_report_csv, "the figures"),
        (args.pdf, reports.write_report_pdf, "the report"),
    ):
        if not path:
            continue
        try:
            write(report, path)
        except OSError as exc:
            raise CommandError(
                f"Cannot write {path}: {exc.strerror or exc}. Choose a file in a folder you can write to."
            ) from None
        say(f"Wrote {what} to {path}")
    return 0
