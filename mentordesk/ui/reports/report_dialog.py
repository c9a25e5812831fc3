"""File › Programme report…: choose the period and the files, then write them in the background."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, form_layout, primary_button
from mentordesk.ui.workers import Worker

if TYPE_CHECKING:
    from mentordesk.core.reports import Period
    from mentordesk.services.reports import WrittenReport

log = logging.getLogger(__name__)


def _span(period: Period) -> str:
    return f"{period.start.strftime('%d %b %Y')} – {period.end.strftime('%d %b %Y')}"


class ReportDialog(QDialog):
    reportWritten = Signal(object)  # the WrittenReport, once the worker has finished

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        from mentordesk.core.reports import school_year, this_term
        from mentordesk.services import documents, reports

        self.ctx = ctx
        self.terms = reports.school_terms()
        self.today = today or date.today()
        self.worker: Worker | None = None
        self.written: WrittenReport | None = None
        self.folder = documents.output_dir()
        self.setWindowTitle(self.tr("Programme report"))
        self.setMinimumWidth(520)
        self.term, self.year = this_term(self.today, self.terms), school_year(self.today, self.terms)

        layout = QVBoxLayout(self)
        period = QGroupBox(self.tr("Period"))
        period_layout = QVBoxLayout(period)
        self.this_term = QRadioButton(self.tr("This &term ({span})").format(span=_span(self.term)))
        self.school_year = QRadioButton(self.tr("This school &year ({span})").format(span=_span(self.year)))
        self.custom = QRadioButton(self.tr("&Custom dates"))
        self.this_term.setChecked(True)
        for button in (self.this_term, self.school_year, self.custom):
            period_layout.addWidget(button)
        dates = form_layout()
        self.start_edit = DateEdit(self.term.start)
        self.end_edit = DateEdit(min(self.term.end, self.today))
        self.start_edit.setAccessibleName(self.tr("First day of the report"))
        self.end_edit.setAccessibleName(self.tr("Last day of the report"))
        start_label, end_label = QLabel(self.tr("&From")), QLabel(self.tr("T&o"))
        start_label.setBuddy(self.start_edit)
        end_label.setBuddy(self.end_edit)
        dates.addRow(start_label, self.start_edit)
        dates.addRow(end_label, self.end_edit)
        period_layout.addLayout(dates)
        layout.addWidget(period)

        files = QGroupBox(self.tr("Files"))
        files_layout = QVBoxLayout(files)
        self.pdf_box = QCheckBox(self.tr("&PDF report with charts"))
        self.pdf_box.setChecked(True)
        self.csv_box = QCheckBox(self.tr("C&SV of the figures (one row per figure)"))
        self.appendix_box = QCheckBox(self.tr("Add an &appendix listing matches by initials"))
        self.appendix_box.setToolTip(
            self.tr("Counts only by default: without the appendix the report names nobody.")
        )
        for box in (self.pdf_box, self.csv_box, self.appendix_box):
            files_layout.addWidget(box)
        folder_row = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setObjectName("hint")
        self.folder_label.setWordWrap(True)
        self.change_folder = QPushButton(icon("open"), self.tr("C&hange folder…"))
        self.change_folder.setAccessibleName(self.tr("Change the folder the report is saved in"))
        self.change_folder.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.change_folder)
        files_layout.addLayout(folder_row)
        layout.addWidget(files)

        self.error = error_label()
        layout.addWidget(self.error)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress of the report"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.write_button = primary_button(self.tr("&Write report"), "print")
        self.buttons = dialog_buttons(self, self.write_button)
        layout.addWidget(self.buttons)

        for button in (self.this_term, self.school_year, self.custom):
            button.toggled.connect(self._update)
        self.pdf_box.toggled.connect(self._update)
        self.csv_box.toggled.connect(self._update)
        self.start_edit.textChanged.connect(self._update)
        self.end_edit.textChanged.connect(self._update)
        self._update()

    # -- state --------------------------------------------------------------------------------------

    def running(self) -> bool:
        return self.worker is not None and self.worker.running

    def _update(self, *_: object) -> None:
        running = self.running()
        custom = self.custom.isChecked()
        self.start_edit.setEnabled(custom and not running)
        self.end_edit.setEnabled(custom and not running)
        if not custom:
            chosen = self.term if self.this_term.isChecked() else self.year
            self.start_edit.setDate(chosen.start)
            self.end_edit.setDate(min(chosen.end, max(chosen.start, self.today)))
        self.appendix_box.setEnabled(self.pdf_box.isChecked() and not running)
        for widget in (
            self.this_term,
            self.school_year,
            self.custom,
            self.pdf_box,
            self.csv_box,
            self.change_folder,
        ):
            widget.setEnabled(not running)
        self.folder_label.setText(self.tr("Saved in {folder}").format(folder=self.folder))
        self.write_button.setEnabled(not running and (self.pdf_box.isChecked() or self.csv_box.isChecked()))

    def chosen_period(self) -> Period | None:
        """The period, or None with the problem shown under the form."""
        from mentordesk.core.reports import Period, PeriodRefused, make_period

        if self.this_term.isChecked():
            return Period(self.term.start, self.term.end)
        if self.school_year.isChecked():
            return Period(self.year.start, self.year.end)
        for caption, edit in ((self.tr("From"), self.start_edit), (self.tr("To"), self.end_edit)):
            problem = edit.error()
            if problem:
                self.error.setText(self.tr("{field}: {problem}.").format(field=caption, problem=problem))
                edit.setFocus()
                return None
        try:
            return make_period(self.start_edit.day(), self.end_edit.day(), self.today, self.terms)
        except PeriodRefused as exc:
            self.error.setText(str(exc))
            self.end_edit.setFocus()
            return None

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the report in"), str(self.folder))
        if folder:
            self.folder = Path(folder)
            self._update()

    # -- the work -----------------------------------------------------------------------------------

    def accept(self) -> None:
        """Write the files in the background; the dialog stays open to show where they went."""
        if self.running():
            return
        self.error.clear()
        period = self.chosen_period()
        if period is None:
            return
        from mentordesk.services import reports

        self.written = None
        self.progress.setRange(0, 4)
        self.progress.setValue(0)
        self.status.setText(self.tr("Reading the figures…"))
        self.worker = Worker(
            reports.write_report_files,
            self.ctx.programme_id,
            period,
            self.folder,
            pdf=self.pdf_box.isChecked(),
            csv=self.csv_box.isChecked(),
            appendix=self.appendix_box.isChecked() and self.pdf_box.isChecked(),
            today=self.today,
        )
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._on_failed)
        self.worker.signals.cancelled.connect(self._on_cancelled)
        self.worker.start()
        self._update()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if text:
            self.status.setText(self.tr(text) + "…")

    def _on_finished(self, written: WrittenReport) -> None:
        self.worker = None
        self.written = written
        self.progress.setValue(self.progress.maximum())
        names = "\n".join(path.name for path in written.files)
        empty = (
            self.tr(" Nothing was recorded in this period; the report says so.")
            if written.report.current.empty
            else ""
        )
        self.status.setText(
            self.tr("Written in {folder}:\n{names}").format(folder=self.folder, names=names) + empty
        )
        self._update()
        self.reportWritten.emit(written)

    def _on_failed(self, exc: Exception) -> None:
        self.worker = None
        if not isinstance(exc, OSError):
            log.error("the programme report stopped", exc_info=exc)  # the traceback goes to the log
        self.error.setText(
            self.tr("The report was not written: {message}").format(message=str(exc) or type(exc).__name__)
        )
        self.status.clear()
        self._update()

    def _on_cancelled(self) -> None:
        self.worker = None
        self.status.setText(self.tr("Cancelled: no file was written."))
        self._update()

    def reject(self) -> None:
        if self.running() and self.worker is not None:
            self.worker.cancel()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.running() and self.worker is not None:
            self.worker.cancel()
        super().closeEvent(event)
