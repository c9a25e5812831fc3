"""The "More about them" tab: one input per custom field of the programme, by kind."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from mentordesk.core.participants import FieldSpec


class CustomAnswers(QWidget):
    """Inputs for ``fields``; ``values()`` gives the raw answers by field id for ``check_answers``."""

    def __init__(self, fields: list[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = fields
        self.form = QFormLayout(self)
        self.inputs: dict[int, QWidget | list[QCheckBox]] = {}
        if not fields:
            note = QLabel(
                self.tr("This programme has no custom fields. Add them in Settings > Custom fields.")
            )
            note.setObjectName("hint")
            note.setWordWrap(True)
            self.form.addRow(note)
        for spec in fields:
            caption = spec.label + (" *" if spec.required else "")
            widget: QWidget
            if spec.kind in ("choice", "yes_no"):
                combo = QComboBox()
                combo.addItem(self.tr("(not answered)"), None)
                for choice in spec.choices if spec.kind == "choice" else ():
                    combo.addItem(choice, choice)
                if spec.kind == "yes_no":
                    combo.addItem(self.tr("Yes"), True)
                    combo.addItem(self.tr("No"), False)
                widget = combo
                self.inputs[spec.id] = combo
            elif spec.kind == "multiple":
                widget = QWidget()
                row = QHBoxLayout(widget)
                row.setContentsMargins(0, 0, 0, 0)
                boxes = []
                for choice in spec.choices:
                    box = QCheckBox(choice)
                    box.setAccessibleName(f"{spec.label}: {choice}")
                    row.addWidget(box)
                    boxes.append(box)
                row.addStretch(1)
                self.inputs[spec.id] = boxes
            else:
                edit = QLineEdit()
                if spec.kind == "date":
                    edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
                widget = edit
                self.inputs[spec.id] = edit
            widget.setAccessibleName(spec.label)
            if spec.help_text:
                widget.setToolTip(spec.help_text)
            label = QLabel(caption)
            label.setWordWrap(True)
            target = self.inputs[spec.id]
            label.setBuddy(target[0] if isinstance(target, list) and target else widget)
            self.form.addRow(label, widget)
            if spec.help_text:
                hint = QLabel(spec.help_text)
                hint.setObjectName("hint")
                hint.setWordWrap(True)
                self.form.addRow("", hint)

    def set_values(self, values: dict[int, object]) -> None:
        for fid, value in values.items():
            target = self.inputs.get(fid)
            if isinstance(target, list):
                picked = set(value) if isinstance(value, list) else set()
                for box in target:
                    box.setChecked(box.text() in picked)
            elif isinstance(target, QComboBox):
                target.setCurrentIndex(max(0, target.findData(value)))
            elif isinstance(target, QLineEdit):
                text = str(value or "")
                if len(text) == 10 and text[4] == "-" and text[7] == "-":  # a stored date: shown dd/mm/yyyy
                    text = f"{text[8:]}/{text[5:7]}/{text[:4]}"
                target.setText(text)

    def values(self) -> dict[int | str, object]:
        out: dict[int | str, object] = {}
        for fid, target in self.inputs.items():
            if isinstance(target, list):
                out[fid] = [box.text() for box in target if box.isChecked()]
            elif isinstance(target, QComboBox):
                out[fid] = target.currentData()
            elif isinstance(target, QLineEdit):
                out[fid] = target.text()
        return out
