"""Settings > Privacy: the programme's retention rule, names in calendar files, people's data requests,
and the audit log."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import protection as protection_service
from mentordesk.store.models import Programme
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.meetings.calendar_privacy import CalendarNamesBox
from mentordesk.ui.widgets.form_parts import form_layout


class PrivacyTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)

        self.retention_group = QGroupBox(self.tr("Retention"))
        form = form_layout(self.retention_group)
        self.programme_label = QLabel()
        self.programme_label.setObjectName("sectionTitle")
        form.addRow(self.programme_label)
        self.mentee_spin = self._months_spin()
        self.mentor_spin = self._months_spin()
        form.addRow(self.tr("Erase &mentees (and peers):"), self.mentee_spin)
        form.addRow(self.tr("Erase m&entors:"), self.mentor_spin)
        note = QLabel(
            self.tr(
                "Counted from the programme's end date. Nobody is erased automatically: people who are due "
                "are listed for you to confirm. Consent records are often kept for the relationship plus "
                "two years, volunteer records a few years after they leave; follow your organisation's policy."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        form.addRow(note)
        self.due_button = QPushButton(icon("shield"), self.tr("Records &due for erasure…"))
        self.due_button.clicked.connect(lambda: self._window_action("do_retention"))
        form.addRow(self.due_button)
        layout.addWidget(self.retention_group)
        self.calendar_names = CalendarNamesBox(ctx)
        layout.addWidget(self.calendar_names)

        requests = QGroupBox(self.tr("A person's data"))
        row = QHBoxLayout(requests)
        text = QLabel(self.tr("When someone asks for their data, or asks to be forgotten."))
        text.setWordWrap(True)
        row.addWidget(text, 1)
        export = QPushButton(icon("export"), self.tr("E&xport…"))
        export.clicked.connect(lambda: self._window_action("do_export_person"))
        erase = QPushButton(icon("delete"), self.tr("E&rase…"))
        erase.clicked.connect(lambda: self._window_action("do_erase_person"))
        row.addWidget(export)
        row.addWidget(erase)
        layout.addWidget(requests)

        audit = QGroupBox(self.tr("Audit log"))
        row = QHBoxLayout(audit)
        text = QLabel(self.tr("Who changed what, and when; personal details are never copied into it."))
        text.setWordWrap(True)
        row.addWidget(text, 1)
        open_log = QPushButton(icon("history"), self.tr("Open &audit log…"))
        open_log.clicked.connect(lambda: self._window_action("do_audit_log"))
        row.addWidget(open_log)
        layout.addWidget(audit)
        layout.addStretch(1)
        ctx.programmeChanged.connect(lambda _: self.refresh())
        self.refresh()

    def _months_spin(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 240)
        spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        spin.setSpecialValueText(self.tr("Keep (no rule)"))
        spin.setSuffix(self.tr(" months after the end"))
        spin.valueChanged.connect(self._save)
        return spin

    def _window_action(self, name: str) -> None:
        protection = getattr(self.window(), "protection", None)
        if protection is not None:
            getattr(protection, name)()

    def refresh(self) -> None:
        programme = (
            Programme.get_or_none(Programme.id == self.ctx.programme_id) if self.ctx.programme_id else None
        )
        self.retention_group.setEnabled(programme is not None)
        if programme is None:
            self.programme_label.setText(self.tr("Choose or create a programme to set its retention rule."))
            rule = protection_service.RetentionRule()
        else:
            self.programme_label.setText(self.tr("Rule for {name}").format(name=programme.name))
            rule = protection_service.get_rule(programme.id)
        for spin, value in ((self.mentee_spin, rule.mentee_months), (self.mentor_spin, rule.mentor_months)):
            spin.blockSignals(True)
            spin.setValue(value or 0)
            spin.blockSignals(False)

    def _save(self, *_: object) -> None:
        if not self.ctx.programme_id:
            return
        rule = protection_service.RetentionRule(self.mentee_spin.value() or None, self.mentor_spin.value() or None)
        protection_service.set_rule(self.ctx.programme_id, rule)
        self.ctx.show_status(self.tr("Retention rule saved."))


def create_tab(ctx: AppContext) -> tuple[str, QWidget]:
    return "Privacy", PrivacyTab(ctx)
