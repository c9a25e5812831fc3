"""The register's keeping rule, and the closed concerns whose keeping date has passed (deleted on request)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.core.concerns import ConcernRefused, RetentionRule
from mentordesk.services import concerns
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, form_layout, primary_button


class KeepingRuleDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How long concerns are kept"))
        self.setMinimumWidth(560)
        self.deleted = 0
        rule = concerns.get_rule()
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "A closed concern is kept until the later of these two dates; an open one is always kept. "
                "Erasing a person does not delete the concerns about them unless you choose to."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = form_layout()
        self.years_spin = QSpinBox()
        self.years_spin.setRange(1, 100)
        self.years_spin.setValue(rule.years_after_closure)
        self.years_spin.setSuffix(self.tr(" years after closing"))
        self.age_spin = QSpinBox()
        self.age_spin.setRange(0, 120)
        self.age_spin.setValue(rule.until_age)
        self.age_spin.setSpecialValueText(self.tr("not by age"))
        self.age_spin.setSuffix(self.tr(" (age of the youngest person it is about)"))
        form.addRow(self.tr("&Keep for:"), self.years_spin)
        form.addRow(self.tr("Or until &aged:"), self.age_spin)
        layout.addLayout(form)
        self.past_label = QLabel()
        self.past_label.setWordWrap(True)
        layout.addWidget(self.past_label)
        self.past_list = QListWidget()
        self.past_list.setAccessibleName(self.tr("Concerns past their keeping date"))
        self.past_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 12)
        layout.addWidget(self.past_list)
        self.delete_button = QPushButton(
            icon("delete"), self.tr("&Delete the concerns past their keeping date…")
        )
        self.delete_button.clicked.connect(self.delete_past)
        layout.addWidget(self.delete_button)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self.save_button = primary_button(self.tr("&Save rule"))
        buttons: QDialogButtonBox = dialog_buttons(self, self.save_button)
        layout.addWidget(buttons)
        self._show_past()

    def _show_past(self) -> None:
        past = concerns.past_keeping()
        self.past_list.clear()
        for item in past:
            self.past_list.addItem(
                self.tr("Concern #{id}: closed {closed}, kept until {until}").format(
                    id=item.concern_id, closed=item.closed_on.isoformat(), until=item.keep_until.isoformat()
                )
            )
        self.past_label.setText(
            self.tr("{n} closed concern(s) are past their keeping date.").format(n=len(past))
            if past
            else self.tr("No concern is past its keeping date.")
        )
        self.past_list.setVisible(bool(past))
        self.delete_button.setEnabled(bool(past))
        self.past_ids = [p.concern_id for p in past]

    def delete_past(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Delete these concerns?"),
            self.tr(
                "Delete {n} concern(s) with their actions and attachments? This cannot be undone "
                "(except by restoring a backup)."
            ).format(n=len(self.past_ids)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.deleted += concerns.delete_past_keeping(self.past_ids)
        self._show_past()

    def accept(self) -> None:
        try:
            concerns.set_rule(RetentionRule(self.years_spin.value(), self.age_spin.value()))
        except ConcernRefused as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()
