"""Add or edit a participant: details, enrolment, tags, availability and away dates, preferences."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import Invalid, age_on, parse_email, parse_phone
from mentordesk.core.vocab import EnrolmentStatus, Role, label
from mentordesk.services import participants
from mentordesk.services.participants import EnrolmentDetails, ParticipantError, PersonDetails, Profile
from mentordesk.ui.formatting import format_date
from mentordesk.ui.participants.editors import AwayEditor, ExclusionEditor, SlotEditor, TagEditor
from mentordesk.ui.participants.fields import FormValidator
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, hint_label, tab_moves_focus


def _check(parser, widget: QLineEdit):
    def check() -> str:
        try:
            parser(widget.text())
        except Invalid as exc:
            return str(exc)
        return ""

    return check


class PersonDialog(QDialog):
    """``participant_id`` None adds a new person to the programme; otherwise edits them."""

    def __init__(
        self,
        programme_id: int,
        participant_id: int | None = None,
        people: list[tuple[int, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.programme_id = programme_id
        self.participant_id = participant_id
        self.saved_id: int | None = None
        self.setWindowTitle(
            self.tr("Add participant") if participant_id is None else self.tr("Edit participant")
        )
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        others = [(pid, name) for pid, name in (people or []) if pid != participant_id]
        known = participants.load_profile(participant_id, programme_id) if participant_id else None
        self._build_details()
        self._build_programme(others, is_new=known is None or known.enrolment is None)
        self._build_tags_and_time()
        self.error_label = error_label(hidden=True)
        layout.addWidget(self.error_label)
        self.buttons = dialog_buttons(self)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.validator = FormValidator(self.error_label, self.ok_button)
        self._wire_validation()
        if known is not None:
            self._load(known)
        self.validator.validate()
        self.first_name.setFocus()

    # -- construction -------------------------------------------------------------------------
    def _build_details(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.preferred_name = QLineEdit()
        self.preferred_name.setPlaceholderText(self.tr("if different from the first name"))
        self.pronouns = QLineEdit()
        self.pronouns.setPlaceholderText(self.tr("e.g. she/her, they/them"))
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.org")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("07700 900123")
        self.date_of_birth = DateEdit(optional=True, past_only=True)
        self.age_hint = hint_label(lines=2)  # "Read as … (age 14) — a minor: …" never pushes the form
        self.age_band = QLineEdit()
        self.age_band.setPlaceholderText(self.tr("e.g. 14-16, when the date of birth is not held"))
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(self.tr("school, employer or organisation"))
        self.department = QLineEdit()
        self.department.setPlaceholderText(self.tr("year group, class or department"))
        self.seniority = QSpinBox()
        self.seniority.setRange(-1, 80)
        self.seniority.setSpecialValueText(self.tr("not given"))
        self.seniority.setValue(-1)
        self.accessibility = QLineEdit()
        self.emergency = QLineEdit()
        self.notes = QPlainTextEdit()
        tab_moves_focus(self.notes)
        self.notes.setPlaceholderText(
            self.tr("Anything the coordinator should know. Keep only what is needed.")
        )
        self.notes.setMaximumHeight(90)
        form.addRow(self.tr("&First name *"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("Preferred name"), self.preferred_name)
        form.addRow(self.tr("Pronouns"), self.pronouns)
        form.addRow(self.tr("&E-mail"), self.email)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow(self.tr("&Date of birth"), self.date_of_birth)
        form.addRow("", self.age_hint)
        form.addRow(self.tr("Age band"), self.age_band)
        form.addRow(self.tr("&Organisation"), self.organisation)
        form.addRow(self.tr("Year group / department"), self.department)
        form.addRow(self.tr("Years of experience"), self.seniority)
        form.addRow(self.tr("Accessibility needs"), self.accessibility)
        form.addRow(self.tr("Emergency contact"), self.emergency)
        form.addRow(self.tr("&Notes"), self.notes)
        self.tabs.addTab(page, self.tr("Details"))

    def _build_programme(self, others: list[tuple[int, str]], is_new: bool) -> None:
        page = QWidget()
        form = QFormLayout(page)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(label(role.value), role.value)
        self.status = QComboBox()
        for status in (EnrolmentStatus.APPLIED, EnrolmentStatus.SCREENING, EnrolmentStatus.READY):
            self.status.addItem(label(status.value), status.value)
        self.status.setEnabled(is_new)
        self.status.setToolTip(
            self.tr("Later moves go through Change status, which checks clearance.") if not is_new else ""
        )
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 20)
        self.capacity.setSuffix(self.tr(" mentee(s)"))
        self.drives = QCheckBox(self.tr("Dri&ves participants (the programme's driver checks apply)"))
        self.referral = QLineEdit()
        self.referral.setPlaceholderText(self.tr("e.g. Head of year, self-referral"))
        self.preferences = QPlainTextEdit()
        tab_moves_focus(self.preferences)
        self.preferences.setPlaceholderText(
            self.tr("e.g. prefers a mentor who works in engineering; after school only")
        )
        self.preferences.setMaximumHeight(70)
        self.exclusions = ExclusionEditor(others)
        form.addRow(self.tr("&Role *"), self.role)
        form.addRow(self.tr("Status"), self.status)
        form.addRow(self.tr("Mentor &capacity"), self.capacity)
        form.addRow("", self.drives)
        form.addRow(self.tr("Referral source"), self.referral)
        form.addRow(self.tr("P&references"), self.preferences)
        form.addRow(self.tr("Not with"), self.exclusions)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.tabs.addTab(page, self.tr("Programme"))

    def _build_tags_and_time(self) -> None:
        known = participants.known_tags()
        tags_page = QWidget()
        tags_layout = QVBoxLayout(tags_page)
        self.tags = TagEditor(known)
        tags_layout.addWidget(self.tags)
        self.tabs.addTab(tags_page, self.tr("Tags"))
        time_page = QWidget()
        time_layout = QFormLayout(time_page)
        self.slots = SlotEditor()
        self.away = AwayEditor()
        time_layout.addRow(self.tr("Weekly availability"), self.slots)
        time_layout.addRow(self.tr("Away dates"), self.away)
        self.tabs.addTab(time_page, self.tr("Availability"))

    def _wire_validation(self) -> None:
        v = self.validator
        v.add_text(self.first_name, "first_name", required=self.tr("a first name is required"))
        for widget, key in (
            (self.last_name, "last_name"),
            (self.preferred_name, "preferred_name"),
            (self.pronouns, "pronouns"),
            (self.age_band, "age_band"),
            (self.organisation, "organisation"),
            (self.department, "department"),
            (self.accessibility, "accessibility_needs"),
            (self.emergency, "emergency_contact"),
            (self.notes, "notes"),
            (self.referral, "referral_source"),
            (self.preferences, "preferences"),
        ):
            v.add_text(widget, key)
        v.add(self.email, _check(parse_email, self.email), self.email.textChanged)
        v.add(self.phone, _check(parse_phone, self.phone), self.phone.textChanged)
        v.add(self.date_of_birth, self.date_of_birth.error, self.date_of_birth.textChanged)
        v.add_form_check(self.slots.error)
        v.add_form_check(self.away.error)
        self.slots.changed.connect(v.validate)
        self.away.changed.connect(v.validate)
        self.date_of_birth.textChanged.connect(self._show_age)

    # -- behaviour ----------------------------------------------------------------------------
    def _role_changed(self) -> None:
        self.capacity.setEnabled(self.role.currentData() == Role.MENTOR.value)

    def _show_age(self) -> None:
        if self.date_of_birth.error() or not self.date_of_birth.text().strip():
            self.age_hint.setText("")
            return
        born = self.date_of_birth.value()
        assert born is not None
        age = age_on(born, date.today())
        text = self.tr("Read as {day} (age {age})").format(day=format_date(born, long=True), age=age)
        if age < 18:
            text += self.tr(" — a minor: guardian details and consent are needed before they can be ready.")
        self.age_hint.setText(text)

    def _load(self, profile: Profile) -> None:
        person = profile.person
        for name in (
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "email",
            "phone",
            "age_band",
            "organisation",
            "department",
        ):
            getattr(self, name).setText(getattr(person, name))
        self.date_of_birth.set_value(person.date_of_birth)
        self.seniority.setValue(person.seniority if person.seniority is not None else -1)
        self.accessibility.setText(person.accessibility_needs)
        self.emergency.setText(person.emergency_contact)
        self.notes.setPlainText(person.notes)
        if profile.enrolment is not None:
            enrolment = profile.enrolment
            self.role.setCurrentIndex(self.role.findData(enrolment.role))
            index = self.status.findData(enrolment.status)
            if index < 0:
                self.status.addItem(label(enrolment.status), enrolment.status)
                index = self.status.count() - 1
            self.status.setCurrentIndex(index)
            self.capacity.setValue(enrolment.capacity)
            self.drives.setChecked(enrolment.drives)
            self.referral.setText(enrolment.referral_source)
            self.preferences.setPlainText(enrolment.preferences)
        self.tags.set_values(profile.tags)
        self.slots.set_values(profile.slots)
        self.away.set_values(profile.away)
        self.exclusions.set_values(profile.exclusions)

    def profile(self) -> Profile:
        details = PersonDetails(
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            preferred_name=self.preferred_name.text(),
            pronouns=self.pronouns.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            date_of_birth=self.date_of_birth.value(),
            age_band=self.age_band.text(),
            organisation=self.organisation.text(),
            department=self.department.text(),
            seniority=None if self.seniority.value() < 0 else self.seniority.value(),
            accessibility_needs=self.accessibility.text(),
            emergency_contact=self.emergency.text(),
            notes=self.notes.toPlainText(),
        )
        enrolment = EnrolmentDetails(
            role=self.role.currentData(),
            status=self.status.currentData(),
            capacity=self.capacity.value(),
            referral_source=self.referral.text(),
            preferences=self.preferences.toPlainText(),
            drives=self.drives.isChecked(),
        )
        return Profile(
            details,
            enrolment,
            self.tags.values(),
            self.slots.values(),
            self.away.values(),
            self.exclusions.values(),
        )

    def accept(self) -> None:
        if not self.validator.validate():
            return
        try:
            self.saved_id = participants.save_profile(self.participant_id, self.programme_id, self.profile())
        except ParticipantError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()
