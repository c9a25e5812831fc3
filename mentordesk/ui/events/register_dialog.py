"""The register of one event, made for the keyboard: type to find a person, Return marks them attended
(the sign-in desk), Space ticks or unticks the chosen row, 1/2/3 set attended/apologies/absent, 0 clears."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.events import MARKS
from mentordesk.services import events
from mentordesk.ui.dialogs.conflict_dialog import THEIRS, ConflictDialog
from mentordesk.ui.events.models import RegisterModel
from mentordesk.ui.formatting import format_datetime
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button

KEY_MARKS: dict[int, str] = {
    Qt.Key.Key_1.value: "attended",
    Qt.Key.Key_2.value: "apologies",
    Qt.Key.Key_3.value: "absent",
    Qt.Key.Key_0.value: "",
}


class RegisterDialog(QDialog):
    def __init__(
        self, event: events.EventRow, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.event_row = event
        self.today = today or date.today()
        self.result_: events.RegisterResult | None = None
        self.setWindowTitle(self.tr("Register: {title}").format(title=event.title))
        self.setMinimumSize(620, 520)
        layout = QVBoxLayout(self)
        heading = QLabel(
            f"<b>{html.escape(event.title)}</b> · {html.escape(format_datetime(event.starts_at))}"
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        hint = QLabel(
            self.tr(
                "Type a name and press Return to mark them attended. In the list: Space ticks or unticks, "
                "1 attended, 2 apologies, 3 absent, 0 clears."
            )
        )
        if event.kind == "training":
            hint.setText(
                hint.text()
                + " "
                + self.tr("Attending records {h:g} hours of training.").format(h=event.training_hours or 0)
            )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        find_row = QHBoxLayout()
        find_label = QLabel(self.tr("&Find:"))
        self.find_edit = QLineEdit()
        self.find_edit.setAccessibleName(self.tr("Find a person in the register"))
        self.find_edit.setPlaceholderText(self.tr("Type part of a name"))
        self.find_edit.setClearButtonEnabled(True)
        find_label.setBuddy(self.find_edit)
        find_row.addWidget(find_label)
        find_row.addWidget(self.find_edit, 1)
        layout.addLayout(find_row)

        self.model = RegisterModel(self)
        self.model.set_rows(events.invitees(event.id))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Register"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.view, 1)
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

        row = QHBoxLayout()
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Register summary"))
        self.rest_absent_button = QPushButton(self.tr("Mark the &rest absent"))
        self.rest_absent_button.setAccessibleName(self.tr("Mark everyone not yet marked absent"))
        self.rest_absent_button.clicked.connect(self.mark_rest_absent)
        row.addWidget(self.summary_label, 1)
        row.addWidget(self.rest_absent_button)
        layout.addLayout(row)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(self.tr("&Save register"))
        layout.addWidget(dialog_buttons(self, self.save_button))

        self.find_edit.textChanged.connect(self._filter)
        self.find_edit.installEventFilter(self)
        self.view.installEventFilter(self)
        self.model.dataChanged.connect(lambda *_: self._summarise())
        self._summarise()
        self.find_edit.setFocus()

    # -- keys --------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = int(event.key())
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if watched is self.find_edit and plain:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.sign_in_first()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.view.setFocus()
                if not self.view.currentIndex().isValid() and self.proxy.rowCount():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
        if watched is self.view and plain:
            if key == Qt.Key.Key_Space:
                self.toggle_current()
                return True
            if key in KEY_MARKS:
                self.set_current(KEY_MARKS[key])
                return True
            text = event.text()
            if text and text.isprintable() and not text.isspace() and not text.isdigit():
                # Type to find: letters go to the find box.
                self.find_edit.setFocus()
                self.find_edit.setText(self.find_edit.text() + text)
                return True
        return super().eventFilter(watched, event)

    # -- marking -----------------------------------------------------------------------------------
    def _source_row(self) -> int | None:
        index = self.view.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def set_current(self, mark: str) -> None:
        row = self._source_row()
        if row is not None:
            self.model.set_mark(row, mark)

    def toggle_current(self) -> None:
        row = self._source_row()
        if row is not None:
            self.model.set_mark(row, "" if self.model.mark(row) == "attended" else "attended")

    def sign_in_first(self) -> None:
        """Return in the find box: the first person found is marked attended and the box clears."""
        if not self.find_edit.text().strip() or not self.proxy.rowCount():
            return
        row = self.proxy.mapToSource(self.proxy.index(0, 0)).row()
        self.model.set_mark(row, "attended")
        person = self.model.rows[row].name
        self.find_edit.clear()
        self.summary_label.setText(self.tr("{name}: attended. ").format(name=person) + self._counts())

    def mark_rest_absent(self) -> None:
        for row in range(len(self.model.rows)):
            if not self.model.mark(row):
                self.model.set_mark(row, "absent")

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def _counts(self) -> str:
        marks = list(self.model.marks.values())
        parts = [
            f"{marks.count(m)} {self.tr(MARKS[m]).lower()}" for m in ("attended", "apologies", "absent", "")
        ]
        return self.tr("{parts} (of {n})").format(parts=", ".join(parts), n=len(marks))

    def _summarise(self) -> None:
        self.summary_label.setText(self._counts())

    def accept(self) -> None:
        """Save the marks changed here, over the register as it was opened: when someone else marked
        some of the same people meanwhile, each is shown theirs against mine to choose (the rest of
        their marks are kept as they are); "Back to editing" saves nothing."""
        opened = {r.participant_id: r.mark for r in self.model.rows}
        changed = dict(self.model.changed())
        while True:
            try:
                self.result_ = events.record_marks(self.event_row.id, changed, self.today, opened_with=opened)
                break
            except events.RegisterChanged as conflict:
                self.conflict_dialog = ConflictDialog(conflict, self)
                if self.conflict_dialog.exec() != QDialog.DialogCode.Accepted:
                    self.error_label.setText(self.tr("Nothing saved: someone else's marks were not overwritten."))
                    return
                choices = self.conflict_dialog.choices()
                for change in conflict.changes:
                    assert isinstance(change, events.MarkChange)
                    opened[change.participant_id] = change.theirs  # the base is now what they saved
                    if choices.get(change.name) == THEIRS:
                        changed.pop(change.participant_id, None)
                        self.model.marks[change.participant_id] = change.theirs
            except events.EventError as exc:
                self.error_label.setText(str(exc))
                return
        super().accept()
