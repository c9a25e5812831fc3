"""Table models of the Surveys area: plain rows from the service, no queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from mentordesk.services.surveys import DueRow, ResponseRow, TemplateRow
from mentordesk.ui.formatting import format_date
from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel

WARNING = QColor("#B26A00")
SOURCES = {"typed": "Typed in", "pdf": "Returned PDF", "csv": "Form export"}
AUDIENCES = {"mentor": "Mentors", "mentee": "Mentees", "both": "Mentors and mentees"}
PURPOSES = {"fit_check": "Fit check", "pulse": "Pulse", "exit": "Exit", "outcome": "Before and after"}


def tr(text: str) -> str:
    return QCoreApplication.translate("Surveys", text)


class DueModel(RowsTableModel[DueRow]):
    HEADERS = ("Due on", "Survey", "Person", "Role", "Status")
    today: date = date.today()

    def row_texts(self, row: DueRow) -> tuple[str, ...]:
        status = tr("{n} days overdue").format(n=row.days_late(self.today)) if row.overdue else tr("due")
        return (format_date(row.due_on), row.survey, row.person, tr(row.role.capitalize()), status)

    def cell(self, row: DueRow, column: int, role: int) -> Any:
        if role == SORT_ROLE and column in (0, 4):
            return row.due_on.isoformat()
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and row.overdue:
            return WARNING
        return None


class ResponsesModel(RowsTableModel[ResponseRow]):
    HEADERS = ("Answered on", "Survey", "Person", "How it came")

    def row_texts(self, row: ResponseRow) -> tuple[str, ...]:
        return (
            format_date(row.answered_on),
            row.template_name,
            row.person,
            tr(SOURCES.get(row.source, row.source)),
        )

    def cell(self, row: ResponseRow, column: int, role: int) -> Any:
        if role == SORT_ROLE and column == 0:
            return row.answered_on.isoformat()
        return None


@dataclass(frozen=True)
class OutcomeRow:
    scale: str
    pairs: int
    mean_change: float | None
    improved_pct: float | int | None


class OutcomesModel(RowsTableModel[OutcomeRow]):
    HEADERS = ("Scale", "Answered before and after", "Mean change (of 5)", "Improved")

    def row_texts(self, row: OutcomeRow) -> tuple[str, ...]:
        change = "—" if row.mean_change is None else f"{row.mean_change:+.2f}"
        improved = "—" if row.improved_pct is None else f"{row.improved_pct} %"
        return (row.scale, str(row.pairs), change, improved)


class TemplatesModel(RowsTableModel[TemplateRow]):
    HEADERS = ("Survey", "For", "Kind", "Questions", "When")

    def row_texts(self, row: TemplateRow) -> tuple[str, ...]:
        return (
            row.name,
            tr(AUDIENCES.get(row.audience, row.audience)),
            tr(PURPOSES.get(row.purpose, row.purpose)),
            str(len(row.questions)),
            row.when_text,
        )
