"""Table models of the Pairing area. Each holds plain rows loaded by a service; data() never queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from mentordesk.core.vocab import label
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import SORT_ROLE, RowsTableModel

Index = QModelIndex | QPersistentModelIndex


def locale_date(day: date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def good_bad() -> tuple[QColor, QColor]:
    """Green and red that stay readable on the light and the dark palette."""
    from mentordesk.ui import theme

    if theme.is_dark():
        return QColor("#66BB6A"), QColor("#EF5350")
    return QColor("#2E7D32"), QColor("#C62828")


def score_colour(score: float | None) -> QColor | None:
    if score is None:
        return None
    good, bad = good_bad()
    if score >= 70:
        return good
    if score < 50:
        return bad
    return None


class ReviewModel(RowsTableModel[Any]):
    """Draft proposals: one line per mentee."""

    MENTEE, MENTOR, SCORE, STATE = range(4)
    HEADERS = ("Mentee", "Mentor", "Score", "Review")  # the proposal: the tab says so

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.MENTEE:
                return row.mentee_name
            if column == self.MENTOR:
                focus = getattr(row, "focus_areas", ())
                return (
                    row.mentor_name
                    + (f"  ({row.group_size} in group)" if row.group_size > 1 else "")
                    + (f" — {', '.join(focus)}" if focus else "")
                )
            if column == self.SCORE:
                return "" if row.score is None else f"{row.score:.0f}"
            if column == self.STATE:
                states = [self.tr("Pinned")] if row.pinned else []
                if row.accepted:
                    states.append(self.tr("Accepted"))
                return ", ".join(states) or self.tr("To review")
        if role == SORT_ROLE:
            if column == self.SCORE:
                return -1.0 if row.score is None else float(row.score)
            if column == self.STATE:
                return (2 if row.accepted else 0) + (1 if row.pinned else 0)
            return self.cell(row, column, Qt.ItemDataRole.DisplayRole).casefold()
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATE:
            if row.pinned:
                return icon("pin")
            if row.accepted:
                return icon("ok")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SCORE:
            return score_colour(row.score)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SCORE:
            return self.tr("Score 0-100: 50 is neutral; see the breakdown for the reasons.")
        return None


class MatchesModel(RowsTableModel[Any]):
    """Published matches and their status."""

    MENTOR, MENTEES, STATUS, SCORE, STARTED, CLOSED = range(6)
    HEADERS = ("Mentor", "Mentee", "Status", "Score", "Started", "Closed")

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.mentors,
                row.mentees,
                self._status(row),
                "" if row.score is None else f"{row.score:.0f}",
                locale_date(row.started_on),
                locale_date(row.closed_on),
            )[column]
        if role == SORT_ROLE:
            if column == self.SCORE:
                return -1.0 if row.score is None else float(row.score)
            if column == self.STARTED:
                return (row.started_on or date.min).toordinal()
            if column == self.CLOSED:
                return (row.closed_on or date.min).toordinal()
            return str(self.cell(row, column, Qt.ItemDataRole.DisplayRole)).casefold()
        lapsed = getattr(row, "lapsed", "")
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.MENTOR, self.STATUS) and lapsed:
            return self.tr("Screening lapsed: {what}. Renew it (Participants > Screening) or pause the match.").format(
                what=lapsed
            )
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS and row.closure_reason:
            return self.tr("Closed ({kind}): {reason}").format(
                kind=label(row.closure_kind or ""), reason=row.closure_reason
            )
        if role == Qt.ItemDataRole.DecorationRole and column == self.MENTOR and lapsed:
            return icon("warning", "#B26A00")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            if lapsed:
                return QColor("#B26A00")
            return {"paused": QColor("#B26A00"), "closed": QColor("#7A8089")}.get(row.status)
        return None

    def _status(self, row: Any) -> str:
        """The status, with a paused match's resume day ("Paused until 2 Feb 2027"), and a lapsed
        mentor check ("Active · check lapsed")."""
        if getattr(row, "lapsed", ""):
            return self.tr("{status} · check lapsed").format(status=self._plain_status(row))
        return self._plain_status(row)

    def _plain_status(self, row: Any) -> str:
        if row.status == "paused" and row.resumes_on is not None:
            return self.tr("{status} until {day}").format(
                status=label(row.status), day=locale_date(row.resumes_on)
            )
        return label(row.status)


class CandidatesModel(RowsTableModel[Any]):
    """Manual pairing: every possible mentor for one mentee."""

    NAME, SCORE, PLACES, STATUS = range(4)
    HEADERS = ("Mentor", "Score", "Places left", "Eligible?")

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return row.name + (self.tr("  (current draft)") if row.current else "")
            if column == self.SCORE:
                return f"{row.score:.0f}"
            if column == self.PLACES:
                return "" if row.places_left is None else str(max(0, row.places_left))
            return self.tr("Eligible") if row.eligible else "; ".join(row.reasons)
        if role == SORT_ROLE:
            if column == self.SCORE:
                return float(row.score)
            if column == self.PLACES:
                return -1 if row.places_left is None else row.places_left
            if column == self.STATUS:
                return 0 if row.eligible else 1
            return row.name.casefold()
        if role == Qt.ItemDataRole.ForegroundRole and not row.eligible:
            return QColor("#8A9099")
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return icon("ok") if row.eligible else icon("warning")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS and not row.eligible:
            return "\n".join(row.reasons)
        return None


class UnmatchedModel(RowsTableModel[Any]):
    NAME, REASON = range(2)
    HEADERS = ("Not matched", "Why")

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:  # both sort as shown, in alphabetical order
            return row.name if column == self.NAME else row.reason
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.reason
        return None


class TimetableModel(RowsTableModel[Any]):
    """Speed mentoring: rounds down, mentors' tables across, the mentee at each table in each round."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mentors: list[tuple[int, str]] = []
        self._table: Any | None = None

    def set_timetable(self, table: Any | None) -> None:
        self._table = table
        self.set_rows(list(table.rounds) if table is not None else [])

    def rows_replaced(self) -> None:
        self.mentors = list(self._table.mentors) if self._table is not None else []

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.mentors)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and section < len(self.mentors):
            name = self.mentors[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return name
            if role == Qt.ItemDataRole.DisplayRole:
                # On two lines (first names, then family names), so five mentors fit a laptop screen.
                return "\n".join(name.rsplit(" ", 1))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return None
        return self.tr("Round {n}").format(n=section + 1)

    def cell(self, row: Any, column: int, role: int) -> Any:
        mentor_id = self.mentors[column][0]
        meeting = row.get(mentor_id)
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return meeting[1] if meeting else "—"
        if role == Qt.ItemDataRole.ToolTipRole and meeting:
            return self.tr("Score {score:.0f}").format(score=meeting[2])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
