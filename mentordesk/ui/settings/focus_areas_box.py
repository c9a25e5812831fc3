"""Settings › Pairing, network programmes: the focus areas mentors offer and mentees need, and the most
mentors a mentee may have at once. Saved at once, like every Settings tab; a bad list is refused with
the entry named and nothing changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from mentordesk.services import pairing
from mentordesk.services.pairing import PairingError
from mentordesk.ui.widgets.form_parts import error_label
from mentordesk.ui.widgets.list_editor import ListEditor, ListWords


class FocusAreasBox(QGroupBox):
    saved = Signal(str)  # the status-bar message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Network focus areas"), parent)
        self.programme_id = 0
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Mentors offer these and mentees need them, recorded as goal areas of the same name "
                "(offered or sought). The matcher gives each mentee a mentor for one of their areas, then "
                "a further mentor for what is still open."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.error_label = error_label()
        words = ListWords(
            list_name=self.tr("Focus areas"),
            new_label=self.tr("New &focus area:"),
            new_name=self.tr("New focus area"),
            placeholder=self.tr("e.g. Careers"),
            add=self.tr("A&dd area"),
            remove=self.tr("Remo&ve area"),
            type_first=self.tr("New focus area: type its name first (e.g. Careers)."),
            added=self.tr("Focus area added: {text}."),
            removed=self.tr("Focus area removed: {text}."),
        )
        self.editor = ListEditor(words, self._save, self.error_label.setText)
        self.editor.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.list, self.new_edit = self.editor.list, self.editor.new_edit
        self.add_button, self.remove_button = self.editor.add_button, self.editor.remove_button
        layout.addWidget(self.editor)
        most = QHBoxLayout()
        self.max_mentors = QSpinBox()
        self.max_mentors.setRange(1, 10)
        self.max_mentors.setAccessibleName(self.tr("Most mentors per mentee"))
        self.max_mentors.valueChanged.connect(self._max_changed)
        max_label = QLabel(self.tr("Most &mentors per mentee:"))
        max_label.setBuddy(self.max_mentors)
        most.addWidget(self.max_mentors)
        most.addStretch(1)
        self.editor.form.addRow(max_label, most)
        layout.addWidget(self.error_label)
        self._loading = False

    def areas(self) -> list[str]:
        return self.editor.texts()

    def load(self, programme_id: int, areas: tuple[str, ...], max_mentors: int) -> None:
        self.programme_id = programme_id
        self._loading = True
        try:
            self.editor.set_texts(areas)
            self.max_mentors.setValue(max_mentors)
        finally:
            self._loading = False
        self.error_label.clear()

    def _save(self, areas: list[str], message: str) -> bool:
        try:
            settings = pairing.save_focus_areas(self.programme_id, areas, self.max_mentors.value())
        except PairingError as exc:
            self.error_label.setText(str(exc))
            return False
        self.load(self.programme_id, settings.focus_areas, settings.max_mentors)
        self.saved.emit(message)
        return True

    def _max_changed(self, value: int) -> None:
        if not self._loading and self.programme_id:
            self._save(self.areas(), self.tr("At most {n} mentors per mentee.").format(n=value))
