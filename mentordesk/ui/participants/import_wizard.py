"""Import a roster: file -> format -> column mapping -> preview of every problem -> import, with a summary.

Reading a big file and importing it run on the thread pool with a progress bar
and a Cancel button; cancelling the import rolls everything back.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mentordesk.core.csv_files import Sniffed
from mentordesk.core.participants import ColumnGuess, DateOrder, Problem, Severity
from mentordesk.services import participants as participants_service
from mentordesk.services.participants import ImportOptions, ImportSummary, Preview, RosterImportError
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import RowsTableModel
from mentordesk.ui.participants.import_pages import FilePage, FormatPage, MappingPage, error_label, hint
from mentordesk.ui.widgets.date_edit import locale_date_order
from mentordesk.ui.workers import Worker, start


class ProblemModel(RowsTableModel[Problem]):
    ROW, COLUMN, MESSAGE = range(3)
    HEADERS = ("Row", "Column", "Check")

    def __init__(self, problems: list[Problem], parent=None) -> None:
        super().__init__(parent)
        self.rows = problems
        self._error = icon("error", "#C62828")
        self._warning = icon("warning", "#B26A00")
        self._change = icon("edit")
        self._ready = icon("ok", "#2E7D32")

    def row_texts(self, problem: Problem) -> tuple[object, ...]:
        return (problem.row or self.tr("file"), problem.column, problem.message)

    def cell(self, problem: Problem, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole and column == self.ROW:
            if problem.severity is Severity.CHANGE:
                return self._change
            if problem.severity is Severity.READY:
                return self._ready
            return self._error if problem.severity is Severity.ERROR else self._warning
        if role == Qt.ItemDataRole.ToolTipRole and column == self.MESSAGE:
            return problem.message
        if role == Qt.ItemDataRole.UserRole:
            return problem.severity.value  # what the "errors only" filter looks at
        return None


class Progress(QWidget):
    """A progress bar with a Cancel button for a worker."""

    def __init__(self, text: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = text
        self.label = QLabel(text)
        self.bar = QProgressBar()
        self.cancel_button = QPushButton(icon("close"), self.tr("S&top"))
        self.cancel_button.setToolTip(self.tr("Stop and change nothing"))
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.worker: Worker | None = None
        self.cancel_button.clicked.connect(self._cancel)

    def attach(self, worker: Worker) -> None:
        self.worker = worker
        self.label.setText(self.text)
        self.bar.setRange(0, 0)  # busy until the first progress report
        worker.signals.progress.connect(
            lambda done, total, text: self._progress(done, total) if worker is self.worker else None
        )
        self.cancel_button.setEnabled(True)
        self.show()

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(done, total) / total))


def check_lines(result: Preview) -> list[Problem]:
    """Every row of the file for the check table: each problem, and a "Ready to import" line for each
    row that will be imported (before its warnings), in row order; problems of the whole file first."""
    order = {Severity.READY: 0, Severity.ERROR: 1, Severity.WARNING: 2, Severity.CHANGE: 3}
    lines = result.problems + result.ready
    return sorted(lines, key=lambda p: (p.row, order[p.severity]))  # stable: each row's problems keep order


def rows_text(rows: int, valid: int, invalid: int) -> str:
    """ "2 rows: 1 can be imported, 1 has errors." with each noun and verb agreeing with its number."""
    tr = QCoreApplication.translate
    return tr("PreviewPage", "{rows} {noun}: {valid} can be imported, {invalid} {verb} errors.").format(
        rows=f"{rows:,}",
        noun=tr("PreviewPage", "row") if rows == 1 else tr("PreviewPage", "rows"),
        valid=f"{valid:,}",
        invalid=f"{invalid:,}",
        verb=tr("PreviewPage", "has") if invalid == 1 else tr("PreviewPage", "have"),
    )


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check every row"))
        self.setSubTitle(self.tr("Every row, with each problem by column. Nothing has been imported yet."))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Import"))
        layout = QVBoxLayout(self)
        self.progress = Progress(self.tr("Reading the file…"))
        layout.addWidget(self.progress)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sectionTitle")
        self.date_note = hint()
        self.error = error_label()
        layout.addWidget(self.summary)
        layout.addWidget(self.date_note)
        layout.addWidget(self.error)
        self.errors_only = QCheckBox(self.tr("Show &errors only"))
        self.errors_only.toggled.connect(self._filter)
        layout.addWidget(self.errors_only)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Rows to import and problems by row and column"))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.table, 1)
        # Three choices side by side, each box as narrow as its short title and buttons: a long title
        # cannot wrap, and the widest page sets the wizard's width for good (it grew to 1,262 px).
        choices = QHBoxLayout()
        bad_box = QGroupBox(self.tr("Rows with errors"))
        bad_layout = QVBoxLayout(bad_box)
        self.skip_bad = QRadioButton(self.tr("&Skip them, import the rest"))
        self.fix_file = QRadioButton(self.tr("Import &nothing: I will fix the file"))
        self.fix_file.setChecked(True)
        self.bad_group = QButtonGroup(self)
        for button in (self.skip_bad, self.fix_file):
            self.bad_group.addButton(button)
            bad_layout.addWidget(button)
            button.toggled.connect(lambda _on: self.completeChanged.emit())
        bad_layout.addStretch(1)
        dup_box = QGroupBox(self.tr("People already known"))
        dup_layout = QVBoxLayout(dup_box)
        dup_layout.addWidget(hint(self.tr("Same e-mail, or same name and birth date.")))
        self.merge = QRadioButton(self.tr("&Merge: filled cells update them"))
        self.merge.setToolTip(self.tr("Each change merging makes is listed above."))
        self.skip_duplicates = QRadioButton(self.tr("S&kip them"))
        self.merge.setChecked(True)
        self.dup_group = QButtonGroup(self)
        for button in (self.merge, self.skip_duplicates):
            self.dup_group.addButton(button)
            dup_layout.addWidget(button)
        self.replace_lossy = QCheckBox(self.tr("&Let copies without accents replace names"))
        self.replace_lossy.setToolTip(
            self.tr("A copy that lost accents or capitals (Lukasz for Łukasz) replaces the name only if ticked.")
        )
        self.replace_lossy.setAccessibleName(self.tr("Replace values by copies without accents or capitals"))
        dup_layout.addWidget(self.replace_lossy)
        dup_layout.addStretch(1)
        conflict_box = QGroupBox(self.tr("Same name and birth date"))
        conflict_layout = QVBoxLayout(conflict_box)
        conflict_layout.addWidget(hint(self.tr("As someone known, but with another e-mail.")))
        self.conflict_new = QRadioButton(self.tr("&Different people: add them"))
        self.conflict_merge = QRadioButton(self.tr("The same &people: merge them"))
        self.conflict_skip = QRadioButton(self.tr("Skip &them"))
        self.conflict_group = QButtonGroup(self)
        for button in (self.conflict_new, self.conflict_merge, self.conflict_skip):
            button.setAccessibleName(button.text().replace("&", ""))
            self.conflict_group.addButton(button)
            conflict_layout.addWidget(button)
            button.toggled.connect(lambda _on: self.completeChanged.emit())
        conflict_layout.addStretch(1)
        for button in (self.skip_bad, self.fix_file, self.merge, self.skip_duplicates):
            button.setAccessibleName(button.text().replace("&", ""))
        for box in (bad_box, dup_box, conflict_box):
            box.hide()  # until the preview says which choices there are
            choices.addWidget(box, 1)
        layout.addLayout(choices)
        self.bad_box, self.dup_box, self.conflict_box = bad_box, dup_box, conflict_box
        self.result: Preview | None = None
        self.worker: Worker | None = None

    def initializePage(self) -> None:
        self.result = None
        self.summary.setText("")
        self.date_note.setText("")
        self.error.hide()
        self.table.setModel(None)
        for box in (self.bad_box, self.dup_box, self.conflict_box):
            box.hide()
        worker = Worker(
            participants_service.preview, self.w.path, self.w.programme_id, self.w.import_options()
        )
        # A worker left behind by Back may still answer: only the current one is listened to.
        worker.signals.finished.connect(lambda result: self._done(result) if worker is self.worker else None)
        worker.signals.failed.connect(lambda exc: self._failed(exc) if worker is self.worker else None)
        self.worker = worker
        self.progress.attach(worker)
        start(worker)
        self.completeChanged.emit()

    def _done(self, result: Preview) -> None:
        self.progress.hide()
        self.result = result
        self.w.preview = result
        errors = sum(1 for p in result.problems if p.severity is Severity.ERROR)
        text = rows_text(result.rows, result.valid, result.invalid)
        duplicates = result.duplicates_in_database + result.duplicates_in_file
        if duplicates:
            text += " " + self.tr("{db} already in the database, {file} repeated in the file.").format(
                db=result.duplicates_in_database, file=result.duplicates_in_file
            )
        if result.people_changed:
            text += " " + self.tr(
                "People already here whom merging would change: {n} (each change is listed)."
            ).format(n=result.people_changed)
        if result.conflicts:
            text += " " + self.tr(
                "Rows with the name and birth date of someone known but another e-mail: {n} (choose below)."
            ).format(n=result.conflicts)
        if result.blank_rows:
            text += " " + self.tr("Blank rows left out: {n}.").format(n=result.blank_rows)
        if result.problem_count > len(result.problems):
            text += " " + self.tr("The first {shown:,} of {total:,} problems are listed.").format(
                shown=len(result.problems), total=result.problem_count
            )
        self.summary.setText(text)
        self.date_note.setText(result.date_note)
        model = ProblemModel(check_lines(result), self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setFilterRole(Qt.ItemDataRole.UserRole)
        proxy.setFilterKeyColumn(0)
        self.table.setModel(proxy)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 150)
        self._filter()
        self.bad_box.setVisible(errors > 0)
        self.dup_box.setVisible(duplicates > result.conflicts)
        self.replace_lossy.setVisible(result.kept_lossy > 0)
        self.conflict_box.setVisible(result.conflicts > 0)
        if result.rows == 0 or result.valid == 0:
            self.error.setText(
                result.problems[0].message
                if result.rows == 0
                else self.tr("No row can be imported as it is.")
            )
            self.error.show()
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.error.setText(str(exc))
        self.error.show()
        self.completeChanged.emit()

    def _filter(self) -> None:
        proxy = self.table.model()
        if isinstance(proxy, QSortFilterProxyModel):
            proxy.setFilterFixedString(Severity.ERROR.value if self.errors_only.isChecked() else "")

    def isComplete(self) -> bool:
        result = self.result
        if result is None or not result.can_import:
            return False
        if result.conflicts and self.conflict_group.checkedButton() is None:
            return False
        return result.invalid == 0 or self.skip_bad.isChecked()

    def conflict_choice(self) -> str | None:
        for button, choice in (
            (self.conflict_new, "new"),
            (self.conflict_merge, "merge"),
            (self.conflict_skip, "skip"),
        ):
            if button.isChecked():
                return choice
        return None

    def cleanupPage(self) -> None:
        if self.worker is not None:
            self.worker.cancel()


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("Every accepted row is written in one go: all of them, or none."))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.progress = Progress(self.tr("Importing…"))
        layout.addWidget(self.progress)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sectionTitle")
        self.details = hint()
        self.error = error_label()
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.done = False
        self.worker: Worker | None = None

    def initializePage(self) -> None:
        self.done = False
        self.w.summary = None
        self.summary.setText("")
        self.details.setText("")
        self.error.hide()
        worker = Worker(
            participants_service.import_roster, self.w.path, self.w.programme_id, self.w.import_options()
        )
        worker.signals.finished.connect(
            lambda summary: self._done(summary) if worker is self.worker else None
        )
        worker.signals.failed.connect(lambda exc: self._failed(exc) if worker is self.worker else None)
        worker.signals.cancelled.connect(
            lambda: self._failed(RosterImportError(self.tr("The import was cancelled: nothing was changed.")))
            if worker is self.worker
            else None
        )
        self.worker = worker
        self.progress.attach(worker)
        start(worker)
        self.completeChanged.emit()

    def _done(self, summary: ImportSummary) -> None:
        self.progress.hide()
        self.done = True
        self.w.summary = summary
        self.setTitle(self.tr("Imported"))
        self.setSubTitle(self.tr("The people are in the programme. Screen them from the Participants page."))
        self.summary.setText(
            self.tr("{added} added, {updated} updated, {skipped} skipped.").format(
                added=summary.added, updated=summary.updated, skipped=summary.skipped
            )
        )
        lines = [summary.describe()[:1].upper() + summary.describe()[1:] + "."]
        if summary.skipped_rows:
            shown = ", ".join(str(r) for r in summary.skipped_rows[:30])
            more = len(summary.skipped_rows) - 30
            lines.append(
                self.tr("Rows skipped because of their errors: {rows}.").format(
                    rows=shown + (self.tr(" and {n} more").format(n=more) if more > 0 else "")
                )
            )
        if summary.changes:
            lines.append(
                self.tr("Fields changed in people already here: {changed}; kept as they were: {kept}.").format(
                    changed=len(summary.changes) - summary.kept_lossy, kept=summary.kept_lossy
                )
            )
        if summary.backup:
            lines.append(
                self.tr("A backup from just before the import was saved as {name}.").format(
                    name=summary.backup.name
                )
            )
        lines.append(self.tr("The column choices are remembered for your next import."))
        self.details.setText("\n".join(lines))
        self.completeChanged.emit()

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.done = False
        self.setTitle(self.tr("Nothing was imported"))
        self.setSubTitle(self.tr("The database is exactly as it was."))
        text = str(exc)
        if isinstance(exc, RosterImportError) and exc.problems:
            text += "\n\n" + "\n".join(str(p) for p in exc.problems[:10])
        if not isinstance(exc, RosterImportError):
            text = self.tr("The import failed and was rolled back: {why}").format(why=exc)
        self.error.setText(
            text + "\n\n" + self.tr("The database was not changed. Go back to change your choices.")
        )
        self.error.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


class ImportWizard(QWizard):
    def __init__(self, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.path: Path | None = None
        self.sniffed: Sniffed | None = None
        self.forms = False  # returned PDF application forms: no format or column steps
        self.encoding: str | None = None
        self.delimiter: str | None = None
        self.sheet: str | None = None  # a workbook's sheet
        self.columns: list[ColumnGuess] = []
        self.default_role: str | None = None
        self.date_order: DateOrder | None = None
        self.preview: Preview | None = None
        self.summary: ImportSummary | None = None
        self.setWindowTitle(self.tr("Import participants"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(860, 620)
        # Every button with an Alt letter (Qt leaves Cancel without one); the pages' own controls use others.
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("&Cancel"))
        self.file_page = FilePage(self)
        self.format_page = FormatPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page in (
            self.file_page,
            self.format_page,
            self.mapping_page,
            self.preview_page,
            self.result_page,
        ):
            self.addPage(page)

    def import_options(self) -> ImportOptions:
        return ImportOptions(
            mapping={c.header: c.field for c in self.columns} if self.columns else None,
            on_duplicate="skip" if self.preview_page.skip_duplicates.isChecked() else "merge",
            skip_invalid=self.preview_page.skip_bad.isChecked(),
            default_role=self.default_role,
            date_order=self.date_order,
            default_date_order=locale_date_order(),
            encoding=self.encoding,
            delimiter=self.delimiter,
            sheet=self.sheet,
            on_conflict=self.preview_page.conflict_choice(),
            replace_lossy=self.preview_page.replace_lossy.isChecked(),
        )

    def reject(self) -> None:
        for page in (self.preview_page, self.result_page):
            if page.worker is not None:
                page.worker.cancel()
        super().reject()
