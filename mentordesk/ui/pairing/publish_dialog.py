"""Publishing drafts: which ones (the reviewed ones unless all are chosen) and from which day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mentordesk.ui.widgets.date_edit import DateEdit, refuse_bad_dates
from mentordesk.ui.widgets.form_parts import dialog_buttons, error_label, primary_button


class PublishDialog(QDialog):
    """``rows`` are the review list's draft rows (match_id, accepted, pinned). Says how many drafts were reviewed (accepted or pinned) and how many not; publishes the
    reviewed ones by default, all of them only when chosen. ``reviewed_only`` and ``start_on`` hold
    the choice once accepted."""

    def __init__(self, rows: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Publish matches"))
        self.setMinimumWidth(480)
        drafts = {r.match_id for r in rows}
        self.reviewed = len({r.match_id for r in rows if r.accepted or r.pinned})
        self.unreviewed = len(drafts) - self.reviewed
        layout = QVBoxLayout(self)
        self.counts = QLabel(
            self.tr("{reviewed} accepted or pinned, {unreviewed} not reviewed yet.").format(
                reviewed=self.tr("%n draft(s)", "", self.reviewed), unreviewed=self.unreviewed
            )
        )
        self.counts.setObjectName("sectionTitle")
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        explain = QLabel(
            self.tr(
                "Published drafts become active, the people in them are marked as matched, and the rules "
                "are checked once more (any draft that now breaks one stays a draft)."
            )
        )
        explain.setWordWrap(True)
        explain.setObjectName("hint")
        layout.addWidget(explain)
        self.reviewed_radio = QRadioButton(self.tr("Publish the &reviewed drafts (%n)", "", self.reviewed))
        self.all_radio = QRadioButton(self.tr("Publish &all drafts, reviewed or not (%n)", "", len(drafts)))
        group = QButtonGroup(self)
        group.addButton(self.reviewed_radio)
        group.addButton(self.all_radio)
        self.reviewed_radio.setEnabled(self.reviewed > 0)
        self.reviewed_radio.setChecked(self.reviewed > 0)
        if not self.reviewed:
            self.reviewed_radio.setToolTip(
                self.tr("Accept (A) or pin (P) the drafts you have checked first.")
            )
        layout.addWidget(self.reviewed_radio)
        layout.addWidget(self.all_radio)
        form = QFormLayout()
        self.start_edit = DateEdit(date.today())
        form.addRow(self.tr("&Start date:"), self.start_edit)
        layout.addLayout(form)
        self.error_label = error_label(hidden=True)
        layout.addWidget(self.error_label)
        self.publish_button = primary_button(self.tr("Publish"), "run")
        layout.addWidget(dialog_buttons(self, self.publish_button))
        group.buttonToggled.connect(self._update)
        self._update()
        self.reviewed_only = True
        self.start_on: date | None = None

    def _update(self, *_: object) -> None:
        # With nothing reviewed, publishing everything must be a choice, not a default.
        self.publish_button.setEnabled(self.reviewed_radio.isChecked() or self.all_radio.isChecked())

    def accept(self) -> None:
        if refuse_bad_dates(self, self.error_label) or not self.publish_button.isEnabled():
            return
        self.reviewed_only = self.reviewed_radio.isChecked()
        self.start_on = self.start_edit.day()
        super().accept()
