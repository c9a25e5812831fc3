"""New event / edit event: what, when, where, and who is invited (by role, by status or one by one)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDateTime, QSortFilterProxyModel, Qt, QTime
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.events import EVENT_KINDS, EventFields
from mentordesk.core.vocab import EnrolmentStatus, label
from mentordesk.services import events
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.date_edit import DateTimeEdit, py_minute, refuse_bad_dates, to_qdatetime
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    form_layout,
    primary_button,
    tab_moves_focus,
)

PERSON_ROLE = Qt.ItemDataRole.UserRole + 10
ROLES = (("", "Any role"), ("mentor", "Mentors"), ("mentee", "Mentees"), ("peer", "Peers"))


class EventDialog(QDialog):
    def __init__(
        self,
        programme_id: int,
        event: events.EventRow | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.event_row = event
        self.today = today or date.today()
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Edit event") if event else self.tr("New event"))
        self.setMinimumSize(900, 580)
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)

        # -- what, when, where ---------------------------------------------------------------------
        form = form_layout()
        self.kind_combo = QComboBox()
        for key, text in EVENT_KINDS.items():
            self.kind_combo.addItem(self.tr(text), key)
        self.kind_combo.setAccessibleName(self.tr("Kind of event"))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Mentor training: safeguarding"))
        start = QDateTime(to_qdatetime(datetime.combine(self.today + timedelta(days=7), datetime.min.time())))
        start.setTime(QTime(18, 0))
        self.starts_edit = DateTimeEdit(start)
        self.starts_edit.setAccessibleName(self.tr("Starts"))
        self.length_spin = QSpinBox()
        self.length_spin.setRange(5, 7 * 24 * 60)
        self.length_spin.setSingleStep(15)
        self.length_spin.setValue(90)
        self.length_spin.setSuffix(self.tr(" minutes"))
        self.length_spin.setAccessibleName(self.tr("Length in minutes"))
        self.place_edit = QLineEdit()
        self.place_edit.setAccessibleName(self.tr("Place"))
        self.place_edit.setPlaceholderText(self.tr("e.g. School library"))
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0, 200)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setValue(2.0)
        self.hours_spin.setSuffix(self.tr(" hours"))
        self.hours_spin.setAccessibleName(self.tr("Training hours credited"))
        self.topics_edit = QLineEdit()
        self.topics_edit.setAccessibleName(self.tr("Training topics"))
        self.topics_edit.setPlaceholderText(self.tr("e.g. Safeguarding, boundaries, mandatory reporting"))
        self.notes_edit = tab_moves_focus(QPlainTextEdit())
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 4 + 12)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Starts:"), self.starts_edit)
        form.addRow(self.tr("&Length:"), self.length_spin)
        form.addRow(self.tr("&Place:"), self.place_edit)
        self.hours_label = QLabel(self.tr("Training &hours:"))
        self.hours_label.setBuddy(self.hours_spin)
        self.topics_label = QLabel(self.tr("T&opics:"))
        self.topics_label.setBuddy(self.topics_edit)
        form.addRow(self.hours_label, self.hours_spin)
        form.addRow(self.topics_label, self.topics_edit)
        form.addRow(self.tr("&Notes:"), self.notes_edit)
        self.training_hint = QLabel(
            self.tr(
                "Each person marked attended in the register gets a passed training check with these hours "
                "and topics in their screening; it counts toward clearance."
            )
        )
        self.training_hint.setObjectName("hint")
        self.training_hint.setWordWrap(True)
        form.addRow("", self.training_hint)
        self.kind_warning = QLabel()
        self.kind_warning.setObjectName("hint")
        self.kind_warning.setWordWrap(True)
        form.addRow("", self.kind_warning)
        details = QWidget()
        stacked = QVBoxLayout(details)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.addLayout(form)
        stacked.addStretch(1)
        details.setMinimumWidth(440)
        self.starts_edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        columns.addWidget(details, 3)

        # -- who is invited ------------------------------------------------------------------------
        box = QGroupBox(self.tr("Invitees"))
        inner = QVBoxLayout(box)
        by = QHBoxLayout()
        self.role_combo = QComboBox()
        for key, text in ROLES:
            self.role_combo.addItem(self.tr(text), key)
        self.role_combo.setAccessibleName(self.tr("Invite by role"))
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("Any status"), "")
        for status in EnrolmentStatus:
            self.status_combo.addItem(self.tr(label(status.value)), status.value)
        self.status_combo.setAccessibleName(self.tr("Invite by status"))
        self.add_button = QPushButton(icon("add"), self.tr("&Add these"))
        self.add_button.setAccessibleName(self.tr("Invite everyone of this role and status"))
        self.add_button.clicked.connect(self.add_group)
        by.addWidget(self.role_combo, 1)
        by.addWidget(self.status_combo, 1)
        by.addWidget(self.add_button)
        inner.addLayout(by)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find a person by name…"))
        self.find_edit.setAccessibleName(self.tr("Find a person"))
        self.find_edit.setClearButtonEnabled(True)
        inner.addWidget(self.find_edit)
        self.people_model = QStandardItemModel(self)
        self.people_proxy = QSortFilterProxyModel(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.people_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.find_edit.textChanged.connect(self.people_proxy.setFilterFixedString)
        self.people_view = QListView()
        self.people_view.setModel(self.people_proxy)
        self.people_view.setAccessibleName(self.tr("People to invite (Space ticks)"))
        self.people_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_view.setUniformItemSizes(True)
        inner.addWidget(self.people_view, 1)
        clear_row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("How many are invited"))
        self.clear_button = QPushButton(self.tr("Cl&ear all"))
        self.clear_button.setAccessibleName(self.tr("Invite nobody"))
        self.clear_button.clicked.connect(lambda: self._tick_all(False))
        clear_row.addWidget(self.count_label, 1)
        clear_row.addWidget(self.clear_button)
        inner.addLayout(clear_row)
        columns.addWidget(box, 2)

        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(self.tr("&Save event"))
        layout.addWidget(dialog_buttons(self, self.save_button))

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.people_model.itemChanged.connect(lambda _item: self._count())
        self._load_people()
        if event is not None:
            self._load(event)
        self._kind_changed()
        self._count()
        self.title_edit.setFocus()

    # -- loading -----------------------------------------------------------------------------------
    def _load_people(self) -> None:
        invited = {i.participant_id for i in events.invitees(self.event_row.id)} if self.event_row else set()
        self.candidates = events.candidates(self.programme_id)
        for person in self.candidates:
            item = QStandardItem(
                f"{person.name} — {self.tr(person.role.capitalize())}, {self.tr(label(person.status)).lower()}"
            )
            item.setData(person.participant_id, PERSON_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(
                Qt.CheckState.Checked if person.participant_id in invited else Qt.CheckState.Unchecked
            )
            self.people_model.appendRow(item)

    def _load(self, event: events.EventRow) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(event.kind)))
        self.title_edit.setText(event.title)
        self.starts_edit.setDateTime(to_qdatetime(event.starts_at))
        self.length_spin.setValue(event.duration_minutes)
        self.place_edit.setText(event.place)
        if event.training_hours:
            self.hours_spin.setValue(event.training_hours)
        self.topics_edit.setText(event.training_topics)
        self.notes_edit.setPlainText(event.notes)

    def _kind_changed(self, *_args) -> None:
        training = self.kind_combo.currentData() == "training"
        for widget in (
            self.hours_label,
            self.hours_spin,
            self.topics_label,
            self.topics_edit,
            self.training_hint,
        ):
            widget.setVisible(training)
        was = self.event_row
        losing = was is not None and was.kind == "training" and was.attended > 0 and not training
        self.kind_warning.setText(
            self.tr(
                "Saving removes the {n} training check(s) this session's register recorded in screening."
            ).format(n=was.attended if was is not None else 0)
            if losing
            else ""
        )
        self.kind_warning.setVisible(losing)

    # -- invitees ----------------------------------------------------------------------------------
    def _items(self) -> list[QStandardItem]:
        return [self.people_model.item(row) for row in range(self.people_model.rowCount())]

    def invited_ids(self) -> list[int]:
        return [i.data(PERSON_ROLE) for i in self._items() if i.checkState() == Qt.CheckState.Checked]

    def _tick_all(self, on: bool, ids: set[int] | None = None) -> None:
        for item in self._items():
            if ids is None or item.data(PERSON_ROLE) in ids:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def add_group(self) -> int:
        role, status = self.role_combo.currentData(), self.status_combo.currentData()
        ids = {
            c.participant_id
            for c in self.candidates
            if (not role or c.role == role) and (not status or c.status == status)
        }
        self._tick_all(True, ids)
        return len(ids)

    def _count(self) -> None:
        n = len(self.invited_ids())
        self.count_label.setText(self.tr("{n} of {total} invited").format(n=n, total=len(self.candidates)))

    # -- saving ------------------------------------------------------------------------------------
    def fields(self) -> EventFields:
        kind = self.kind_combo.currentData()
        return EventFields(
            kind,
            self.title_edit.text(),
            py_minute(self.starts_edit.dateTime()),
            self.length_spin.value(),
            self.place_edit.text(),
            self.notes_edit.toPlainText(),
            self.hours_spin.value() if kind == "training" else None,
            self.topics_edit.text() if kind == "training" else "",
        )

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        try:
            self.saved_id = events.save_event(
                self.programme_id,
                self.fields(),
                self.event_row.id if self.event_row else None,
                self.invited_ids(),
                today=self.today,
            )
        except events.EventError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()
