"""Settings › Check types: every check type with whom it is required of and how often it is renewed;
the programme adds its own (a registry check, a driving record, insurance for mentors who drive), and
the renewals due can be printed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import BUILTIN_CHECK_LABELS, CheckType
from mentordesk.services import participants, programmes
from mentordesk.services.participants import ParticipantError
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE, RowsTableModel
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    primary_button,
    section_intro,
)


@dataclass(frozen=True)
class TypeRow:
    key: str
    name: str
    required_of: str
    renewal_months: int | None
    custom: bool


class TypesModel(RowsTableModel[TypeRow]):
    NAME, REQUIRED, RENEWAL = range(3)
    HEADERS = ("Check type", "Required of", "Renewed every")

    def row_texts(self, row: TypeRow) -> tuple[str, ...]:
        months = row.renewal_months
        if not months:
            renewal = self.tr("never")
        elif months % 12 == 0:
            renewal = self.tr("{n} year(s)").format(n=months // 12)
        else:
            renewal = self.tr("{n} month(s)").format(n=months)
        return (self.tr(row.name), row.required_of, renewal)

    def cell(self, row: TypeRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME and row.custom:
            return icon("shield")
        return None


class AddCheckTypeDialog(QDialog):
    """A check type of the programme's own: its name, whom it is required of, its renewal cycle."""

    def __init__(self, programme_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.added: CheckType | None = None
        self.setWindowTitle(self.tr("Add a check type"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = form_layout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Driving record"))
        self.name_edit.setMaxLength(60)
        form.addRow(self.tr("&Name:"), self.name_edit)
        self.mentors = QCheckBox(self.tr("&Mentors"))
        self.mentees = QCheckBox(self.tr("M&entees"))
        self.drivers = QCheckBox(self.tr("Anyone who &drives participants"))
        who = QVBoxLayout()
        for box in (self.mentors, self.mentees, self.drivers):
            who.addWidget(box)
        form.addRow(self.tr("Required of:"), who)
        self.renewal = QSpinBox()
        self.renewal.setRange(0, 120)
        self.renewal.setSpecialValueText(self.tr("never"))
        self.renewal.setSuffix(self.tr(" months"))
        self.renewal.setMaximumWidth(180)
        form.addRow(self.tr("&Renewed every:"), self.renewal)
        layout.addLayout(form)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        layout.addWidget(dialog_buttons(self, primary_button(self.tr("Add check type"), "add")))

    def accept(self) -> None:
        wanted = CheckType(
            "",
            self.name_edit.text(),
            self.mentors.isChecked(),
            self.mentees.isChecked(),
            self.drivers.isChecked(),
            self.renewal.value() or None,
        )
        try:
            self.added = participants.add_check_type(self.programme_id, wanted)
        except ParticipantError as exc:
            self.error_label.setText(str(exc))
            self.name_edit.setFocus()
            return
        super().accept()


class ChecksTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.heading = section_intro(
            layout,
            self.tr(
                "Add the checks your programme needs besides the built-in ones: clearance names the one "
                "missing. A check is due for renewal on its own expiry date, or this long after it was done; "
                "renewals due in the next 60 days are on the dashboard."
            ),
        )
        self.model = TypesModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Check types"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setTabKeyNavigation(False)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), self.tr("&Add check type…"))
        self.add_button.clicked.connect(self.add_type)
        self.remove_button = QPushButton(icon("delete"), self.tr("Re&move"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.cycle = QSpinBox()
        self.cycle.setRange(0, 120)
        self.cycle.setSpecialValueText(self.tr("never"))
        self.cycle.setSuffix(self.tr(" months"))
        self.cycle.setAccessibleName(self.tr("Renewal cycle of the selected check type"))
        self.cycle.editingFinished.connect(self._save_cycle)
        self.cycle.setMaximumWidth(180)
        self.print_button = QPushButton(icon("pdf"), self.tr("&Print renewals due…"))
        self.print_button.clicked.connect(self.print_renewals)
        for widget in (self.add_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout.addLayout(row)
        renewal = QGroupBox(self.tr("Renewal"))
        form = form_layout(renewal)
        form.addRow(self.tr("Selected type renewed &every:"), self.cycle)
        layout.addWidget(renewal)
        ctx.programmeChanged.connect(lambda _id: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        programme_id = self.ctx.programme_id
        for widget in (self.view, self.add_button, self.print_button):
            widget.setEnabled(bool(programme_id))
        if not programme_id:
            self.heading.setText(self.tr("Create a programme first: check types belong to a programme."))
            self.model.set_rows([])
            self._selected()
            return
        self.heading.setText(
            self.tr("Check types of {name}").format(name=programmes.get_programme(programme_id).name)
        )
        selected = self.current()
        types = participants.check_types(programme_id)
        rows = [
            TypeRow(key, label, self.tr("the screening rules"), types.cycle(key), False)
            for key, label in BUILTIN_CHECK_LABELS.items()
        ]
        rows += [TypeRow(c.key, c.name, c.who(), c.renewal_months, True) for c in types.custom]
        self.model.set_rows(rows)
        if selected is not None:
            self.select(selected.key)
        self._selected()

    def current(self) -> TypeRow | None:
        indexes = self.view.selectionModel().selectedRows()
        return indexes[0].data(ROW_ROLE) if indexes else None

    def select(self, key: str) -> bool:
        for number, row in enumerate(self.model.rows):
            if row.key == key:
                self.view.selectRow(number)
                return True
        return False

    def _selected(self, *_: object) -> None:
        row = self.current()
        self.remove_button.setEnabled(bool(row and row.custom))
        self.cycle.setEnabled(row is not None)
        self.cycle.blockSignals(True)
        self.cycle.setValue((row.renewal_months or 0) if row else 0)
        self.cycle.blockSignals(False)

    def _save_cycle(self) -> None:
        row = self.current()
        months = self.cycle.value() or None
        if row is None or not self.ctx.programme_id or months == row.renewal_months:
            return
        participants.set_renewal_cycle(self.ctx.programme_id, row.key, months)
        self._changed(self.tr("Renewal cycle saved: {name}.").format(name=row.name), row.key)

    def add_type(self) -> None:
        """Opens the dialog (tests drive ``add_dialog``)."""
        self.add_dialog = AddCheckTypeDialog(self.ctx.programme_id, self)
        self.add_dialog.accepted.connect(self._added)
        self.add_dialog.open()

    def _added(self) -> None:
        added = self.add_dialog.added
        if added is not None:
            self._changed(self.tr("Check type added: {name}.").format(name=added.name), added.key)

    def remove_selected(self) -> None:
        row = self.current()
        if row is None or not row.custom:
            return
        participants.remove_check_type(self.ctx.programme_id, row.key)
        self._changed(
            self.tr("{name} is no longer required; checks already recorded are kept.").format(name=row.name)
        )

    def _changed(self, message: str, select: str = "") -> None:
        self.refresh()
        if select:
            self.select(select)
        self.ctx.notify("participants")
        self.ctx.show_status(message)

    def print_renewals(self) -> None:
        name = f"Renewals due {date.today().isoformat()}.pdf"
        from mentordesk.services import documents

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the renewals list"), str(documents.output_dir() / name), self.tr("PDF (*.pdf)")
        )
        if path:
            self.write_renewals(Path(path))

    def write_renewals(self, path: Path) -> Path:
        written, count = participants.write_renewals_pdf(self.ctx.programme_id, path)
        self.ctx.show_status(self.tr("Renewals list saved ({n} due): {path}").format(n=count, path=written))
        return written


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Check types", ChecksTab(ctx)
