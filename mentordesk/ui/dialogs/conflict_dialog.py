"""When someone else saved a record while I was editing it: theirs against mine, field by field.

``EditGuard`` is the one way an edit dialog reads and saves: ``guard.read(load, ...)`` (or
``guard.watch(table, id)``) when it opens, ``guard.save(save, ...)`` on OK. A save over a newer
version opens ``ConflictDialog``; the user keeps theirs, keeps mine, or picks per field and saves
the merge (checked again: a third person may have saved meanwhile). Nothing is ever overwritten
without the user seeing it; "Back to editing" leaves the editor open with nothing saved. When they
changed only fields this save leaves as they are now (the service re-read them), there is nothing
to choose and the save goes through over their version, keeping their changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import concurrency
from mentordesk.services.concurrency import EditSession, FieldChange, RecordChanged
from mentordesk.ui.widgets.form_parts import dialog_buttons, heading, primary_button, scroll_area

T = TypeVar("T")
THEIRS, MINE = "theirs", "mine"
_VALUE_WIDTH = 300  # pixels of a value's button; a longer value is cut with "…", its tooltip has all


class ConflictDialog(QDialog):
    """The field-by-field table; ``choices()`` after it was accepted: {field: "theirs" | "mine"}."""

    def __init__(self, conflict: RecordChanged, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        what = conflict.table.replace("_", " ")
        self.setWindowTitle(self.tr("Someone else changed this {what}").format(what=what))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Someone else saved this {what} after you opened it").format(what=what)))
        by_person = getattr(conflict, "rows_are_people", False)  # a register: one row per person marked
        intro = QLabel(
            self.tr(
                "Nothing of yours is saved yet. For each person below, click the mark to keep: theirs "
                "(saved by someone else) or mine (in this window)."
            )
            if by_person
            else self.tr(
                "Nothing of yours is saved yet. For each field below, click the value to keep: theirs "
                "(saved by someone else) or mine (in this window). Fields only one of you changed are "
                "chosen for you."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        table = QWidget()
        grid = QGridLayout(table)
        grid.setHorizontalSpacing(16)
        first = self.tr("Person") if by_person else self.tr("Field")
        for column, text in enumerate((first, self.tr("Theirs (saved)"), self.tr("Mine (this window)"))):
            title = QLabel(f"<b>{text}</b>")
            grid.addWidget(title, 0, column)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons_of: dict[str, dict[str, QRadioButton]] = {}
        for row, change in enumerate(conflict.changes, start=1):
            self._add_row(grid, row, change)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(conflict.changes) + 1, 1)
        layout.addWidget(scroll_area(table, across=False), 1)

        self.save_merged = primary_button(self.tr("&Save merged"), "save")
        self.save_merged.setAccessibleName(self.tr("Save the values chosen field by field"))
        buttons = dialog_buttons(self, self.save_merged)  # Save merged accepts; Cancel is "Back to editing"
        back = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert back is not None  # dialog_buttons always adds Cancel beside a button of our own
        self.back = back
        self.back.setText(self.tr("&Back to editing"))
        self.back.setAccessibleName(self.tr("Back to editing, nothing saved"))
        self.keep_theirs = QPushButton(self.tr("Keep &theirs"))
        self.keep_theirs.setAccessibleName(self.tr("Keep their values for every field"))
        self.keep_mine = QPushButton(self.tr("Keep &mine"))
        self.keep_mine.setAccessibleName(self.tr("Keep my values for every field"))
        for button in (self.keep_theirs, self.keep_mine):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_theirs.clicked.connect(lambda: self._choose_all(THEIRS))
        self.keep_mine.clicked.connect(lambda: self._choose_all(MINE))
        layout.addWidget(buttons)
        self.setMinimumWidth(2 * _VALUE_WIDTH + 260)
        self.resize(self.minimumWidth(), min(200 + 32 * len(conflict.changes), 560))

    def _add_row(self, grid: QGridLayout, row: int, change: FieldChange) -> None:
        name = QLabel(self.tr(change.label))
        grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignVCenter)
        group = QButtonGroup(self)
        self.groups[change.name] = group
        self.buttons_of[change.name] = {}
        shown = change.shown or (concurrency.show_value(change.theirs), concurrency.show_value(change.mine))
        for column, side, text in ((1, THEIRS, shown[0] or "—"), (2, MINE, shown[1] or "—")):
            button = QRadioButton()
            elided = button.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, _VALUE_WIDTH)
            button.setText(elided.replace("&", "&&"))
            button.setToolTip(text)
            button.setAccessibleName(
                self.tr("{field}: {side}, {value}").format(
                    field=change.label, side=self.tr("theirs") if side == THEIRS else self.tr("mine"), value=text
                )
            )
            button.setProperty("side", side)
            group.addButton(button)
            self.buttons_of[change.name][side] = button
            grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.buttons_of[change.name][change.suggested].setChecked(True)

    def _choose_all(self, side: str) -> None:
        for buttons in self.buttons_of.values():
            buttons[side].setChecked(True)
        self.accept()

    def choices(self) -> dict[str, str]:
        out = {}
        for name, group in self.groups.items():
            checked = group.checkedButton()
            out[name] = str(checked.property("side")) if checked is not None else MINE
        return out


class EditGuard:
    """One edit dialog's reads and saves, checked against what it read (see the module docstring)."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.session = EditSession()
        self.withdrawn = False  # the last save was called off by the user (or the record is gone)

    def read(self, load: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.session.active():
            return load(*args, **kwargs)

    def watch(self, table: str, record_id: int) -> None:
        self.session.watch(table, record_id)

    def save(self, save: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run ``save`` until it goes through or the user withdraws (then None and ``withdrawn``)."""
        self.withdrawn = False
        while True:
            try:
                with self.session.active():
                    return save(*args, **kwargs)
            except RecordChanged as conflict:
                if not self._resolve(conflict):
                    self.withdrawn = True
                    return None

    def _resolve(self, conflict: RecordChanged) -> bool:
        if conflict.clean:  # they changed other fields only, which this save keeps: nothing to ask
            self.session.resolve(conflict, {c.name: MINE for c in conflict.changes})
            return True
        if conflict.deleted:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.parent.tr("Deleted by someone else"),
                str(conflict),
                QMessageBox.StandardButton.Ok,
                self.parent,
            )
            box.exec()
            return False
        dialog = ConflictDialog(conflict, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.session.resolve(conflict, dialog.choices())
        return True
