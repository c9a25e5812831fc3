"""How a programme names people in calendar files: full names, first names or initials.

Event titles end up in Google and Outlook calendars and on phones' lock screens, so
for programmes with minors first names are the default. Shown in Settings > Privacy.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QWidget

from mentordesk.services import meetings as meetings_service
from mentordesk.ui.context import AppContext
from mentordesk.ui.widgets.form_parts import form_layout


class CalendarNamesBox(QGroupBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Names in calendar files (.ics)"), parent)
        self.ctx = ctx
        form = form_layout(self)
        self.combo = QComboBox()
        labels = {
            "full": self.tr("Full names (Sam Carter & Ana Lopez)"),
            "first": self.tr("First names (Sam & Ana)"),
            "initials": self.tr("Initials (S.C. & A.L.)"),
        }
        for choice in meetings_service.NAME_CHOICES:
            self.combo.addItem(labels[choice], choice)
        self.combo.setAccessibleName(self.tr("How people are named in calendar event titles"))
        self.combo.currentIndexChanged.connect(self._save)
        label = QLabel(self.tr("&Event titles show:"))
        label.setBuddy(self.combo)
        form.addRow(label, self.combo)
        note = QLabel(
            self.tr(
                "Exported meetings end up in Google or Outlook calendars and on phone lock screens. "
                "Programmes with people under 18 use first names unless you choose otherwise."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        form.addRow(note)
        ctx.programmeChanged.connect(lambda _: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        programme_id = self.ctx.programme_id
        self.setEnabled(bool(programme_id))
        if not programme_id:
            return
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(meetings_service.calendar_names(programme_id)))
        self.combo.blockSignals(False)

    def _save(self, _index: int) -> None:
        if not self.ctx.programme_id:
            return
        meetings_service.set_calendar_names(self.ctx.programme_id, self.combo.currentData())
        self.ctx.show_status(
            self.tr("Calendar files will show: {what}.").format(what=self.combo.currentText())
        )
