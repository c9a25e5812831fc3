"""``import participants`` and ``export {participants,matches,meetings}``: CSV files in and out.

Import prints every problem by row and column and exits 1 with the database
unchanged when the file cannot be imported as it is; ``--dry-run`` only previews.
"""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, fail, open_db, run, say

MAX_PRINTED = 50


def register(subparsers) -> None:
    importer = subparsers.add_parser(
        "import", help="import a roster from a CSV file, an Excel workbook or returned PDF application forms"
    )
    kinds = importer.add_subparsers(dest="what", metavar="WHAT", required=True)
    people = kinds.add_parser(
        "participants",
        help="participants from CSV (UTF-8 or Windows-1252; comma, semicolon or tab), .xlsx, or filled "
        "PDF application forms (one .pdf or a folder of them)",
        description="Import participants into a programme. The columns are matched to fields by their "
        "names (First name, Surname, E-mail, Date of birth, Role, ...); every problem is listed by row "
        "and column, and nothing is written unless the whole file can be imported.",
    )
    people.add_argument("file", type=Path, metavar="FILE_OR_FOLDER")
    people.add_argument("--programme", help="programme name or id (default: the only programme)")
    people.add_argument(
        "--mapping",
        metavar="JSON_OR_FILE",
        help='column mapping as JSON, or a JSON file: {"CSV column": "field", ...}; "" ignores a column',
    )
    people.add_argument("--dry-run", action="store_true", help="check the file and show what would happen")
    people.add_argument(
        "--on-duplicate",
        choices=("merge", "skip"),
        default="merge",
        help="people already in the database or repeated in the file (default: merge)",
    )
    people.add_argument("--sheet", metavar="NAME", help="the sheet to read when a workbook has several")
    people.add_argument("--skip-invalid", action="store_true", help="import the good rows, skip the bad ones")
    people.add_argument("--role", choices=("mentor", "mentee", "peer"), help="role for rows that have none")
    people.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how to read 03/04/2010: dmy = 3 April, mdy = 4 March (default: from the file, else dmy)",
    )
    people.set_defaults(func=cmd_import_participants)

    people.add_argument(
        "--on-conflict",
        choices=("new", "merge", "skip"),
        help="rows with the name and date of birth of someone known but another e-mail: add them as new "
        "people, merge them, or skip them (default: refuse the import and list them)",
    )
    people.add_argument(
        "--replace-lossy",
        action="store_true",
        help="let a value that lost accents or capitals (Lukasz for Łukasz) replace the stored one",
    )

    exporter = subparsers.add_parser(
        "export", help="export the roster, matches or meetings as CSV or Excel (.xlsx)"
    )
    tables = exporter.add_subparsers(dest="what", metavar="WHAT", required=True)
    for what, about in (
        ("participants", "the roster: people, roles, statuses, tags, availability"),
        ("matches", "the matches with their members, dates and meeting counts"),
        ("meetings", "the meetings as a table, or with --ics as an iCalendar file"),
    ):
        table = tables.add_parser(
            what,
            help=about,
            description=f"Export {about}. A FILE ending in .xlsx is written as an Excel workbook "
            "(text stays text: leading zeros, 1/2); any other name as CSV.",
        )
        table.add_argument("file", type=Path, metavar="FILE", nargs="?")
        table.add_argument("--programme", help="programme name or id (default: the only programme)")
        table.add_argument("--no-bom", action="store_true", help="CSV in UTF-8 without a byte-order mark")
        table.add_argument("--ics", type=Path, metavar="FILE", help="meetings only: write an iCalendar file")
        table.add_argument("--match", type=int, metavar="ID", help="with --ics: only this match's meetings")
        table.set_defaults(func=cmd_export)


def _mapping(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    source = text
    candidate = Path(text)
    if not text.lstrip().startswith("{") and candidate.is_file():
        source = candidate.read_text(encoding="utf-8-sig")
    try:
        value = json.loads(source)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"--mapping is neither a JSON object nor a readable JSON file ({exc.msg} at character {exc.pos})."
        ) from None
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise CommandError(
            '--mapping must be a JSON object of column names to field names: {"Surname": "last_name"}'
        )
    return value


def _print_problems(problems, total: int) -> None:
    """Errors to stderr, warnings (imported anyway) to stdout as notes; at most MAX_PRINTED lines."""
    from mentordesk.core.participants import Severity

    for problem in problems[:MAX_PRINTED]:
        if problem.severity is Severity.ERROR:
            fail(str(problem))
        else:
            say(f"note: {problem}")
    if total > MAX_PRINTED:
        fail(f"... and {total - MAX_PRINTED} more problem{'s' if total - MAX_PRINTED != 1 else ''}.")


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:MAX_PRINTED])
    return shown + (f" and {len(rows) - MAX_PRINTED} more" if len(rows) > MAX_PRINTED else "")


