"""Importing a roster from CSV: a preview listing every problem, then one all-or-nothing transaction.

The file is streamed (memory stays flat for a 50 MB file): ``preview`` reads it
once and keeps counts, the first problems and the first rows; ``import_roster``
reads it once more, validating and writing as it goes, inside one transaction
that rolls back on any refusal, error or cancel. Once every row has passed its
checks, and only then, a backup of the database as it was is taken (a refused or
cancelled import costs no backup); one audit event summarises the import, and the
column mapping is remembered.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from mentordesk.core.csv_files import NotCsv, SheetNeeded, Sniffed, iter_records, sniff
from mentordesk.core.participants import (
    CUSTOM_PREFIX,
    FIELD_BY_KEY,
    CheckedRow,
    ColumnGuess,
    DateOrder,
    DuplicateIndex,
    FieldChange,
    FieldDraft,
    FieldSpec,
    KnownPerson,
    PersonRecord,
    Problem,
    RowChecker,
    Severity,
    field_changes,
    guess_mapping,
    infer_date_order,
    mapping_problems,
    normalise_header,
    person_key,
)
from mentordesk.core.progress import QUIET, Progress
from mentordesk.services.participants.clearance import rules_for
from mentordesk.services.participants.csv_writer import RosterWriter, current_values_many
from mentordesk.services.participants.custom_fields import CustomFieldError, define_field, list_fields
from mentordesk.store import audit, locks, server, settings
from mentordesk.store.backup import backup_file
from mentordesk.store.db import current_passphrase, database
from mentordesk.store.models import Participant, Programme
from mentordesk.store.rows import tuples

log = logging.getLogger(__name__)

SETTINGS_KEY = "roster_import.mapping"
PROBLEM_CAP = 5000  # problems kept for display; the counts are always exact
SAMPLE_ROWS = 200


class RosterImportError(Exception):
    """Nothing was written; ``problems`` (possibly capped) and ``problem_count`` say why."""

    def __init__(self, message: str, problems: list[Problem] | None = None, problem_count: int = 0) -> None:
        super().__init__(message)
        self.problems = problems or []
        self.problem_count = problem_count or len(self.problems)


@dataclass
class ImportOptions:
    mapping: dict[str, str] | None = None  # {CSV header: field key, or "" to ignore}; None = guess
    on_duplicate: str = "merge"  # or "skip"
    skip_invalid: bool = False  # import the good rows and skip the bad ones (else: refuse the file)
    default_role: str | None = None  # for files without a role column
    date_order: DateOrder | None = None  # None: inferred from the file
    default_date_order: DateOrder = DateOrder.DMY  # when the file does not settle it
    encoding: str | None = None
    delimiter: str | None = None
    today: date | None = None
    # Same name and date of birth as someone known, but another e-mail: "new" (a different person),
    # "merge" or "skip". None: not settled, so an import with such rows is refused.
    on_conflict: str | None = None
    replace_lossy: bool = False  # let "Lukasz" replace "Łukasz" (accents, letters or capitals lost)
    sheet: str | None = None  # a workbook's sheet (None: its only sheet with data)


@dataclass
class Preview:
    sniffed: Sniffed
    columns: list[ColumnGuess]
    mapping_errors: list[str]
    date_order: DateOrder
    date_note: str
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    duplicates_in_database: int = 0
    duplicates_in_file: int = 0
    conflicts: int = 0  # same name and date of birth, another e-mail: the coordinator settles them
    people_changed: int = 0  # people already here whom a merge would change
    kept_lossy: int = 0  # values kept because the file holds only a lossy copy of them
    blank_rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    sample: list[CheckedRow] = field(default_factory=list)
    # One line per row that will be imported (Severity.READY: who, as what), so the preview shows
    # every row and not only the faulty ones; at most PROBLEM_CAP lines, like the problems.
    ready: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def can_import(self) -> bool:
        return not self.mapping_errors and self.valid > 0


@dataclass
class ImportSummary:
    rows: int = 0
    added: int = 0
    updated: int = 0
    merged_in_file: int = 0
    skipped_duplicates: int = 0
    skipped_invalid: int = 0
    skipped_conflicts: int = 0
    skipped_rows: list[int] = field(default_factory=list)  # rows left out because of their errors
    changes: list[Problem] = field(default_factory=list)  # each field a merge changed (or kept)
    kept_lossy: int = 0  # of those, values kept because the file held only a lossy copy
    backup: Path | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return self.skipped_duplicates + self.skipped_invalid + self.skipped_conflicts

    def describe(self) -> str:
        text = f"{self.added} added, {self.updated} updated, {self.skipped} skipped"
        details = []
        if self.skipped_duplicates:
            details.append(
                f"{self.skipped_duplicates} duplicate{'s' if self.skipped_duplicates != 1 else ''}"
            )
        if self.skipped_invalid:
            details.append(
                f"{self.skipped_invalid} row{'s' if self.skipped_invalid != 1 else ''} with errors"
            )
        if self.skipped_conflicts:
            details.append(
                f"{self.skipped_conflicts} possible duplicate{'s' if self.skipped_conflicts != 1 else ''} "
                "with another e-mail"
            )
        if details:
            text += " (" + ", ".join(details) + ")"
        if self.merged_in_file:
            text += f"; {self.merged_in_file} repeated row{'s' if self.merged_in_file != 1 else ''} merged"
        return text


@dataclass
class _Plan:
    sniffed: Sniffed
    columns: list[ColumnGuess]
    mapping_errors: list[str]
    date_order: DateOrder
    date_note: str
    checker: RowChecker


def remembered_mapping() -> dict[str, str]:
    return dict(settings.get(SETTINGS_KEY) or {})


def remember_mapping(columns: list[ColumnGuess]) -> None:
    merged = remembered_mapping()
    merged.update({normalise_header(c.header): c.field for c in columns})
    settings.put(SETTINGS_KEY, merged)


def columns_for(
    sniffed: Sniffed, mapping: dict[str, str] | None, programme_id: int | None = None
) -> list[ColumnGuess]:
    """The given mapping checked, or (``mapping`` None) a guess. A guess maps a column no built-in field
    takes, or only resembles, to the programme's custom field of exactly that name, when it has one (a
    roster it exported): "After-school clubs" is that field, not a look-alike of "Organisation"."""
    if mapping is None:
        guesses = guess_mapping(sniffed.header, remembered_mapping())
        labels = {f.label.casefold() for f in list_fields(programme_id)} if programme_id else set()
        return [
            ColumnGuess(g.column, g.header, CUSTOM_PREFIX + g.header.strip(), "custom field")
            if g.how in ("", "similar") and g.header.strip().casefold() in labels
            else g
            for g in guesses
        ]
    unknown_fields = sorted(
        {f for f in mapping.values() if f and f not in FIELD_BY_KEY and not _custom_key(f)}
    )
    if unknown_fields:
        raise RosterImportError(
            f"Unknown field{'s' if len(unknown_fields) > 1 else ''} in the mapping: {', '.join(unknown_fields)}. "
            f"Fields are: {', '.join(FIELD_BY_KEY)}, or {CUSTOM_PREFIX}LABEL for a custom field."
        )
    by_name = {normalise_header(k): v for k, v in mapping.items()}
    missing = [k for k in mapping if normalise_header(k) not in {normalise_header(h) for h in sniffed.header}]
    if missing:
        raise RosterImportError(
            f"The mapping names column{'s' if len(missing) > 1 else ''} the file does not have: "
            f"{', '.join(repr(m) for m in missing)}. The file's columns are: {', '.join(sniffed.header)}."
        )
    return [
        ColumnGuess(
            i, h, by_name.get(normalise_header(h), ""), "given" if normalise_header(h) in by_name else ""
        )
        for i, h in enumerate(sniffed.header)
    ]


def _custom_key(key: str) -> bool:
    return key.startswith(CUSTOM_PREFIX) and bool(key[len(CUSTOM_PREFIX) :].strip())


def _custom_specs(programme_id: int) -> dict[str, FieldSpec]:
    return {f.label.casefold(): f for f in list_fields(programme_id)}


def is_form_source(path: Path | str) -> bool:
    """Returned PDF application forms: one .pdf file, or a folder of them."""
    where = Path(path)
    return where.suffix.lower() == ".pdf" or where.is_dir()


def _forms_sniffed(path: Path, programme_id: int, progress: Progress) -> tuple[Sniffed, dict[str, str]]:
    """Returned forms as a table the usual checks read, and the mapping their fields imply."""
    if not path.exists():
        raise RosterImportError(f"{path.name} does not exist: check the name and try again.")
    from mentordesk.core.forms import read_forms  # pypdf is loaded only when forms are imported

    table = read_forms(path, programme_id, progress)
    if not table.files:
        raise RosterImportError(
            f"The folder {path.name} holds no PDF files: put the returned application forms in it."
        )
    if len(table.files) == 1 and table.errors[0]:
        raise RosterImportError(table.errors[0])
    count = len(table.files)
    source = f"{count} returned PDF form{'s' if count != 1 else ''}"
    if table.other_programmes:
        others = ", ".join(f"{n} from {name!r}" for name, n in sorted(table.other_programmes.items()))
        source += f" ({others}: printed for another programme, their answers were matched by question)"
    sniffed = Sniffed(
        path=path,
        size=0,
        encoding="utf-8",
        encoding_label="PDF forms",
        delimiter=",",
        line_endings="",
        header=tuple(table.header),
        sample_rows=tuple(table.rows[:SAMPLE_ROWS]),
        table=tuple(table.rows),
        table_errors=tuple(table.errors),
        source=source,
    )
    return sniffed, table.mapping


def _known_people() -> Iterator[KnownPerson]:
    query = Participant.select(
        Participant.id,
        Participant.email,
        Participant.first_name,
        Participant.last_name,
        Participant.date_of_birth,
    ).where(Participant.anonymised == False)  # noqa: E712 (peewee expression)
    for pid, email, first, last, dob in tuples(query):
        yield KnownPerson(pid, email or "", person_key(first, last), dob)


def _plan(path: Path | str, programme_id: int, options: ImportOptions, progress: Progress) -> _Plan:
    if Programme.get_or_none(Programme.id == programme_id) is None:
        raise RosterImportError(f"No programme with id {programme_id}: create the programme first.")
    mapping = options.mapping
    if is_form_source(path):
        sniffed, mapping = _forms_sniffed(Path(path), programme_id, progress)
        options.date_order = DateOrder.DMY  # the form asks for dd/mm/yyyy
    else:
        try:
            sniffed = sniff(path, options.encoding, options.delimiter, progress, sheet=options.sheet)
        except SheetNeeded as exc:
            raise RosterImportError(f"{exc} On the command line: --sheet NAME.") from None
        except NotCsv as exc:
            raise RosterImportError(str(exc)) from None
    columns = columns_for(sniffed, mapping, programme_id)
    fields = [c.field for c in columns]
    errors = mapping_problems(fields, options.default_role)
    date_columns = [c.column for c in columns if c.field in ("date_of_birth", "consent_date", "enrolled_on")]
    samples = (row[i] for row in sniffed.sample_rows for i in date_columns if i < len(row))
    order, note = infer_date_order(samples, options.default_date_order)
    if options.date_order is not None:
        order = options.date_order
        note = f"Dates were read as {'dd/mm/yyyy' if order is DateOrder.DMY else 'mm/dd/yyyy'}, as you chose."
    if not date_columns:
        note = ""
    checker = RowChecker(
        header=sniffed.header,
        mapping={c.column: c.field for c in columns},
        rules=rules_for(programme_id),
        duplicates=DuplicateIndex(_known_people()),
        date_order=order,
        default_role=options.default_role,
        today=options.today or date.today(),
        custom_fields=_custom_specs(programme_id),
    )
    return _Plan(sniffed, columns, errors, order, note, checker)


def _checked(plan: _Plan, progress: Progress) -> Iterator[CheckedRow]:
    """Each record checked, its problems naming the form file when each row is a returned form."""
    table = plan.sniffed.table
    if table is None:
        yield from _checked_rows(plan, progress)
        return
    for checked in _checked_rows(plan, progress):
        source = table[checked.row - 2][-1] if 0 <= checked.row - 2 < len(table) else ""
        checked.problems = [replace(p, source=source) for p in checked.problems]
        yield checked


def _checked_rows(plan: _Plan, progress: Progress) -> Iterator[CheckedRow]:
    """Each record checked; ``progress`` raises Cancelled between records once the user cancelled."""
    for record in iter_records(plan.sniffed, progress):
        progress.check()
        if record.error:
            yield CheckedRow(record.row, None, [Problem(record.row, "", record.error)])
            continue
        if record.blank:
            yield CheckedRow(record.row, None, [Problem(record.row, "", BLANK_ROW, Severity.WARNING)])
            continue
        yield plan.checker.check(record.row, record.cells)


BLANK_ROW = "the row is blank: it was left out (delete it, or fill it in if someone is missing)"
HEADER_ONLY = (
    "The file has column names but no rows of people under them. "
    "Check that you exported the sheet with the data, then try again."
)


def _blank(checked: CheckedRow) -> bool:
    return checked.record is None and not any(p.severity is Severity.ERROR for p in checked.problems)


def _change_problem(plan: _Plan, row: int, change: FieldChange) -> Problem:
    header = next((c.header for c in plan.columns if c.field == change.key), change.label)
    return Problem(row, header, str(change), Severity.CHANGE)


def preview(
    path: Path | str,
    programme_id: int,
    options: ImportOptions | None = None,
    progress: Progress = QUIET,
) -> Preview:
    """Read the whole file and list every problem; writes nothing. ``RosterImportError`` if unreadable."""
    options = options or ImportOptions()
    plan = _plan(path, programme_id, options, progress)
    result = Preview(plan.sniffed, plan.columns, plan.mapping_errors, plan.date_order, plan.date_note)
    if plan.mapping_errors:
        return result
    pending: list[CheckedRow] = []
    for checked in _checked(plan, progress):
        pending.append(checked)
        if len(pending) >= LOOKUP_BATCH:
            _tally(result, plan, options, programme_id, pending)
            pending = []
    _tally(result, plan, options, programme_id, pending)
    if result.rows == 0:
        problem = Problem(0, "", HEADER_ONLY)
        result.problems.append(problem)
        result.problem_count += 1
    return result


LOOKUP_BATCH = 500  # rows whose known people are looked up together (one query per table, not per row)


def _tally(
    result: Preview, plan: _Plan, options: ImportOptions, programme_id: int, batch: list[CheckedRow]
) -> None:
    """Count a batch of checked rows into the preview, with the changes merging them would make."""
    merging = options.on_duplicate == "merge"
    targets = {
        c.duplicate.target
        for c in batch
        if merging
        and c.record is not None
        and c.duplicate
        and c.duplicate.in_database
        and not c.duplicate.conflict
    }
    known = current_values_many(targets, programme_id) if targets else {}
    for checked in batch:
        problems = checked.problems
        if _blank(checked):
            result.blank_rows += 1
        else:
            result.rows += 1
            if checked.ok:
                result.valid += 1
            else:
                result.invalid += 1
        duplicate, record = checked.duplicate, checked.record
        if duplicate is not None and record is not None:
            if duplicate.in_database:
                result.duplicates_in_database += 1
            else:
                result.duplicates_in_file += 1
            if duplicate.conflict:
                result.conflicts += 1
            elif duplicate.in_database and duplicate.target in known:
                changes = field_changes(known[duplicate.target], record, replace_lossy=options.replace_lossy)
                result.people_changed += bool(changes)
                result.kept_lossy += sum(1 for c in changes if not c.applied)
                problems = problems + [_change_problem(plan, checked.row, c) for c in changes]
        result.problem_count += len(problems)
        room = PROBLEM_CAP - len(result.problems)
        if room > 0:
            result.problems.extend(problems[:room])
        if _blank(checked):
            continue
        if record is not None and len(result.ready) < PROBLEM_CAP:
            result.ready.append(Problem(checked.row, "", _ready_text(record), Severity.READY))
        if len(result.sample) < SAMPLE_ROWS:
            result.sample.append(checked)


def _ready_text(record: PersonRecord) -> str:
    """The preview's line for a row that will be imported: "Ready to import: Ruth Adebayo (mentor)".
    A duplicate's own note (a warning) follows it."""
    name = " ".join(part for part in (record.first_name, record.last_name) if part)
    return f"Ready to import: {name} ({record.role})" if record.role else f"Ready to import: {name}"


