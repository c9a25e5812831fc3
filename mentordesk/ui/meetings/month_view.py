"""The month calendar: six weeks, each day listing its meetings ("+n more" when the day is full)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QLocale, QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

from mentordesk.services.meetings import MeetingRow
from mentordesk.ui import theme
from mentordesk.ui.meetings.calendar_views import CalendarView, DragState, clock, week_start


@dataclass
class DayCell:
    day: date
    rect: QRectF
    chips: list[tuple[QRectF, MeetingRow]] = field(default_factory=list)
    more_rect: QRectF | None = None
    more: int = 0


class MonthView(CalendarView):
    """Six weeks around the anchor's month; each day lists its meetings, "+n more" when full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: list[DayCell] = []
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
            cell = DayCell(day, rect)
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

    def _move_target(self, drag: DragState, pos: QPointF) -> datetime | None:
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
        selected_day = self.selected_day()
        for cell in self._cells:
            in_month = cell.day.month == self.anchor.month
            if not in_month:
                painter.fillRect(cell.rect, palette.color(QPalette.ColorRole.AlternateBase))
            shade = self.shade_for(cell.day)
            if shade is not None:
                painter.fillRect(cell.rect, self._shade_colour())
            if cell.day in (drag_day, selected_day):  # where it goes; the selected meeting's day
                highlight = QColor(theme.accent())
                highlight.setAlpha(40 if cell.day == drag_day else 24)
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
