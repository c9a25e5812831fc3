"""Settings > Pairing: which criteria the current programme's matcher scores, and how much each matters."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.pairing import (
    CRITERIA,
    CRITERION_LABELS,
    CUSTOM_OPTIONS,
    IMPORTANCE_LABELS,
    OPTIONS,
    CriterionSetting,
    Importance,
    ScoringConfig,
    is_custom,
)
from mentordesk.core.vocab import ProgrammeKind, label
from mentordesk.services import programmes
from mentordesk.services.pairing import criterion_fields, read_settings, write_settings
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import form_layout, scrolling_body, section_intro

HINTS = {
    "skills": "What the mentee wants to learn against what the mentor offers.",
    "interests": "Interests both list; deep similarity predicts good relationships.",
    "goal_areas": "Goal areas the mentee seeks that the mentor can help with.",
    "languages": "At least one language in common.",
    "availability": "Weekly hours both are free: what most decides how long a match lasts.",
    "organisation": "Cross-department schemes want different departments; peer schemes the same organisation.",
    "age": "Traditional: mentor older or more senior. Reverse mentoring flips it.",
    "preferences": "What each wrote under preferences, matched against the other's profile.",
}


FIELD_KIND_TEXTS = {"choice": "one choice", "multiple": "several choices", "yes_no": "yes / no"}


class PairingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.programme_id = 0
        self._loading = False
        layout = scrolling_body(self)
        self.heading = section_intro(
            layout,
            self.tr(
                "A must is a filter: a pair that conflicts on it is never proposed. The others weigh 5, 3 and 1; "
                "scores are scaled to 0-100 whatever you choose. Changes apply to the next run."
            ),
        )

        criteria_box = QGroupBox(self.tr("Criteria"))
        grid = QGridLayout(criteria_box)
        self.importance: dict[str, QComboBox] = {}
        self.options: dict[str, QComboBox] = {}
        for row, criterion in enumerate(CRITERIA):
            name = QLabel(self.tr(CRITERION_LABELS[criterion]))
            name.setToolTip(self.tr(HINTS[criterion]))
            combo = QComboBox()
            for importance in Importance:
                combo.addItem(self.tr(IMPORTANCE_LABELS[importance]), importance.value)
            combo.currentIndexChanged.connect(self.save)
            name.setBuddy(combo)
            self.importance[criterion] = combo
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            if criterion in OPTIONS:
                option = QComboBox()
                option.setAccessibleName(self.tr("{criterion}: how to compare").format(criterion=name.text()))
                for key, text in OPTIONS[criterion].items():
                    option.addItem(self.tr(text), key)
                option.currentIndexChanged.connect(self.save)
                self.options[criterion] = option
                grid.addWidget(option, row, 2)
            else:
                note = QLabel(self.tr(HINTS[criterion]))
                note.setObjectName("hint")
                note.setWordWrap(True)
                grid.addWidget(note, row, 2)
        grid.setColumnStretch(2, 1)
        layout.addWidget(criteria_box)

        # The programme's own criteria: application-form questions compared between the two people.
        self.custom_box = QGroupBox(self.tr("Criteria from the application form"))
        custom_layout = QVBoxLayout(self.custom_box)
        self.custom_hint = QLabel()
        self.custom_hint.setObjectName("hint")
        self.custom_hint.setWordWrap(True)
        custom_layout.addWidget(self.custom_hint)
        self.custom_layout = custom_layout
        self.custom_grid_holder = QWidget()  # rebuilt with its rows on each refresh
        custom_layout.addWidget(self.custom_grid_holder)
        add_row = QHBoxLayout()
        self.field_choice = QComboBox()
        self.field_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field_choice.setMinimumContentsLength(24)
        self.field_choice.setAccessibleName(self.tr("Custom field to pair on"))
        field_label = QLabel(self.tr("Pair on the &answer to:"))
        field_label.setBuddy(self.field_choice)
        self.add_field_button = QPushButton(icon("add"), self.tr("Add as a &criterion"))
        self.add_field_button.setAccessibleName(self.tr("Add the custom field as a criterion"))
        self.add_field_button.clicked.connect(self.add_custom)
        add_row.addWidget(field_label)
        add_row.addWidget(self.field_choice, 1)
        add_row.addWidget(self.add_field_button)
        custom_layout.addLayout(add_row)
        self.custom_rows: list[QWidget] = []
        self._seen_fields: list = []
        layout.addWidget(self.custom_box)

        tuning = QGroupBox(self.tr("Full marks"))
        form = form_layout(tuning)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 600)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(self.tr(" min a week"))
        self.overlap = QSpinBox()
        self.overlap.setRange(1, 6)
        self.age_gap = QDoubleSpinBox()
        self.age_gap.setRange(0.5, 30)
        self.age_gap.setSuffix(self.tr(" years"))
        for spin in (self.minutes, self.overlap, self.age_gap):
            spin.valueChanged.connect(self.save)
        form.addRow(self.tr("Free time in common:"), self.minutes)
        form.addRow(self.tr("Shared skills, interests or goal areas:"), self.overlap)
        form.addRow(self.tr("Age or seniority gap (or 'similar' within):"), self.age_gap)
        layout.addWidget(tuning)

        poor = QGroupBox(self.tr("Very poor matches"))
        poor_form = form_layout(poor)
        poor_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.avoid = QCheckBox(self.tr("&Avoid matches scoring below"))
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setValue(40)
        self.threshold.setAccessibleName(self.tr("Lowest acceptable score"))
        avoid_row = QHBoxLayout()
        avoid_row.addWidget(self.avoid)
        avoid_row.addWidget(self.threshold)
        avoid_row.addStretch(1)
        poor_form.addRow(avoid_row)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Penalise them: pair below it only when nothing else works"), "penalise")
        self.mode.addItem(self.tr("Never make them: leave the mentee unmatched instead"), "forbid")
        poor_form.addRow(self.tr("Below the threshold:"), self.mode)
        self.penalty = QDoubleSpinBox()
        self.penalty.setRange(0, 20)
        self.penalty.setSingleStep(0.5)
        self.penalty.setSuffix(self.tr(" × each missing point"))
        poor_form.addRow(self.tr("Penalty:"), self.penalty)
        self.avoid.toggled.connect(self.save)
        self.threshold.valueChanged.connect(self.save)
        self.mode.currentIndexChanged.connect(self.save)
        self.penalty.valueChanged.connect(self.save)
        layout.addWidget(poor)

        kind_box = QGroupBox(self.tr("Programme shape"))
        kind_form = form_layout(kind_box)
        kind_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.group_size = QSpinBox()
        self.group_size.setRange(2, 30)
        self.group_size.valueChanged.connect(self.save)
        self.group_label = QLabel(self.tr("Mentees in a &circle:"))
        self.group_label.setBuddy(self.group_size)  # its name for screen readers
        kind_form.addRow(self.group_label, self.group_size)
        self.circle_mentors = QSpinBox()
        self.circle_mentors.setRange(1, 10)
        self.circle_mentors.valueChanged.connect(self.save)
        self.circle_mentors_label = QLabel(self.tr("&Mentors per circle (co-facilitators):"))
        self.circle_mentors_label.setBuddy(self.circle_mentors)
        kind_form.addRow(self.circle_mentors_label, self.circle_mentors)
        self.group_hint = QLabel(
            self.tr(
                "The matcher forms only as many circles as the waiting mentees need. Co-facilitators are "
                "mentors free at the same times; every one of them must be allowed to take every mentee in "
                "the circle (clearance, 'not with' rules). A mentor's capacity caps the circle too."
            )
        )
        self.group_hint.setObjectName("hint")
        self.group_hint.setWordWrap(True)
        kind_form.addRow(self.group_hint)
        self.speed_meetings = QSpinBox()
        self.speed_meetings.setRange(1, 30)
        self.speed_meetings.valueChanged.connect(self.save)
        self.speed_label = QLabel(self.tr("Mentors each mentee meets (speed mentoring):"))
        self.speed_label.setBuddy(self.speed_meetings)
        kind_form.addRow(self.speed_label, self.speed_meetings)
        layout.addWidget(kind_box)
        self.kind_box = kind_box
        from mentordesk.ui.settings.focus_areas_box import FocusAreasBox

        self.focus_box = FocusAreasBox()
        self.focus_box.saved.connect(self.ctx.show_status)
        self.focus_box.hide()  # network programmes only (refresh)
        layout.addWidget(self.focus_box)

        buttons = QHBoxLayout()
        self.reset_button = QPushButton(icon("refresh"), self.tr("Reset to the defaults for this kind"))
        self.reset_button.clicked.connect(self.reset)
        self.forget_button = QPushButton(icon("delete"), self.tr("Forget rejected pairs"))
        self.forget_button.clicked.connect(self.forget_rejections)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.refresh()

    # -- loading and saving -------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # A custom field added or renamed on the Custom fields tab shows up here.
        if self.programme_id and criterion_fields(self.programme_id) != self._seen_fields:
            self.refresh()

    def refresh(self) -> None:
        self.programme_id = self.ctx.programme_id
        enabled = bool(self.programme_id)
        for child in self.findChildren(QGroupBox):
            child.setEnabled(enabled)
        self.reset_button.setEnabled(enabled)
        self.forget_button.setEnabled(enabled)
        if not enabled:
            self.heading.setText(self.tr("Create or choose a programme to set how its matcher scores pairs."))
            return
        programme = programmes.get_programme(self.programme_id)
        settings = read_settings(programme)
        self.kind = programme.kind
        self.heading.setText(
            self.tr("Pairing for {name} ({kind})").format(name=programme.name, kind=label(programme.kind))
        )
        self._loading = True
        try:
            config = settings.config
            self._build_custom(config)
            for criterion, combo in self.importance.items():
                combo.setCurrentIndex(combo.findData(config.setting(criterion).importance.value))
            for criterion, combo in self.options.items():
                combo.setCurrentIndex(combo.findData(config.setting(criterion).option))
            self.minutes.setValue(config.availability_minutes)
            self.overlap.setValue(config.overlap_target)
            self.age_gap.setValue(config.age_gap_years)
            self.avoid.setChecked(settings.min_score is not None)
            self.threshold.setValue(int(settings.min_score if settings.min_score is not None else 40))
            self.mode.setCurrentIndex(self.mode.findData(settings.poor_matches))
            self.penalty.setValue(settings.penalty)
            self.group_size.setValue(settings.group_size)
            self.circle_mentors.setValue(settings.mentors_per_circle)
            self.speed_meetings.setValue(settings.speed_meetings)
            self.forget_button.setText(
                self.tr("Forget rejected pairs ({n})").format(n=len(settings.rejected))
            )
            self.forget_button.setEnabled(bool(settings.rejected))
        finally:
            self._loading = False
        group, speed = self.kind == ProgrammeKind.GROUP.value, self.kind == ProgrammeKind.SPEED.value
        for widget in (
            self.group_size,
            self.group_label,
            self.circle_mentors,
            self.circle_mentors_label,
            self.group_hint,
        ):
            widget.setVisible(group)
        self.speed_meetings.setVisible(speed)
        self.speed_label.setVisible(speed)
        self.kind_box.setVisible(group or speed)
        network = self.kind == ProgrammeKind.NETWORK.value
        self.focus_box.setVisible(network)
        if network:
            self.focus_box.load(self.programme_id, settings.focus_areas, settings.max_mentors)
        self._update_enabled()

    # -- custom-field criteria ------------------------------------------------------------------------
    def _build_custom(self, config: ScoringConfig) -> None:
        """One row per custom-field criterion, and the fields that could still be added."""
        for criterion in [c for c in self.importance if is_custom(c)]:
            self.importance.pop(criterion)
            self.options.pop(criterion, None)
        old = self.custom_grid_holder
        self.custom_grid_holder = QWidget()
        grid = QGridLayout(self.custom_grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        self.custom_layout.replaceWidget(old, self.custom_grid_holder)
        old.hide()
        old.deleteLater()
        self.custom_rows = []
        fields = criterion_fields(self.programme_id)
        self._seen_fields = fields
        chosen = [c for c in config.names if is_custom(c)]
        for row, criterion in enumerate(chosen):
            name = QLabel(config.label(criterion))
            name.setWordWrap(True)  # a long question wraps rather than widening the page
            combo = QComboBox()
            for importance in Importance:
                combo.addItem(self.tr(IMPORTANCE_LABELS[importance]), importance.value)
            combo.setAccessibleName(self.tr("{field}: importance").format(field=name.text()))
            name.setBuddy(combo)
            option = QComboBox()
            option.setAccessibleName(self.tr("{field}: how to compare").format(field=name.text()))
            for key, text in CUSTOM_OPTIONS.items():
                option.addItem(self.tr(text), key)
            remove = QPushButton(icon("delete"), self.tr("Remove"))
            remove.setAccessibleName(self.tr("Stop pairing on {field}").format(field=name.text()))
            remove.clicked.connect(lambda _=False, c=criterion: self.remove_custom(c))
            combo.currentIndexChanged.connect(self.save)
            option.currentIndexChanged.connect(self.save)
            self.importance[criterion] = combo
            self.options[criterion] = option
            for column, widget in enumerate((name, combo, option, remove)):
                grid.addWidget(widget, row, column)
                self.custom_rows.append(widget)
        self.custom_grid_holder.setVisible(bool(chosen))
        # Tab runs on from the built-in criteria through these rows to the field to add, in reading order.
        previous: QWidget = self.importance[CRITERIA[-1]]
        focusable = [w for w in self.custom_rows if not isinstance(w, QLabel)]
        for widget in [*focusable, self.field_choice, self.add_field_button, self.minutes]:
            QWidget.setTabOrder(previous, widget)
            previous = widget
        self.field_choice.clear()
        for f in fields:
            if f.criterion not in chosen:
                self.field_choice.addItem(f"{f.label} ({self.tr(FIELD_KIND_TEXTS[f.kind])})", f.criterion)
        can_add = self.field_choice.count() > 0
        self.field_choice.setEnabled(can_add)
        self.add_field_button.setEnabled(can_add)
        if not fields:
            self.custom_hint.setText(
                self.tr(
                    "Pair on an answer from the application form: add a one-choice, several-choices or "
                    "yes/no question under Settings › Custom fields, then choose it here."
                )
            )
        else:
            self.custom_hint.setText(
                self.tr(
                    "Same answer: the two gave the same answer (for several choices, at least one in common); "
                    "as a must, a must-match. Different answers: the opposite. Nobody is ruled out for a "
                    "question they left blank."
                )
            )

    def add_custom(self) -> None:
        criterion = self.field_choice.currentData()
        if not self.programme_id or not criterion:
            return
        config = self.config().with_setting(criterion, CriterionSetting(Importance.MODERATE, "same"))
        write_settings(self.programme_id, config=config)
        self.refresh()
        combo = self.importance.get(criterion)
        if combo is not None:
            combo.setFocus()
        self.ctx.show_status(self.tr("Pairing on the answer added; it applies to the next run."))

    def remove_custom(self, criterion: str) -> None:
        if not self.programme_id:
            return
        config = self.config()
        criteria = {c: v for c, v in config.criteria.items() if c != criterion}
        write_settings(self.programme_id, config=replace(config, criteria=criteria))
        self.refresh()
        self.field_choice.setFocus()
        self.ctx.show_status(self.tr("No longer pairing on that answer."))

    def _update_enabled(self) -> None:
        avoid = self.avoid.isChecked()
        self.threshold.setEnabled(avoid)
        self.mode.setEnabled(avoid)
        self.penalty.setEnabled(avoid and self.mode.currentData() == "penalise")

    def config(self) -> ScoringConfig:
        return ScoringConfig(
            criteria={
                criterion: CriterionSetting(
                    Importance(combo.currentData()),
                    self.options[criterion].currentData() if criterion in self.options else "",
                )
                for criterion, combo in self.importance.items()
            },
            availability_minutes=self.minutes.value(),
            overlap_target=self.overlap.value(),
            age_gap_years=self.age_gap.value(),
        )

    def save(self, *_: object) -> None:
        if self._loading or not self.programme_id:
            return
        self._update_enabled()
        write_settings(
            self.programme_id,
            config=self.config(),
            min_score=float(self.threshold.value()) if self.avoid.isChecked() else None,
            poor_matches=self.mode.currentData(),
            penalty=self.penalty.value(),
            group_size=self.group_size.value(),
            mentors_per_circle=self.circle_mentors.value(),
            speed_meetings=self.speed_meetings.value(),
        )
        self.ctx.show_status(self.tr("Pairing settings saved; they apply to the next run."))

    def reset(self) -> None:
        if not self.programme_id:
            return
        write_settings(self.programme_id, config=ScoringConfig.defaults(self.kind), min_score=None)
        self.refresh()
        self.ctx.show_status(self.tr("Pairing criteria reset to the defaults for this kind of programme."))

    def forget_rejections(self) -> None:
        if self.programme_id:
            write_settings(self.programme_id, rejected=[])
            self.refresh()
            self.ctx.show_status(self.tr("Rejected pairs forgotten: the matcher may propose them again."))


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    tab = PairingTab(ctx)
    ctx.programmeChanged.connect(lambda _id: tab.refresh())
    return "Pairing", tab
