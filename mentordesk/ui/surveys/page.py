"""The Surveys area: who owes a survey (print it, send a fillable PDF, type the answers in), the
responses that came back (from returned PDFs and form exports too), the before-and-after figures,
and the programme's surveys."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.surveys import SCALE_LABELS
from mentordesk.services import surveys
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import SORT_ROLE
from mentordesk.ui.page import Page
from mentordesk.ui.surveys.dialogs import AnswersDialog, MappingDialog
from mentordesk.ui.surveys.models import DueModel, OutcomeRow, OutcomesModel, ResponsesModel, TemplatesModel
from mentordesk.ui.surveys.template_dialog import TemplateDialog
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.workers import Worker

log = logging.getLogger(__name__)


def _table(model, name: str) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


def _button(text: str, icon_name: str, name: str) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setAccessibleName(name)
    return button


class SurveysPage(Page):
    title = "Surveys"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(
                self.tr("Surveys"),
                self.tr(
                    "Fit checks, pulse and exit surveys, and before-and-after measures: on paper, "
                    "as fillable PDFs or from an online form."
                ),
            )
        )
        self.import_button = _button(
            self.tr("&Import returned…"), "import", self.tr("Import returned surveys")
        )
        self.import_button.setToolTip(
            self.tr("Read returned fillable PDFs (one or many), or an online form's CSV or Excel export")
        )
        self.export_button = _button(self.tr("E&xport…"), "export", self.tr("Export responses"))
        self.import_button.clicked.connect(self.import_returned)
        self.export_button.clicked.connect(self.export_responses)
        self.header_actions.addWidget(self.import_button)
        self.header_actions.addWidget(self.export_button)

        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "surveys",
            self.tr("No surveys yet"),
            self.tr(
                "Start with the built-in surveys: a first-month fit check, a termly pulse, an exit survey "
                "and before-and-after measures. You can change their questions later."
            ),
            self.tr("&Add the built-in surveys"),
            self.add_builtins,
        )
        self.stack.addWidget(self.empty)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Survey views"))
        self.stack.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)

        # Due
        due_tab = QWidget()
        due_layout = QVBoxLayout(due_tab)
        self.due_model = DueModel()
        self.due_view, self.due_proxy = _table(self.due_model, self.tr("Surveys due"))
        # Several rows (Shift/Ctrl) print as one batch.
        self.due_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.worker: Worker | None = None
        self.written: list[Path] = []
        self.last_result: surveys.SaveResult | None = None
        buttons = QHBoxLayout()
        self.print_button = _button(self.tr("&Print…"), "print", self.tr("Print the survey on paper"))
        self.fillable_button = _button(self.tr("Fi&llable PDF…"), "pdf", self.tr("Make a fillable PDF"))
        self.type_button = _button(self.tr("T&ype answers…"), "edit", self.tr("Type the answers in"))
        self.print_button.clicked.connect(lambda: self.write_pdfs(fillable=False))
        self.fillable_button.clicked.connect(lambda: self.write_pdfs(fillable=True))
        self.type_button.clicked.connect(self.type_answers)
        for button in (self.print_button, self.fillable_button, self.type_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        due_layout.addLayout(buttons)
        due_layout.addWidget(self.due_view, 1)
        self.due_view.doubleClicked.connect(self.type_answers)
        self.tabs.addTab(due_tab, self.tr("&Due"))

        self.responses_model = ResponsesModel()
        self.responses_view, _ = _table(self.responses_model, self.tr("Responses"))
        self.tabs.addTab(self.responses_view, self.tr("&Responses"))
        self.outcomes_model = OutcomesModel()
        self.outcomes_view, _ = _table(self.outcomes_model, self.tr("Before and after"))
        self.tabs.addTab(self.outcomes_view, self.tr("&Before and after"))
        self.templates_model = TemplatesModel()
        self.templates_view, self.templates_proxy = _table(
            self.templates_model, self.tr("The programme's surveys")
        )
        templates_tab = QWidget()
        templates_layout = QVBoxLayout(templates_tab)
        self.edit_button = _button(self.tr("&Edit…"), "edit", self.tr("Edit the survey"))
        self.edit_button.clicked.connect(self.edit_template)
        self.templates_view.doubleClicked.connect(self.edit_template)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addStretch(1)
        templates_layout.addLayout(row)
        templates_layout.addWidget(self.templates_view, 1)
        self.tabs.addTab(templates_tab, self.tr("&Surveys"))
        self.due_view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        programme_id = self.ctx.programme_id
        templates = surveys.list_templates(programme_id) if programme_id else []
        self.stack.setCurrentWidget(self.tabs if templates else self.empty)
        self.import_button.setEnabled(bool(templates))
        self.export_button.setEnabled(bool(templates))
        if not templates:
            return
        self.templates_model.set_rows(templates)
        self.due_model.set_rows(surveys.due_list(programme_id))
        self.responses_model.set_rows(reversed(surveys.list_responses(programme_id)))
        figures = surveys.outcome_figures(programme_id)
        self.outcomes_model.set_rows(
            OutcomeRow(
                SCALE_LABELS.get(k, k),
                int(v["outcome_pairs"] or 0),
                v["outcome_mean_change"],
                v["outcome_improved_pct"],
            )
            for k, v in figures.items()
        )
        self._update_buttons()

    def current_due(self) -> surveys.DueRow | None:
        index = self.due_view.currentIndex()
        if not index.isValid() or not self.due_model.rows:
            return None
        return self.due_model.row_at(self.due_proxy.mapToSource(index).row())

    def _update_buttons(self, *_args) -> None:
        chosen = self.current_due() is not None
        for button in (self.print_button, self.fillable_button, self.type_button):
            button.setEnabled(chosen)

    def _changed(self) -> None:
        self.ctx.notify("surveys")
        self.refresh()

    # -- actions -----------------------------------------------------------------------------------
    def add_builtins(self) -> None:
        if not self.ctx.programme_id:
            return
        added = surveys.seed_builtins(self.ctx.programme_id)
        self.ctx.show_status(self.tr("Added {n} built-in surveys.").format(n=added))
        self._changed()

    def selected_due(self) -> list[surveys.DueRow]:
        """The due rows chosen in the table (several with Shift or Ctrl), in the table's order."""
        rows = sorted({i.row() for i in self.due_view.selectionModel().selectedRows()})
        chosen = [
            self.due_model.row_at(self.due_proxy.mapToSource(self.due_proxy.index(r, 0)).row()) for r in rows
        ]
        if not chosen and (current := self.current_due()) is not None:
            chosen = [current]
        return chosen

    def write_pdfs(self, fillable: bool) -> Worker | None:
        """Ask for a folder, then write one PDF per chosen row in the background (progress and Cancel)."""
        chosen = self.selected_due()
        if not chosen:
            return None
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the survey PDFs"))
        if not folder:
            return None
        items = [surveys.PrintItem(d.template_id, d.participant_id, d.match_id, d.due_on) for d in chosen]
        worker = Worker(surveys.print_batch, items, Path(folder), fillable=fillable)

        def finished(files: list[Path]) -> None:
            self.written = files
            if len(files) == 1:
                self.ctx.show_status(self.tr("Wrote {name}").format(name=files[0].name))
            else:
                self.ctx.show_status(
                    self.tr("Wrote {n} survey PDFs to {folder}").format(n=len(files), folder=folder)
                )

        self._run(
            worker,
            self.tr("Fillable surveys") if fillable else self.tr("Print surveys"),
            self.tr("Writing {n} survey PDFs…").format(n=len(items)),
            finished,
            cancelled_text=self.tr("Cancelled: no survey PDF was left in the folder."),
            failed_title=self.tr("Cannot write the surveys"),
        )
        return worker

    def _run(
        self,
        worker: Worker,
        title: str,
        text: str,
        finished: Callable[[Any], None],
        *,
        cancelled_text: str,
        failed_title: str,
    ) -> None:
        """Start ``worker`` with a progress dialog whose Cancel stops it; report how it ended."""
        progress = QProgressDialog(text, self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(worker.cancel)

        def step(done: int, total: int, _what: str) -> None:
            if total:
                progress.setMaximum(100)
                progress.setValue(min(99, done * 100 // total))
            else:
                progress.setMaximum(0)  # rows of a form export: a busy bar

        def ended() -> None:
            progress.reset()
            progress.hide()
            for button in (self.import_button, self.print_button, self.fillable_button):
                button.setEnabled(True)
            self._update_buttons()

        def done(result: object) -> None:
            ended()
            finished(result)

        def failed(exc: Exception) -> None:
            ended()
            if not isinstance(exc, surveys.SurveyError | OSError):
                log.error("survey work failed", exc_info=exc)
            QMessageBox.warning(self, failed_title, str(exc) or type(exc).__name__)

        def cancelled() -> None:
            ended()
            self.ctx.show_status(cancelled_text)

        worker.signals.progress.connect(step)
        worker.signals.finished.connect(done)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(cancelled)
        for button in (self.import_button, self.print_button, self.fillable_button):
            button.setEnabled(False)  # one job at a time
        self.worker, self.progress_dialog = worker, progress
        worker.start()

    def type_answers(self, *_args) -> None:
        due = self.current_due()
        if due is None:
            return
        dialog = AnswersDialog(
            surveys.get_template(due.template_id), due.participant_id, due.person, due.match_id, self
        )
        if dialog.exec():
            self.ctx.show_status(self.tr("Answers saved."))
            self._changed()

    def import_returned(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Returned surveys"),
            "",
            self.tr(
                "Returned surveys (*.pdf *.csv *.xlsx);;Fillable PDFs (*.pdf);;Form exports (*.csv *.xlsx)"
            ),
        )
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path]) -> Worker | None:
        """Read the returned PDFs, or one form export, in the background; all or nothing."""
        programme_id = self.ctx.programme_id
        pdfs = [p for p in paths if p.suffix.lower() == ".pdf"]
        tables = [p for p in paths if p.suffix.lower() != ".pdf"]
        if pdfs and tables:
            QMessageBox.warning(
                self, self.tr("Import"), self.tr("Choose returned PDFs or one form export, not both.")
            )
            return None
        if pdfs:
            worker = Worker(surveys.import_forms, pdfs, programme_id)
            text = self.tr("Reading {n} returned forms…").format(n=len(pdfs))
        else:
            if len(tables) != 1:
                QMessageBox.warning(self, self.tr("Import"), self.tr("Choose one form export at a time."))
                return None
            try:
                chosen = self._table_mapping(tables[0])
            except surveys.SurveyError as exc:
                QMessageBox.warning(self, self.tr("Nothing imported"), str(exc))
                return None
            if chosen is None:
                return None
            template_id, mapping, sheet = chosen
            worker = Worker(surveys.import_table, tables[0], template_id, mapping, sheet=sheet)
            text = self.tr("Importing {name}…").format(name=tables[0].name)
        self._run(
            worker,
            self.tr("Import returned surveys"),
            text,
            self._imported,
            cancelled_text=self.tr("Import cancelled: nothing was saved."),
            failed_title=self.tr("Nothing imported"),
        )
        return worker

    def _imported(self, result: surveys.SaveResult) -> None:
        self.last_result = result
        if not result.ok:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Nothing imported"),
                self.tr("Nothing was imported: fix these and import again."),
                parent=self,
            )
            box.setDetailedText("\n".join(result.problems))
            box.setInformativeText("\n".join(result.problems[:6]))
            self.problems_box = box
            box.open()
            return
        self.ctx.show_status(self.tr("Imported {n} responses.").format(n=result.saved))
        self._changed()

    def _table_mapping(self, path: Path) -> tuple[int, dict[str, str], str | None] | None:
        """Which survey the export answers and which column holds what (asked on the GUI thread)."""
        templates = surveys.list_templates(self.ctx.programme_id)
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Which survey?"),
            self.tr("The form export answers:"),
            [t.name for t in templates],
            0,
            False,
        )
        if not ok:
            return None
        template = next(t for t in templates if t.name == name)
        preview = surveys.preview(path, template.id)
        dialog = MappingDialog(template, preview, self)
        if not dialog.exec():
            return None
        return template.id, dialog.mapping(), preview.sheet

    def current_template(self) -> surveys.TemplateRow | None:
        index = self.templates_view.currentIndex()
        if not index.isValid() or not self.templates_model.rows:
            return None
        return self.templates_model.row_at(self.templates_proxy.mapToSource(index).row())

    def edit_template(self, *_args) -> None:
        template = self.current_template()
        if template is None:
            if not self.templates_model.rows:
                return
            template = self.templates_model.rows[0]
        if TemplateDialog(template, self).exec():
            self.ctx.show_status(self.tr("Survey saved."))
            self._changed()

    def export_responses(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export responses"), "survey responses.csv", self.tr("CSV (*.csv);;Excel (*.xlsx)")
        )
        if not name:
            return
        try:
            count = surveys.export_responses(self.ctx.programme_id, Path(name))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), str(exc))
            return
        self.ctx.show_status(self.tr("Wrote {n} responses to {name}").format(n=count, name=Path(name).name))
