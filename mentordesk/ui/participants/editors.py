"""Small list editors inside the add/edit form: tags with direction, weekly slots, away dates, "not with"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import WEEKDAYS, Slot, TagSpec, overlapping
from mentordesk.core.vocab import TagDirection, TagKind, label
from mentordesk.services.participants import AwayDates, ExclusionInfo
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.date_edit import DateEdit, TimeEdit

DATA = Qt.ItemDataRole.UserRole


class ListEditor(QWidget):
    """A list with an 'add' row underneath and a remove button; subclasses build the add row.

    Enter in the add row adds the entry (it never saves the dialog around it: Ctrl+Enter does).
    """

    changed = Signal()

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMinimumHeight(90)
        layout.addWidget(self.list, 1)
        self.add_row = QHBoxLayout()
        layout.addLayout(self.add_row)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"))
        self.remove_button.setToolTip(self.tr("Remove the selected entries (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.remove_button)
        layout.addLayout(bottom)
        self.list.itemSelectionChanged.connect(
            lambda: self.remove_button.setEnabled(bool(self.list.selectedItems()))
        )
        self.remove_button.setEnabled(False)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Delete and self.list.hasFocus():
            self.remove_selected()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ControlModifier and not self.list.hasFocus():
            # The add row's fields pass Enter up to us; taking it here keeps it from the dialog's Save.
            self.add_current()
            event.accept()
            return
        super().keyPressEvent(event)

    def add_current(self) -> None:
        raise NotImplementedError

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def _append(self, text: str, value: object) -> None:
        item = QListWidgetItem(text)
        item.setData(DATA, value)
        self.list.addItem(item)
        self.changed.emit()

    def values(self) -> list:
        return [self.list.item(i).data(DATA) for i in range(self.list.count())]


class TagEditor(ListEditor):
    def __init__(self, known: list[TagSpec], parent: QWidget | None = None) -> None:
        super().__init__(
            "Skills and goal areas a mentor offers, or a mentee seeks. Interests and languages are shared.",
            parent,
        )
        self.kind = QComboBox()
        for kind in TagKind:
            self.kind.addItem(label(kind.value), kind.value)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. coding, chess, careers, Polish"))
        completer = QCompleter(sorted({t.name for t in known}, key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name.setCompleter(completer)
        self.direction = QComboBox()
        for direction in TagDirection:
            self.direction.addItem(label(direction.value), direction.value)
        add = QPushButton(icon("add"), self.tr("Add tag"))
        add.clicked.connect(self.add_current)
        for widget in (self.kind, self.name, self.direction, add):
            self.add_row.addWidget(widget, 1 if widget is self.name else 0)

    def add_current(self) -> None:
        name = " ".join(self.name.text().split())
        if not name:
            return
        self.add(TagSpec(self.kind.currentData(), name, self.direction.currentData()))
        self.name.clear()

    def add(self, tag: TagSpec) -> None:
        if any(
            t.kind == tag.kind and t.name.casefold() == tag.name.casefold() and t.direction == tag.direction
            for t in self.values()
        ):
            return
        text = f"{label(tag.kind)}: {tag.name}"
        if tag.direction != TagDirection.BOTH.value:
            text += f" ({tag.direction})"
        self._append(text, tag)

    def set_values(self, tags: list[TagSpec]) -> None:
        self.list.clear()
        for tag in tags:
            self.add(tag)


class SlotEditor(ListEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Weekly times this person can usually meet.", parent)
        self.day = QComboBox()
        for index, day in enumerate(WEEKDAYS):
            self.day.addItem(day, index)
        self.start = TimeEdit(QTime(16, 0))
        self.end = TimeEdit(QTime(17, 30))
        self.start.setAccessibleName(self.tr("Available from"))
        self.end.setAccessibleName(self.tr("Available until"))
        add = QPushButton(icon("add"), self.tr("Add slot"))
        add.clicked.connect(self.add_current)
        self.add_row.addWidget(self.day)
        self.add_row.addWidget(QLabel(self.tr("from")))
        self.add_row.addWidget(self.start)
        self.add_row.addWidget(QLabel(self.tr("to")))
        self.add_row.addWidget(self.end)
        self.add_row.addWidget(add)
        self.add_row.addStretch(1)
        self.problem = ""

    def add_current(self) -> None:
        bad = next((edit for edit in (self.start, self.end) if edit.error()), None)
        if bad is not None:
            problem = bad.error()
            self.problem = problem[:1].upper() + problem[1:] + "."
            self.changed.emit()
            bad.setFocus()
            return
        start = self.start.time().hour() * 60 + self.start.time().minute()
        end = self.end.time().hour() * 60 + self.end.time().minute()
        if end <= start:
            self.problem = self.tr("The end time is not after the start time.")
            self.changed.emit()
            return
        self.problem = ""
        self.add(Slot(self.day.currentData(), start, end))

    def add(self, slot: Slot) -> None:
        if slot not in self.values():
            self._append(str(slot), slot)

    def set_values(self, slots: list[Slot]) -> None:
        self.list.clear()
        for slot in sorted(slots):
            self.add(slot)

    def error(self) -> str:
        clashes = overlapping(self.values())
        if clashes:
            a, b = clashes[0]
            return self.tr("{a} overlaps {b}: remove one of them.").format(a=a, b=b)
        return self.problem


class AwayEditor(ListEditor):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Holidays and other breaks: no meetings are planned on these days.", parent)
        today = date.today()
        self.start = DateEdit(today)
        self.start.setAccessibleName(self.tr("Away from"))
        self.end = DateEdit(today)
        self.end.setAccessibleName(self.tr("Away until"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason (optional)"))
        add = QPushButton(icon("add"), self.tr("Add"))
        add.clicked.connect(self.add_current)
        for widget in (
            QLabel(self.tr("From")),
            self.start,
            QLabel(self.tr("to")),
            self.end,
            self.reason,
            add,
        ):
            self.add_row.addWidget(widget, 1 if widget is self.reason else 0)
        self.problem = ""

    def add_current(self) -> None:
        start, end = self.start.day(), self.end.day()
        if start is None or end is None:
            bad = self.start if start is None else self.end
            self.problem = self.tr("Away dates: {problem}.").format(problem=bad.error())
            bad.setFocus()
            self.changed.emit()
            return
        if end < start:
            self.problem = self.tr("The away period ends before it starts.")
            self.changed.emit()
            return
        self.problem = ""
        self.add(AwayDates(start, end, self.reason.text().strip()))
        self.reason.clear()

    def add(self, away: AwayDates) -> None:
        text = f"{format_date(away.starts_on)} – {format_date(away.ends_on)}"
        if away.reason:
            text += f"  ({away.reason})"
        self._append(text, away)

    def set_values(self, periods: list[AwayDates]) -> None:
        self.list.clear()
        for away in periods:
            self.add(away)

    def error(self) -> str:
        return self.problem


class ExclusionEditor(ListEditor):
    """ "Not with ...": people this person must never be matched with (it holds both ways)."""

    def __init__(self, people: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__("Never matched with these people (for example siblings or neighbours).", parent)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer, line = self.person.completer(), self.person.lineEdit()
        assert completer is not None and line is not None  # an editable combo has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        for pid, name in people:
            self.person.addItem(name, pid)
        self.person.setCurrentIndex(-1)
        line.setPlaceholderText(self.tr("Type a name…"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why (optional)"))
        add = QPushButton(icon("add"), self.tr("Add"))
        add.clicked.connect(self.add_current)
        self.add_row.addWidget(QLabel(self.tr("Not with")))
        self.add_row.addWidget(self.person, 1)
        self.add_row.addWidget(self.reason, 1)
        self.add_row.addWidget(add)

    def add_current(self) -> None:
        index = self.person.findText(self.person.currentText())
        if index < 0:
            return
        self.add(
            ExclusionInfo(
                self.person.itemData(index), self.person.itemText(index), self.reason.text().strip()
            )
        )
        self.reason.clear()
        self.person.setCurrentIndex(-1)

    def add(self, item: ExclusionInfo) -> None:
        if any(v.other_id == item.other_id for v in self.values()):
            return
        self._append(item.other_name + (f"  ({item.reason})" if item.reason else ""), item)

    def set_values(self, items: list[ExclusionInfo]) -> None:
        self.list.clear()
        for item in items:
            self.add(item)
