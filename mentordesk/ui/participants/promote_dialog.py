"""Promote mentees who completed a cycle to mentors of the next cohort (cascade programmes)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from mentordesk.ui.widgets.form_parts import dialog_buttons


class PromoteDialog(QDialog):
    """Says what promotion does and asks how many mentees each new mentor takes."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        count = len(names)
        self.setWindowTitle(
            self.tr("Promote {n} people to mentor").format(n=count) if count != 1 else self.tr("Promote to mentor")
        )
        layout = QVBoxLayout(self)
        shown = ", ".join(names[:6]) + (self.tr(" and {n} more").format(n=count - 6) if count > 6 else "")
        intro = QLabel(
            self.tr(
                "{people} will mentor the next cohort. They keep their record and their history as mentees, "
                "move to Screening, and the checks a mentor needs that they do not hold yet are added as "
                "outstanding. Only mentees whose match closed as planned (a completed cycle) are promoted; "
                "the others are named and left as they are."
            ).format(people=shown)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 20)
        self.capacity.setValue(1)
        self.capacity.setAccessibleName(self.tr("Mentees each new mentor can take"))
        form.addRow(self.tr("&Mentees each:"), self.capacity)
        layout.addLayout(form)
        buttons = dialog_buttons(self, QDialogButtonBox.StandardButton.Ok)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Promote"))
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
