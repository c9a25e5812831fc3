"""Screening rules of the current programme: what a mentor needs to be cleared, and consent for minors."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.participants import ClearanceRules
from mentordesk.services import programmes
from mentordesk.services.participants import rules_for, save_rules
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import form_layout, section_intro


class ScreeningTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.heading = section_intro(
            layout,
            self.tr(
                "Clearance is worked out from each person's checks with these rules; nobody can be marked "
                "ready, or matched, until they are cleared. The defaults follow the usual standard for "
                "youth schemes (two references, a valid background check, two hours of training)."
            ),
        )
        mentors = QGroupBox(self.tr("Mentors"))
        form = form_layout(mentors)
        self.interview = QCheckBox(self.tr("Mentors need an interview"))
        self.references = QSpinBox()
        self.references.setRange(0, 5)
        self.references.setSuffix(self.tr(" references"))
        self.background = QCheckBox(self.tr("Mentors need a valid background check (e.g. enhanced DBS)"))
        self.training = QDoubleSpinBox()
        self.training.setRange(0, 40)
        self.training.setSingleStep(0.5)
        self.training.setSuffix(self.tr(" hours"))
        self.code = QCheckBox(self.tr("Mentors sign the code of conduct"))
        for spin in (self.references, self.training):
            spin.setMaximumWidth(180)
        self.consent = QCheckBox(self.tr("Mentees under 18 need a guardian and their consent"))
        form.addRow("", self.interview)
        form.addRow(self.tr("&References needed:"), self.references)
        form.addRow("", self.background)
        form.addRow(self.tr("&Training before matching:"), self.training)
        form.addRow("", self.code)
        mentees = QGroupBox(self.tr("Mentees"))
        form_layout(mentees).addRow("", self.consent)
        layout.addWidget(mentors)
        layout.addWidget(mentees)
        buttons = QHBoxLayout()
        # Saved as soon as a rule changes, like every Settings tab (Ctrl+Z on the page undoes it).
        self.reset_button = QPushButton(icon("refresh"), self.tr("Use the recommended rules"))
        self.reset_button.clicked.connect(self._use_recommended)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self._showing = False
        for box in (self.interview, self.background, self.code, self.consent):
            box.toggled.connect(self._changed)
        self.references.valueChanged.connect(self._changed)
        self.training.valueChanged.connect(self._changed)
        ctx.programmeChanged.connect(lambda _id: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        programme_id = self.ctx.programme_id
        enabled = bool(programme_id)
        for widget in (
            self.interview,
            self.references,
            self.background,
            self.training,
            self.code,
            self.consent,
        ):
            widget.setEnabled(enabled)
        self.reset_button.setEnabled(enabled)
        if not programme_id:
            self.heading.setText(self.tr("Create a programme first: screening rules belong to a programme."))
            return
        name = programmes.get_programme(programme_id).name
        self.heading.setText(self.tr("Screening rules for {name}").format(name=name))
        self._show(rules_for(programme_id))

    def _show(self, rules: ClearanceRules) -> None:
        self._showing = True  # showing the stored rules is not a change to save
        try:
            self.interview.setChecked(rules.interview)
            self.references.setValue(rules.references)
            self.background.setChecked(rules.background_check)
            self.training.setValue(rules.training_hours)
            self.code.setChecked(rules.code_of_conduct)
            self.consent.setChecked(rules.guardian_consent_for_minors)
        finally:
            self._showing = False
        self._warn()

    def _changed(self, *_: object) -> None:
        self._warn()
        if not self._showing:
            self.save()

    def _use_recommended(self) -> None:
        self._show(ClearanceRules())
        self.save()

    def rules(self) -> ClearanceRules:
        return ClearanceRules(
            interview=self.interview.isChecked(),
            references=self.references.value(),
            background_check=self.background.isChecked(),
            training_hours=self.training.value(),
            code_of_conduct=self.code.isChecked(),
            guardian_consent_for_minors=self.consent.isChecked(),
        )

    def _warn(self, *_: object) -> None:
        rules = self.rules()
        weaker = []
        if not rules.background_check:
            weaker.append(self.tr("no background check"))
        if rules.references < 2:
            weaker.append(self.tr("fewer than two references"))
        if rules.training_hours < 2:
            weaker.append(self.tr("less than two hours of training"))
        if not rules.guardian_consent_for_minors:
            weaker.append(self.tr("no guardian consent for minors"))
        self.warning.setText(
            self.tr("Below the usual standard for work with young people: {what}.").format(
                what=", ".join(weaker)
            )
            if weaker
            else ""
        )

    def save(self) -> None:
        if not self.ctx.programme_id or rules_for(self.ctx.programme_id) == self.rules():
            return
        save_rules(self.ctx.programme_id, self.rules())
        self.ctx.notify("participants")
        self.ctx.show_status(self.tr("Screening rules saved: clearance is worked out again with them."))


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Screening", ScreeningTab(ctx)
