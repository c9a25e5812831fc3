"""The report's charts as reportlab.graphics drawings: vector graphics in the PDF, no images.

Labels drawn inside a chart are the app's own words and numbers (months, stage names); anything a
coordinator typed (a closure reason) goes in a table beside the chart, printed through the documents
area's text handling, so every script prints as it should.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from mentordesk.core.reports import PIPELINE_STAGES, Report
from mentordesk.core.vocab import label
from mentordesk.services import documents

# Health and goal colours: calm, distinct in grey print too.
GREEN = colors.HexColor("#3A7D44")
AMBER = colors.HexColor("#D08C1F")
RED = colors.HexColor("#B23A3A")
GREY = colors.HexColor("#8A939C")
BLUE = colors.HexColor("#1F4E79")
LIGHT_BLUE = colors.HexColor("#7FA7CE")

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _style_axes(chart: VerticalBarChart | HorizontalBarChart, size: float = 7.5) -> None:
    documents.ensure_fonts()
    chart.categoryAxis.labels.fontName = documents.REGULAR
    chart.categoryAxis.labels.fontSize = size
    chart.valueAxis.labels.fontName = documents.REGULAR
    chart.valueAxis.labels.fontSize = size
    chart.valueAxis.strokeColor = documents.RULE
    chart.categoryAxis.strokeColor = documents.RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E8EE")
    chart.valueAxis.gridStrokeWidth = 0.4


def _value_max(values: list[float]) -> float:
    top = max(values, default=0)
    return max(4.0, top * 1.15)


def _title(drawing: Drawing, text: str, width: float, height: float) -> None:
    drawing.add(String(0, height - 10, text, fontName=documents.BOLD, fontSize=9, fillColor=documents.INK))


def meetings_chart(report: Report, width: float, height: float = 150) -> Drawing:
    """Bars: meetings held in each month of the period (and of the previous one, in a lighter tint)."""
    months = list(report.meetings_per_month)
    values = [float(report.meetings_per_month[m]) for m in months]
    drawing = Drawing(width, height)
    _title(drawing, "Meetings held per month", width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 22, width - 40, height - 42
    chart.data = [values or [0.0]]
    chart.categoryAxis.categoryNames = [
        f"{MONTHS[int(m[5:7]) - 1]} {m[2:4]}" if len(months) > 6 else f"{MONTHS[int(m[5:7]) - 1]} {m[:4]}"
        for m in months
    ] or [""]
    chart.bars[0].fillColor = BLUE
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _value_max(values)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = documents.REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    _style_axes(chart)
    drawing.add(chart)
    return drawing


def _hbars(
    title: str, names: list[str], values: list[float], fills: list[colors.Color], width: float, height: float
) -> Drawing:
    drawing = Drawing(width, height)
    _title(drawing, title, width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 80, 14, width - 100, height - 32
    chart.data = [values or [0.0]]
    chart.categoryAxis.categoryNames = names or [""]
    chart.categoryAxis.reverseDirection = True  # the first name on top
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _value_max(values)
    chart.bars[0].strokeColor = None
    for index, fill in enumerate(fills):
        chart.bars[(0, index)].fillColor = fill
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = documents.REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    _style_axes(chart)
    drawing.add(chart)
    return drawing


def health_chart(report: Report, width: float, height: float = 110) -> Drawing:
    """Bars: open matches on track, drifting, overdue for a meeting, and paused."""
    f = report.figures
    values = [
        float(f["health_on_track"] or 0),
        float(f["health_drifting"] or 0),
        float(f["health_overdue"] or 0),
    ]
    values.append(float(f["matches_paused"] or 0))
    return _hbars(
        "Match health",
        ["On track", "Drifting", "Overdue", "Paused"],
        values,
        [GREEN, AMBER, RED, GREY],
        width,
        height,
    )


def goals_chart(report: Report, width: float, height: float = 110) -> Drawing:
    """Bars: goals achieved, in progress, not started and dropped."""
    order = (("achieved", GREEN), ("in_progress", BLUE), ("not_started", GREY), ("dropped", RED))
    return _hbars(
        "Goal progress",
        [label(key) for key, _ in order],
        [float(report.goals.get(key, 0)) for key, _ in order],
        [fill for _, fill in order],
        width,
        height,
    )


def closures_chart(report: Report, width: float, height: float = 110) -> Drawing:
    """Bars: closures in the period by reason, numbered; the reasons are listed in the table beside it."""
    reasons = list(report.closures_by_reason.items())
    return _hbars(
        "Closures by reason",
        [f"Reason {i}" for i in range(1, len(reasons) + 1)],
        [float(n) for _, n in reasons],
        [BLUE] * len(reasons),
        width,
        height,
    )


def pipeline_chart(report: Report, width: float, height: float = 130) -> Drawing:
    """Grouped bars: mentors and mentees in each pipeline stage on the report's day."""
    stages = [s.value for s in PIPELINE_STAGES]
    mentors = [float(report.pipeline.get(("mentor", s), 0)) for s in stages]
    mentees = [float(report.pipeline.get(("mentee", s), 0)) for s in stages]
    drawing = Drawing(width, height)
    _title(drawing, "Pipeline: people by status", width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 22, width - 120, height - 42
    chart.data = [mentors, mentees]
    chart.categoryAxis.categoryNames = [label(s) for s in stages]
    chart.bars[0].fillColor = BLUE
    chart.bars[1].fillColor = LIGHT_BLUE
    chart.bars.strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _value_max(mentors + mentees)
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = documents.REGULAR
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 5
    _style_axes(chart)
    drawing.add(chart)
    for row, (name, fill) in enumerate((("Mentors", BLUE), ("Mentees", LIGHT_BLUE))):
        y = height - 34 - row * 14
        drawing.add(Rect(width - 80, y, 8, 8, fillColor=fill, strokeColor=None))
        drawing.add(
            String(width - 68, y + 1, name, fontName=documents.REGULAR, fontSize=8, fillColor=documents.INK)
        )
    return drawing


def retention_chart(report: Report, width: float, height: float = 140) -> Drawing:
    """Line: the share of matches still going 0-12 months after their start (matches old enough only)."""
    points = [(float(m), float(v)) for m, v in report.retention_curve if v is not None]
    drawing = Drawing(width, height)
    _title(drawing, "Matches still going, by months since the start (%)", width, height)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 30, 22, width - 40, height - 42
    plot.data = [points or [(0.0, 0.0)]]
    plot.lines[0].strokeColor = BLUE if points else colors.white
    plot.lines[0].strokeWidth = 1.6
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = 0, 12, 1
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0, 100, 25
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = documents.REGULAR
        axis.labels.fontSize = 7.5
        axis.strokeColor = documents.RULE
    plot.yValueAxis.visibleGrid = True
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#E3E8EE")
    plot.yValueAxis.gridStrokeWidth = 0.4
    drawing.add(plot)
    if not points:
        drawing.add(
            String(
                width / 2,
                height / 2,
                "No match is old enough yet",
                fontName=documents.REGULAR,
                fontSize=9,
                fillColor=documents.MUTED,
                textAnchor="middle",
            )
        )
    return drawing
