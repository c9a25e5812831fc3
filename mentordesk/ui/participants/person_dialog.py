"""Add or edit a participant: details, enrolment, tags, availability and away dates, preferences."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import Invalid, age_on, parse_email, parse_phone
from mentordesk.core.vocab import ConsentKind, EnrolmentStatus, Role, label
from mentordesk.services import participants
from mentordesk.services.participants import (
    ConsentInput,
    EnrolmentDetails,
    GuardianInput,
    ParticipantError,
    PersonDetails,
    Profile,
)
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.formatting import format_date
from mentordesk.ui.participants.custom_editor import CustomAnswers
from mentordesk.ui.participants.editors import AwayEditor, ExclusionEditor, SlotEditor, TagEditor
from mentordesk.ui.participants.fields import FormValidator
from mentordesk.ui.widgets.date_edit import DateEdit
from mentordesk.ui.widgets.discard_guard import AsksBeforeDiscarding
from mentordesk.ui.widgets.form_parts import (
    dialog_buttons,
    error_label,
    hint_label,
    scroll_area,
    tab_moves_focus,
)
from mentordesk.ui.widgets.screen_fit import fit_on_screen

ADULT_AGE = 18


class _WholePageScroll(QScrollArea):
    """A scroll area that asks for its whole page, so the dialog opens big enough to show it all
    where the screen allows (QScrollArea alone asks for a small fixed box)."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        page = self.widget()
        if page is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        hint = page.sizeHint()
        return QSize(hint.width() + frame + bar, hint.height() + frame)


def _check(parser, widget: QLineEdit):
    def check() -> str:
        try:
            parser(widget.text())
        except Invalid as exc:
            return str(exc)
        return ""

    return check


