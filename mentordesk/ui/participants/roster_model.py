"""The participants table: plain RosterRow objects in a model, filtered as you type by a proxy.

Speed matters here (5,000 rows, a filter per keystroke): each row's search text is
folded once when the rows are loaded, the proxy's filter only looks at that
precomputed text, and sorting is done in Python on the source rows (one ``sort``
call) rather than by the proxy calling ``data()`` a hundred thousand times.

The Name column shows "Ann Lee" (preferred name, then last name) and sorts by that same
text, in the locale's alphabetical order, as every other table with a person's name does:
what a coordinator reads down the column is the order they clicked for. Other columns
sort by their own value, then by name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from mentordesk.core.participants import fold, screening_not_started, screening_reading
from mentordesk.core.vocab import label
from mentordesk.services.participants import RosterRow
from mentordesk.ui.formatting import localise_dates
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import (
    ROW_ROLE as ROW_ROLE,  # the RosterRow itself
    RowsTableModel,
)

NAME, ROLE, STATUS, CLEARANCE, TAGS, ORGANISATION, EMAIL = range(7)
HEADERS = ("Name", "Role", "Status", "Clearance", "Tags", "Organisation", "E-mail")

_STATUS_ORDER = {
    s: i for i, s in enumerate(("applied", "screening", "ready", "matched", "on_hold", "exited"))
}
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("RosterModel", text)


def not_screened_yet(row: RosterRow) -> bool:
    """Applied (cleared or not: a mentee with a guardian's consent already is): screening has not started,
    which is no one's problem yet."""
    return screening_not_started(row.status, row.attention)


class RosterModel(RowsTableModel[RosterRow]):
    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.haystacks: list[str] = []
        self.generation = 0  # changes whenever rows are replaced or reordered
        self._ok = icon("ok", "#2E7D32")
        self._warn = icon("warning", "#B26A00")
        self._bad = icon("error", "#C62828")
        self._waiting = icon("history", "#8A9099")

    # -- loading ----------------------------------------------------------------------------
    def rows_replaced(self) -> None:
        self.haystacks = [self._haystack(r) for r in self.rows]
        self.generation += 1

    @staticmethod
    def _haystack(row: RosterRow) -> str:
        return fold(
            " ".join((row.name, row.first_name, row.last_name, row.email, row.organisation, row.tags))
        )

    # -- how a row reads ---------------------------------------------------------------------------
    def row_texts(self, row: RosterRow) -> tuple[str, ...]:
        clearance = row.clearance
        if row.attention:
            clearance = row.attention[0] + (f" (+{len(row.attention) - 1})" if len(row.attention) > 1 else "")
        elif not_screened_yet(row):
            # Not a problem yet, so not counted as needing attention: say that, not a list of gaps.
            clearance = _tr("Screening not started")
        return (
            row.name,
            label(row.role),
            label(row.status),
            localise_dates(clearance),
            row.tags,
            row.organisation,
            row.email,
        )

    def cell(self, row: RosterRow, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole and column == CLEARANCE:
            if not_screened_yet(row):
                return self._waiting
            if not row.cleared:
                return self._bad
            return self._warn if row.attention else self._ok
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == CLEARANCE:
                if not_screened_yet(row):
                    reading = screening_reading(row.cleared, row.clearance)
                    return localise_dates(_tr("Screening not started") + ": " + reading)
                lines = [row.clearance] + [f"• {a}" for a in row.attention]
                return localise_dates("\n".join(lines))
            if column == TAGS:
                return row.tags
        elif role == Qt.ItemDataRole.ForegroundRole and row.status == "exited":
            return QBrush(QColor("#8A9099"))
        return None

    def sort_key(self, row: RosterRow, column: int) -> tuple:
        """The column's value, then the name as shown (``text_rank``: locale order, any case or accent)."""
        name = self.text_rank(row, NAME)
        if column == ROLE:
            return (row.role, name)
        if column == STATUS:
            return (_STATUS_ORDER.get(row.status, 9), name)
        if column == CLEARANCE:
            return (row.cleared, not row.attention, name)
        if column in (TAGS, ORGANISATION, EMAIL):  # people without one come last
            return (not self.texts(row)[column], self.text_rank(row, column), name)
        return (name,)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows in Python, keeping selections (persistent indexes) on the same people."""
        if not self.rows or not 0 <= column < len(HEADERS):
            return
        self.layoutAboutToBeChanged.emit()
        old_positions = {id(r): i for i, r in enumerate(self.rows)}
        pairs = sorted(
            zip(self.rows, self.haystacks, strict=True),
            key=lambda pair: self.sort_key(pair[0], column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.rows = [p[0] for p in pairs]
        self.haystacks = [p[1] for p in pairs]
        self.generation += 1
        new_position = {old_positions[id(r)]: i for i, r in enumerate(self.rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent, [self.index(new_position[i.row()], i.column()) for i in persistent]
        )
        self.layoutChanged.emit()


class RosterFilter(QSortFilterProxyModel):
    """Search (every word must match name, e-mail, organisation or a tag), role, status, needs attention."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.role = ""
        self.status = ""
        self.attention_only = False
        self.ids: frozenset[int] | None = None  # people chosen elsewhere (a dashboard figure)
        self._accepted: list[bool] | None = None
        self._generation = -1

    def roster(self) -> RosterModel:
        model = self.sourceModel()
        assert isinstance(model, RosterModel)
        return model

    def set_text(self, text: str) -> None:
        words = fold(text).split()
        if words != self.words:
            self._change(lambda: setattr(self, "words", words))

    def set_role(self, role: str) -> None:
        self._change(lambda: setattr(self, "role", role))

    def set_status(self, status: str) -> None:
        self._change(lambda: setattr(self, "status", status))

    def set_ids(self, ids: frozenset[int] | None) -> None:
        self._change(lambda: setattr(self, "ids", ids))

    def set_attention_only(self, on: bool) -> None:
        self._change(lambda: setattr(self, "attention_only", on))

    def _change(self, apply) -> None:
        self.beginFilterChange()
        apply()
        self._accepted = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _compute(self) -> list[bool]:
        """The whole filter in one Python pass; filterAcceptsRow then only looks the answer up."""
        model = self.roster()
        words, role, status, attention_only = self.words, self.role, self.status, self.attention_only
        ids = self.ids
        return [
            (ids is None or row.participant_id in ids)
            and (not role or row.role == role)
            and (not status or row.status == status)
            and (not attention_only or bool(row.attention))
            and all(word in haystack for word in words)
            for row, haystack in zip(model.rows, model.haystacks, strict=True)
        ]

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._accepted is None or self._generation != self.roster().generation:
            self._accepted = self._compute()
            self._generation = self.roster().generation
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts itself (fast, in Python); the proxy keeps the source order.
        self.roster().sort(column, order)

    def row_at(self, proxy_row: int) -> RosterRow:
        return self.roster().rows[self.mapToSource(self.index(proxy_row, 0)).row()]
