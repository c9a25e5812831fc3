"""Week and month calendars: custom widgets painting the filtered rows of the agenda model.

Layout (which rectangle each meeting occupies) is computed when the rows, the
period or the size change; ``paintEvent`` only draws those rectangles. No view
ever touches the database. Meetings can be opened by double-click (or Enter on
the selected one) and moved by dragging them to another day or time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

from PySide6.QtCore import QDate, QLocale, QPoint, QPointF, QRectF, QSize, Qt, QTime, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QWidget

from mentordesk.services.meeting_queries import MeetingRow
from mentordesk.ui import theme
from mentordesk.ui.meetings.models import STATUS_COLOURS, RowFilter

SNAP_MINUTES = 15


@dataclass(frozen=True)
class Shade:
    """A term break (or other span) tinted on the calendar."""

    first: date
    last: date
    label: str


@dataclass
class _Drag:
    row: MeetingRow
    press: QPoint
    offset: QPointF  # from the chip's top-left, so the chip does not jump under the mouse
    active: bool = False
    target: datetime | None = None


@dataclass
class _Cell:
    day: date
    rect: QRectF
    chips: list[tuple[QRectF, MeetingRow]] = field(default_factory=list)
    more_rect: QRectF | None = None
    more: int = 0


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MeetingRow] = []
        self.anchor = date.today()
        self.today = date.today()
        self.shades: list[Shade] = []
        self.selected_id: int | None = None
        self._hits: list[tuple[QRectF, MeetingRow]] = []
        self._drag: _Drag | None = None
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

    def _move_target(self, drag: _Drag, pos: QPointF) -> datetime | None:
        raise NotImplementedError

    # -- mouse and keyboard ----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        row = self.meeting_at(event.position())
        self.selected_id = row.id if row else None
        if row is not None and event.button() == Qt.MouseButton.LeftButton:
            rect = self.rect_of(row.id) or QRectF()
            self._drag = _Drag(row, event.position().toPoint(), event.position() - rect.topLeft())
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
            self.selected_id = row.id
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
            self.selected_id = ids[max(0, min(len(ids) - 1, at))]
            self.update()
            return
        super().keyPressEvent(event)

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


class MonthView(CalendarView):
    """Six weeks around the anchor's month; each day lists its meetings, "+n more" when full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: list[_Cell] = []
        self.setMinimumSize(QSize(560, 360))

    def first_day(self) -> date:
        return week_start(self.anchor.replace(day=1))

    def last_day(self) -> date:
        return self.first_day() + timedelta(days=41)

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 10

    def _layout(self) -> None:
        self._cells = []
        metrics = self.fontMetrics()
        header = self._header_height()
        width, height = self.width() / 7, (self.height() - header) / 6
        chip_h = metrics.height() + 4
        by_day: dict[date, list[MeetingRow]] = {}
        for row in sorted(self.rows, key=lambda r: (r.starts_at, r.id)):  # the agenda may sort otherwise
            by_day.setdefault(row.starts_at.date(), []).append(row)
        first = self.first_day()
        for n in range(42):
            day = first + timedelta(days=n)
            rect = QRectF((n % 7) * width, header + (n // 7) * height, width, height)
            cell = _Cell(day, rect)
            todays = by_day.get(day, [])
            top = rect.top() + metrics.height() + 6
            room = max(0, int((rect.bottom() - top - 2) // (chip_h + 2)))
            shown = todays if len(todays) <= room else todays[: max(0, room - 1)]
            for i, row in enumerate(shown):
                chip = QRectF(rect.left() + 3, top + i * (chip_h + 2), rect.width() - 6, chip_h)
                cell.chips.append((chip, row))
                self._hits.append((chip, row))
            if len(shown) < len(todays):
                cell.more = len(todays) - len(shown)
                cell.more_rect = QRectF(
                    rect.left() + 3, top + len(shown) * (chip_h + 2), rect.width() - 6, chip_h
                )
            self._cells.append(cell)

    def _more_at(self, pos: QPointF) -> date | None:
        for cell in self._cells:
            if cell.more_rect is not None and cell.more_rect.contains(pos):
                return cell.day
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self._more_at(event.position())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.dayOpened.emit(day)
            return
        super().mousePressEvent(event)

    def day_at(self, pos: QPointF | QPoint) -> date | None:
        point = QPointF(pos)
        return next((cell.day for cell in self._cells if cell.rect.contains(point)), None)

    def slot_at(self, pos: QPointF | QPoint) -> datetime | None:
        day = self.day_at(pos)
        return datetime.combine(day, time(16, 0)) if day else None  # after school: the usual meeting time

    def _move_target(self, drag: _Drag, pos: QPointF) -> datetime | None:
        day = self.day_at(pos)
        return datetime.combine(day, drag.row.starts_at.time()) if day else None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        header = self._header_height()
        locale = QLocale()
        width = self.width() / 7
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        for n in range(7):
            day = self.first_day() + timedelta(days=n)
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            painter.drawText(QRectF(n * width, 0, width, header), int(Qt.AlignmentFlag.AlignCenter), name)
        grid = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        drag_day = (
            self._drag.target.date() if self._drag and self._drag.active and self._drag.target else None
        )
        for cell in self._cells:
            in_month = cell.day.month == self.anchor.month
            if not in_month:
                painter.fillRect(cell.rect, palette.color(QPalette.ColorRole.AlternateBase))
            shade = self.shade_for(cell.day)
            if shade is not None:
                painter.fillRect(cell.rect, self._shade_colour())
            if cell.day == drag_day:
                highlight = QColor(theme.accent())
                highlight.setAlpha(40)
                painter.fillRect(cell.rect, highlight)
            painter.setPen(grid)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(cell.rect)
            number = QRectF(
                cell.rect.left() + 4, cell.rect.top() + 2, cell.rect.width() - 8, metrics.height() + 2
            )
            if cell.day == self.today:
                circle = QRectF(
                    number.left() - 2, number.top(), metrics.horizontalAdvance("00") + 8, number.height()
                )
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(theme.accent())
                painter.drawRoundedRect(circle, number.height() / 2, number.height() / 2)
                painter.setPen(QColor("white"))
                painter.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), str(cell.day.day))
            else:
                colour = palette.color(
                    QPalette.ColorRole.Text if in_month else QPalette.ColorRole.PlaceholderText
                )
                painter.setPen(colour)
                painter.drawText(
                    number, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(cell.day.day)
                )
            if shade is not None:
                painter.setPen(QColor("#B26A00"))
                label_rect = number.adjusted(metrics.horizontalAdvance("00") + 12, 0, 0, 0)
                text = metrics.elidedText(shade.label, Qt.TextElideMode.ElideRight, int(label_rect.width()))
                painter.drawText(
                    label_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text
                )
            for rect, row in cell.chips:
                when = clock(row.starts_at.hour, row.starts_at.minute)
                self._chip(painter, rect, row, f"{when} {row.short_who or row.who}")
            if cell.more_rect is not None:
                painter.setPen(theme.accent())
                painter.drawText(
                    cell.more_rect.adjusted(6, 0, 0, 0),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    self.tr("+{n} more").format(n=cell.more),
                )
        painter.end()


class WeekView(CalendarView):
    """Seven day columns on an hour grid; overlapping meetings share their day side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_hour, self.last_hour = 8, 20
        self.now: datetime | None = None  # None: the real clock (tests set it)

    def first_day(self) -> date:
        return week_start(self.anchor)

    def last_day(self) -> date:
        return self.first_day() + timedelta(days=6)

    def _gutter(self) -> int:
        return self.fontMetrics().horizontalAdvance("00:00") + 14

    def _header_height(self) -> int:
        return self.fontMetrics().height() * 2 + 12

    def _hour_height(self) -> float:
        hours = self.last_hour - self.first_hour
        room = self.height() - self._header_height() - self._footer()
        return max(self.fontMetrics().height() * 1.8, room / max(1, hours))

    def _column_width(self) -> float:
        return (self.width() - self._gutter()) / 7

    def minimumSizeHint(self) -> QSize:
        hours = self.last_hour - self.first_hour
        return QSize(
            560, int(self._header_height() + hours * self.fontMetrics().height() * 1.8) + self._footer()
        )

    def _footer(self) -> int:
        return self.fontMetrics().height() // 2 + 2  # room for the last hour's label

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def _y_of(self, when: datetime) -> float:
        minutes = (when.hour - self.first_hour) * 60 + when.minute
        return self._header_height() + minutes / 60 * self._hour_height()

    def _layout(self) -> None:
        first, last = self.first_day(), self.last_day()
        visible = [r for r in self.rows if first <= r.starts_at.date() <= last]
        hours = [r.starts_at.hour for r in visible] + [
            min(23, r.ends_at.hour + (1 if r.ends_at.minute else 0))
            for r in visible
            if r.ends_at.date() == r.starts_at.date()
        ]
        self.first_hour = min([8, *hours])
        self.last_hour = max([20, *hours])
        self.updateGeometry()
        width = self._column_width()
        by_day: dict[date, list[MeetingRow]] = {}
        for row in visible:
            by_day.setdefault(row.starts_at.date(), []).append(row)
        min_height = self.fontMetrics().height() + 4
        for day, todays in by_day.items():
            lanes: list[datetime] = []  # the end time of the last meeting in each lane
            placed: list[tuple[int, MeetingRow]] = []
            for row in sorted(todays, key=lambda r: (r.starts_at, r.id)):
                lane = next((i for i, end in enumerate(lanes) if end <= row.starts_at), None)
                if lane is None:
                    lanes.append(row.ends_at)
                    lane = len(lanes) - 1
                else:
                    lanes[lane] = row.ends_at
                placed.append((lane, row))
            lane_width = (width - 6) / max(1, len(lanes))
            column = (day - first).days
            for lane, row in placed:
                top = self._y_of(row.starts_at)
                end = (
                    row.ends_at if row.ends_at.date() == day else datetime.combine(day, time(self.last_hour))
                )
                height = max(min_height, self._y_of(end) - top - 1)
                left = self._gutter() + column * width + 3 + lane * lane_width
                self._hits.append((QRectF(left, top, lane_width - 2, height), row))

    def slot_at(self, pos: QPointF | QPoint) -> datetime | None:
        point = QPointF(pos)
        if point.x() < self._gutter() or point.y() < self._header_height():
            return None
        column = int((point.x() - self._gutter()) // self._column_width())
        if not 0 <= column < 7:
            return None
        minutes = (point.y() - self._header_height()) / self._hour_height() * 60
        snapped = int(minutes // SNAP_MINUTES) * SNAP_MINUTES
        start = datetime.combine(self.first_day() + timedelta(days=column), time(self.first_hour))
        return start + timedelta(minutes=snapped)

    def _move_target(self, drag: _Drag, pos: QPointF) -> datetime | None:
        top_left = pos - drag.offset
        return self.slot_at(
            QPointF(max(top_left.x(), self._gutter()) + 4, max(top_left.y(), self._header_height()))
        )

    def _chip_text(self, row: MeetingRow, height: float) -> str:
        """Who first (the column already shows the time), then the times, then where, as room allows."""
        lines = [row.short_who or row.who]
        line = self.fontMetrics().height()
        if height > line * 2:
            lines.append(
                f"{clock(row.starts_at.hour, row.starts_at.minute)}–{clock(row.ends_at.hour, row.ends_at.minute)}"
            )
        if height > line * 3 and (row.place or row.link):
            lines.append(row.place or row.link)
        return "\n".join(lines)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        metrics = self.fontMetrics()
        gutter, header, width, hour = (
            self._gutter(),
            self._header_height(),
            self._column_width(),
            self._hour_height(),
        )
        locale = QLocale()
        grid = QPen(palette.color(QPalette.ColorRole.Mid), 1)
        for column in range(7):
            day = self.first_day() + timedelta(days=column)
            left = gutter + column * width
            shade = self.shade_for(day)
            if shade is not None:
                painter.fillRect(QRectF(left, header, width, self.height() - header), self._shade_colour())
            if day == self.today:
                tint = QColor(theme.accent())
                tint.setAlpha(18)
                painter.fillRect(QRectF(left, 0, width, self.height()), tint)
            painter.setPen(theme.accent() if day == self.today else palette.color(QPalette.ColorRole.Text))
            name = locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)
            date_text = locale.toString(QDate(day.year, day.month, day.day), "d MMM")
            painter.drawText(
                QRectF(left, 4, width, metrics.height()), int(Qt.AlignmentFlag.AlignCenter), name
            )
            painter.drawText(
                QRectF(left, 4 + metrics.height(), width, metrics.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                date_text,
            )
            if shade is not None:
                painter.setPen(QColor("#B26A00"))
                text = metrics.elidedText(shade.label, Qt.TextElideMode.ElideRight, int(width - 6))
                painter.drawText(
                    QRectF(left + 3, header + 2, width - 6, metrics.height()),
                    int(Qt.AlignmentFlag.AlignLeft),
                    text,
                )
            painter.setPen(grid)
            painter.drawLine(QPointF(left, 0), QPointF(left, self.height()))
        for n in range(self.last_hour - self.first_hour + 1):
            y = header + n * hour
            painter.setPen(grid)
            painter.drawLine(QPointF(gutter - 4, y), QPointF(self.width(), y))
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(
                    0,
                    y - metrics.height() / 2 + (metrics.height() / 2 if n == 0 else 0),
                    gutter - 8,
                    metrics.height(),
                ),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                clock(self.first_hour + n, 0),
            )
        now = self.now or datetime.now()
        if self.first_day() <= now.date() <= self.last_day() and self.first_hour <= now.hour < self.last_hour:
            y = self._y_of(now)
            left = gutter + (now.date() - self.first_day()).days * width
            painter.setPen(QPen(QColor("#C62828"), 2))
            painter.drawLine(QPointF(left, y), QPointF(left + width, y))
        for rect, row in self._hits:
            self._chip(painter, rect, row, self._chip_text(row, rect.height()))
        drag = self._drag
        if drag is not None and drag.active and drag.target is not None:
            ghost = self.rect_of(drag.row.id)
            if ghost is not None:
                column = (drag.target.date() - self.first_day()).days
                moved = QRectF(
                    gutter + column * width + 3, self._y_of(drag.target), width - 8, ghost.height()
                )
                when = clock(drag.target.hour, drag.target.minute)
                self._chip(
                    painter, moved, drag.row, f"{when} {drag.row.short_who or drag.row.who}", ghost=True
                )
        painter.end()