class PersonDialog(AsksBeforeDiscarding, QDialog):
    """``participant_id`` None adds a new person to the programme; otherwise edits them.

    Adding a minor, the Details tab also takes their guardian and the guardian's consent, saved
    with the person in one transaction; the role turns to Mentee unless one was chosen. Escape,
    Cancel or closing the window asks before throwing away anything typed.
    """

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
        self.is_new = participant_id is None
        self._role_chosen = False  # the user picked a role: typing a date of birth leaves it alone
        self._role_defaulted = False  # the role was turned to Mentee for a minor, not by the user
        self.setWindowTitle(
            self.tr("Add participant") if participant_id is None else self.tr("Edit participant")
        )
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        others = [(pid, name) for pid, name in (people or []) if pid != participant_id]
        self.guard = EditGuard(self)  # the save is checked against the versions read here
        known = self.guard.read(participants.load_profile, participant_id, programme_id) if participant_id else None
        self._build_details()
        self._build_programme(others, is_new=known is None or known.enrolment is None)
        self._build_tags_and_time()
        self._build_custom(known)
        self.error_label = error_label(hidden=True)
        layout.addWidget(self.error_label)
        self.buttons = dialog_buttons(self)
        layout.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.validator = FormValidator(self.error_label, self.ok_button)
        self._wire_validation()
        if known is not None:
            self._load(known)
        self._show_guardian(finished=True)
        self._show_age()
        self.validator.validate()
        self.watch_typing()  # Escape, Cancel and closing ask first once something is typed
        self._fitted = False
        self.first_name.setFocus()

    # -- construction -------------------------------------------------------------------------
    def _build_details(self) -> None:
        page = QWidget()
        self.details_page = page
        column = QVBoxLayout(page)
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)  # spare height below the form, never between its rows (they would move)
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
        self.notes.setMaximumHeight(74)  # the Details page fits a 1024x700 screen without scrolling
        form.addRow(self.tr("&First name *"), self.first_name)
        form.addRow(self.tr("&Last name"), self.last_name)
        form.addRow(self.tr("Preferred name"), self.preferred_name)
        form.addRow(self.tr("Pronouns"), self.pronouns)
        form.addRow(self.tr("&E-mail"), self.email)
        form.addRow(self.tr("&Phone"), self.phone)
        form.addRow(self.tr("&Date of birth"), self.date_of_birth)
        form.addRow("", self.age_hint)
        form.addRow(self._build_guardian())
        form.addRow(self.tr("Age band"), self.age_band)
        form.addRow(self.tr("&Organisation"), self.organisation)
        form.addRow(self.tr("Year group / department"), self.department)
        form.addRow(self.tr("Years of experience"), self.seniority)
        form.addRow(self.tr("Accessibility needs"), self.accessibility)
        form.addRow(self.tr("Emergency contact"), self.emergency)
        form.addRow(self.tr("&Notes"), self.notes)
        # The page scrolls when a minor's guardian fields make it taller than a laptop screen.
        self.details_scroll = _WholePageScroll()
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setWidget(page)
        self.tabs.addTab(self.details_scroll, self.tr("Details"))

    def _build_guardian(self) -> QGroupBox:
        """A minor's guardian and their consent, shown only while adding someone under 18."""
        box = QGroupBox(self.tr("Guardian and consent"))
        self.guardian_box = box
        form = QFormLayout(box)
        self.guardian_name = QLineEdit()
        self.guardian_relationship = QLineEdit()
        self.guardian_relationship.setPlaceholderText(self.tr("e.g. mother, father, carer"))
        self.guardian_phone = QLineEdit()
        self.guardian_phone.setPlaceholderText("07700 900123")
        self.guardian_email = QLineEdit()
        self.guardian_email.setPlaceholderText("name@example.org")
        self.consent_given = QCheckBox(self.tr("Consent to take part &given on"))
        self.consent_given.setToolTip(
            self.tr("The guardian's permission for the young person to take part (parental permission)")
        )
        self.consent_on = DateEdit(optional=True, past_only=True)
        self.consent_on.setAccessibleName(self.tr("Consent given on"))
        self.consent_on.set_value(date.today())
        self.consent_on.setEnabled(False)
        consent_row = QHBoxLayout()
        consent_row.setContentsMargins(0, 0, 0, 0)
        consent_row.addWidget(self.consent_given)
        consent_row.addWidget(self.consent_on, 1)
        form.addRow(self.tr("Guardian's na&me"), self.guardian_name)
        form.addRow(self.tr("Relation&ship"), self.guardian_relationship)
        form.addRow(self.tr("Guardian's p&hone"), self.guardian_phone)
        form.addRow(self.tr("Guardian's e-ma&il"), self.guardian_email)
        form.addRow("", consent_row)
        self.consent_given.toggled.connect(self.consent_on.setEnabled)
        box.setVisible(False)
        return box

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
        self.role.activated.connect(self._role_picked)  # only the user's own choice, never our default
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

    def _build_custom(self, known: Profile | None) -> None:
        """ "More about them": the programme's custom fields for the person's role."""
        role = known.enrolment.role if known is not None and known.enrolment is not None else None
        self.custom_fields = participants.list_fields(self.programme_id, role)
        self.custom = CustomAnswers(self.custom_fields)
        if self.participant_id is not None:
            answers = participants.read_answers(self.participant_id, self.programme_id)
            self.custom.set_values({a.field.id: a.value for a in answers if a.value is not None})
        self.tabs.addTab(scroll_area(self.custom), self.tr("More about them"))

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
        v.add_text(self.guardian_name, "guardian_name")
        v.add_text(self.guardian_relationship, "relationship")
        v.add(self.guardian_email, _check(parse_email, self.guardian_email), self.guardian_email.textChanged)
        v.add(self.guardian_phone, _check(parse_phone, self.guardian_phone), self.guardian_phone.textChanged)
        v.add(self.consent_on, self._consent_date_problem, self.consent_on.textChanged)
        v.add_form_check(self._guardian_problem)
        self.consent_given.toggled.connect(v.validate)
        self.date_of_birth.textChanged.connect(self._show_age)
        self.date_of_birth.textChanged.connect(lambda: self._show_guardian())
        self.date_of_birth.editingFinished.connect(lambda: self._show_guardian(finished=True))
        for field in (self.guardian_name, self.guardian_phone, self.guardian_email):
            field.textChanged.connect(self._show_age)
        self.consent_given.toggled.connect(self._show_age)
        self.consent_on.textChanged.connect(self._show_age)

    # -- behaviour ----------------------------------------------------------------------------
    def _role_changed(self) -> None:
        self.capacity.setEnabled(self.role.currentData() == Role.MENTOR.value)

    def _role_picked(self) -> None:
        self._role_chosen = True
        self._role_defaulted = False

    def _set_role(self, role: Role) -> None:
        self.role.setCurrentIndex(self.role.findData(role.value))

    def age(self) -> int | None:
        """The age the typed date of birth gives today; None while there is none (or it is not a date)."""
        if self.date_of_birth.error() or not self.date_of_birth.text().strip():
            return None
        born = self.date_of_birth.value()
        return age_on(born, date.today()) if born is not None else None

    def _show_guardian(self, finished: bool = False) -> None:
        """The guardian's fields while adding a minor. As the date is typed they come only once it
        has its four-digit year ("12/05/20" is a six-year-old on the way to 2011), and half-typed
        text keeps them as they were, so the form does not flicker; leaving the field decides."""
        text = self.date_of_birth.text().strip()
        age = self.age()
        if not text:
            shown = False
        elif age is not None and (finished or re.search(r"\d{4}", text)):
            shown = age < ADULT_AGE
        else:
            return
        shown = shown and self.is_new
        if shown != self._guardian_shown():
            self.guardian_box.setVisible(shown)
            if shown:  # it opens right under the date being typed; Tab into it scrolls it into view
                QTimer.singleShot(0, self, self._fit_height)  # once the new fields have their sizes
            self.validator.validate()
            self._show_age()

    def _show_age(self) -> None:
        age = self.age()
        minor = age is not None and age < ADULT_AGE
        self._default_role(minor)
        warning = False
        if age is None:
            text = ""
        else:
            born = self.date_of_birth.value()
            assert born is not None
            text = self.tr("Read as {day} (age {age})").format(day=format_date(born, long=True), age=age)
            if minor and not self.is_new:
                text += self.tr(" — a minor: their guardian and consent are kept under Guardians.")
            elif minor and self._guardian_complete():
                text += self.tr(" — a minor: their guardian and consent are saved with them.")
            elif minor and not self._guardian_shown():  # the year is still being typed
                text += self.tr(" — a minor: a guardian and their consent are needed before they can be ready.")
                warning = True
            elif minor:
                missing = (
                    self.tr("a guardian and their consent")
                    if not self.guardian_name.text().strip()
                    else self.tr("the guardian's phone or e-mail")
                    if not (self.guardian_phone.text().strip() or self.guardian_email.text().strip())
                    else self.tr("the guardian's consent")
                )
                text += self.tr(" — a minor: record {missing} below before they can be ready.").format(
                    missing=missing
                )
                warning = True
        self.age_hint.setText(text)
        self.age_hint.setObjectName("warning" if warning else "hint")
        self.age_hint.style().unpolish(self.age_hint)
        self.age_hint.style().polish(self.age_hint)

    def _default_role(self, minor: bool) -> None:
        """A new minor is a mentee unless the user chose otherwise; an adult again, back to the default."""
        if not self.is_new or self._role_chosen:
            return
        if minor and self.role.currentData() != Role.MENTEE.value:
            self._set_role(Role.MENTEE)
            self._role_defaulted = True
        elif not minor and self._role_defaulted:
            self._set_role(Role.MENTOR)
            self._role_defaulted = False

    # -- the guardian -------------------------------------------------------------------------
    def _guardian_shown(self) -> bool:
        """The guardian's fields are part of the form (also while another tab is in front)."""
        return not self.guardian_box.isHidden()

    def _guardian_used(self) -> bool:
        return self._guardian_shown() and (
            any(
                field.text().strip()
                for field in (
                    self.guardian_name,
                    self.guardian_relationship,
                    self.guardian_phone,
                    self.guardian_email,
                )
            )
            or self.consent_given.isChecked()
        )

    def _guardian_complete(self) -> bool:
        return (
            bool(self.guardian_name.text().strip())
            and bool(self.guardian_phone.text().strip() or self.guardian_email.text().strip())
            and self.consent_given.isChecked()
            and self.consent_on.day() is not None
            and not self._guardian_problem()
        )

    def _consent_date_problem(self) -> str:
        if not self._guardian_shown() or not self.consent_given.isChecked():
            return ""
        if not self.consent_on.text().strip():
            return self.tr("give the date the consent was given")
        return self.consent_on.error()

    def _guardian_problem(self) -> str:
        if not self._guardian_used():
            return ""
        if not self.guardian_name.text().strip():
            return self.tr("Give the guardian's name, or clear their other details.")
        if not (self.guardian_phone.text().strip() or self.guardian_email.text().strip()):
            return self.tr("Give the guardian's phone number or e-mail address so they can be reached.")
        return ""

    def guardian(self) -> GuardianInput | None:
        if not self._guardian_used():
            return None
        return GuardianInput(
            self.guardian_name.text(),
            self.guardian_relationship.text(),
            self.guardian_email.text(),
            self.guardian_phone.text(),
            is_emergency_contact=True,
        )

    def consent(self) -> ConsentInput | None:
        if not self._guardian_used() or not self.consent_given.isChecked():
            return None
        return ConsentInput(ConsentKind.PARENTAL_PERMISSION.value, True, self.consent_on.day())

    def _fit_height(self) -> None:
        """Grow for a minor's guardian fields where the screen has room; on a laptop the page scrolls."""
        page_layout, layout = self.details_page.layout(), self.layout()
        assert page_layout is not None and layout is not None
        page_layout.activate()
        # A scroll area does not pass its page's new size on: tell the tabs and the dialog.
        self.details_scroll.updateGeometry()
        self.tabs.updateGeometry()
        layout.invalidate()
        layout.activate()
        wanted = self.sizeHint().height()
        if self.isVisible() and wanted > self.height():
            self.resize(self.width(), wanted)
            fit_on_screen(self)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._fitted:
            # Its natural size (Qt's first guess keeps a window to 2/3 of the screen, so the Details
            # page scrolled even on a large screen), but never larger than the screen.
            self._fitted = True
            self.resize(self.size().expandedTo(self.sizeHint()))
            fit_on_screen(self)

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
        saved: int | None
        role = self.role.currentData()
        fields = [f for f in self.custom_fields if f.applies_to(role)]
        answers, problems = participants.check_answers(fields, self.custom.values())
        if problems:
            self.error_label.setText(" ".join(problems))
            self.error_label.show()
            self.tabs.setCurrentIndex(self.tabs.count() - 1)
            return
        try:
            guardian = self.guardian() if self.is_new else None
            if guardian is not None:  # a new person: nobody else can have changed them
                saved = participants.add_person_with_guardian(
                    self.programme_id, self.profile(), guardian, self.consent()
                )
            else:
                saved = self.guard.save(
                    participants.save_profile, self.participant_id, self.programme_id, self.profile()
                )
        except ParticipantError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        if self.guard.withdrawn:  # someone else saved meanwhile and the user went back to editing
            return
        if saved is not None and answers:
            participants.write_values(saved, answers)
        self.saved_id = saved
        self.leave_without_asking()
        super().accept()

    # -- leaving without saving ---------------------------------------------------------------
    def discard_question(self) -> tuple[str, str]:
        if self.is_new:
            return self.tr("Discard this new participant?"), self.tr("What you typed is not saved.")
        name = " ".join(f"{self.first_name.text()} {self.last_name.text()}".split())
        return (
            self.tr("Discard your changes to {name}?").format(name=name or self.tr("this person")),
            self.tr("The saved details stay as they were."),
        )
