"""The programme report as a PDF: a sentence, a figures table and a chart per section, the previous
period beside each figure. Counts only; the appendix of matches by initials is printed only on request.

Fonts, styles, escaping and right-to-left/CJK text come from the documents area, like every other PDF.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentordesk.core.private_files import replace_privately
from mentordesk.core.progress import QUIET, Progress
from mentordesk.core.reports import (
    FIGURES,
    Report,
    activity_sentence,
    change_phrase,
    events_sentence,
    goals_sentence,
    health_sentence,
    matches_sentence,
    pipeline_sentence,
    retention_sentence,
)
from mentordesk.core.vocab import ProgrammeKind, label
from mentordesk.services import documents
from mentordesk.services.reports import charts
from mentordesk.services.reports.building import ProgrammeReport, format_value

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

LABELS = {f.key: f.label for f in FIGURES}
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Participants and pipeline",
        (
            "participants_mentors",
            "participants_mentees",
            "mentees_waiting",
            "median_wait_days",
            "checks_expired",
            "checks_expiring",
            "consent_missing",
            "training_hours",
        ),
    ),
    (
        "Matches",
        (
            "matches_active",
            "matches_paused",
            "matches_started",
            "matches_closed",
            "matches_closed_early",
            "network_mentees",
            "network_mentors_per_mentee",
            "median_match_length_days",
            "health_on_track",
            "health_drifting",
            "health_overdue",
        ),
    ),
    (
        "Retention",
        ("retention_planned_end_pct", "retention_3m_pct", "retention_6m_pct", "retention_12m_pct"),
    ),
    (
        "Activity",
        ("meetings_held", "mentoring_hours", "cadence_met_pct", "checkins_held", "checkins_standard_met_pct"),
    ),
    (
        "Events",
        ("events_held", "training_sessions_held", "event_attendances", "event_attendance_pct"),
    ),
    ("Goals", ("goals_achieved", "goals_in_progress", "goals_not_started", "goals_dropped")),
)


def _day(value: date) -> str:
    return f"{value.day} {value.strftime('%B')} {value.year}"


def _span(report: Report) -> str:
    return f"{_day(report.period.start)} – {_day(report.period.end)}"


def write_report_pdf(report: ProgrammeReport, target: Path | str, progress: Progress = QUIET) -> Path:
    """Write the PDF (atomically, readable by the owner only); returns its path."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

    progress(0, 4, "Laying out the figures")
    styles = documents.paper_styles()
    width = A4[0] - 40 * mm
    now, before = report.current, report.previous

    def p(text: str, style: Any = styles.body, bold: bool = False) -> Flowable:
        return documents.text_paragraph(text, style, bold=bold)

    grid = TableStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, documents.RULE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, documents.ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]
    )

    def figures_table(keys: tuple[str, ...]) -> Table:
        head = ["Figure", "This period"] + (["Previous period", "Change"] if before else [])
        rows = [[p(h, styles.cell_bold) for h in head]]
        for key in keys:
            value = now.figures[key]
            row = [p(LABELS[key], styles.cell), p(format_value(value) or "—", styles.cell)]
            if before is not None:
                old = before.figures[key]
                row += [p(format_value(old) or "—", styles.cell), p(change_phrase(value, old), styles.cell)]
            rows.append(row)
        widths = [width * 0.46, width * 0.18] + ([width * 0.18, width * 0.18] if before else [])
        table = Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1)
        table.setStyle(grid)
        return table

    half = width / 2 - 4 * mm

    def side_by_side(left: Flowable, right: Flowable) -> Table:
        table = Table([[left, right]], colWidths=[width / 2, width / 2], hAlign="LEFT")
        table.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        return table

    story: list[Any] = [
        p(f"Programme report: {report.programme}", styles.title),
        p(f"{_span(now)}. Figures as of {_day(now.as_of)}.", styles.small),
    ]
    if before is not None:
        story.append(p(f"Compared with the period before it: {_span(before)}.", styles.small))
    story.append(
        p(
            "Counts only: this report names nobody."
            if not report.appendix
            else "The appendix lists matches by initials; keep this report as confidential as the records.",
            styles.small,
        )
    )
    story.append(Spacer(1, 4 * mm))
    if now.empty:
        story.append(
            p(
                "Nothing was recorded for this programme in this period: nobody took part, and no match, meeting, "
                "check-in or goal falls in these dates. The figures below are all zero.",
                styles.note,
            )
        )
    progress(1, 4, "Drawing the charts")
    board_kind = report.kind == ProgrammeKind.SHADOW_BOARD.value
    members = (now.figures["participants_mentors"] or 0) + (now.figures["participants_mentees"] or 0)
    sentences = {
        "Participants and pipeline": (
            f"{format_value(members)} member(s) of the board took part in the period."
            if board_kind
            else pipeline_sentence(now)
        ),
        "Matches": matches_sentence(now) + " " + health_sentence(now),
        "Retention": retention_sentence(now),
        "Activity": activity_sentence(now),
        "Goals": goals_sentence(now),
        "Events": events_sentence(now),
    }
    visuals: dict[str, list[Flowable]] = {
        "Participants and pipeline": [charts.pipeline_chart(now, width)],
        "Matches": [side_by_side(charts.health_chart(now, half), _closures(now, half, p, styles))],
        "Retention": [charts.retention_chart(now, width)],
        "Activity": [charts.meetings_chart(now, width)],
        "Goals": [charts.goals_chart(now, width)],
        "Events": [],
    }
    network = now.figures.get("network_mentees") is not None  # a network programme's figures only
    if board_kind:
        story.append(
            p(
                "A shadow board is not paired: its sessions and recommendations are counted below in place of "
                "matches, meetings and goals.",
                styles.small,
            )
        )
    for title, keys in SECTIONS:
        if board_kind and title in ("Matches", "Retention", "Activity", "Goals"):
            continue
        if board_kind:  # nobody on a board waits for a match
            keys = tuple(k for k in keys if k not in ("mentees_waiting", "median_wait_days"))
        part = [
            p(title, styles.h2),
            p(sentences[title]),
            Spacer(1, 2 * mm),
            figures_table(tuple(k for k in keys if not (k.startswith("network_") and not network))),
            Spacer(1, 3 * mm),
        ]
        story.append(KeepTogether([*part, *visuals[title]]))
        story.append(Spacer(1, 4 * mm))
    if report.outcomes:
        story.append(KeepTogether(_outcomes(report, width, p, styles, grid)))
        story.append(Spacer(1, 4 * mm))
    if report.board:
        story.append(KeepTogether(_board_section(report, p, styles, figures_table_rows=width)))
    if now.stage_days:
        story.append(p("Median days in each pipeline stage (stays that ended in the period)", styles.h3))
        rows = [[p("Stage", styles.cell_bold), p("Median days", styles.cell_bold)]]
        rows += [
            [p(label(stage), styles.cell), p(f"{days:g}", styles.cell)]
            for stage, days in now.stage_days.items()
        ]
        table = Table(rows, colWidths=[width * 0.46, width * 0.18], hAlign="LEFT")
        table.setStyle(grid)
        story.append(table)
    if report.appendix:
        story.append(p("Appendix: matches of the period, by initials", styles.h2))
        rows = [[p(h, styles.cell_bold) for h in ("Match", "Status", "Started", "Closed")]]
        for row in report.appendix:
            rows.append(
                [
                    p(row.initials, styles.cell),
                    p(label(row.status), styles.cell),
                    p(row.started_on.isoformat() if row.started_on else "—", styles.cell),
                    p(row.closed_on.isoformat() if row.closed_on else "—", styles.cell),
                ]
            )
        table = Table(rows, colWidths=[width * 0.46, width * 0.18, width * 0.18, width * 0.18], repeatRows=1)
        table.setStyle(grid)
        story.append(table)

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(documents.RULE)
        # Isolated: a right-to-left name keeps the dates after it in their place.
        name = f"\u2068{report.programme}\u2069"
        documents.draw_string(canvas, 20 * mm, 10 * mm, f"{name} · {_span(now)}", 7, max_width=120 * mm)
        documents.draw_string(canvas, A4[0] - 20 * mm, 10 * mm, f"Page {doc.page}", 7, anchor="right")
        canvas.restoreState()

    progress(2, 4, "Writing the PDF")
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with replace_privately(target) as temp:
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=f"Programme report: {report.programme}",
            author="MentorDesk",
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
    progress(4, 4, "Done")
    return target


