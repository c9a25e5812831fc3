"""The dashboard's charts, drawn with QtCharts (PySide6-Addons): Qt's own chart widgets, which follow the
app's palette and fonts and tell which bar or slice was clicked, so each opens the list behind it.

Imported only when a figures tab is first shown, never at start-up (tests/ui/test_startup_imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from mentordesk.core.reports import PIPELINE_STAGES, Report
from mentordesk.core.vocab import label

GREEN, AMBER, RED, GREY = "#3A7D44", "#D08C1F", "#B23A3A", "#8A939C"
BLUE, LIGHT_BLUE = "#2F6DB0", "#7FA7CE"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Called with (list key, caption) when a segment is clicked: the page opens that list.
Opener = Callable[[str, str], None]


def _dark() -> bool:
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if _dark() else QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundVisible(False)
    chart.setTitle(title)
    font = QApplication.font()
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setTitleBrush(QApplication.palette().color(QPalette.ColorRole.WindowText))
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setVisible(False)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class ChartView(QChartView):
    """A chart with a name a screen reader can say and a short text version in its tooltip."""

    def __init__(self, chart: QChart, name: str, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAccessibleName(name)
        self.setAccessibleDescription(summary)
        self.setToolTip(summary)
        self.setMinimumSize(200, 140)
        self.setStyleSheet("background: transparent")
        self.segments: list[tuple[str, str]] = []  # (list key, caption) per clickable segment, for tests


def _axis_text(axis: QBarCategoryAxis | QValueAxis) -> None:
    axis.setLabelsBrush(QApplication.palette().color(QPalette.ColorRole.WindowText))
    font = QApplication.font()
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
    axis.setLabelsFont(font)


def _value_axis(top: float) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, max(4, top + max(1, top // 8)))
    axis.setLabelFormat("%d")
    axis.applyNiceNumbers()
    _axis_text(axis)
    return axis


def pipeline_chart(report: Report, open_list: Opener) -> ChartView:
    """Mentors and mentees in each pipeline stage; a bar opens those people."""
    # Horizontal bars are drawn from the bottom up: the stages reversed put "applied" on top.
    stages = [s.value for s in reversed(PIPELINE_STAGES)]
    chart = _chart("People by status")
    series = QHorizontalBarSeries()  # stage names on the left, where they have room
    view_segments: list[tuple[str, str]] = []
    top = 0
    for side, caption, colour in (("mentor", "Mentors", BLUE), ("mentee", "Mentees", LIGHT_BLUE)):
        bars = QBarSet(caption)
        bars.setColor(QColor(colour))
        bars.setBorderColor(QColor(colour))
        values = [report.pipeline.get((side, s), 0) for s in stages]
        top = max([top, *values])
        bars.append([float(v) for v in values])

        def clicked(index: int, side: str = side, caption: str = caption) -> None:
            stage = stages[index]
            open_list(f"pipeline_{side}_{stage}", f"{caption.lower()}: {label(stage).lower()}")

        bars.clicked.connect(clicked)
        series.append(bars)
        view_segments += [(f"pipeline_{side}_{s}", f"{caption.lower()}: {label(s).lower()}") for s in stages]
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label(s) for s in stages])
    _axis_text(categories)
    counts_axis = _value_axis(top)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(counts_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(counts_axis)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    chart.legend().setLabelColor(QApplication.palette().color(QPalette.ColorRole.WindowText))
    summary = "; ".join(
        f"{label(s)}: {report.pipeline.get(('mentor', s), 0)} mentors, {report.pipeline.get(('mentee', s), 0)} mentees"
        for s in stages
    )
    view = ChartView(chart, "Pipeline chart", summary)
    view.segments = view_segments
    return view


def health_chart(report: Report, open_list: Opener) -> ChartView:
    """Open matches on track, drifting, overdue and paused; a slice opens those matches."""
    chart = _chart("Match health")
    series = QPieSeries()
    series.setHoleSize(0.45)
    f = report.figures
    parts = (
        ("health_on_track", "on track", f["health_on_track"], GREEN),
        ("health_drifting", "drifting", f["health_drifting"], AMBER),
        ("health_overdue", "overdue", f["health_overdue"], RED),
        ("matches_paused", "paused", f["matches_paused"], GREY),
    )
    segments = []
    for key, caption, value, colour in parts:
        if not value:
            continue
        piece = series.append(f"{int(value)} {caption}", float(value))
        piece.setColor(QColor(colour))
        piece.setBorderColor(QColor(colour))
        piece.clicked.connect(
            lambda key=key, caption=caption, value=value: open_list(key, f"{int(value)} {caption}")
        )
        segments.append((key, caption))
    chart.addSeries(series)
    # A legend, not labels beside the slices: those are cut off in a laptop-sized window.
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignLeft)
    chart.legend().setLabelColor(QApplication.palette().color(QPalette.ColorRole.WindowText))
    chart.legend().setMinimumWidth(118)  # "4 on track" whole, beside the ring
    summary = ", ".join(f"{int(v or 0)} {c}" for _k, c, v, _ in parts)
    if not segments:
        chart.setTitle("Match health: no open matches")
    view = ChartView(chart, "Match health chart", summary)
    view.segments = segments
    return view


def _bars(
    title: str,
    name: str,
    names: list[str],
    values: list[int],
    keys: list[str],
    colours: list[str],
    open_list: Opener,
    horizontal: bool = False,
) -> ChartView:
    if horizontal:  # drawn from the bottom up: reversed, the first name is on top
        names, values, keys = names[::-1], values[::-1], keys[::-1]
    chart = _chart(title)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    bars = QBarSet(title)
    bars.setColor(QColor(colours[0] if colours else BLUE))
    bars.append([float(v) for v in values])
    bars.clicked.connect(
        lambda index: open_list(keys[index], names[index]) if 0 <= index < len(keys) else None
    )
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(names or [""])
    _axis_text(categories)
    axis = _value_axis(max(values, default=0))
    if horizontal:
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(axis)
    summary = "; ".join(f"{n}: {v}" for n, v in zip(names, values, strict=True)) or "nothing yet"
    view = ChartView(chart, name, summary)
    view.segments = list(zip(keys, names, strict=True))
    return view


def closures_chart(report: Report, open_list: Opener) -> ChartView:
    """Closures in the term by reason; a bar opens the matches closed for that reason."""
    reasons = list(report.closures_by_reason.items())
    keys = [f"closed_reason_{i}" for i in range(1, len(reasons) + 1)]
    return _bars(
        "Closures by reason" if reasons else "Closures by reason: none this term",
        "Closures by reason chart",
        [r for r, _ in reasons],
        [n for _, n in reasons],
        keys,
        [BLUE] * len(reasons),
        open_list,
        horizontal=True,
    )


def goals_chart(report: Report, open_list: Opener) -> ChartView:
    """Goals by status; a bar opens the matches with such a goal."""
    order = ("achieved", "in_progress", "not_started", "dropped")
    return _bars(
        "Goal progress",
        "Goal progress chart",
        [label(s) for s in order],
        [report.goals.get(s, 0) for s in order],
        [f"goals_{s}" for s in order],
        [BLUE] * 4,
        open_list,
        horizontal=True,
    )


def meetings_chart(report: Report, open_month: Callable[[date], None]) -> ChartView:
    """Meetings held per month; a bar opens the calendar at that month."""
    months = list(report.meetings_per_month)
    one_year = len({m[:4] for m in months}) == 1
    names = [MONTHS[int(m[5:7]) - 1] + ("" if one_year else f" {m[2:4]}") for m in months]
    view = _bars(
        "Meetings held per month",
        "Meetings per month chart",
        names,
        [report.meetings_per_month[m] for m in months],
        months,
        [BLUE] * len(months),
        lambda key, _caption: open_month(date(int(key[:4]), int(key[5:7]), 1)),
    )
    return view


def retention_chart(report: Report, open_list: Opener) -> ChartView:
    """Share of matches still going 0-12 months after the start; a point opens the matches of the term."""
    chart = _chart("Matches still going (%)")
    series = QLineSeries()
    series.setColor(QColor(BLUE))
    series.setPointsVisible(True)
    points = [(m, v) for m, v in report.retention_curve if v is not None]
    for months, value in points:
        series.append(QPointF(months, value))
    series.clicked.connect(lambda _point: open_list("matches_ran", "matches of this term"))
    chart.addSeries(series)
    x_axis, y_axis = QValueAxis(), QValueAxis()
    x_axis.setRange(0, 12)
    x_axis.setTickCount(7)
    x_axis.setLabelFormat("%d mo")
    y_axis.setRange(0, 100)
    y_axis.setLabelFormat("%d")
    for axis in (x_axis, y_axis):
        _axis_text(axis)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    if not points:
        chart.setTitle("Matches still going: none old enough yet")
    summary = ", ".join(f"{m} months: {v:.0f} %" for m, v in points) or "no match old enough yet"
    view = ChartView(chart, "Retention chart", summary)
    view.segments = [("matches_ran", "matches of this term")]
    return view
