"""Print agreements for all new (or all active) matches, in a worker, with a progress bar and Cancel."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
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

from mentordesk.services import documents
from mentordesk.ui.context import AppContext
from mentordesk.ui.documents import printing
from mentordesk.ui.icons import icon
from mentordesk.ui.workers import Worker

log = logging.getLogger(__name__)


class BatchDialog(QDialog):
    batchFinished = Signal(object)  # the BatchResult (None after a failure), once the worker has stopped

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker: Worker | None = None
        self.batch_result: documents.BatchResult | None = None
        self._close_when_done = False
        self.setWindowTitle(self.tr("Print agreements"))
        self.setMinimumWidth(520)
        self.folder = documents.output_dir()
        self.new_ids = documents.matches_needing_agreements(ctx.programme_id, only_new=True)
        self.all_ids = documents.matches_needing_agreements(ctx.programme_id, only_new=False)

        layout = QVBoxLayout(self)
        which = QGroupBox(self.tr("Which matches"))
        which_layout = QVBoxLayout(which)
        self.only_new = QRadioButton(
            self.tr("New matches: active, no agreement printed yet ({count})").format(count=len(self.new_ids))
        )
        self.every = QRadioButton(self.tr("Every active match ({count})").format(count=len(self.all_ids)))
        self.only_new.setChecked(True)
        which_layout.addWidget(self.only_new)
        which_layout.addWidget(self.every)
        layout.addWidget(which)
        how = QGroupBox(self.tr("Files"))
        how_layout = QVBoxLayout(how)
        self.per_match = QRadioButton(self.tr("One PDF per match"))
        self.combined = QRadioButton(self.tr("One combined PDF (print them all in one go)"))
        self.per_match.setChecked(True)
        how_layout.addWidget(self.per_match)
        how_layout.addWidget(self.combined)
        folder_row = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setObjectName("hint")
        self.folder_label.setWordWrap(True)
        change = QPushButton(icon("open"), self.tr("Change…"))
        change.clicked.connect(self.choose_folder)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(change)
        how_layout.addLayout(folder_row)
        layout.addWidget(how)
        self.only_new.toggled.connect(self._update)

        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(icon("open"), self.tr("Open folder"))
        self.open_button.clicked.connect(lambda: printing.open_folder(self.folder))
        self.start_button = QPushButton(icon("print"), self.tr("&Start"))
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(icon("close"), self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self._update()

    def selected_ids(self) -> list[int]:
        return list(self.new_ids if self.only_new.isChecked() else self.all_ids)

    def _update(self) -> None:
        running = self.worker is not None and self.worker.running
        ids = self.selected_ids()
        self.folder_label.setText(self.tr("Saved in {folder}").format(folder=self.folder))
        self.start_button.setEnabled(bool(ids) and not running)
        self.cancel_button.setEnabled(running)
        for widget in (self.only_new, self.every, self.per_match, self.combined):
            widget.setEnabled(not running)
        if not running and self.batch_result is None:
            self.status.setText(
                self.tr("{count} agreement(s) will be printed.").format(count=len(ids))
                if ids
                else self.tr("Nothing to print: every active match already has an agreement.")
            )
            problems = documents.unrenderable_names(match_ids=ids) if ids else []
            if problems:
                names = "; ".join(str(p) for p in problems[:4])
                self.warning.setText(
                    self.tr("Some names cannot be printed correctly: {names}").format(names=names)
                )
            self.warning.setVisible(bool(problems))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save agreements in"), str(self.folder))
        if folder:
            self.folder = Path(folder)
            self._update()

    def start(self) -> None:
        ids = self.selected_ids()
        if not ids or (self.worker is not None and self.worker.running):
            return
        self.batch_result = None
        self.progress.setRange(0, len(ids))
        self.progress.setValue(0)
        self.status.setText(self.tr("Preparing…"))
        self.worker = Worker(
            documents.generate_agreements, ids, out_dir=self.folder, combined=self.combined.isChecked()
        )
        self.worker.signals.progress.connect(self._on_progress)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.signals.failed.connect(self._on_failed)
        self.worker.start()
        self._update()

    def cancel(self) -> None:
        if self.worker is not None and self.worker.running:
            self.worker.cancel()
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if not (self.worker and self.worker.cancelled):
            self.status.setText(
                self.tr("Writing agreement {n} of {total}…").format(n=min(done + 1, total), total=total)
            )

    def _on_finished(self, result: documents.BatchResult) -> None:
        self.batch_result = result
        self.status.setText(result.summary)
        self.progress.setValue(result.done)
        self._finish()

    def _on_failed(self, exc: Exception) -> None:
        if not isinstance(exc, documents.DocumentError | OSError):
            log.error("a batch of agreements stopped", exc_info=exc)  # the traceback goes to the log
        message = str(exc) or type(exc).__name__
        self.status.setText(self.tr("Stopped: {message}").format(message=message))
        self.status.setObjectName("error")
        self.status.style().polish(self.status)
        self._finish()

    def _finish(self) -> None:
        self.ctx.notify("documents")
        self._update()
        self.batchFinished.emit(self.batch_result)
        if self._close_when_done:
            super().reject()

    def reject(self) -> None:
        if self.worker is not None and self.worker.running:
            self._close_when_done = True  # close once the worker has stopped between two matches
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None and self.worker.running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
