"""Settings › Closure reasons: the programme's list of reason codes a closed match is given (reports
count closures by them). "Other" is always offered last and asks for the reason in words. Every change
is saved at once, like every Settings tab."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.pairing import DEFAULT_CLOSURE_REASONS, OTHER
from mentordesk.services import pairing, programmes
from mentordesk.services.pairing import PairingError
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import error_label, form_layout, section_intro


class ClosureReasonsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.heading = section_intro(
            layout,
            self.tr(
                "The reasons the closing dialog offers, in this order; reports count closed matches by them. "
                "Closures already recorded keep their reason, also when it is taken off the list. Other is "
                "always offered last and asks for the reason in words."
            ),
        )
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Closure reasons"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.up_button = QPushButton(icon("mdi6.arrow-up"), self.tr("Move &up"))
        self.down_button = QPushButton(icon("mdi6.arrow-down"), self.tr("Move do&wn"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Re&move"))
        self.defaults_button = QPushButton(icon("refresh"), self.tr("Use the &usual reasons"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.defaults_button.clicked.connect(self._defaults)
        for button in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        layout.addLayout(buttons)
        adding = QGroupBox(self.tr("Add a reason"))
        form = form_layout(adding)
        add_row = QHBoxLayout()
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(self.tr("e.g. Family illness"))
        self.new_edit.setMaxLength(60)
        self.new_edit.setAccessibleName(self.tr("New closure reason"))
        self.new_edit.returnPressed.connect(self.add_reason)
        self.add_button = QPushButton(icon("add"), self.tr("&Add"))
        self.add_button.clicked.connect(self.add_reason)
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(self.add_button)
        new_label = QLabel(self.tr("&New reason:"))
        new_label.setBuddy(self.new_edit)
        form.addRow(new_label, add_row)
        layout.addWidget(adding)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        ctx.programmeChanged.connect(lambda _id: self.refresh())
        self.refresh()

    def labels(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def refresh(self) -> None:
        programme_id = self.ctx.programme_id
        for widget in (self.list, self.new_edit, self.add_button, self.defaults_button):
            widget.setEnabled(bool(programme_id))
        self.error_label.clear()
        row = self.list.currentRow()
        self.list.clear()
        if not programme_id:
            self.heading.setText(self.tr("Create a programme first: closure reasons belong to a programme."))
            self._selected()
            return
        name = programmes.get_programme(programme_id).name
        self.heading.setText(self.tr("Closure reasons of {name}").format(name=name))
        self.list.addItems([r.label for r in pairing.closure_reasons(programme_id) if r.code != OTHER])
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._selected()

    def _selected(self, *_: object) -> None:
        row = self.list.currentRow()
        self.remove_button.setEnabled(row >= 0 and self.list.count() > 1)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)

    def _save(self, labels: list[str], message: str, select: int | None = None) -> bool:
        try:
            pairing.save_closure_reasons(self.ctx.programme_id, labels)
        except PairingError as exc:
            self.error_label.setText(str(exc))
            return False
        self.refresh()
        if select is not None:
            self.list.setCurrentRow(select)
        self.ctx.show_status(message)
        return True

    def add_reason(self) -> None:
        text = " ".join(self.new_edit.text().split())
        if not text:
            self.error_label.setText(self.tr("New reason: type the reason first (e.g. Family illness)."))
            return
        if self._save(self.labels() + [text], self.tr("Closure reason added: {text}.").format(text=text)):
            self.new_edit.clear()
            self.list.setCurrentRow(self.list.count() - 1)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        labels = self.labels()
        removed = labels.pop(row)
        self._save(labels, self.tr("Closure reason removed: {text}.").format(text=removed), max(0, row - 1))

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        labels = self.labels()
        if not 0 <= row + step < len(labels) or row < 0:
            return
        labels[row], labels[row + step] = labels[row + step], labels[row]
        self._save(labels, self.tr("Closure reasons reordered."), row + step)

    def _defaults(self) -> None:
        self._save(
            [r.label for r in DEFAULT_CLOSURE_REASONS if r.code != OTHER], self.tr("The usual closure reasons.")
        )


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Closure reasons", ClosureReasonsTab(ctx)
