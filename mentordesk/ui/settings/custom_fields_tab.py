"""Settings › Custom fields: the programme's own questions for mentors, mentees or both.

They appear in the person dialog ("More about them"), the detail pane, the roster export, the
application forms (File › Print application form…) and as {mentee.custom.<name>} in documents.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import KIND_LABELS, FieldDraft, FieldSpec
from mentordesk.services import participants
from mentordesk.ui.context import AppContext
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, form_layout

ROLE_LABELS = {"both": "Mentors and mentees", "mentor": "Mentors only", "mentee": "Mentees only"}


class FieldDialog(QDialog):
    """Add (``spec`` None) or edit one custom field; saving checks it and stays open on a problem."""

    def __init__(
        self, programme_id: int, spec: FieldSpec | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.spec = spec
        self.setWindowTitle(self.tr("Add custom field") if spec is None else self.tr("Edit custom field"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = form_layout()
        self.label = QLineEdit()
        self.label.setAccessibleName(self.tr("Question"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of answer"))
        for key, text in KIND_LABELS.items():
            self.kind.addItem(self.tr(text), key)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Asked of"))
        for key, text in ROLE_LABELS.items():
            self.role.addItem(self.tr(text), key)
        self.choices = QPlainTextEdit()
        self.choices.setAccessibleName(self.tr("Choices, one a line"))
        self.choices.setTabChangesFocus(True)
        self.choices.setFixedHeight(90)
        self.help = QLineEdit()
        self.help.setAccessibleName(self.tr("Help text"))
        self.required = QCheckBox(self.tr("An answer is &required"))
        for caption, widget in (
            (self.tr("&Question:"), self.label),
            (self.tr("&Kind of answer:"), self.kind),
            (self.tr("&Asked of:"), self.role),
            (self.tr("C&hoices (one a line):"), self.choices),
            (self.tr("He&lp text:"), self.help),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.required)
        layout.addLayout(form)
        self.error = error_label(hidden=True)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if spec is not None:
            self.label.setText(spec.label)
            self.kind.setCurrentIndex(self.kind.findData(spec.kind))
            self.role.setCurrentIndex(self.role.findData(spec.role))
            self.choices.setPlainText("\n".join(spec.choices))
            self.help.setText(spec.help_text)
            self.required.setChecked(spec.required)
        self._kind_changed()
        self.saved_id: int | None = None

    def _kind_changed(self) -> None:
        self.choices.setEnabled(self.kind.currentData() in ("choice", "multiple"))

    def draft(self) -> FieldDraft:
        return FieldDraft(
            self.label.text(),
            self.kind.currentData(),
            self.choices.toPlainText().splitlines(),
            self.role.currentData(),
            self.help.text(),
            self.required.isChecked(),
        )

    def accept(self) -> None:
        try:
            if self.spec is None:
                self.saved_id = participants.define_field(self.programme_id, self.draft())
            else:
                participants.update_field(self.spec.id, self.draft())
                self.saved_id = self.spec.id
        except participants.CustomFieldError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


class CustomFieldsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        box = QGroupBox(self.tr("Questions"))
        form = form_layout(box)
        intro = QLabel(
            self.tr(
                "Your own questions for this programme's people. They appear in each person's details, "
                "the application forms, the roster export, and documents as {mentee.custom.name}."
            )
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        form.addRow("", intro)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Custom fields"))
        self.list.itemActivated.connect(lambda _item: self._edit())
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        for button, slot in (
            (self.add_button, self._add),
            (self.edit_button, self._edit),
            (self.delete_button, self._delete),
            (self.up_button, lambda: self._move(-1)),
            (self.down_button, lambda: self._move(1)),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        caption = QLabel(self.tr("&Fields:"))
        caption.setBuddy(self.list)
        form.addRow(caption, holder)
        layout.addWidget(box, 1)
        self.dialog: FieldDialog | None = None
        self.confirm: QMessageBox | None = None
        self.list.currentRowChanged.connect(self._selection)
        self.refresh()

    def fields(self) -> list[FieldSpec]:
        return participants.list_fields(self.ctx.programme_id) if self.ctx.programme_id else []

    def refresh(self, select: int | None = None) -> None:
        self.list.clear()
        for spec in self.fields():
            text = (
                f"{spec.label} — {self.tr(KIND_LABELS[spec.kind])}, {self.tr(ROLE_LABELS[spec.role]).lower()}"
            )
            if spec.required:
                text += self.tr(", required")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, spec)
            self.list.addItem(item)
            if spec.id == select:
                self.list.setCurrentItem(item)
        self.add_button.setEnabled(bool(self.ctx.programme_id))
        self._selection()

    def _selection(self, *_: object) -> None:
        row = self.list.currentRow()
        has = row >= 0
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(has)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def _current(self) -> FieldSpec | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _open(self, spec: FieldSpec | None) -> None:
        self.dialog = FieldDialog(self.ctx.programme_id, spec, self)
        self.dialog.accepted.connect(self._saved)
        self.dialog.open()

    def _saved(self) -> None:
        if self.dialog is not None:
            self.refresh(self.dialog.saved_id)
            self.ctx.show_status(self.tr("Custom field saved."))
            self.ctx.notify("participants")

    def _add(self) -> None:
        self._open(None)

    def _edit(self) -> None:
        spec = self._current()
        if spec is not None:
            self._open(spec)

    def _delete(self) -> None:
        spec = self._current()
        if spec is None:
            return
        self.confirm = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Delete custom field"),
            self.tr("Delete “{label}” and everyone's answers to it?").format(label=spec.label),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.confirm.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirm.finished.connect(lambda result: self._confirmed(spec, result))
        self.confirm.open()

    def _confirmed(self, spec: FieldSpec, result: int) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        answers = participants.delete_field(spec.id)
        self.refresh()
        self.ctx.show_status(self.tr("Deleted “{label}” ({n} answers).").format(label=spec.label, n=answers))
        self.ctx.notify("participants")

    def _move(self, step: int) -> None:
        specs = self.fields()
        row = self.list.currentRow()
        other = row + step
        if not (0 <= row < len(specs) and 0 <= other < len(specs)):
            return
        specs[row], specs[other] = specs[other], specs[row]
        for position, spec in enumerate(specs, start=1):
            participants.move_field(spec.id, position)
        self.refresh(specs[other].id)


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Custom fields", CustomFieldsTab(ctx)