def _print_changes(changes, verb: str) -> None:
    """Each field a merge changes (or keeps), grouped by row: 'Row 5 would change: Phone: 'a' -> 'b'; ...'."""
    by_row: dict[int, list[str]] = {}
    for change in changes:
        by_row.setdefault(change.row, []).append(change.message)
    for row, messages in by_row.items():
        say(f"Row {row} {verb}: " + "; ".join(messages))


@run
def cmd_import_participants(args: Namespace) -> int:
    from mentordesk.core.participants import DateOrder, Severity
    from mentordesk.services import participants

    open_db(args, writes=not args.dry_run)
    programme_id = chosen_programme_id(args)
    options = participants.ImportOptions(
        mapping=_mapping(args.mapping),
        on_duplicate=args.on_duplicate,
        skip_invalid=args.skip_invalid,
        default_role=args.role,
        date_order=DateOrder(args.date_order) if args.date_order else None,
        on_conflict=args.on_conflict,
        replace_lossy=args.replace_lossy,
        sheet=args.sheet,
    )
    try:
        if args.dry_run:
            preview = participants.preview(args.file, programme_id, options)
            say(
                f"{args.file.name}: {preview.sniffed.summary}, {preview.rows} rows."
            )
            for column in preview.columns:
                target = participants.field_label(column.field) if column.field else "(ignored)"
                say(f"  {column.header!r} -> {target}")
            if preview.date_note:
                say(preview.date_note)
            for message in preview.mapping_errors:
                fail(message)
            others = [p for p in preview.problems if p.severity is not Severity.CHANGE]
            changes = [p for p in preview.problems if p.severity is Severity.CHANGE]
            _print_problems(others, preview.problem_count - len(changes))
            _print_changes(changes, "would change")
            say(
                f"Would import {preview.valid} of {preview.rows} rows ({preview.invalid} with errors, "
                f"{preview.duplicates_in_database} already in the database, "
                f"{preview.duplicates_in_file} repeated in the file)."
            )
            if preview.conflicts and args.on_conflict is None:
                fail(
                    f"{preview.conflicts} row{'s' if preview.conflicts != 1 else ''} share a name and date of "
                    "birth with someone known but not the e-mail: choose --on-conflict new, merge or skip."
                )
            errors = any(p.severity is Severity.ERROR for p in preview.problems)
            blocked = (
                preview.mapping_errors
                or not preview.valid
                or (errors and not args.skip_invalid)
                or (preview.conflicts and args.on_conflict is None)
            )
            return 1 if blocked else 0
        summary = participants.import_roster(args.file, programme_id, options)
    except participants.RosterImportError as exc:
        _print_problems(exc.problems, exc.problem_count)
        raise CommandError(f"{exc} The database was not changed.") from None
    notes = [p for p in summary.problems if p.severity is Severity.WARNING]
    for problem in notes[:MAX_PRINTED]:
        say(f"note: {problem}")
    if len(notes) > MAX_PRINTED:
        say(f"note: ... and {len(notes) - MAX_PRINTED} more.")
    skipped = [p for p in summary.problems if p.severity is Severity.ERROR]
    for problem in skipped[:MAX_PRINTED]:
        say(f"skipped: {problem}")
    if len(skipped) > MAX_PRINTED:
        say(f"skipped: ... and {len(skipped) - MAX_PRINTED} more problems.")
    if summary.skipped_rows:
        say(f"Rows skipped because of their errors: {_row_list(summary.skipped_rows)}.")
    _print_changes(summary.changes, "changed")
    say(f"Imported {args.file.name}: {summary.describe()}.")
    if summary.backup:
        say(f"A backup from before the import: {summary.backup}")
    return 0


@run
def cmd_export(args: Namespace) -> int:
    from mentordesk.services import participants

    open_db(args, writes=False)
    if args.file is None and args.ics is None:
        raise CommandError("Name the file to write (or, for meetings, --ics FILE).")
    if args.ics is not None and args.what != "meetings":
        raise CommandError("--ics exports meetings: use 'export meetings --ics FILE'.")
    if args.match is not None and args.ics is None:
        raise CommandError("--match goes with --ics (an iCalendar file of one match's meetings).")
    programme_id = chosen_programme_id(args)
    for target in (args.file, args.ics):
        if target is not None and not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent}: create it or choose another place.")
    if args.file is not None:
        writer = {
            "participants": participants.export_participants,
            "matches": participants.export_matches,
            "meetings": participants.export_meetings,
        }[args.what]
        count = writer(args.file, programme_id, bom=not args.no_bom)
        say(f"Wrote {args.what} to {args.file} ({count} row{'s' if count != 1 else ''}).")
    if args.ics is not None:
        from mentordesk.services.meetings import calendar_identity_recorded, export_ics

        if not calendar_identity_recorded():  # the first calendar export records the UIDs' namespace
            open_db(args)

        result = export_ics(args.ics, programme_id=programme_id, match_id=args.match)
        say(
            f"Wrote the calendar to {args.ics}" + (f" ({result} events)." if isinstance(result, int) else ".")
        )
    return 0