def import_roster(
    path: Path | str,
    programme_id: int,
    options: ImportOptions | None = None,
    progress: Progress = QUIET,
    backup: bool = True,
) -> ImportSummary:
    """Import every accepted row in one transaction, or nothing (``RosterImportError`` says why)."""
    options = options or ImportOptions()
    if options.on_duplicate not in ("merge", "skip"):
        raise RosterImportError("Duplicates are either merged or skipped.")
    if options.on_conflict not in (None, "new", "merge", "skip"):
        raise RosterImportError(
            "A possible duplicate with another e-mail is added as new, merged or skipped."
        )
    # Returned forms are read while planning (a few seconds for hundreds): that part reports and cancels too.
    plan = _plan(path, programme_id, options, progress if is_form_source(path) else QUIET)
    if plan.mapping_errors:
        raise RosterImportError(" ".join(plan.mapping_errors))
    summary = ImportSummary()
    db = database.obj
    error_count = 0
    with audit.suspended(), locks.exclusive_transaction("roster-import"):
        writer = RosterWriter(programme_id, plan.checker.today)
        writer.custom_ids = _custom_ids(plan, programme_id)
        row_to_person: dict[int, int] = {}
        unsettled: list[Problem] = []
        for checked in _checked(plan, progress):
            if len(summary.problems) < PROBLEM_CAP:
                summary.problems.extend(checked.problems[: PROBLEM_CAP - len(summary.problems)])
            if _blank(checked):
                continue
            summary.rows += 1
            error_count += sum(1 for p in checked.problems if p.severity is Severity.ERROR)
            record = checked.record
            if record is None:
                summary.skipped_invalid += 1
                summary.skipped_rows.append(checked.row)
                continue
            duplicate = checked.duplicate
            if duplicate is not None and duplicate.conflict:
                choice = options.on_conflict
                if choice is None:
                    unsettled.append(Problem(checked.row, "", duplicate.describe()))
                    continue
                if choice == "skip":
                    summary.skipped_conflicts += 1
                    continue
                if choice == "new":
                    duplicate = None
            if duplicate is None:
                row_to_person[checked.row] = writer.add(record)
                continue
            if options.on_duplicate == "skip":
                summary.skipped_duplicates += 1
                continue
            target = duplicate.target if duplicate.in_database else row_to_person.get(duplicate.target)
            if target is None:  # the earlier row was itself skipped: this one is a new person
                row_to_person[checked.row] = writer.add(record)
                continue
            changes = writer.merge(target, record, replace_lossy=options.replace_lossy)
            summary.changes.extend(_change_problem(plan, checked.row, c) for c in changes)
            summary.kept_lossy += sum(1 for c in changes if not c.applied)
            if duplicate.in_database:
                summary.updated += 1
            else:
                summary.merged_in_file += 1
        writer.flush()
        if summary.rows == 0:
            raise RosterImportError(HEADER_ONLY)
        if unsettled:
            raise RosterImportError(
                f"{len(unsettled)} row{'s' if len(unsettled) != 1 else ''} share{'' if len(unsettled) != 1 else 's'} "
                "a name and date of birth with someone already known but not the e-mail, so nothing was "
                "imported. Choose for them: add new people, merge, or skip.",
                unsettled,
            )
        if summary.skipped_invalid and not options.skip_invalid:
            raise RosterImportError(
                f"{summary.skipped_invalid} row{'s' if summary.skipped_invalid != 1 else ''} of "
                f"{summary.rows} cannot be imported as they are, so nothing was imported. Fix the file, "
                "or choose to skip the rows with errors.",
                [p for p in summary.problems if p.severity is Severity.ERROR],
                error_count,
            )
        summary.added = len(row_to_person)
        if backup and db is not None and db.database not in (":memory:", "") and not server.is_server(db):
            # The rows are in but not committed: a connection of its own copies the file as it was.
            # (A server database has its own backups; the import is one transaction there too.)
            summary.backup = backup_file(Path(db.database), "before-import", current_passphrase())
        audit.record(
            "import",
            "participant",
            None,
            changes={
                "added": [None, summary.added],
                "updated": [None, summary.updated],
                "skipped": [None, summary.skipped],
            },
            summary=f"CSV roster imported into programme {programme_id}: {summary.describe()}",
        )
        remember_mapping(plan.columns)
    log.info("roster imported into programme %s: %s", programme_id, summary.describe())
    return summary


def _custom_ids(plan: _Plan, programme_id: int) -> dict[str, int]:
    """The ids of the custom fields the mapping names, creating (as text fields) those the programme
    lacks: inside the import's transaction, so a refused import leaves no new field behind."""
    ids = {label: spec.id for label, spec in plan.checker.custom_fields.items()}
    for label in plan.checker.custom_columns.values():
        if label.casefold() not in ids:
            try:
                ids[label.casefold()] = define_field(programme_id, FieldDraft(label))
            except CustomFieldError as exc:
                raise RosterImportError(str(exc)) from None
    return ids


def field_label(key: str) -> str:
    if _custom_key(key):
        return f"Custom field: {key[len(CUSTOM_PREFIX) :]}"
    return FIELD_BY_KEY[key].label if key in FIELD_BY_KEY else "(ignore)"
