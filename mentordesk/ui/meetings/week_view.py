"""The week calendar: seven day columns on an hour grid, meetings placed by time."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QLocale, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from mentordesk.services.meetings import MeetingRow
from mentordesk.ui import theme
from mentordesk.ui.meetings.calendar_views import CalendarView, DragState, clock, week_start

SNAP_MINUTES = 15


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

    def _move_target(self, drag: DragState, pos: QPointF) -> datetime | None:
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
