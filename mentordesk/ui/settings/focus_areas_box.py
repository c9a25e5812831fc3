"""Settings › Pairing, network programmes: the focus areas mentors offer and mentees need, and the most
mentors a mentee may have at once. Saved at once, like every Settings tab; a bad list is refused with
the entry named and nothing changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import pairing
from mentordesk.services.pairing import PairingError
from mentordesk.ui.icons import icon
from mentordesk.ui.widgets.form_parts import error_label


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
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Focus areas"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 12)
        self.list.currentRowChanged.connect(self._selected)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.new_edit = QLineEdit()
        self.new_edit.setPlaceholderText(self.tr("e.g. Careers"))
        self.new_edit.setMaxLength(60)
        self.new_edit.setAccessibleName(self.tr("New focus area"))
        self.new_edit.returnPressed.connect(self.add_area)
        new_label = QLabel(self.tr("New &focus area:"))
        new_label.setBuddy(self.new_edit)
        self.add_button = QPushButton(icon("add"), self.tr("A&dd area"))
        self.add_button.clicked.connect(self.add_area)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remo&ve area"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(new_label)
        row.addWidget(self.new_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        most = QHBoxLayout()
        self.max_mentors = QSpinBox()
        self.max_mentors.setRange(1, 10)
        self.max_mentors.setAccessibleName(self.tr("Most mentors per mentee"))
        self.max_mentors.valueChanged.connect(self._max_changed)
        max_label = QLabel(self.tr("Most &mentors per mentee:"))
        max_label.setBuddy(self.max_mentors)
        most.addWidget(max_label)
        most.addWidget(self.max_mentors)
        most.addStretch(1)
        layout.addLayout(most)
        self.error_label = error_label()
        layout.addWidget(self.error_label)
        self._loading = False

    def areas(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def load(self, programme_id: int, areas: tuple[str, ...], max_mentors: int) -> None:
        self.programme_id = programme_id
        self._loading = True
        try:
            self.list.clear()
            self.list.addItems(list(areas))
            self.max_mentors.setValue(max_mentors)
        finally:
            self._loading = False
        self.error_label.clear()
        self._selected()

    def _selected(self, *_: object) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)

    def _save(self, areas: list[str], message: str) -> bool:
        try:
            settings = pairing.save_focus_areas(self.programme_id, areas, self.max_mentors.value())
        except PairingError as exc:
            self.error_label.setText(str(exc))
            return False
        self.load(self.programme_id, settings.focus_areas, settings.max_mentors)
        self.saved.emit(message)
        return True

    def add_area(self) -> None:
        text = " ".join(self.new_edit.text().split())
        if not text:
            self.error_label.setText(self.tr("New focus area: type its name first (e.g. Careers)."))
            return
        if self._save(self.areas() + [text], self.tr("Focus area added: {text}.").format(text=text)):
            self.new_edit.clear()
            self.list.setCurrentRow(self.list.count() - 1)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        areas = self.areas()
        removed = areas.pop(row)
        self._save(areas, self.tr("Focus area removed: {text}.").format(text=removed))

    def _max_changed(self, value: int) -> None:
        if not self._loading and self.programme_id:
            self._save(self.areas(), self.tr("At most {n} mentors per mentee.").format(n=value))