def _board_section(
    report: ProgrammeReport, p: Any, styles: documents.Styles, figures_table_rows: float
) -> list:
    """The shadow board's figures for the period (this period only: boards keep no history of outcomes)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    from mentordesk.core.board import BOARD_FIGURES

    width = figures_table_rows
    b = report.board
    sentence = (
        f"The board met {format_value(b['board_sessions_held'])} time(s) in the period"
        + (
            f", with {format_value(b['board_attendance_pct'])} % attendance"
            if b.get("board_attendance_pct") is not None
            else ""
        )
        + f". It made {format_value(b['board_recommendations_made'])} recommendation(s); "
        f"{format_value(b['board_recommendations_accepted'])} were accepted and "
        f"{format_value(b['board_recommendations_declined'])} declined in the period, and "
        f"{format_value(b['board_recommendations_open'])} await a decision or are in progress."
    )
    rows = [[p("Figure", styles.cell_bold), p("This period", styles.cell_bold)]]
    rows += [
        [p(BOARD_FIGURES[key], styles.cell), p(format_value(value) or "—", styles.cell)]
        for key, value in b.items()
    ]
    table = Table(rows, colWidths=[width * 0.46, width * 0.18], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, documents.RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, documents.ACCENT),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return [p("Shadow board", styles.h2), p(sentence), Spacer(1, 2 * mm), table]


def _closures(report: Report, width: float, p: Any, styles: documents.Styles) -> Flowable:
    """The closures chart with its numbered reasons below it (typed text, so printed as paragraphs)."""
    from reportlab.platypus import Table, TableStyle

    reasons = list(report.closures_by_reason.items())
    if not reasons:
        return p("No match closed in this period.", styles.small)
    rows: list[list[Any]] = [[charts.closures_chart(report, width, height=max(80, 24 + 16 * len(reasons)))]]
    rows += [
        [p(f"Reason {i}: {reason} ({count})", styles.small)] for i, (reason, count) in enumerate(reasons, 1)
    ]
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _signed(value: float | int | None) -> str:
    if value is None:
        return "—"
    text = format_value(value)
    return f"+{text}" if value > 0 else text.replace("-", "−")


def outcome_sentence(outcomes: dict[str, dict[str, float | int | None]]) -> str:
    """How many answered both measures, and on how many scales the mean went up."""
    answered = [f for f in outcomes.values() if f.get("outcome_pairs")]
    if not answered:
        return (
            "Nobody has answered both the before and the after survey yet, so there is no change to show. "
            "The before-and-after surveys are on the Surveys page."
        )
    most = max(int(f["outcome_pairs"] or 0) for f in answered)
    up = sum(1 for f in answered if (f.get("outcome_mean_change") or 0) > 0)
    return (
        f"Up to {most} {'person' if most == 1 else 'people'} answered both the before and the after survey; "
        f"the mean score went up on {up} of {len(answered)} {'scale' if len(answered) == 1 else 'scales'}."
    )


def _outcomes(report: ProgrammeReport, width: float, p: Any, styles: documents.Styles, grid: Any) -> list:
    """The before-and-after measures: the report CSV's ``outcome_*.<scale>`` figures as a table."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table

    from mentordesk.core.surveys import SCALE_LABELS

    head = ["Scale", "Answered both", "Mean change", "Improved"]
    rows = [[p(h, styles.cell_bold) for h in head]]
    for scale, figures in report.outcomes.items():
        pairs = int(figures.get("outcome_pairs") or 0)
        improved = figures.get("outcome_improved_pct")
        rows.append(
            [
                p(SCALE_LABELS.get(scale, scale.replace("_", " ").capitalize()), styles.cell),
                p(str(pairs), styles.cell),
                p(_signed(figures.get("outcome_mean_change")) if pairs else "—", styles.cell),
                p(f"{format_value(improved)} %" if pairs and improved is not None else "—", styles.cell),
            ]
        )
    table = Table(rows, colWidths=[width * 0.46, width * 0.18, width * 0.18, width * 0.18], hAlign="LEFT")
    table.setStyle(grid)
    return [
        p("Before and after", styles.h2),
        p(outcome_sentence(report.outcomes)),
        p(
            "Before: a person's first outcome survey up to the day their match started; after: their latest "
            "one since. Everyone who has answered both so far counts (not only in this period). Mean change: "
            "the scale score after minus before; improved: the share whose score went up.",
            styles.small,
        ),
        Spacer(1, 2 * mm),
        table,
    ]
