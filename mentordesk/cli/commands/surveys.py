"""``surveys due``, ``surveys print``, ``surveys import``, ``surveys export`` and ``surveys add-builtins``."""

from __future__ import annotations

from argparse import Namespace
from datetime import date
from pathlib import Path

from mentordesk.cli.common import CommandError, chosen_programme_id, fail, open_db, run, say


def register(subparsers) -> None:
    surveys = subparsers.add_parser("surveys", help="fit checks, pulse, exit and before-and-after surveys")
    commands = surveys.add_subparsers(dest="surveys_command", metavar="ACTION", required=True)

    due = commands.add_parser("due", help="surveys due and overdue (oldest first)")
    due.add_argument("--programme", "-p", help="programme name (or id)")
    due.set_defaults(func=cmd_due)

    builtins = commands.add_parser("add-builtins", help="add the built-in surveys the programme lacks")
    builtins.add_argument("--programme", "-p", help="programme name (or id)")
    builtins.set_defaults(func=cmd_add_builtins)

    printing = commands.add_parser("print", help="write a survey as PDFs, one per person it is due for")
    printing.add_argument("--programme", "-p", help="programme name (or id)")
    printing.add_argument("--survey", "-s", required=True, help="the survey's name (or id)")
    printing.add_argument("--out", "-o", type=Path, required=True, help="folder for the PDFs")
    printing.add_argument("--fillable", action="store_true", help="fillable PDFs to send out and read back")
    printing.add_argument(
        "--everyone",
        action="store_true",
        help="everyone in a match the survey is for, not only those it is due for",
    )
    printing.set_defaults(func=cmd_print)

    importing = commands.add_parser(
        "import", help="read returned fillable PDFs (a file or a folder), or an online form's CSV/XLSX export"
    )
    importing.add_argument("--programme", "-p", help="programme name (or id)")
    importing.add_argument("path", type=Path, help="a PDF, a folder of PDFs, or a .csv/.xlsx file")
    importing.add_argument("--survey", "-s", help="for a CSV/XLSX file: which survey it answers")
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="for a CSV/XLSX file: map a column to person, email, answered_on or a question id (repeatable)",
    )
    importing.add_argument("--sheet", help="for a workbook: the sheet to read")
    importing.add_argument("--dry-run", action="store_true", help="check everything, save nothing")
    importing.set_defaults(func=cmd_import)

    export = commands.add_parser("export", help="write every response to a CSV (or .xlsx) file")
    export.add_argument("--programme", "-p", help="programme name (or id)")
    export.add_argument("file", type=Path, help="the file to write (replaced if it exists)")
    export.set_defaults(func=cmd_export)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@run
def cmd_due(args: Namespace) -> int:
    from mentordesk.services import surveys

    open_db(args, writes=False)
    programme_id = chosen_programme_id(args)
    if not surveys.list_templates(programme_id):
        say("This programme has no surveys yet; add the built-in ones with: mentordesk surveys add-builtins")
        return 0
    today = date.today()
    rows = surveys.due_list(programme_id, today)
    if not rows:
        say("No surveys due.")
        return 0
    for row in rows:
        late = f"{row.days_late(today)} days overdue" if row.overdue else "due"
        say(f"{row.due_on.isoformat()}  {row.survey}: {row.person} ({row.role})  [{late}]")
    overdue = sum(1 for r in rows if r.overdue)
    say(f"{_plural(len(rows), 'survey')} due, {overdue} overdue.")
    return 0


@run
def cmd_add_builtins(args: Namespace) -> int:
    from mentordesk.services import surveys

    open_db(args)
    added = surveys.seed_builtins(chosen_programme_id(args))
    say(
        f"Added {_plural(added, 'built-in survey')}." if added else "The programme has every built-in survey."
    )
    return 0


@run
def cmd_print(args: Namespace) -> int:
    from mentordesk.services import surveys

    open_db(args, writes=False)
    programme_id = chosen_programme_id(args)
    try:
        template = surveys.find_template(programme_id, args.survey)
    except surveys.SurveyError as exc:
        raise CommandError(str(exc)) from exc
    if args.everyone:
        people = surveys.survey_audience(template.id)
    else:
        people = [
            (d.participant_id, d.match_id)
            for d in surveys.due_list(programme_id)
            if d.template_id == template.id
        ]
    if not people:
        say(f"{template.name!r} is not due for anyone; add --everyone to print it for everyone it is for.")
        return 0
    try:
        files = surveys.print_surveys(template.id, people, args.out, fillable=args.fillable)
    except (surveys.SurveyError, OSError) as exc:
        raise CommandError(f"Cannot write the surveys: {exc}") from exc
    say(f"Wrote {_plural(len(files), 'PDF')} to {args.out}")
    return 0


@run
def cmd_import(args: Namespace) -> int:
    from mentordesk.services import surveys

    open_db(args, writes=not args.dry_run)
    programme_id = chosen_programme_id(args)
    path: Path = args.path
    try:
        if path.is_dir() or path.suffix.lower() == ".pdf":
            result = surveys.import_forms(path, programme_id, dry_run=args.dry_run)
        else:
            if not args.survey:
                raise CommandError("Say which survey the file answers with --survey NAME.")
            template = surveys.find_template(programme_id, args.survey)
            mapping = surveys.preview(path, template.id, sheet=args.sheet).mapping
            for item in args.map:
                column, sep, field = item.partition("=")
                if not sep:
                    raise CommandError(f"--map takes COLUMN=FIELD (got {item!r}).")
                mapping[column] = field.strip()
            mapping = {c: f for c, f in mapping.items() if f}
            result = surveys.import_table(path, template.id, mapping, sheet=args.sheet, dry_run=args.dry_run)
    except surveys.SurveyError as exc:
        raise CommandError(str(exc)) from exc
    if not result.ok:
        for problem in result.problems:
            fail(problem)
        raise CommandError(f"Nothing imported: {_plural(len(result.problems), 'problem')} to fix first.")
    verb = "Would import" if args.dry_run else "Imported"
    say(f"{verb} {_plural(result.saved, 'response')}.")
    return 0


@run
def cmd_export(args: Namespace) -> int:
    from mentordesk.services import surveys

    open_db(args, writes=False)
    try:
        count = surveys.export_responses(chosen_programme_id(args), args.file)
    except OSError as exc:
        raise CommandError(f"Cannot write {args.file}: {exc.strerror or exc}") from exc
    say(f"Wrote {_plural(count, 'response')} to {args.file}")
    return 0
