"""Speed mentoring: build the rotation, see it round by round, export it to print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk import config
from mentordesk.services import pairing as pairing_service
from mentordesk.services.pairing import PairingError
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.pairing.models import TimetableModel
from mentordesk.ui.widgets.empty_state import EmptyState


class SpeedTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programme_id = 0
        self.table = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        tools = QHBoxLayout()
        caption = QLabel(self.tr("Mentors each mentee &meets:"))
        self.meetings = QSpinBox()
        self.meetings.setRange(1, 30)
        self.meetings.setValue(4)
        caption.setBuddy(self.meetings)
        tools.addWidget(caption)
        tools.addWidget(self.meetings)
        self.build_button = QPushButton(icon("run"), self.tr("Build timetable"))
        self.build_button.setObjectName("primary")
        self.build_button.setToolTip(self.tr("Plan the rounds for everyone ready (Ctrl+B)"))
        self.build_button.clicked.connect(self.build)
        build = QAction(self.build_button.text(), self)  # named for Help › Keyboard shortcuts
        build.setShortcut(QKeySequence("Ctrl+B"))
        build.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        build.triggered.connect(self.build)
        self.addAction(build)
        tools.addWidget(self.build_button)
        tools.addStretch(1)
        self.csv_button = QPushButton(icon("export"), self.tr("Export CSV…"))
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button = QPushButton(icon("print"), self.tr("Printable PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        tools.addWidget(self.csv_button)
        tools.addWidget(self.pdf_button)
        layout.addLayout(tools)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = TimetableModel(self)
        self.view = QTableView()
        self.view.setAccessibleName(self.tr("Timetable"))
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setAlternatingRowColors(True)
        self.stack = QStackedWidget()
        self.empty = EmptyState(
            "calendar",
            self.tr("No timetable yet"),
            self.tr(
                "Choose how many mentors each mentee should meet and build the timetable: every mentee meets "
                "different mentors, one per round, and nobody is booked twice in a round."
            ),
        )
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

    def reload(self, programme_id: int, meetings: int) -> None:
        self.programme_id = programme_id
        self.meetings.setValue(meetings)
        self.show_table(pairing_service.load_timetable(programme_id) if programme_id else None)

    def show_table(self, table) -> None:
        self.table = table
        self.model.set_timetable(table)
        self.stack.setCurrentWidget(self.view if table and table.rounds else self.empty)
        self.csv_button.setEnabled(bool(table and table.rounds))
        self.pdf_button.setEnabled(bool(table and table.rounds))
        if table is None:
            self.summary.setText("")
            return
        text = self.tr("{rounds} rounds at {tables} tables; each mentee meets up to {k} mentors.").format(
            rounds=table.round_count, tables=len(table.mentors), k=table.meetings_per_mentee
        )
        if table.short:
            text += " " + self.tr("Fewer meetings: ") + "; ".join(f"{n} ({why})" for n, why in table.short)
        self.summary.setText(text)

    def build(self) -> None:
        try:
            table = pairing_service.build_timetable(self.programme_id, self.meetings.value())
        except PairingError as exc:
            self.summary.setText(str(exc))
            return
        self.show_table(table)
        self.ctx.show_status(self.tr("Timetable built."))

    def choose_path(self, suffix: str) -> str:
        default = config.ensure_dir(config.documents_dir()) / f"speed-mentoring-timetable.{suffix}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the timetable"), str(default), f"{suffix.upper()} (*.{suffix})"
        )
        return path

    def export(self, kind: str) -> None:
        if self.table is None:
            return
        path = self.choose_path(kind)
        if not path:
            return
        try:
            if kind == "csv":
                pairing_service.export_timetable_csv(self.table, path)
            else:
                from mentordesk.store import settings

                pairing_service.export_timetable_pdf(self.table, path, settings.get("page_size") or "A4")
        except OSError as exc:
            self.summary.setText(
                self.tr("Could not write {path}: {error}. Choose another folder.").format(
                    path=path, error=exc.strerror or exc
                )
            )
            return
        self.ctx.show_status(self.tr("Saved {name}.").format(name=Path(path).name))
