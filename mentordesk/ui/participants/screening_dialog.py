"""The screening checklist of one person: clearance with its reasons, and the checks behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import screening_not_started, screening_reading
from mentordesk.core.vocab import CheckKind, CheckOutcome, label
from mentordesk.services import participants as participants_service
from mentordesk.services.participants import CHECK_LABELS, CheckInput, CheckRow, ParticipantError
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import format_date
from mentordesk.ui.icons import icon
from mentordesk.ui.participants.detail_pane import checklist_detail
from mentordesk.ui.participants.fields import FormValidator
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, tab_moves_focus

# Which fields each kind of check uses (the rest are hidden so the form stays short).
FIELDS_FOR = {
    CheckKind.APPLICATION.value: set(),
    CheckKind.INTERVIEW.value: {"person_name"},
    CheckKind.REFERENCE.value: {"person_name", "relationship"},
    CheckKind.BACKGROUND.value: {"check_type", "reference_number", "expires_on"},
    CheckKind.TRAINING.value: {"hours", "topics", "expires_on"},
    CheckKind.CODE_OF_CONDUCT.value: {"expires_on"},
    CheckKind.ORIENTATION.value: set(),
}
CUSTOM_FIELDS = {"reference_number", "expires_on"}  # a check type the programme added
PERSON_LABEL = {CheckKind.INTERVIEW.value: "Interviewer", CheckKind.REFERENCE.value: "Referee"}


class CheckDialog(QDialog):
    def __init__(
        self,
        existing: CheckRow | None = None,
        kind: str | None = None,
        parent: QWidget | None = None,
        kinds: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        # The built-in check kinds and the programme's own (a driving record, insurance, ...).
        self.kinds = dict(kinds or CHECK_LABELS)
        if existing is not None and existing.kind not in self.kinds:
            self.kinds[existing.kind] = existing.kind  # a type since removed: the check stays editable
        self.setWindowTitle(self.tr("Screening check"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.kind = QComboBox()
        for value, text in self.kinds.items():
            self.kind.addItem(self.tr(text), value)
        self.outcome = QComboBox()
        for outcome in CheckOutcome:
            self.outcome.addItem(label(outcome.value), outcome.value)
        self.completed_on = DateEdit(optional=True, past_only=True)
        self.expires_on = DateEdit(optional=True)
        self.check_type = QLineEdit()
        self.check_type.setPlaceholderText(self.tr("e.g. Enhanced DBS with barred list"))
        self.reference_number = QLineEdit()
        self.person_name = QLineEdit()
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText(self.tr("e.g. line manager, former teacher"))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 200)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(self.tr(" h"))
        self.topics = QLineEdit()
        self.topics.setPlaceholderText(self.tr("e.g. safeguarding, boundaries, mandatory reporting"))
        self.notes = QPlainTextEdit()
        tab_moves_focus(self.notes)
        self.notes.setMaximumHeight(70)
        self.rows: dict[str, QWidget] = {}
        for key, text, widget in (
            ("kind", self.tr("&Check"), self.kind),
            ("outcome", self.tr("&Outcome"), self.outcome),
            ("completed_on", self.tr("Completed / cleared on"), self.completed_on),
            ("expires_on", self.tr("Expires / renew by"), self.expires_on),
            ("check_type", self.tr("Type"), self.check_type),
            ("reference_number", self.tr("Reference number"), self.reference_number),
            ("person_name", self.tr("Name"), self.person_name),
            ("relationship", self.tr("Relationship"), self.relationship),
            ("hours", self.tr("Hours"), self.hours),
            ("topics", self.tr("Topics"), self.topics),
            ("notes", self.tr("Notes"), self.notes),
        ):
            self.form.addRow(text, widget)
            self.rows[key] = widget
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        buttons = dialog_buttons(self)
        layout.addWidget(buttons)
        self.validator = FormValidator(self.error_label, buttons.button(QDialogButtonBox.StandardButton.Save))
        self.validator.add(self.completed_on, self.completed_on.error, self.completed_on.textChanged)
        self.validator.add(self.expires_on, self.expires_on.error, self.expires_on.textChanged)
        self.validator.add_form_check(self._service_errors)
        for widget in (self.check_type, self.person_name):
            widget.textChanged.connect(self.validator.validate)
        self.hours.valueChanged.connect(self.validator.validate)
        self.outcome.currentIndexChanged.connect(self.validator.validate)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if existing is not None:
            self._load(existing)
        elif kind:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        wanted = FIELDS_FOR.get(kind, CUSTOM_FIELDS)
        for key in (
            "check_type",
            "reference_number",
            "person_name",
            "relationship",
            "hours",
            "topics",
            "expires_on",
        ):
            self.form.setRowVisible(self.rows[key], key in wanted)
        label_widget = self.form.labelForField(self.person_name)
        if isinstance(label_widget, QLabel):
            label_widget.setText(self.tr(PERSON_LABEL.get(kind, "Name")))
        self.validator.validate()

    def _load(self, row: CheckRow) -> None:
        self.kind.setCurrentIndex(self.kind.findData(row.kind))
        self.outcome.setCurrentIndex(self.outcome.findData(row.outcome))
        self.completed_on.set_value(row.completed_on)
        self.expires_on.set_value(row.expires_on)
        self.check_type.setText(row.check_type)
        self.reference_number.setText(row.reference_number)
        self.person_name.setText(row.person_name)
        self.relationship.setText(row.relationship)
        self.hours.setValue(row.hours or 0)
        self.topics.setText(row.topics)
        self.notes.setPlainText(row.notes)

    def value(self) -> CheckInput:
        wanted = FIELDS_FOR.get(self.kind.currentData(), CUSTOM_FIELDS)

        def pick(key: str, value):
            return value if key in wanted else (None if key in ("hours", "expires_on") else "")

        return CheckInput(
            kind=self.kind.currentData(),
            outcome=self.outcome.currentData(),
            check_type=pick("check_type", self.check_type.text()),
            reference_number=pick("reference_number", self.reference_number.text()),
            completed_on=None if self.completed_on.error() else self.completed_on.value(),
            expires_on=pick("expires_on", None if self.expires_on.error() else self.expires_on.value()),
            person_name=pick("person_name", self.person_name.text()),
            relationship=pick("relationship", self.relationship.text()),
            hours=pick("hours", self.hours.value() or None),
            topics=pick("topics", self.topics.text()),
            notes=self.notes.toPlainText(),
        )

    def _service_errors(self) -> str:
        if self.completed_on.error() or self.expires_on.error():
            return ""
        return " ".join(participants_service.validate_check(self.value(), kinds=self.kinds).values())

    def accept(self) -> None:
        if self.validator.validate():
            super().accept()


class ScreeningDialog(QDialog):
    """Checklist and checks of one person in one programme; every change re-computes clearance."""

    def __init__(
        self, participant_id: int, programme_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.participant_id = participant_id
        self.programme_id = programme_id
        self.kinds = participants_service.check_types(programme_id).labels() if programme_id else dict(CHECK_LABELS)
        self.changed = False
        self.setWindowTitle(self.tr("Screening — {name}").format(name=name))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.clearance_label = QLabel()
        self.clearance_label.setWordWrap(True)
        self.clearance_label.setObjectName("sectionTitle")
        layout.addWidget(self.clearance_label)
        # Once screening is complete, moving the person on to Ready is one click away.
        self.ready_offer = QWidget()
        offer = QHBoxLayout(self.ready_offer)
        offer.setContentsMargins(0, 0, 0, 0)
        self.ready_text = QLabel()
        self.ready_text.setWordWrap(True)
        self.ready_button = QPushButton(icon("ok"), self.tr("Move to &Ready"))
        self.ready_button.clicked.connect(self.move_to_ready)
        offer.addWidget(self.ready_text, 1)
        offer.addWidget(self.ready_button)
        layout.addWidget(self.ready_offer)
        self.checklist = QTreeWidget()
        self.checklist.setAccessibleName(self.tr("Screening checklist"))
        self.checklist.setHeaderLabels([self.tr("Step"), self.tr("Done"), self.tr("Detail"), self.tr("Notes")])
        self.checklist.setRootIsDecorated(False)
        self.checklist.setMaximumHeight(190)
        layout.addWidget(self.checklist)
        layout.addWidget(QLabel(self.tr("Checks on record")))
        self.checks = QTreeWidget()
        self.checks.setAccessibleName(self.tr("Recorded checks"))
        self.checks.setHeaderLabels(
            [
                self.tr("Check"),
                self.tr("Outcome"),
                self.tr("Completed"),
                self.tr("Expires"),
                self.tr("Detail"),
                self.tr("Notes"),
            ]
        )
        self.checks.setRootIsDecorated(False)
        self.checks.itemDoubleClicked.connect(lambda *_: self.edit_check())
        self.checks.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.checks, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), self.tr("&Add check…"))
        self.add_button.clicked.connect(lambda: self.add_check())
        self.edit_button = QPushButton(icon("edit"), self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_check)
        self.delete_button = QPushButton(icon("delete"), self.tr("&Delete"))
        self.delete_button.clicked.connect(self.delete_check)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        checklist = participants_service.checklist(self.participant_id, self.programme_id)
        clearance = checklist.clearance
        rows = participants_service.roster(self.programme_id, participant_ids=[self.participant_id])
        self.enrolment = rows[0] if rows else None
        just_applied = self.enrolment is not None and screening_not_started(
            self.enrolment.status, self.enrolment.attention
        )
        if clearance is None:
            self.clearance_label.setText(self.tr("Not enrolled in this programme."))
        elif just_applied:
            # Only applied: say that nothing was screened, also when nothing is missing (a mentee whose
            # guardian's consent came with the application is cleared without any screening step).
            reading = screening_reading(clearance.cleared, "; ".join(clearance.reasons))
            self.clearance_label.setText("◷ " + self.tr("Screening not started") + " — " + reading)
        elif clearance.cleared:
            text = self.tr("Cleared")
            if clearance.warnings:
                text += " — " + "; ".join(clearance.warnings)
            self.clearance_label.setText("✔ " + text)
        else:
            self.clearance_label.setText(
                "✖ " + self.tr("Not cleared: {why}").format(why="; ".join(clearance.reasons))
            )
        waiting = self.enrolment is not None and self.enrolment.status in ("applied", "screening", "on_hold")
        self.ready_offer.setVisible(bool(clearance and clearance.cleared and waiting))
        if self.ready_offer.isVisibleTo(self) and self.enrolment is not None and just_applied:
            self.ready_text.setText(
                self.tr(
                    "{name} has only applied, and the programme requires no screening step of them beyond "
                    "what is recorded: move them to Ready to be matched once you are satisfied."
                ).format(name=self.enrolment.name)
            )
        elif self.ready_offer.isVisibleTo(self) and self.enrolment is not None:
            self.ready_text.setText(
                self.tr(
                    "Screening is complete. {name} is still {status}: move them to Ready to be matched."
                ).format(name=self.enrolment.name, status=label(self.enrolment.status).lower())
            )
        self.checklist.clear()
        for item in checklist.items:
            done = self.tr("Yes") if item.done else (self.tr("No") if item.required else self.tr("Optional"))
            notes = " · ".join(" ".join(note.split()) for note in item.notes)
            row = QTreeWidgetItem([item.step, done, checklist_detail(item), notes])
            row.setToolTip(3, "\n\n".join(item.notes))
            if item.done or item.required:
                row.setIcon(1, icon("ok", "#2E7D32") if item.done else icon("error", "#C62828"))
            self.checklist.addTopLevelItem(row)
        self.checks.clear()
        for check in participants_service.list_checks(self.participant_id, self.programme_id):
            detail = ", ".join(
                part
                for part in (
                    check.check_type,
                    check.reference_number,
                    check.person_name,
                    check.relationship,
                    f"{check.hours:g} h" if check.hours else "",
                    check.topics,
                )
                if part
            )
            row = QTreeWidgetItem(
                [
                    self.kinds.get(check.kind, check.kind),
                    label(check.outcome),
                    format_date(check.completed_on),
                    format_date(check.expires_on),
                    detail,
                    " ".join(check.notes.split()),
                ]
            )
            row.setToolTip(5, check.notes)
            row.setData(0, Qt.ItemDataRole.UserRole, check)
            self.checks.addTopLevelItem(row)
        for column in range(5):
            self.checks.resizeColumnToContents(column)
        for column in range(3):
            self.checklist.resizeColumnToContents(column)
        self._selection_changed()

    def _selected(self) -> CheckRow | None:
        items = self.checks.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def _selection_changed(self) -> None:
        has = self._selected() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _run(self, dialog: CheckDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def add_check(self, kind: str | None = None) -> None:
        dialog = CheckDialog(kind=kind, parent=self, kinds=self.kinds)
        if self._run(dialog):
            self._save(lambda: participants_service.add_check(self.participant_id, self.programme_id, dialog.value()))

    def edit_check(self) -> None:
        check = self._selected()
        if check is None:
            return
        guard = EditGuard(self)  # the edit is saved over the check as it is now, or the user is asked
        guard.watch("screening_check", check.id)
        dialog = CheckDialog(existing=check, parent=self, kinds=self.kinds)
        if self._run(dialog):
            self._save(lambda: guard.save(participants_service.update_check, check.id, dialog.value()))

    def delete_check(self) -> None:
        check = self._selected()
        if check is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete check"),
            self.tr("Delete this {kind} record? Clearance will be worked out again without it.").format(
                kind=self.kinds.get(check.kind, check.kind).lower()
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._save(lambda: participants_service.delete_check(check.id))

    def move_to_ready(self) -> None:
        if self.enrolment is None:
            return
        outcome = participants_service.bulk_change_status([self.enrolment.enrolment_id], "ready")
        if outcome.refused:
            QMessageBox.warning(self, self.tr("Not moved"), outcome.refused[0][1])
            return
        self.changed = True
        self.reload()
        self.clearance_label.setText(self.clearance_label.text() + " " + self.tr("— moved to Ready."))

    def _save(self, action) -> None:
        try:
            action()
        except ParticipantError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.changed = True
        self.reload()
