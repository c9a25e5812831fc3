"""Table and list models of the Documents area: plain rows loaded by the service, no queries in data()."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from mentordesk.core.vocab import label
from mentordesk.services.documents import DocumentRow, MatchRow, render_problems, title
from mentordesk.ui.formatting import format_date, format_datetime
from mentordesk.ui.icons import icon
from mentordesk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsTableModel


def local_time(utc: datetime) -> datetime:
    """Stored times are naive UTC; people read them in their own time zone."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


RowRole = ROW_ROLE
SortRole = SORT_ROLE
Index = QModelIndex | QPersistentModelIndex

SIGNABLE = ("agreement", "consent_form")


class DocumentsModel(RowsTableModel[DocumentRow]):
    KIND, ABOUT, GENERATED, SIGNED, FILE = range(5)
    HEADERS = ("Document", "For", "Generated", "Signed on", "File")

    def row_texts(self, row: DocumentRow) -> tuple[str, ...]:
        if row.signed_on:
            signed = format_date(row.signed_on)
        elif row.missing:
            signed = self.tr("to sign: {names}").format(names=", ".join(row.missing))
        else:
            signed = self.tr("not yet") if row.kind in SIGNABLE else ""
        return (
            title(row.kind),
            row.about,
            format_datetime(local_time(row.generated_at)),
            signed,
            row.file_name if row.exists else self.tr("missing"),
        )

    def sort_key(self, row: DocumentRow, column: int) -> Any:
        if column == self.GENERATED:
            return row.generated_at.isoformat()
        if column == self.SIGNED:
            return row.signed_on.isoformat() if row.signed_on else ""
        return super().sort_key(row, column)

    def cell(self, row: DocumentRow, column: int, role: int):
        if role == Qt.ItemDataRole.DecorationRole:
            if column == self.KIND:
                return icon("pdf")
            if column == self.FILE and not row.exists:
                return icon("warning", "#B26A00")
            if column == self.SIGNED and row.signed_on:
                return icon("ok", "#2E7D32")
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FILE and not row.exists:
            return QColor("#B26A00")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.FILE:
                return row.path if row.exists else self.tr("Moved or deleted: {path}").format(path=row.path)
            if column == self.SIGNED and row.missing:
                return self.tr("Still to sign: {names}. Select it and choose Mark signed.").format(
                    names=", ".join(row.missing)
                )
            if column == self.SIGNED and row.kind in SIGNABLE and not row.signed_on:
                return self.tr("Not signed yet: select it and choose Mark signed.")
        return None


class MatchesModel(QAbstractListModel):
    """The programme's matches, two lines each: who, and where the paperwork stands."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[MatchRow] = []
        self.unprintable: dict[int, list[str]] = {}

    def set_rows(self, rows: list[MatchRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        # Checked here, from names already loaded: no query per row, and data() stays cheap.
        self.unprintable = {}
        for row in self.rows:
            problems = render_problems(list(row.member_names))
            if problems:
                self.unprintable[row.id] = [p.text for p in problems]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.names or self.tr('(no members)')}\n{self.state(row)}"
        if role == Qt.ItemDataRole.DecorationRole:
            if row.id in self.unprintable:
                return icon("warning", "#B26A00")
            if row.agreement_signed_on:
                return icon("ok", "#2E7D32")
            return icon("pdf") if row.has_agreement else icon("match")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [self.tr("Mentors: {names}").format(names=row.mentors or "-")]
            lines.append(self.tr("Mentees: {names}").format(names=row.mentees or "-"))
            if row.to_sign:
                lines.append(self.tr("Still to sign: {names}").format(names=", ".join(row.to_sign)))
            if row.id in self.unprintable:
                lines.append(
                    self.tr("Cannot be printed: {names}").format(names=", ".join(self.unprintable[row.id]))
                )
            return "\n".join(lines)
        return None

    def state(self, row: MatchRow) -> str:
        parts = [self.tr(label(row.status))]
        if row.agreement_signed_on:
            parts.append(self.tr("agreement signed {date}").format(date=format_date(row.agreement_signed_on)))
        elif row.to_sign:
            parts.append(self.tr("agreement: {n} still to sign").format(n=len(row.to_sign)))
        elif row.has_agreement:
            parts.append(self.tr("agreement printed, not signed"))
        else:
            parts.append(self.tr("no agreement yet"))
        return " · ".join(parts)

    def index_of(self, match_id: int) -> QModelIndex:
        for number, row in enumerate(self.rows):
            if row.id == match_id:
                return self.index(number, 0)
        return QModelIndex()


class DocumentsProxy(QSortFilterProxyModel):
    """Sorts by the sort role; filters by search text and, when set, by one match."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.match_id: int | None = None
        self.setSortRole(SortRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def set_match(self, match_id: int | None) -> None:
        self.beginFilterChange()  # Qt 6.10+: replaces the deprecated invalidateFilter()
        self.match_id = match_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if (
            self.match_id is not None
            and isinstance(model, DocumentsModel)
            and model.rows[source_row].match_id != self.match_id
        ):
            return False
        return super().filterAcceptsRow(source_row, source_parent)
