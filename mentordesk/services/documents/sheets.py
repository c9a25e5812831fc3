"""Paper-first sheets: the meeting log, the goal worksheet and the reflection sheet."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from mentordesk.core.vocab import label
from mentordesk.services.documents.context import clock, long_date, meeting_place, short_date
from mentordesk.services.documents.facts import GoalFacts
from mentordesk.services.documents.parts import DocData, cell, grid_table, p, writing_lines
from mentordesk.services.documents.styles import ACCENT, ACCENT_TINT, RULE

BLANK_LOG_ROWS = 14
BLANK_GOALS = 2


def meeting_log(data: DocData) -> list[Flowable]:
    st, w, m = data.st, data.width, data.match
    assert m is not None
    out: list[Flowable] = []
    recorded = [x for x in m.meetings if x.status != "planned"]
    if recorded:
        out.append(p("Meetings recorded so far", st.h2))
        widths = [w * f for f in (0.15, 0.09, 0.11, 0.24, 0.13, 0.28)]
        rows: list[list] = [["Date", "Time", "Length", "Where", "Status", "What we did"]]
        for meeting in recorded:
            minutes = meeting.actual_minutes or meeting.duration_minutes
            values = [
                short_date(meeting.starts_at.date()),
                clock(meeting.starts_at),
                f"{minutes} min" if minutes else "",
                meeting_place(meeting),
                label(meeting.status),
                meeting.activity,
            ]
            rows.append([cell(v, st.cell, width) for v, width in zip(values, widths, strict=True)])
        out += [grid_table(rows, widths), Spacer(1, 5 * mm)]
    out.append(p("Meetings to record", st.h2))
    out.append(p("Fill in a row at the end of each meeting; both of you initial it.", st.small))
    out.append(Spacer(1, 2 * mm))
    headers = ("Date", "Time", "Where", "What we did", "Mentor", "Mentee")
    log_rows: list[list] = [list(headers)]
    log_rows += [[""] * len(headers) for _ in range(BLANK_LOG_ROWS)]
    log_widths = [w * f for f in (0.14, 0.14, 0.18, 0.30, 0.12, 0.12)]
    table = grid_table(log_rows, log_widths, row_heights=[None] + [11 * mm] * BLANK_LOG_ROWS)
    table.setStyle(TableStyle([("LINEAFTER", (0, 0), (-2, -1), 0.3, RULE)]))
    out.append(table)
    return out


def _goal_box(title: str, goal: GoalFacts | None, data: DocData) -> Flowable:
    st, w = data.st, data.width
    label_w, value_w = w * 0.32, w * 0.68

    def value(text: str) -> Flowable:
        return p(text, st.cell) if text else Spacer(1, 9 * mm)  # room to write

    target = long_date(goal.target_date, "") if goal else ""
    rows: list[list] = [
        [p(title, st.cell_bold), ""],
        [p("Specific: what exactly will we do?", st.label), value(goal.specific if goal else "")],
        [p("Measurable: how will we know it is done?", st.label), value(goal.measurable if goal else "")],
        [p("Achievable: what help is needed?", st.label), value(goal.achievable if goal else "")],
        [p("Relevant: why does it matter?", st.label), value((goal.relevant or goal.why) if goal else "")],
        [p("Time-bound: by when?", st.label), value(target)],
    ]
    steps = list(goal.milestones) if goal else []
    if steps:
        text = "\n".join(
            f"{'☑' if s.done_on else '☐'} {s.title}" + (f" (by {short_date(s.due_on)})" if s.due_on else "")
            for s in steps
        )
        rows.append([p("Steps", st.label), p(text, st.cell)])
    else:
        rows.append([p("Steps", st.label), Spacer(1, 12 * mm)])
    rows.append([p("Progress notes", st.label), writing_lines(2, value_w - 10, 7 * mm)])
    table = Table(rows, colWidths=[label_w, value_w])
    table.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT_TINT),
                ("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, RULE),
                ("LINEAFTER", (0, 1), (0, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return KeepTogether([table, Spacer(1, 5 * mm)])


def goal_worksheet(data: DocData) -> list[Flowable]:
    m = data.match
    assert m is not None
    out: list[Flowable] = []
    for number, goal in enumerate(m.goals, 1):
        owner = f" ({goal.owner})" if goal.owner else ""
        out.append(_goal_box(f"Goal {number}: {goal.title}{owner}", goal, data))
    for extra in range(BLANK_GOALS if not m.goals else 1):
        out.append(_goal_box(f"Goal {len(m.goals) + extra + 1}: ", None, data))
    return out


PROMPTS = (
    ("What went well?", "Something you did, learned or enjoyed since the last reflection."),
    ("What was difficult?", "Anything that got in the way, big or small."),
    ("What helped?", "People, ideas or habits that made a difference."),
    ("What will we do next?", "One or two steps before the next meeting."),
)


def reflection(data: DocData) -> list[Flowable]:
    st, w, m = data.st, data.width, data.match
    assert m is not None
    out: list[Flowable] = []
    header = Table(
        [[p("Written by", st.label), "", p("Date", st.label), ""]],
        colWidths=[w * 0.15, w * 0.45, w * 0.1, w * 0.3],
    )
    header.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (1, 0), (1, 0), 0.6, RULE),
                ("LINEBELOW", (3, 0), (3, 0), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    out += [header, Spacer(1, 4 * mm)]
    for question, hint in PROMPTS:
        out.append(KeepTogether([p(question, st.h3), p(hint, st.small), writing_lines(4, w)]))
        out.append(Spacer(1, 3 * mm))
    if m.goals:
        lines = [f"☐ {g.title}" for g in m.goals if g.status not in ("achieved", "dropped")] or [
            f"☐ {g.title}" for g in m.goals
        ]
        out.append(KeepTogether([p("Which goals does this relate to?", st.h3), p("\n".join(lines), st.body)]))
    return out
