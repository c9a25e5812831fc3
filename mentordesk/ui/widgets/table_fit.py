"""Tables that fit their width: the columns that matter stretch, the others give way on a small screen.

On a 1024 px laptop the Participants table scrolled sideways and goal titles read "App…": every
column kept its width and the one holding the names got what was left. ``fit_columns`` keeps the
stretching columns at least ``room`` px wide by hiding the optional columns, least needed first,
while the table is narrow, and shows them again as it widens (their text stays in the detail pane
and the tooltips).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

ROOM = 140  # px: the least a stretching column (names, titles) keeps before optional columns give way


class ColumnFit(QObject):
    """Watches a table's width and contents; see ``fit_columns``."""

    def __init__(self, view: QTableView, stretch: Sequence[int], optional: Sequence[int], room: int) -> None:
        super().__init__(view)
        self.view = view
        self.stretch = tuple(stretch)
        self.optional = tuple(optional)
        self.room = room
        self.hidden: set[int] = set()  # the columns hidden here (others may hide columns of their own)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in self.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.widths: dict[int, int] = {}  # set widths of the columns that neither stretch nor fit their text
        self.fitted: dict[int, int] = {}  # the last widths of the columns that fit their text
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged):
                signal.connect(lambda *_: self.timer.start())
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def _wanted(self, column: int) -> int:
        header = self.view.horizontalHeader()
        if column in self.stretch:
            return max(self.room, header.sectionSizeHint(column))
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents:
            if not header.isSectionHidden(column) or column not in self.fitted:  # hidden: no size hint
                self.fitted[column] = max(
                    header.sectionSizeHint(column), self.view.sizeHintForColumn(column), header.minimumSectionSize()
                )
            return self.fitted[column]
        if column not in self.widths:
            self.widths[column] = header.sectionSize(column) or header.defaultSectionSize()
        return self.widths[column]

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        if self.view.model() is None:
            return
        shown = [c for c in range(header.count()) if c in self.hidden or not header.isSectionHidden(c)]
        total = sum(self._wanted(c) for c in shown)
        available = self.view.viewport().width()
        hide: set[int] = set()
        for column in self.optional:
            if total <= available:
                break
            if column in shown:
                total -= self._wanted(column)
                hide.add(column)
        for column in self.hidden - hide:
            header.setSectionHidden(column, False)
            if column in self.widths:
                header.resizeSection(column, self.widths[column])
        for column in hide - self.hidden:
            header.setSectionHidden(column, True)
        self.hidden = hide


def fit_columns(
    view: QTableView, stretch: Sequence[int], optional: Sequence[int] = (), room: int = ROOM
) -> ColumnFit:
    """Make ``stretch`` share the table's spare width, and hide ``optional`` columns (the first listed
    goes first) while the table is too narrow for each stretching column to keep ``room`` px."""
    return ColumnFit(view, stretch, optional, room)
