"""Dashboard: the programme at a glance and what needs attention today."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mentordesk.services import dashboard
from mentordesk.ui.context import AppContext
from mentordesk.ui.icons import icon
from mentordesk.ui.page import Page
from mentordesk.ui.widgets.empty_state import EmptyState


class StatCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.value = QLabel("0")
        self.value.setObjectName("cardValue")
        label = QLabel(caption)
        label.setObjectName("cardLabel")
        label.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(label)


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header(self.tr("Dashboard"), self.tr("Your programme at a glance.")))
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        self.no_programme = EmptyState(
            "programme",
            self.tr("No programme yet"),
            self.tr(
                "A programme holds one scheme's people, matches and meetings (for example one per school "
                "year). Create your first programme to begin."
            ),
        )
        self.stack.addWidget(self.no_programme)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        cards = QGridLayout()
        cards.setSpacing(12)
        self.cards = {
            "mentors": StatCard(self.tr("Mentors")),
            "mentees": StatCard(self.tr("Mentees")),
            "waiting": StatCard(self.tr("Ready and waiting for a match")),
            "active": StatCard(self.tr("Active matches")),
        }
        for column, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, column)
        body_layout.addLayout(cards)
        title_row = QHBoxLayout()
        section = QLabel(self.tr("Needs attention"))
        section.setObjectName("sectionTitle")
        title_row.addWidget(section)
        title_row.addStretch(1)
        body_layout.addSpacing(8)
        body_layout.addLayout(title_row)
        self.attention_list = QListWidget()
        self.attention_list.itemActivated.connect(self._open_item)
        self.all_clear = QLabel(self.tr("Nothing needs your attention today."))
        self.all_clear.setObjectName("hint")
        self.all_clear.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body_layout.addWidget(self.attention_list, 1)
        body_layout.addWidget(self.all_clear)
        self.stack.addWidget(body)

    def refresh(self) -> None:
        super().refresh()
        if not self.ctx.programme_id:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        data = dashboard.overview(self.ctx.programme_id)
        self.cards["mentors"].value.setText(str(data.mentors))
        self.cards["mentees"].value.setText(str(data.mentees))
        self.cards["waiting"].value.setText(str(data.waiting))
        self.cards["active"].value.setText(str(data.active_matches))
        self.attention_list.clear()
        for item in data.attention:
            text = f"{item.subject}: {item.problem}"
            if item.days_overdue > 0:
                text += self.tr(" ({n} days overdue)").format(n=item.days_overdue)
            row = QListWidgetItem(icon("warning"), text)
            row.setData(Qt.ItemDataRole.UserRole, item.area)
            self.attention_list.addItem(row)
        self.attention_list.setVisible(bool(data.attention))
        self.all_clear.setVisible(not data.attention)

    def _open_item(self, item: QListWidgetItem) -> None:
        window = self.window()
        area = item.data(Qt.ItemDataRole.UserRole)
        if hasattr(window, "show_area") and area:
            window.show_area(area)
