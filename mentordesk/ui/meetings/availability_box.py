"""The schedule dialog's "Availability" box: conflicts in amber, and the next free common times."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from mentordesk.ui.formatting import format_weekday_time
from mentordesk.ui.icons import icon

SHOWN = 5  # conflict lines shown; a long series summarises the rest


class AvailabilityBox(QGroupBox):
    suggestionChosen = Signal(object)  # datetime

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Availability"))
        layout = QVBoxLayout(self)
        self.ok_label = QLabel(self.tr("No conflicts: everyone is available and free then."))
        self.ok_label.setObjectName("hint")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("warning")
        self.warning_label.setWordWrap(True)
        self.suggestion_title = QLabel()
        self.suggestion_list = QListWidget()
        self.suggestion_list.setAccessibleName(self.tr("Suggested times"))
        # Always the same height, so the dialog does not jump as warnings come and go.
        self.suggestion_list.setFixedHeight(int(self.fontMetrics().height() * 1.5 * 4) + 8)
        for widget in (self.ok_label, self.warning_label, self.suggestion_title, self.suggestion_list):
            layout.addWidget(widget)
        self.suggestion_list.itemActivated.connect(self._chosen)
        self.suggestion_list.itemClicked.connect(self._chosen)

    def show_result(self, conflicts: list[str], suggestions: list[datetime], *, has_error: bool) -> None:
        shown = conflicts[:SHOWN]
        text = "\n".join(f"⚠ {line}" for line in shown)
        if len(conflicts) > len(shown):
            text += "\n" + self.tr("…and {n} more.").format(n=len(conflicts) - len(shown))
        self.warning_label.setText(text)
        self.warning_label.setVisible(bool(text))
        self.ok_label.setVisible(not text and not has_error)
        self.suggestion_list.clear()
        for when in suggestions:
            item = QListWidgetItem(icon("calendar"), format_weekday_time(when))
            item.setData(Qt.ItemDataRole.UserRole, when)
            self.suggestion_list.addItem(item)
        if suggestions:
            self.suggestion_title.setText(self.tr("Next free times for everyone (click one to use it):"))
        elif has_error:  # the search did not run: saying there is no free time would be untrue
            self.suggestion_title.setText(
                self.tr("Free times are looked up once the date and time are valid.")
            )
        else:
            self.suggestion_title.setText(
                self.tr("No common free time on record: check both people's availability.")
            )
        self.suggestion_list.setEnabled(bool(suggestions))

    def _chosen(self, item: QListWidgetItem) -> None:
        self.suggestionChosen.emit(item.data(Qt.ItemDataRole.UserRole))
