"""Week and month calendars: custom widgets painting the filtered rows of the agenda model.

Layout (which rectangle each meeting occupies) is computed when the rows, the
period or the size change; ``paintEvent`` only draws those rectangles. No view
ever touches the database. Meetings can be opened by double-click (or Enter on
the selected one) and moved by dragging them to another day or time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from PySide6.QtCore import QLocale, QPoint, QPointF, QRectF, Qt, QTime, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from mentordesk.services.meetings import MeetingRow
from mentordesk.ui import theme
from mentordesk.ui.meetings.models import STATUS_COLOURS, RowFilter


@dataclass(frozen=True)
class Shade:
    """A term break (or other span) tinted on the calendar."""

    first: date
    last: date
    label: str


@dataclass
class DragState:
    row: MeetingRow
    press: QPoint
    offset: QPointF  # from the chip's top-left, so the chip does not jump under the mouse
    active: bool = False
    target: datetime | None = None


@cache
def clock(hour: int, minute: int) -> str:
    """A time of day in the user's locale (16:00 or 4:00 PM), cached: painting asks for it often."""
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


def week_start(day: date) -> date:
    """The first day of the week containing ``day``, as the user's locale counts weeks."""
    first = QLocale().firstDayOfWeek().value - 1  # Qt: Monday = 1; Python: Monday = 0
    return day - timedelta(days=(day.weekday() - first) % 7)


class CalendarView(QWidget):
    meetingActivated = Signal(int)
    meetingMoved = Signal(int, object)  # meeting id, new start (datetime)
    meetingMenuRequested = Signal(int, QPoint)  # meeting id, global position
    slotActivated = Signal(object)  # datetime: schedule a new meeting there
    dayOpened = Signal(object)  # date: show that day in more detail
    selectionChanged = Signal()  # selected_id changed (click, arrow keys, context menu)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MeetingRow] = []
        self.anchor = date.today()
        self.today = date.today()
        self.shades: list[Shade] = []
        self.selected_id: int | None = None
        self._hits: list[tuple[QRectF, MeetingRow]] = []
        self._drag: DragState | None = None
        self._source: RowFilter | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    # -- data ------------------------------------------------------------------------------------
    def set_source(self, source: RowFilter) -> None:
        self._source = source
        for signal in (source.modelReset, source.layoutChanged, source.rowsInserted, source.rowsRemoved):
            signal.connect(self.reload)
        self.reload()

    def reload(self, *_: object) -> None:
        self.rows = self._source.visible_rows() if self._source is not None else []
        self.relayout()

    def set_anchor(self, day: date) -> None:
        self.anchor = day
        self.relayout()

    def set_shades(self, shades: list[Shade]) -> None:
        self.shades = shades
        self.update()

    def first_day(self) -> date:
        raise NotImplementedError

    def last_day(self) -> date:
        raise NotImplementedError

    def relayout(self) -> None:
        self._hits = []
        self._layout()
        self.update()

    def _layout(self) -> None:
        raise NotImplementedError

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def shade_for(self, day: date) -> Shade | None:
        return next((s for s in self.shades if s.first <= day <= s.last), None)

    # -- hit testing -----------------------------------------------------------------------------
    def meeting_at(self, pos: QPointF | QPoint) -> MeetingRow | None:
        point = QPointF(pos)
        for rect, row in reversed(self._hits):  # topmost first
            if rect.contains(point):
                return row
        return None

    def rect_of(self, meeting_id: int) -> QRectF | None:
        return next((rect for rect, row in self._hits if row.id == meeting_id), None)

    def slot_at(self, pos: QPointF | QPoint) -> datetime | None:
        raise NotImplementedError

    def _move_target(self, drag: DragState, pos: QPointF) -> datetime | None:
        raise NotImplementedError

    # -- mouse and keyboard ----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        row = self.meeting_at(event.position())
        self._select(row.id if row else None)
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            rect = self.rect_of(row.id) or QRectF()
            self._drag = DragState(row, event.position().toPoint(), event.position() - rect.topLeft())
        self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            return
        distance = (event.position().toPoint() - drag.press).manhattanLength()
        if not drag.active and distance >= QApplication.startDragDistance():
            drag.active = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        if drag.active:
            drag.target = self._move_target(drag, event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        self.unsetCursor()
        if drag is not None and drag.active and drag.target is not None and drag.target != drag.row.starts_at:
            self.meetingMoved.emit(drag.row.id, drag.target)
        self.update()
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._drag = None
        row = self.meeting_at(event.position())
        if row is not None:
            self.meetingActivated.emit(row.id)
            return
        more = self._more_at(event.position())
        if more is not None:
            self.dayOpened.emit(more)
            return
        slot = self.slot_at(event.position())
        if slot is not None:
            self.slotActivated.emit(slot)

    def _more_at(self, pos: QPointF) -> date | None:
        return None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        row = self.meeting_at(event.pos())
        if row is not None:
            self._select(row.id)
            self.update()
            self.meetingMenuRequested.emit(row.id, event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        ids = [row.id for _, row in self._hits]
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id in ids:
            self.meetingActivated.emit(self.selected_id)
            return
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up) and ids:
            step = 1 if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1
            at = ids.index(self.selected_id) + step if self.selected_id in ids else 0
            self._select(ids[max(0, min(len(ids) - 1, at))])
            self.update()
            return
        super().keyPressEvent(event)

    def _select(self, meeting_id: int | None) -> None:
        if meeting_id != self.selected_id:
            self.selected_id = meeting_id
            self.selectionChanged.emit()

    def select(self, meeting_id: int | None) -> None:
        """Select a meeting from outside (one just saved), as a click on it would."""
        self._select(meeting_id)
        self.update()

    def selected_day(self) -> date | None:
        """The day of the selected meeting, when it is among the rows shown."""
        return next((row.starts_at.date() for row in self.rows if row.id == self.selected_id), None)

    # -- drawing helpers -------------------------------------------------------------------------
    def _chip(self, painter: QPainter, rect: QRectF, row: MeetingRow, text: str, ghost: bool = False) -> None:
        colour = QColor(STATUS_COLOURS.get(row.status, theme.accent()))
        fill = QColor(colour)
        fill.setAlpha(70 if ghost else 38)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setBrush(colour)
        painter.drawRect(QRectF(rect.left(), rect.top(), 3, rect.height()))
        if row.id == self.selected_id and not ghost:
            painter.setPen(QPen(colour, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        font = painter.font()
        font.setStrikeOut(row.status == "cancelled")
        painter.setFont(font)
        inner = rect.adjusted(6, 1, -3, -1)
        metrics = QFontMetrics(font)
        elided = "\n".join(
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width()))
            for line in text.splitlines()
        )
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), elided)
        font.setStrikeOut(False)
        painter.setFont(font)

    def _shade_colour(self) -> QColor:
        colour = QColor("#B26A00")
        colour.setAlpha(28)
        return colour
