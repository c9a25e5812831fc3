"""Settings > Meetings: the current programme's cadence rules, term breaks and time zone."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.meetings import LIMITS, CadenceRules, MeetingInputError
from mentordesk.services import meetings as meetings_service, programmes
from mentordesk.services.meetings import TermBreak
from mentordesk.ui.context import AppContext
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.meetings.models import ROW_ROLE, RowTableModel
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, form_layout, in_form

SUFFIXES = {"month_one_checkins": " check-ins"}


class TermBreakModel(RowTableModel[TermBreak]):
    NAME, FIRST, LAST = range(3)
    HEADERS = ("Name", "First day", "Last day")

    def cell(self, row: TermBreak, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.label, format_date(row.first), format_date(row.last))[column]
        return None


class TermBreakDialog(QDialog):
    def __init__(self, item: TermBreak | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Term break"))
        form = QFormLayout(self)
        start = item.first if item else date.today()
        end = item.last if item else date.today() + timedelta(days=4)
        self.name_edit = QLineEdit(item.label if item else "")
        self.name_edit.setPlaceholderText(self.tr("e.g. October half term"))
        self.first_edit = DateEdit(start)
        self.last_edit = DateEdit(end)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&First day:"), self.first_edit)
        form.addRow(self.tr("&Last day:"), self.last_edit)
        self.error_label = error_label(hidden=True)
        form.addRow(in_form(self.error_label))
        form.addRow(dialog_buttons(self, QDialogButtonBox.StandardButton.Ok))

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        super().accept()

    def value(self) -> TermBreak:
        return TermBreak(
            self.name_edit.text(), self.first_edit.day() or date.today(), self.last_edit.day() or date.today()
        )


class MeetingsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.programme_label = QLabel()
        self.programme_label.setObjectName("hint")
        self.programme_label.setWordWrap(True)
        layout.addWidget(self.programme_label)

        self.rules_box = QGroupBox(self.tr("Cadence: how often matches meet and you check in"))
        form = form_layout(self.rules_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.spins: dict[str, QSpinBox] = {}
        for name, (low, high, caption) in LIMITS.items():
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setSuffix(self.tr(SUFFIXES.get(name, " days")))
            self.spins[name] = spin
            form.addRow(self.tr(caption) + ":", spin)
        hint = QLabel(
            self.tr(
                "Matches that fall behind appear under Needs attention, in Meetings and on the dashboard. "
                "The meeting frequency is also the one quoted in agreements."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        hint.setMinimumHeight(2 * hint.fontMetrics().lineSpacing())  # never squeezed to one cut line
        form.addRow(hint)
        row = QHBoxLayout()
        # Saved as soon as a value changes, like every Settings tab (Ctrl+Z on the page undoes it).
        self._showing = False
        for spin in self.spins.values():
            spin.valueChanged.connect(lambda *_: None if self._showing else self.save_rules())
        self.defaults_button = QPushButton(icon("refresh"), self.tr("Use recommended"))
        self.defaults_button.clicked.connect(self._use_recommended)
        row.addWidget(self.defaults_button)
        row.addStretch(1)
        form.addRow(row)
        layout.addWidget(self.rules_box)

        self.breaks_box = QGroupBox(self.tr("Term breaks (skipped by repeating meetings)"))
        breaks = QVBoxLayout(self.breaks_box)
        self.break_model = TermBreakModel(self)
        self.break_table = QTableView()
        self.break_table.setAccessibleName(self.tr("Term breaks"))
        self.break_table.setModel(self.break_model)
        self.break_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.break_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.break_table.verticalHeader().setVisible(False)
        self.break_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.break_table.setMinimumHeight(self.fontMetrics().height() * 7)
        self.break_table.doubleClicked.connect(lambda _index: self.edit_break())
        buttons = QHBoxLayout()
        for text, icon_name, slot in (
            (self.tr("Add…"), "add", self.add_break),
            (self.tr("Edit…"), "edit", self.edit_break),
            (self.tr("Remove"), "delete", self.remove_break),
        ):
            button = QPushButton(icon(icon_name), text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        breaks.addWidget(self.break_table)
        breaks.addLayout(buttons)
        layout.addWidget(self.breaks_box)

        zone_row = QHBoxLayout()
        self.zone_combo = QComboBox()
        self.zone_combo.setEditable(True)
        self.zone_combo.addItems(sorted(available_timezones()))
        completer, zone_line = self.zone_combo.completer(), self.zone_combo.lineEdit()
        assert completer is not None and zone_line is not None  # an editable combo has both
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone_combo.activated.connect(lambda *_: self.save_timezone())
        zone_line.editingFinished.connect(self.save_timezone)
        zone_label = QLabel(self.tr("&Time zone:"))
        zone_label.setBuddy(self.zone_combo)
        zone_row.addWidget(zone_label)
        self.zone_combo.setMinimumContentsLength(24)
        zone_row.addWidget(self.zone_combo)
        zone_row.addStretch(1)
        layout.addLayout(zone_row)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        ctx.programmeChanged.connect(lambda _id: self.refresh())
        self.refresh()

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        programme_id = self.ctx.programme_id
        self.error_label.clear()
        for widget in (self.rules_box, self.breaks_box, self.zone_combo):
            widget.setEnabled(bool(programme_id))
        if not programme_id:
            self.programme_label.setText(self.tr("Create or choose a programme to set its meeting rules."))
            self.break_model.set_rows([])
            return
        programme = programmes.get_programme(programme_id)
        self.programme_label.setText(self.tr("Rules for {name}.").format(name=programme.name))
        self._show_rules(meetings_service.rules_for(programme_id))
        self.break_model.set_rows(meetings_service.term_breaks(programme_id))
        self.zone_combo.setCurrentText(programme.timezone)

    def _show_rules(self, rules: CadenceRules) -> None:
        self._showing = True  # showing the stored rules is not a change to save
        try:
            for name, spin in self.spins.items():
                spin.setValue(getattr(rules, name))
        finally:
            self._showing = False

    def rules(self) -> CadenceRules:
        return CadenceRules(**{name: spin.value() for name, spin in self.spins.items()})

    # -- saving ----------------------------------------------------------------------------------
    def _use_recommended(self, *_: object) -> None:
        self._show_rules(CadenceRules())
        self.save_rules()

    def save_rules(self) -> None:
        if not self.ctx.programme_id or meetings_service.rules_for(self.ctx.programme_id) == self.rules():
            return
        try:
            meetings_service.save_rules(self.ctx.programme_id, self.rules())
        except MeetingInputError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.clear()
        self.ctx.show_status(self.tr("Meeting rules saved."))
        self.ctx.notify("meetings")

    def save_timezone(self) -> None:
        if not self.ctx.programme_id:
            return
        if programmes.get_programme(self.ctx.programme_id).timezone == self.zone_combo.currentText().strip():
            return
        try:
            meetings_service.set_timezone(self.ctx.programme_id, self.zone_combo.currentText())
        except MeetingInputError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.clear()
        self.ctx.show_status(self.tr("Time zone saved."))
        self.ctx.notify("meetings")

    def _selected(self) -> int | None:
        rows = self.break_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def add_break(self) -> TermBreakDialog:
        return self._open_break(None)

    def edit_break(self) -> TermBreakDialog | None:
        row = self._selected()
        return None if row is None else self._open_break(row)

    def _open_break(self, row: int | None) -> TermBreakDialog:
        item = self.break_model.index(row, 0).data(ROW_ROLE) if row is not None else None
        dialog = TermBreakDialog(item, self)
        dialog.accepted.connect(lambda: self._store_break(row, dialog.value()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _store_break(self, row: int | None, value: TermBreak) -> None:
        items = list(self.break_model.rows)
        if row is None:
            items.append(value)
        else:
            items[row] = value
        self._save_breaks(items)

    def remove_break(self) -> None:
        row = self._selected()
        if row is None:
            return
        items = list(self.break_model.rows)
        del items[row]
        self._save_breaks(items)

    def _save_breaks(self, items: list[TermBreak]) -> None:
        try:
            meetings_service.save_term_breaks(self.ctx.programme_id, items)
        except MeetingInputError as exc:
            self.error_label.setText(str(exc))
            return
        self.error_label.clear()
        self.break_model.set_rows(meetings_service.term_breaks(self.ctx.programme_id))
        self.ctx.notify("meetings")


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Meetings", MeetingsTab(ctx)
