"""Table models of the Board tab. Each holds plain rows loaded by services.board; data() never queries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from mentordesk.core.vocab import RecommendationOutcome, label
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel
from mentordesk.ui.pairing.models import good_bad, locale_date


class RecommendationsModel(RowsTableModel[Any]):
    MADE, TITLE, SPONSOR, OUTCOME, DECIDED = range(5)
    HEADERS = ("Made on", "Recommendation", "To", "Outcome", "Decided on")

    def row_texts(self, row: Any) -> list[str]:
        return [
            locale_date(row.made_on),
            row.title,
            row.sponsor_name,
            self.tr(row.outcome_label),
            locale_date(row.decided_on),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            if column == self.MADE:
                return row.made_on.isoformat()
            if column == self.DECIDED:
                return row.decided_on.isoformat() if row.decided_on else ""
        if role == Qt.ItemDataRole.DecorationRole and column == self.OUTCOME:
            return icon(
                {
                    RecommendationOutcome.ACCEPTED.value: "ok",
                    RecommendationOutcome.DECLINED.value: "close",
                    RecommendationOutcome.IN_PROGRESS.value: "run",
                }.get(row.outcome, "history")
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OUTCOME:
            good, bad = good_bad()
            return {
                RecommendationOutcome.ACCEPTED.value: good,
                RecommendationOutcome.DECLINED.value: bad,
            }.get(row.outcome)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.title]
            if row.detail:
                lines.append(row.detail)
            if row.session_id:
                lines.append(self.tr("Made at a board session"))
            if row.note:
                lines.append(self.tr("Outcome: {note}").format(note=row.note))
            return "\n".join(lines)
        return None


class SessionsModel(RowsTableModel[Any]):
    DAY, WHAT, TOPICS, ATTENDANCE, MADE = range(5)
    HEADERS = ("Date", "Session", "Topics", "Attendance", "Recommendations")

    def row_texts(self, row: Any) -> list[str]:
        marked = row.present + row.apologies + row.absent
        attendance = (
            self.tr("{p} of {n} present").format(p=row.present, n=marked)
            if marked
            else self.tr("Not recorded")
        )
        return [
            locale_date(row.held_on),
            row.title or row.place,
            "; ".join(row.topics),
            attendance,
            str(row.recommendations),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == SORT_ROLE:
            if column == self.DAY:
                return row.held_on.isoformat()
            if column == self.MADE:
                return row.recommendations
            if column == self.ATTENDANCE:
                return row.present
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(["• " + t for t in row.topics] + ([row.notes] if row.notes else []))
        return None


class MembersModel(RowsTableModel[Any]):
    NAME, ROLE, STATUS, ATTENDED = range(4)
    HEADERS = ("Member", "Role", "Status", "Sessions attended")

    def row_texts(self, row: Any) -> list[str]:
        attended = self.tr("{p} of {n}").format(p=row.present, n=row.marked) if row.marked else "—"
        return [row.name, self.tr(label(row.role)), self.tr(label(row.status)), attended]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == self.ATTENDED:
            return row.present
        return None


class SponsorsModel(RowsTableModel[Any]):
    NAME, ROLE, EMAIL, MADE = range(4)
    HEADERS = ("Sponsor", "Role", "E-mail", "Recommendations to them")

    def row_texts(self, row: Any) -> list[str]:
        return [row.name, row.role, row.email, str(row.recommendations)]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == self.MADE:
            return row.recommendations
        return None
