"""A cascade programme's tiers: the first mentors, then each tier they mentored, and who mentors whom.

Read-only: the tiers follow from the programme's published matches (``pairing.programme_tiers``).
Promoting a mentee who completed a cycle happens on the Participants page (Promote…).
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from mentordesk.core.vocab import label
from mentordesk.services import pairing


class TiersTab(QWidget):
    NAME, NOW, MENTORED_BY, MENTORS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("hint")
        layout.addWidget(self.summary)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels(
            [self.tr("Tier and person"), self.tr("Now"), self.tr("Mentored by"), self.tr("Mentors")]
        )
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Tiers of the cascade and who mentors whom"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NOW, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.MENTORED_BY, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.tiers: list[pairing.Tier] = []

    def reload(self, programme_id: int) -> None:
        self.tiers = pairing.programme_tiers(programme_id)
        waiting = len(pairing.promotable(programme_id))
        self.model.removeRows(0, self.model.rowCount())
        for tier in self.tiers:
            title = (
                self.tr("Tier 1: first mentors") if tier.number == 1 else self.tr("Tier {n}").format(n=tier.number)
            )
            head = QStandardItem(title)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            counts = QStandardItem(
                (self.tr("{m} mentoring, 1 mentee") if tier.mentees == 1 else self.tr("{m} mentoring, {e} mentees"))
                .format(m=tier.mentors, e=tier.mentees)
            )
            self.model.appendRow([head, counts, QStandardItem(""), QStandardItem("")])
            for person in tier.people:
                now = label(person.role) if person.role else self.tr("Not enrolled")
                if person.promoted:
                    now = self.tr("Mentor (promoted)")
                if person.status in ("screening", "applied"):
                    now += self.tr(", in screening")
                elif person.status == "exited":
                    now += self.tr(", left")
                row = [
                    QStandardItem(person.name),
                    QStandardItem(now),
                    QStandardItem(", ".join(person.mentored_by) or "—"),
                    QStandardItem(", ".join(person.mentoring) or "—"),
                ]
                for item in row:
                    item.setToolTip(item.text())
                head.appendRow(row)
        self.view.expandAll()
        if not self.tiers:
            self.summary.setText(
                self.tr("No tiers yet: once the first mentors are matched, their mentees make tier 2.")
            )
            return
        text = self.tr("{n} tiers. Tier 1 are the first mentors; each tier below was mentored by the one above, "
                       "and those promoted now mentor the next.").format(n=len(self.tiers))  # fmt: skip
        if waiting:
            text += " " + self.tr(
                "{w} mentees completed their cycle and can be promoted: select them on the Participants page "
                "and choose Promote…"
            ).format(w=waiting)
        self.summary.setText(text)
