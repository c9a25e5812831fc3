"""An ordered list of short texts kept in Settings (closure reasons, a network's focus areas): type a
new one and press Return, remove the chosen one, and (where order matters) move it up or down.

Every change is handed to ``save(texts, message)`` at once, like every Settings tab; ``save`` stores
the list (or shows why it cannot and returns False: the list and the typed text then stay as they
were) and calls ``set_texts`` with what was stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import form_layout

Save = Callable[[list[str], str], bool]  # (the whole list, the status message) -> stored?


@dataclass(frozen=True)
class ListWords:
    """What the editor says about its items, already translated."""

    list_name: str  # the list's accessible name: "Closure reasons"
    new_label: str  # with its mnemonic: "&New reason:"
    new_name: str  # the box's accessible name: "New closure reason"
    placeholder: str  # "e.g. Family illness"
    add: str  # "&Add"
    remove: str  # "Re&move"
    type_first: str  # the error for an empty box: "New reason: type the reason first (e.g. Family illness)."
    added: str  # "Closure reason added: {text}."
    removed: str  # "Closure reason removed: {text}."
    reordered: str = ""  # "Closure reasons reordered."; "" when the order does not matter (no Up/Down)
    move_up: str = "Move &up"
    move_down: str = "Move do&wn"


class ListEditor(QWidget):
    def __init__(
        self,
        words: ListWords,
        save: Save,
        show_error: Callable[[str], None],
        *,
        keep_one: bool = False,
        max_length: int = 60,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.words = words
        self._save = save
        self._show_error = show_error
        self.keep_one = keep_one  # the last item cannot be removed (a closure needs some reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setAccessibleName(words.list_name)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(words.placeholder)
        self.new_edit.setMaxLength(max_length)
        self.new_edit.setAccessibleName(words.new_name)
        self.new_edit.returnPressed.connect(self.add_item)
        new_label = QLabel(words.new_label)
        new_label.setBuddy(self.new_edit)
        self.add_button = QPushButton(icon("add"), words.add)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button = QPushButton(icon("delete"), words.remove)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.new_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.up_button: QPushButton | None = None
        self.down_button: QPushButton | None = None
        if words.reordered:
            self.up_button = QPushButton(icon("mdi6.arrow-up"), words.move_up)
            self.down_button = QPushButton(icon("mdi6.arrow-down"), words.move_down)
            self.up_button.clicked.connect(lambda: self._move(-1))
            self.down_button.clicked.connect(lambda: self._move(1))
            row.addWidget(self.up_button)
            row.addWidget(self.down_button)
        self.form = form_layout()  # the same grid as every Settings form; hosts may add their rows
        self.form.addRow(new_label, row)
        layout.addLayout(self.form)
        self._selected()

    def texts(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def set_texts(self, texts: list[str] | tuple[str, ...], select: int | None = None) -> None:
        """Show ``texts``, keeping the chosen row (or choosing ``select``)."""
        row = self.list.currentRow() if select is None else select
        self.list.clear()
        self.list.addItems(list(texts))
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._selected()

    def _selected(self, *_: object) -> None:
        row, count = self.list.currentRow(), self.list.count()
        enabled = self.isEnabled()
        self.remove_button.setEnabled(enabled and row >= 0 and (count > 1 or not self.keep_one))
        if self.up_button is not None and self.down_button is not None:
            self.up_button.setEnabled(enabled and row > 0)
            self.down_button.setEnabled(enabled and 0 <= row < count - 1)

    def _store(self, texts: list[str], message: str, select: int) -> bool:
        if not self._save(texts, message):
            return False
        self.list.setCurrentRow(min(select, self.list.count() - 1))
        return True

    def add_item(self) -> None:
        text = " ".join(self.new_edit.text().split())
        if not text:
            self._show_error(self.words.type_first)
            return
        if self._store(self.texts() + [text], self.words.added.format(text=text), self.list.count()):
            self.new_edit.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        texts = self.texts()
        removed = texts.pop(row)
        self._store(texts, self.words.removed.format(text=removed), max(0, row - 1))

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        texts = self.texts()
        if row < 0 or not 0 <= row + step < len(texts):
            return
        texts[row], texts[row + step] = texts[row + step], texts[row]
        self._store(texts, self.words.reordered, row + step)
