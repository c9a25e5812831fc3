"""``report``: a programme's figures for a period, printed, and written as PDF and/or CSV."""

from __future__ import annotations

from argparse import Namespace
from datetime import date, timedelta
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, open_db, run, say


def register(subparsers) -> None:
    report = subparsers.add_parser(
        "report",
        help="a programme's figures for a period (matches, retention, meetings, goals) as text, PDF or CSV",
        description="Counts only by default: no names. Without --from/--to, the school year so far.",
    )
    report.add_argument("--programme", "-p", help="programme name (or id); needed when there are several")
    report.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: the school year's first day; see `mentordesk terms`)")
    report.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: today)")
    report.add_argument("--pdf", type=Path, metavar="FILE", help="write the report as a PDF")
    report.add_argument(
        "--csv", type=Path, metavar="FILE", help="write the figures as CSV (figure,value,...)"
    )
    report.add_argument(
        "--appendix", action="store_true", help="add a list of matches by initials to the PDF"
    )
    report.set_defaults(func=cmd_report)
    terms = subparsers.add_parser(
        "terms",
        help="show or set the first day of each term (what 'this term' and 'this school year' mean)",
        description="Without --set, prints the terms of the school year today falls in.",
    )
    terms.add_argument(
        "--set",
        dest="starts",
        metavar="MM-DD,...",
        help="the first day of each term in the year's order, e.g. 09-01,01-01,04-01 (UK) or 01-28,04-22,07-15,10-07",
    )
    terms.set_defaults(func=cmd_terms)


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
    open_db(args, writes=False)
    try:
        period = make_period(start, end, date.today(), reports.school_terms())
    except PeriodRefused as exc:
        raise CommandError(str(exc), 2) from None
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


@run
def cmd_terms(args: Namespace) -> int:
    from mentordesk.core.reports import PeriodRefused, parse_terms, school_year, this_term
    from mentordesk.services import reports

    open_db(args, writes=bool(args.starts))
    if args.starts:
        try:
            terms = reports.save_school_terms(list(parse_terms(args.starts).starts))
        except PeriodRefused as exc:
            raise CommandError(str(exc), 1) from None
    else:
        terms = reports.school_terms()
    today = date.today()
    day = school_year(today, terms).start
    for number in range(1, len(terms.starts) + 1):
        term = this_term(day, terms)
        marker = "  (today)" if term.start <= today <= term.end else ""
        say(f"Term {number}: {term.start.isoformat()} to {term.end.isoformat()}{marker}")
        day = term.end + timedelta(days=1)
    return 0
