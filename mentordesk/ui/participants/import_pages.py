"""The first pages of the import wizard: the file, its format, and which column is which."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from mentordesk.core.csv_files import NotCsv, SheetNeeded, sniff
from mentordesk.core.participants import CUSTOM_PREFIX, FIELDS, ColumnGuess, DateOrder, mapping_problems
from mentordesk.core.vocab import Role, label
from mentordesk.services import participants
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets import form_parts
from mentordesk.ui.widgets.form_parts import hint

if TYPE_CHECKING:
    from mentordesk.ui.participants.import_wizard import ImportWizard

Index = QModelIndex | QPersistentModelIndex


class GridModel(QAbstractTableModel):
    """A few rows of text for a preview grid."""

    def __init__(self, header: list[str], rows: list[list[str]], parent=None) -> None:
        super().__init__(parent)
        self.header = header
        self.rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.header)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            if orientation == Qt.Orientation.Horizontal:
                return self.header[section] if section < len(self.header) else ""
            return str(section + 2)  # spreadsheet row numbers: the header is row 1
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.isValid():
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        return None


def error_label() -> QLabel:
    return form_parts.error_label(hidden=True)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the CSV file, workbook or returned forms"))
        self.setSubTitle(
            self.tr(
                "A roster saved from Excel, LibreOffice or Google Sheets as CSV (comma, semicolon or tab "
                "separated), an Excel workbook (.xlsx), an online form's export, or returned fillable PDF "
                "application forms (one .pdf, or a folder of them). "
                "Nothing is changed until the last step."
            )
        )
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path to a .csv, .xlsx or .pdf file, or a folder of forms"))
        self.path_edit.setAccessibleName(self.tr("File or folder to import"))
        self.path_edit.textChanged.connect(self._changed)
        self.path_edit.editingFinished.connect(self._explain_missing)
        browse = QPushButton(icon("open"), self.tr("B&rowse…"))
        browse.clicked.connect(self.browse)
        folder = QPushButton(icon("open"), self.tr("Folder of &forms…"))
        folder.clicked.connect(self.browse_folder)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        row.addWidget(folder)
        layout.addLayout(row)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(
            hint(
                self.tr(
                    "Tip: the first row should name the columns (First name, Last name, E-mail, Date of birth, "
                    "Role, Skills, Availability…). Columns are matched to fields by their names."
                )
            )
        )
        layout.addStretch(1)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CSV file or workbook"),
            str(Path.home()),
            self.tr(
                "CSV files, workbooks and PDF forms (*.csv *.txt *.tsv *.xlsx *.xlsm *.pdf);;All files (*)"
            ),
        )
        if path:
            self.path_edit.setText(path)

    def browse_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the folder of returned forms"), str(Path.home())
        )
        if path:
            self.path_edit.setText(path)

    def _changed(self) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def _explain_missing(self) -> None:
        """A typed path with nothing there: say so, rather than leave Next greyed out unexplained."""
        text = self.path_edit.text().strip()
        if text and not self.isComplete():
            self.error.setText(
                self.tr(
                    "There is no file or folder at {path}: check the name, or choose the file with Browse…"
                ).format(path=text)
            )
            self.error.show()

    def isComplete(self) -> bool:
        text = self.path_edit.text().strip()
        return bool(text) and (Path(text).is_file() or Path(text).is_dir())

    def nextId(self) -> int:  # noqa: N802 (Qt's name)
        """Returned PDF forms need no format or column choices: straight to the preview."""
        if self.w.forms:
            return next(i for i in self.w.pageIds() if self.w.page(i) is self.w.preview_page)
        return super().nextId()

    def validatePage(self) -> bool:
        path = Path(self.path_edit.text().strip())
        self.w.forms = participants.is_form_source(path)
        if self.w.forms:
            self.w.path = path
            self.w.columns = []
            self.w.encoding = self.w.delimiter = self.w.sheet = None
            return True
        try:
            try:
                self.w.sniffed = sniff(path)
            except SheetNeeded as several:  # start on the first; the next step offers the others
                self.w.sniffed = sniff(path, sheet=several.sheets[0])
        except NotCsv as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.w.path = path
        self.w.encoding = None
        self.w.delimiter = None
        self.w.sheet = self.w.sniffed.sheet
        return True


ENCODINGS = [
    ("Detected", None),
    ("UTF-8", "utf-8-sig"),
    ("Windows-1252 (Western European)", "cp1252"),
    ("Latin-1 (ISO-8859-1)", "latin-1"),
    ("UTF-16", "utf-16"),
]
DELIMITERS = [("Detected", None), ("Comma", ","), ("Semicolon", ";"), ("Tab", "\t"), ("Pipe", "|")]


class FormatPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Check how the file was read"))
        self.setSubTitle(
            self.tr("If names look garbled or everything is in one column, choose another setting.")
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.detected = QLabel()
        self.detected.setWordWrap(True)
        self.encoding = QComboBox()
        for text, value in ENCODINGS:
            self.encoding.addItem(self.tr(text), value)
        self.delimiter = QComboBox()
        for text, value in DELIMITERS:
            self.delimiter.addItem(self.tr(text), value)
        self.sheet = QComboBox()
        self.sheet.setAccessibleName(self.tr("Sheet of the workbook"))
        form.addRow(self.tr("Detected:"), self.detected)
        form.addRow(self.tr("&Encoding:"), self.encoding)
        form.addRow(self.tr("&Separator:"), self.delimiter)
        form.addRow(self.tr("S&heet:"), self.sheet)
        self.form = form
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.grid = QTableView()
        self.grid.setAccessibleName(self.tr("The first rows as read"))
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.grid, 1)
        self.encoding.currentIndexChanged.connect(self._reread)
        self.delimiter.currentIndexChanged.connect(self._reread)
        self.sheet.currentIndexChanged.connect(self._reread)

    def initializePage(self) -> None:
        s = self.w.sniffed
        assert s is not None
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
        self.sheet.clear()
        self.sheet.addItems(list(s.sheets))
        self.sheet.setCurrentText(s.sheet or "")
        for combo in (self.encoding, self.delimiter, self.sheet):
            combo.blockSignals(False)
        # A workbook has no encoding or separator to choose; a sheet only when it has several.
        self.form.setRowVisible(self.encoding, not s.is_workbook)
        self.form.setRowVisible(self.delimiter, not s.is_workbook)
        self.form.setRowVisible(self.sheet, len(s.sheets) > 1)
        self._show()

    def _reread(self) -> None:
        assert self.w.path is not None
        self.w.encoding = self.encoding.currentData()
        self.w.delimiter = self.delimiter.currentData()
        self.w.sheet = self.sheet.currentText() or None
        try:
            self.w.sniffed = sniff(self.w.path, self.w.encoding, self.w.delimiter, sheet=self.w.sheet)
        except NotCsv as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self._show()

    def _show(self) -> None:
        s = self.w.sniffed
        assert s is not None
        size = f"{s.size / 1024 / 1024:.1f} MB" if s.size > 1024 * 1024 else f"{max(1, s.size // 1024)} KB"
        self.detected.setText(
            self.tr("{how}, {columns} columns, {size}").format(how=s.summary, columns=len(s.header), size=size)
        )
        self.grid.setModel(GridModel(list(s.header), [list(r) for r in s.sample_rows[:12]], self.grid))
        self.grid.resizeColumnsToContents()


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Match the columns to fields"))
        self.setSubTitle(
            self.tr(
                "Guessed from the column names (and remembered from your last import). Change any that are wrong."
            )
        )
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.holder = QWidget()
        self.grid = QGridLayout(self.holder)
        scroll.setWidget(self.holder)
        layout.addWidget(scroll, 1)
        options = QFormLayout()
        self.default_role = QComboBox()
        self.default_role.addItem(self.tr("none: every row needs one"), None)
        for role in Role:
            self.default_role.addItem(label(role.value), role.value)
        self.date_order = QComboBox()
        self.date_order.addItem(self.tr("Work it out from the file"), None)
        self.date_order.addItem(self.tr("Day first (dd/mm/yyyy)"), DateOrder.DMY)
        self.date_order.addItem(self.tr("Month first (mm/dd/yyyy)"), DateOrder.MDY)
        options.addRow(self.tr("Role for rows without one:"), self.default_role)
        options.addRow(self.tr("Dates like 03/04/2010:"), self.date_order)
        layout.addLayout(options)
        self.problems = error_label()
        layout.addWidget(self.problems)
        self.combos: list[QComboBox] = []
        self.current_problems: list[str] = []
        self.default_role.currentIndexChanged.connect(self._changed)
        self.date_order.currentIndexChanged.connect(self._changed)

    def initializePage(self) -> None:
        from mentordesk.services.participants import columns_for

        sniffed = self.w.sniffed
        assert sniffed is not None
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = []
        for column, text in enumerate(
            (self.tr("Column in the file"), self.tr("First values"), self.tr("Field"))
        ):
            heading = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(heading, 0, column)
        guesses = columns_for(sniffed, None, self.w.programme_id)
        for guess in guesses:
            examples = [
                r[guess.column] for r in sniffed.sample_rows[:3] if guess.column < len(r) and r[guess.column]
            ]
            combo = QComboBox()
            combo.addItem(self.tr("(ignore this column)"), "")
            for spec in FIELDS:
                combo.addItem(self.tr(spec.label), spec.key)
            if guess.header.strip():  # offered, never chosen for you: a question with no field of its own
                combo.addItem(
                    self.tr("Custom field “%s”") % guess.header.strip(), CUSTOM_PREFIX + guess.header.strip()
                )
            combo.setCurrentIndex(max(0, combo.findData(guess.field)))
            if guess.how == "remembered":
                combo.setToolTip(self.tr("As you chose last time"))
            combo.setAccessibleName(self.tr("Field for the column {header}").format(header=guess.header))
            combo.currentIndexChanged.connect(self._changed)
            self.combos.append(combo)
            sample = QLabel(", ".join(e[:30] for e in examples))
            sample.setObjectName("hint")
            self.grid.addWidget(QLabel(guess.header), guess.column + 1, 0)
            self.grid.addWidget(sample, guess.column + 1, 1)
            self.grid.addWidget(combo, guess.column + 1, 2)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(guesses) + 1, 1)
        self._changed()

    def columns(self) -> list[ColumnGuess]:
        sniffed = self.w.sniffed
        assert sniffed is not None
        return [
            ColumnGuess(i, h, self.combos[i].currentData(), "chosen") for i, h in enumerate(sniffed.header)
        ]

    def _changed(self) -> None:
        problems = mapping_problems([c.currentData() for c in self.combos], self.default_role.currentData())
        self.current_problems = problems
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.w.columns = self.columns() if self.combos else []
        self.w.default_role = self.default_role.currentData()
        self.w.date_order = self.date_order.currentData()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.combos) and not self.current_problems
