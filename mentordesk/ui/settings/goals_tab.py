"""Settings › Goals: how often goals are reviewed, and the programme's goal templates."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from mentordesk.services import goals, programmes
from mentordesk.ui.context import AppContext
from mentordesk.ui.goals.templates import TemplateEditor
from mentordesk.ui.widgets.form_parts import form_layout, scrolling_body


class GoalsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = scrolling_body(self)  # on a laptop screen the template editor is taller than the tab
        reviews = QGroupBox(self.tr("Reviews"))
        reviews_layout = QVBoxLayout(reviews)
        reviews_layout.setContentsMargins(0, 0, 0, 0)
        form = form_layout()
        reviews_layout.addLayout(form)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(7, 365)
        self.interval_spin.setSuffix(self.tr(" days"))
        self.interval_spin.editingFinished.connect(self._save_interval)
        spin_row = QHBoxLayout()
        spin_row.addWidget(self.interval_spin)
        spin_row.addStretch(1)
        label = QLabel(self.tr("Review goals &every:"))
        label.setBuddy(self.interval_spin)
        form.addRow(label, spin_row)
        hint = QLabel(
            self.tr(
                "The next review date a new goal or a review suggests. Whatever is chosen, every open goal "
                "is reviewed at least once a year and when its match closes."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        hint.setContentsMargins(9, 0, 9, 9)
        reviews_layout.addWidget(hint)  # below the row, not in the form: a form row leaves a gap above wrapped text
        layout.addWidget(reviews)
        templates = QGroupBox(self.tr("Goal templates of this programme"))
        self.editor = TemplateEditor(ctx)
        QVBoxLayout(templates).addWidget(self.editor)
        layout.addWidget(templates, 1)
        self.refresh()

    def refresh(self) -> None:
        enabled = bool(self.ctx.programme_id)
        self.interval_spin.setEnabled(enabled)
        if enabled:
            self.interval_spin.blockSignals(True)
            self.interval_spin.setValue(goals.review_interval_days(self.ctx.programme_id))
            self.interval_spin.blockSignals(False)
        self.editor.refresh()

    def _save_interval(self) -> None:
        if not self.ctx.programme_id:
            return
        value = self.interval_spin.value()
        if value == goals.review_interval_days(self.ctx.programme_id):
            return
        programmes.update_programme_settings(self.ctx.programme_id, **{goals.REVIEW_INTERVAL_KEY: value})
        self.ctx.show_status(self.tr("Goal reviews every {n} days.").format(n=value))


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Goals", GoalsTab(ctx)
