"""The Documents area: print paperwork for a match, see what was printed, edit the templates."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import documents
from mentordesk.ui.context import AppContext
from mentordesk.ui.documents import printing
from mentordesk.ui.documents.generate_panel import GeneratePanel
from mentordesk.ui.documents.models import SIGNABLE, DocumentsModel, DocumentsProxy, RowRole
from mentordesk.ui.documents.templates_tab import TemplatesTab
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState
from mentordesk.ui.widgets.table_fit import fit_columns

if TYPE_CHECKING:
    from mentordesk.ui.documents.batch_dialog import BatchDialog

log = logging.getLogger(__name__)


class DocumentsPage(Page):
    title = "Documents"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            self.header(
                self.tr("Documents"),
                self.tr("Agreements, consent forms, letters, certificates and paper sheets, ready to print."),
            )
        )
        self.batch_button = QPushButton(icon("print"), self.tr("Print agreements for new matches…"))
        self.batch_button.setObjectName("primary")
        self.batch_button.setToolTip(
            self.tr("Every active match without an agreement, in the background (Ctrl+Shift+P)")
        )
        self.batch_button.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.batch_button.clicked.connect(self.open_batch)
        self.header_actions.addWidget(self.batch_button)

        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.no_programme = EmptyState(
            "documents",
            self.tr("No programme yet"),
            self.tr("Paperwork belongs to a programme. Create a programme and its matches, then print here."),
        )
        self.stack.addWidget(self.no_programme)
        self.tabs = QTabWidget()
        self.stack.addWidget(self.tabs)
        self.tabs.addTab(self._build_documents_tab(), icon("documents"), self.tr("Documents"))
        self.templates = TemplatesTab(ctx, self.panel.current_match_id)
        self.tabs.addTab(self.templates, icon("edit"), self.tr("Templates"))
        self.tabs.currentChanged.connect(self._on_tab)
        self.batch_dialog: BatchDialog | None = None

    # -- construction -------------------------------------------------------------------------
    def _build_documents_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.panel = GeneratePanel()
        self.panel.generateRequested.connect(self.generate)
        self.panel.matchChanged.connect(lambda _id: self._apply_filter())
        splitter.addWidget(self.panel)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Printed so far"))
        title.setObjectName("sectionTitle")
        right_layout.addWidget(title)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setAccessibleName(self.tr("Search documents"))
        self.search.setPlaceholderText(self.tr("Search documents…"))
        self.search.setClearButtonEnabled(True)
        self.only_selected = QCheckBox(self.tr("Only the selected &match"))
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only_selected)
        right_layout.addLayout(filters)

        self.model = DocumentsModel(self)
        self.proxy = DocumentsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.only_selected.toggled.connect(lambda _on: self._apply_filter())
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DocumentsModel.GENERATED, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (DocumentsModel.KIND, 190),
            (DocumentsModel.GENERATED, 130),
            (DocumentsModel.SIGNED, 100),
        ):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(DocumentsModel.FILE, 160)
        # Who it is for and who still has to sign matter most; on a laptop the file name (it is in
        # the tooltip and Open folder) and then the time it was made give way.
        self.column_fit = fit_columns(
            self.table, (DocumentsModel.ABOUT, DocumentsModel.SIGNED), (DocumentsModel.FILE, DocumentsModel.GENERATED)
        )
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.setAccessibleName(self.tr("Printed documents"))
        self.table_stack = QStackedWidget()
        self.empty = EmptyState(
            "documents",
            self.tr("Nothing printed yet"),
            self.tr(
                "Agreements, consent forms and letters you print will be listed here, with the date they were "
                "made and signed. Choose a match on the left and press Agreement to begin."
            ),
        )
        self.table_stack.addWidget(self.empty)
        self.table_stack.addWidget(self.table)
        right_layout.addWidget(self.table_stack, 1)

        actions = QHBoxLayout()
        self.open_button = QPushButton(icon("pdf"), self.tr("&Open"))
        self.open_button.setToolTip(self.tr("Open in your PDF viewer (Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(icon("print"), self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Choose a printer and print (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_selected)
        self.sign_button = QPushButton(icon("ok"), self.tr("Mark &signed…"))
        self.sign_button.clicked.connect(self.sign_selected)
        self.folder_button = QPushButton(icon("open"), self.tr("Show in &folder"))
        self.folder_button.clicked.connect(self.show_folder)
        self.remove_button = QPushButton(icon("delete"), self.tr("&Remove…"))
        self.remove_button.setToolTip(self.tr("Remove from this list (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.open_button, self.print_button, self.sign_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.remove_button)
        right_layout.addLayout(actions)

        folder_row = QHBoxLayout()
        folder_caption = QLabel(self.tr("New files go to"))
        folder_caption.setObjectName("hint")
        # A read-only line: a long path scrolls inside it instead of widening the page.
        self.folder_label = QLineEdit()
        self.folder_label.setReadOnly(True)
        self.folder_label.setFrame(False)
        self.folder_label.setObjectName("hint")
        folder_caption.setBuddy(self.folder_label)
        change = QPushButton(icon("open"), self.tr("Change folder…"))
        change.clicked.connect(self.choose_folder)
        folder_row.addWidget(folder_caption)
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(change)
        right_layout.addLayout(folder_row)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 700])

        # Named for Help › Keyboard shortcuts and the page menu.
        for key, slot, what in (
            (QKeySequence.StandardKey.Print, self.print_selected, self.tr("Print the chosen document")),
            (QKeySequence(Qt.Key.Key_Return), self.open_selected, self.tr("Open the chosen document")),
            (
                QKeySequence.StandardKey.Delete,
                self.remove_selected,
                self.tr("Remove the chosen document from the list"),
            ),
        ):
            shortcut = QShortcut(key, self.table)
            shortcut.activated.connect(slot)
            shortcut.setWhatsThis(what)
        return splitter

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.programme_id:
            self.stack.setCurrentIndex(0)
            self.batch_button.setEnabled(False)
            return
        self.stack.setCurrentIndex(1)
        self.batch_button.setEnabled(True)
        self.panel.set_matches(documents.list_matches(self.ctx.programme_id))
        self.reload_documents()
        self._show_folder_path(documents.output_dir())
        if self.tabs.currentWidget() is self.templates:
            self.templates.refresh()

    def reload_documents(self) -> None:
        self.model.set_rows(documents.list_documents(self.ctx.programme_id))
        self.table_stack.setCurrentIndex(1 if self.model.rows else 0)
        self._apply_filter()
        self._update_actions()

    def _on_tab(self, index: int) -> None:
        if self.tabs.widget(index) is self.templates:
            self.templates.refresh()

    def _apply_filter(self) -> None:
        if hasattr(self, "proxy"):
            self.proxy.set_match(self.panel.current_match_id() if self.only_selected.isChecked() else None)
            self._update_actions()

    def selected_rows(self) -> list[documents.DocumentRow]:
        return [index.data(RowRole) for index in self.table.selectionModel().selectedRows()]

    def _update_actions(self) -> None:
        rows = self.selected_rows()
        one = rows[0] if len(rows) == 1 else None
        self.open_button.setEnabled(one is not None and one.exists)
        self.print_button.setEnabled(one is not None and one.exists)
        self.folder_button.setEnabled(one is not None)
        self.sign_button.setEnabled(one is not None and one.kind in SIGNABLE)
        self.remove_button.setEnabled(bool(rows))

    def select_document(self, path: Path) -> None:
        for row, doc in enumerate(self.model.rows):
            if Path(doc.path) == path.resolve():
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.table.selectRow(index.row())
                return

    # -- generating ---------------------------------------------------------------------------
    def confirm_unprintable(self, problems: list[documents.RenderProblem]) -> bool:
        """Warn before names would print as boxes; True to print anyway."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Some names cannot be printed"))
        box.setText(self.tr("These names cannot be printed with the fonts on this computer:"))
        box.setInformativeText("\n".join(f"• {p}" for p in problems))
        anyway = box.addButton(self.tr("Print anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is anyway

    def confirm_adult_consent(self, exc: documents.AdultConsent) -> bool:
        """A guardian consent form for someone 18 or over: True to print it all the same."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Consent form for an adult?"))
        box.setText(
            self.tr("{names}: 18 or over. A guardian consent form is for young people under 18.").format(
                names=", ".join(exc.names)
            )
        )
        box.setInformativeText(self.tr("Adults agree by signing the mentoring agreement. Print it anyway?"))
        anyway = box.addButton(self.tr("Print anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is anyway

    def generate(self, kind: str, match_id: int, participant_id: int | None = None) -> Path | None:
        problems = documents.unrenderable_names(match_ids=[match_id])
        if problems and not self.confirm_unprintable(problems):
            return None
        adults_ok = False
        while True:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                path = documents.generate(
                    kind, match_id=match_id, participant_id=participant_id, adults_ok=adults_ok
                )
            except documents.AdultConsent as exc:
                QGuiApplication.restoreOverrideCursor()
                if adults_ok or not self.confirm_adult_consent(exc):
                    return None
                adults_ok = True
                continue
            except documents.DocumentError as exc:
                QGuiApplication.restoreOverrideCursor()
                QMessageBox.warning(self, self.tr("Not printed"), str(exc))
                return None
            break
        QGuiApplication.restoreOverrideCursor()
        self.ctx.notify("documents")
        self.refresh()
        self.select_document(path)
        self.ctx.show_status(self.tr("Saved {name}").format(name=path.name), 8000)
        if self.panel.open_after.isChecked():
            self.open_document(path)
        return path

    def open_document(self, path: Path | str) -> None:
        """Open a PDF in the system viewer; with none installed, say so and show it in its folder."""
        if printing.open_file(path):
            return
        printing.open_folder(path)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("No PDF viewer"),
            self.tr("No program to open PDF files was found on this computer."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setInformativeText(
            self.tr(
                "{name} is saved in {folder}, shown now in your file manager. Install a PDF viewer "
                "(for example Okular, Evince or Firefox) to open it, or print it with Print…"
            ).format(name=Path(path).name, folder=Path(path).parent)
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("noViewerBox")
        box.show()  # not modal: the work is done, this only explains

    def open_batch(self) -> None:
        from mentordesk.ui.documents.batch_dialog import BatchDialog

        if not self.ctx.programme_id:
            return
        self.batch_dialog = dialog = BatchDialog(self.ctx, self)
        dialog.batchFinished.connect(lambda _result: self.refresh())
        dialog.show()

    # -- actions on printed documents ---------------------------------------------------------
    def _one(self) -> documents.DocumentRow | None:
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def _missing(self, row: documents.DocumentRow) -> bool:
        if Path(row.path).is_file():
            return False
        QMessageBox.warning(
            self,
            self.tr("File not found"),
            self.tr("{name} was moved or deleted. Print it again from the panel on the left.").format(
                name=row.file_name
            ),
        )
        return True

    def open_selected(self) -> None:
        row = self._one()
        if row is not None and not self._missing(row):
            self.open_document(row.path)

    def print_selected(self) -> None:
        row = self._one()
        if row is None or self._missing(row):
            return
        job = printing.choose_printer(self)
        if job is None:
            return
        try:
            message = printing.submit(Path(row.path), job)
        except (printing.PrintError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Not printed"), str(exc))
            return
        self.ctx.show_status(message)

    def sign_selected(self) -> None:
        from mentordesk.ui.documents.sign_dialog import SignDialog

        row = self._one()
        if row is None or row.kind not in SIGNABLE:
            return
        if row.kind == "agreement" and row.match_id:
            self.open_signatures(row)
            return
        dialog = SignDialog(row, self)
        if dialog.exec():
            self.mark_signed(row.id, dialog.signed_on())

    def open_signatures(self, row: documents.DocumentRow) -> None:
        """One date per signatory (tests drive ``signatures_dialog``)."""
        from mentordesk.ui.documents.signatures_dialog import SignaturesDialog

        self.signatures_dialog = SignaturesDialog(row, self)
        self.signatures_dialog.accepted.connect(self._signatures_saved)
        self.signatures_dialog.open()

    def _signatures_saved(self) -> None:
        status = self.signatures_dialog.status
        self.ctx.notify("matches")
        self.ctx.show_status(
            self.tr("Agreement complete.")
            if status.complete_on
            else self.tr("Signatures saved; {n} still to sign.").format(n=len(status.missing))
        )
        self.refresh()

    def mark_signed(self, document_id: int, signed_on) -> bool:
        try:
            documents.mark_signed(document_id, signed_on)
        except documents.DocumentError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return False
        self.ctx.notify("matches")
        self.ctx.show_status(self.tr("Marked signed."))
        self.refresh()
        return True

    def show_folder(self) -> None:
        row = self._one()
        if row is not None:
            printing.open_folder(row.path)

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove from the list?"))
        box.setText(self.tr("Remove {count} document(s) from this list?").format(count=len(rows)))
        delete_files = QCheckBox(self.tr("Also delete the PDF files"))
        box.setCheckBox(delete_files)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.remove([r.id for r in rows], delete_files.isChecked())

    def remove(self, document_ids: list[int], delete_files: bool) -> None:
        documents.forget(document_ids, delete_files=delete_files)
        self.ctx.notify("documents")
        self.refresh()

    def _show_folder_path(self, folder) -> None:
        self.folder_label.setText(str(folder))
        self.folder_label.setToolTip(str(folder))
        self.folder_label.setCursorPosition(0)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save new documents in"), str(documents.output_dir())
        )
        if folder:
            documents.set_output_dir(folder)
            self._show_folder_path(folder)
