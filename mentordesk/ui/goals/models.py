"""Table models of the Goals area: plain rows from the services, columns as constants, no queries.

``ColumnsModel`` maps each column to a function of the row for what is shown, and
another for how it sorts (``SORT_ROLE``), so a QSortFilterProxyModel sorts dates
as dates and progress as numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

from mentordesk.core.vocab import label
from mentordesk.services.goals import REVIEW_REASON_TEXT
from mentordesk.ui.formatting import format_date, format_datetime
from mentordesk.ui.models.rows_model import (
    ROW_ROLE as ROW_ROLE,  # the row object itself
    SORT_ROLE as SORT_ROLE,  # how a column sorts
    RowsTableModel,
)

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # an int 0-100 drawn as a bar by ProgressDelegate

WARNING = QColor("#B26A00")
MUTED = QColor("#8A9099")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    progress: bool = False


def _date_key(value) -> str:
    return value.isoformat() if value else "9999"  # undated last when sorting up


class ColumnsModel(RowsTableModel[Any]):
    """A ``RowsTableModel`` whose columns are ``Column`` specs rather than hand-written branches."""

    COLUMNS: Sequence[Column] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.HEADERS = tuple(column.title for column in cls.COLUMNS)

    def row_of_id(self, ident: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == ident), -1)

    def row_texts(self, row: Any) -> tuple[str, ...]:
        return tuple("" if column.progress else column.text(row) for column in self.COLUMNS)

    def sort_key(self, row: Any, column: int) -> Any:
        spec = self.COLUMNS[column]
        return spec.sort(row) if spec.sort else super().sort_key(row, column)

    def cell(self, row: Any, column: int, role: int):
        spec = self.COLUMNS[column]
        if role == PROGRESS_ROLE and spec.progress:
            return int(spec.text(row))
        if role == Qt.ItemDataRole.ToolTipRole:
            if spec.tooltip:
                return spec.tooltip(row)
            return f"{spec.text(row)} %" if spec.progress else None
        return self.extra_data(row, column, role)

    def extra_data(self, row: Any, column: int, role: int):
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Draws PROGRESS_ROLE as a slim progress bar with its percentage."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        value = index.data(PROGRESS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        bar = QStyleOptionProgressBar()
        bar.rect = QRect(option.rect.adjusted(6, 5, -6, -5))
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(value)
        bar.text = f"{int(value)} %"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)


# -- the models ----------------------------------------------------------------------------------


class MatchListModel(ColumnsModel):
    """The matches of a programme; progress is the mean of the open goals (no bar without any)."""

    MATCH, GOALS, PROGRESS = range(3)
    COLUMNS = (
        Column("Match", lambda r: r.label, tooltip=lambda r: f"{r.label}\n{label(r.status)}"),
        Column("Goals", lambda r: f"{r.open_goals}/{r.goals}" if r.goals else "–", sort=lambda r: r.goals),
        Column("Progress", lambda r: r.progress, sort=lambda r: r.progress, progress=True),
    )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == PROGRESS_ROLE and index.isValid() and not self.rows[index.row()].open_goals:
            return None
        return super().data(index, role)

    def extra_data(self, row, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "closed":
            return MUTED
        if role == Qt.ItemDataRole.DecorationRole and column == self.MATCH:
            from mentordesk.ui.icons import icon

            if row.overdue_milestones or row.reviews_due:
                return icon("warning", WARNING.name())
            return icon("match")
        return None


def _review_text(g) -> str:
    if g.review is None:
        return ""
    return format_date(g.review.due_on)


def owner_text(g) -> str:
    """The owner's name; a mentor's own development goal (developmental programmes) says so."""
    return f"{g.owner_name} (mentor)" if g.owner_role == "mentor" else g.owner_name


class GoalTableModel(ColumnsModel):
    TITLE, OWNER, STATUS, PROGRESS, TARGET, REVIEW = range(6)
    COLUMNS = (
        Column("Goal", lambda g: g.title, tooltip=lambda g: f"{g.why or g.title}\nOwner: {owner_text(g)}"),
        Column("Owner", lambda g: owner_text(g)),
        Column("Status", lambda g: label(g.status), sort=lambda g: g.status),
        Column("Progress", lambda g: g.progress, sort=lambda g: g.progress, progress=True),
        Column("Target", lambda g: format_date(g.target_date), sort=lambda g: _date_key(g.target_date)),
        Column(
            "Review",
            _review_text,
            sort=lambda g: _date_key(g.review.due_on if g.review else None),
            tooltip=lambda g: "" if g.review is None else REVIEW_REASON_TEXT[g.review.reason].capitalize(),
        ),
    )

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today: date | None = None  # set by the panel: reviews due by then are marked

    def extra_data(self, g, column, role):
        if role != Qt.ItemDataRole.ForegroundRole:
            return None
        if g.status in ("achieved", "dropped"):
            return MUTED if g.status == "dropped" else None
        if column == self.REVIEW and g.review and self.today and g.review.due_on <= self.today:
            return WARNING
        if column == self.TITLE and g.overdue_milestones:
            return WARNING
        return None


class MilestoneTableModel(ColumnsModel):
    """Milestones of one goal, in order; the first column is a tick box that emits ``doneToggled``."""

    DONE, TITLE, DUE, DONE_ON = range(4)
    COLUMNS = (
        Column("Done", lambda m: "", sort=lambda m: int(m.done)),
        Column("Milestone", lambda m: m.title),
        Column("Due", lambda m: format_date(m.due_on), sort=lambda m: _date_key(m.due_on)),
        Column("Done on", lambda m: format_date(m.done_on), sort=lambda m: _date_key(m.done_on)),
    )
    doneToggled = Signal(int, bool)  # milestone id, done

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DONE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def extra_data(self, m, column, role):
        if role == Qt.ItemDataRole.CheckStateRole and column == self.DONE:
            return Qt.CheckState.Checked if m.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and m.overdue:
            return WARNING
        if role == Qt.ItemDataRole.ToolTipRole and m.overdue and column == self.DUE:
            return self.tr("Overdue")
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.DONE:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.doneToggled.emit(self.rows[index.row()].id, checked)
            return True
        return False


ROLE_LABELS = {"mentor": "Mentor", "mentee": "Mentee", "peer": "Peer", "coordinator": "Coordinator"}


def _first_line(text: str, width: int = 80) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


class ReflectionTableModel(ColumnsModel):
    DATE, AUTHOR, ROLE, MEETING, GOALS, SUCCESSES = range(6)
    COLUMNS = (
        Column("Date", lambda r: format_date(r.written_on), sort=lambda r: r.written_on.isoformat()),
        Column("Written by", lambda r: r.author_name or ROLE_LABELS.get(r.author_role, r.author_role)),
        Column("Role", lambda r: ROLE_LABELS.get(r.author_role, r.author_role)),
        Column("Meeting", lambda r: format_datetime(r.meeting_at), sort=lambda r: _date_key(r.meeting_at)),
        Column("Goals", lambda r: "; ".join(r.goal_titles)),
        Column(
            "Successes",
            lambda r: _first_line(r.successes or r.next_steps),
            tooltip=lambda r: r.successes,
        ),
    )


class DueTableModel(ColumnsModel):
    DUE, OVERDUE, REASON, MATCH, GOAL, OWNER = range(6)
    COLUMNS = (
        Column("Due", lambda d: format_date(d.due.due_on), sort=lambda d: d.due.due_on.isoformat()),
        Column(
            "Overdue",
            lambda d: f"{d.days_overdue} d" if d.days_overdue else "",
            sort=lambda d: d.days_overdue,
        ),
        Column(
            "Why", lambda d: REVIEW_REASON_TEXT[d.due.reason].capitalize(), sort=lambda d: d.due.reason.value
        ),
        Column("Match", lambda d: d.match_label),
        Column("Goal", lambda d: d.title),
        Column("Owner", lambda d: d.owner_name),
    )

    def row_of_id(self, ident: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.goal_id == ident), -1)

    def extra_data(self, d, column, role):
        if role == Qt.ItemDataRole.ForegroundRole and d.days_overdue:
            return WARNING
        return None
