"""The goal editor: title, why, SMART fields, owner, status, progress, dates; checked as you type.

A field with a blocking problem gets a red border and the sentence under the
form says what to fix; once OK has been pressed it stays disabled until none is left. Advice (no
measurable indicator yet, a review after the target date) shows in amber and
does not block saving.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.vocab import GoalStatus, label
from mentordesk.services import goals
from mentordesk.services.goals import GoalDraft, GoalRow, MilestoneDraft
from mentordesk.ui.dialogs.conflict_dialog import EditGuard
from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, tab_moves_focus


def to_qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate.currentDate()


def date_edit(value: date | None = None) -> DateEdit:
    return DateEdit(value or date.today())


def text_box(placeholder: str, lines: int = 2) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    tab_moves_focus(box)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


def mark(widget: QWidget, invalid: bool, tip: str = "") -> None:
    """Red border (style.qss: [invalid="true"]) and the problem as a tooltip.

    A date field that does not hold a date stays red with its own reason whatever the form says."""
    if isinstance(widget, DateEdit) and widget.error():
        invalid, tip = True, widget.error()
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip(tip)


class GoalDialog(QDialog):
    """Create a goal (``goal`` None) or edit one. ``saved_id`` holds the goal's id after OK."""

    def __init__(
        self,
        match_id: int,
        programme_id: int,
        goal: GoalRow | None = None,
        *,
        draft: GoalDraft | None = None,
        milestones: list[MilestoneDraft] | None = None,
        template_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.match_id = match_id
        self.goal = goal
        self.template_id = template_id
        self.template_steps = milestones or []
        self.saved_id = goal.id if goal else 0
        self.guard = EditGuard(self)  # the save is checked against the goal as it is now
        if goal is not None:
            self.guard.watch("goal", goal.id)
        self.touched: set[str] = set()
        self.setWindowTitle(self.tr("Edit goal") if goal else self.tr("New goal"))
        self.setMinimumWidth(620)
        start = goal.draft() if goal else (draft or goals.blank_draft(programme_id))
        self._build(start, goal, programme_id)
        self._load_owners(goal)
        self.validate()

    # -- building ----------------------------------------------------------------------------
    def _build(self, start: GoalDraft, goal: GoalRow | None, programme_id: int) -> None:
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.title_edit = QLineEdit(start.title)
        self.title_edit.setPlaceholderText(self.tr("e.g. Speak up confidently in class discussions"))
        self.owner_combo = QComboBox()
        self.why_edit = text_box(self.tr("Why it matters to the mentee"), 2)
        self.why_edit.setPlainText(start.why)
        top.addRow(self.tr("&Title:"), self.title_edit)
        top.addRow(self.tr("&Owner:"), self.owner_combo)
        top.addRow(self.tr("&Why it matters:"), self.why_edit)
        layout.addLayout(top)

        smart = QGroupBox(self.tr("SMART"))
        form = QFormLayout(smart)
        self.specific_edit = text_box(self.tr("Specific: exactly what will be done"), 2)
        self.specific_edit.setPlainText(start.specific)
        self.measurable_edit = QLineEdit(start.measurable)
        self.measurable_edit.setPlaceholderText(self.tr("How you will both know it is done"))
        self.achievable_edit = text_box(self.tr("The steps that make it achievable"), 2)
        self.achievable_edit.setPlainText(start.achievable)
        self.relevant_edit = QLineEdit(start.relevant)
        self.relevant_edit.setPlaceholderText(self.tr("e.g. college application, confidence"))
        self.target_edit = date_edit(start.target_date)
        form.addRow(self.tr("&Specific:"), self.specific_edit)
        form.addRow(self.tr("&Measurable:"), self.measurable_edit)
        form.addRow(self.tr("&Achievable steps:"), self.achievable_edit)
        form.addRow(self.tr("&Relevant to:"), self.relevant_edit)
        form.addRow(self.tr("Time-bound: tar&get date:"), self.target_edit)
        layout.addWidget(smart)

        state = QFormLayout()
        self.status_combo = QComboBox()
        for status in GoalStatus:
            self.status_combo.addItem(self.tr(label(status.value)), status.value)
        self.status_combo.setCurrentIndex(self.status_combo.findData(start.status))
        self.achieved_edit = date_edit(start.achieved_on or date.today())
        self.achieved_label = QLabel(self.tr("A&chieved on:"))
        self.achieved_label.setBuddy(self.achieved_edit)
        self.reason_edit = QLineEdit(start.dropped_reason)
        self.reason_edit.setPlaceholderText(self.tr("e.g. changed school; chose a different course"))
        self.reason_label = QLabel(self.tr("Reason for &dropping:"))
        self.reason_label.setBuddy(self.reason_edit)
        self.progress_spin = QSpinBox()
        self.progress_spin.setRange(0, 100)
        self.progress_spin.setSuffix(" %")
        self.progress_spin.setValue(start.progress)
        self.progress_hint = QLabel()
        self.progress_hint.setObjectName("hint")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_spin)
        progress_row.addWidget(self.progress_hint, 1)
        # A goal taken up again has no review date yet: suggest the usual one, not today.
        self.review_edit = date_edit(
            start.review_on or goals.suggested_review_date(programme_id, target_date=start.target_date)
        )
        state.addRow(self.tr("Stat&us:"), self.status_combo)
        state.addRow(self.achieved_label, self.achieved_edit)
        state.addRow(self.reason_label, self.reason_edit)
        progress_label = QLabel(self.tr("&Progress:"))
        progress_label.setBuddy(self.progress_spin)  # a layout row has no buddy of its own
        state.addRow(progress_label, progress_row)
        state.addRow(self.tr("Re&view by:"), self.review_edit)
        layout.addLayout(state)

        if goal is None:
            steps_hint = self.tr("One milestone per line (optional)")
            self.steps_edit: QPlainTextEdit | None = text_box(steps_hint, 4)
            self.steps_edit.setPlainText("\n".join(step.title for step in self.template_steps))
            self.spread_check: QCheckBox | None = QCheckBox(self.tr("Spread their due dates up to the target date"))
            self.spread_check.setChecked(True)
            steps = QFormLayout()
            steps.addRow(self.tr("M&ilestones:"), self.steps_edit)
            steps.addRow("", self.spread_check)
            layout.addLayout(steps)
            self.steps_edit.textChanged.connect(self.validate)
        else:
            self.steps_edit = None
            self.spread_check = None
            if goal.milestones:
                self.progress_spin.setEnabled(False)
                self.progress_hint.setText(self.tr("From its milestones: {n} %").format(n=goal.progress))

        # Both message lines keep their room while empty, and spare height goes to the stretch above
        # them: a title error or SMART advice coming and going never moves a field.
        self.error_label = error_label()
        self.advice_label = error_label(hidden=True)
        self.advice_label.setObjectName("warning")  # advice, not an error: styled as a warning
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.advice_label)
        self.buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(self.buttons)

        self.fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "owner": self.owner_combo,
            "specific": self.specific_edit,
            "measurable": self.measurable_edit,
            "target_date": self.target_edit,
            "status": self.status_combo,
            "achieved_on": self.achieved_edit,
            "dropped_reason": self.reason_edit,
            "progress": self.progress_spin,
            "review_on": self.review_edit,
        }
        for name, widget in self.fields.items():
            signal = _change_signal(widget)
            signal.connect(lambda *_, n=name: self._touch(n))

    def _load_owners(self, goal: GoalRow | None) -> None:
        owners, shared = goals.owner_choices(self.match_id)
        for member in owners:
            # A developmental programme's mentor owns goals too: the list says whose is whose.
            text = self.tr("{name} (mentor)").format(name=member.name) if member.role == "mentor" else member.name
            self.owner_combo.addItem(text, member.participant_id)
        if shared:
            self.owner_combo.addItem(self.tr("Shared by everyone in the match"), None)
        wanted = goal.owner_id if goal else goals.default_owner(self.match_id)
        index = self.owner_combo.findData(wanted) if wanted is not None else self.owner_combo.count() - 1
        self.owner_combo.setCurrentIndex(max(0, index))

    # -- state -------------------------------------------------------------------------------
    def draft(self) -> GoalDraft:
        return GoalDraft(
            title=self.title_edit.text(),
            why=self.why_edit.toPlainText(),
            specific=self.specific_edit.toPlainText(),
            measurable=self.measurable_edit.text(),
            achievable=self.achievable_edit.toPlainText(),
            relevant=self.relevant_edit.text(),
            target_date=self.target_edit.day(),
            status=self.status_combo.currentData(),
            progress=self.progress_spin.value(),
            achieved_on=self.achieved_edit.day(),
            dropped_reason=self.reason_edit.text(),
            review_on=self.review_edit.day(),
        )

    def milestone_drafts(self) -> list[MilestoneDraft]:
        if self.steps_edit is None:
            return []
        titles = goals.milestone_lines(self.steps_edit.toPlainText())
        draft = self.draft()
        if self.spread_check is not None and self.spread_check.isChecked():
            dues = goals.spread_due_dates(len(titles), date.today(), draft.target_date)
        else:
            dues = [None] * len(titles)
        return [MilestoneDraft(title, due) for title, due in zip(titles, dues, strict=True)]

    def _touch(self, name: str) -> None:
        self.touched.add(name)
        self.validate()

    def validate(self) -> list:
        """Check the form; returns the blocking problems (shown only for fields already touched)."""
        status = self.status_combo.currentData()
        achieved = status == GoalStatus.ACHIEVED.value
        dropped = status == GoalStatus.DROPPED.value
        shown_when: list[tuple[QWidget, bool]] = [
            (self.achieved_label, achieved),
            (self.achieved_edit, achieved),
            (self.reason_label, dropped),
            (self.reason_edit, dropped),
        ]
        for widget, visible in shown_when:
            widget.setVisible(visible)
        has_steps = bool(self.goal and self.goal.milestones) or bool(self.milestone_drafts())
        problems = goals.check_goal(self.draft(), saved=self.goal, has_milestones=has_steps)
        if self.owner_combo.count() == 0:
            problems.append(goals.Problem("owner", self.tr("this match has no mentee to own the goal.")))
        # A date typed that is no date ("31/02/2027") is read as none: say what is wrong with it,
        # not that the date is missing.
        for name, widget in self.fields.items():
            if isinstance(widget, DateEdit) and widget.isVisibleTo(self) and widget.text().strip() and widget.error():
                problems = [p for p in problems if p.field != name]
                problems.append(goals.Problem(name, widget.error() + "."))
        errors = [p for p in problems if p.blocking]
        # A status change brings its own requirement (a date, a reason) into view at once.
        follows_status = {"achieved_on", "dropped_reason"} if "status" in self.touched else set()
        shown = [p for p in errors if p.field in self.touched | follows_status | {"status", "owner"}]
        for name, widget in self.fields.items():
            mine = [str(p) for p in shown if p.field == name]
            mark(widget, bool(mine), "\n".join(mine))
        self.error_label.setText("\n".join(str(p) for p in shown))
        self.error_label.setVisible(bool(shown))
        advice = [p for p in problems if not p.blocking]
        self.advice_label.setText("\n".join(str(p) for p in advice))
        self.advice_label.setVisible(bool(advice))
        # OK stays pressable until the user has seen every problem (pressing it shows them all);
        # from then on it waits until none is left.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            not errors or self.touched != set(self.fields)
        )
        return errors

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label):
            return
        self.touched = set(self.fields)
        errors = self.validate()
        if errors:
            self.fields.get(errors[0].field, self.title_edit).setFocus()
            return
        owner = self.owner_combo.currentData()
        try:
            if self.goal is None:
                self.saved_id = goals.create_goal(
                    self.match_id,
                    self.draft(),
                    owner_id=owner,
                    milestones=self.milestone_drafts(),
                    template_id=self.template_id,
                )
            else:
                self.guard.save(goals.update_goal, self.goal.id, self.draft(), owner_id=owner)
                if self.guard.withdrawn:
                    return
        except (goals.GoalError, goals.GoalRuleError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.setVisible(True)
            widget = self.fields.get(getattr(exc, "field", ""), None)
            if widget is not None:
                mark(widget, True, str(exc))
                widget.setFocus()
            return
        super().accept()


def _change_signal(widget: QWidget):
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QPlainTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    raise TypeError(type(widget).__name__)
