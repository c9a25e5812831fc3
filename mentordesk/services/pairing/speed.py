"""Speed mentoring: build the rotation timetable for a programme, keep it, print it (CSV or a simple PDF).

Each mentor keeps a table; in each round every mentee at a table meets that
table's mentor. The hard rules and scores are the matcher's, so a mentee never
sits with a mentor they may not be paired with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mentordesk.core import pairing as pairing_rules
from mentordesk.core.csv_files import write_csv
from mentordesk.core.private_files import replace_privately
from mentordesk.services.pairing.cohort import load_cohort
from mentordesk.services.pairing.run import PairingError, score_cohort
from mentordesk.services.pairing.settings import SETTINGS_KEY, read_settings
from mentordesk.store.models import Programme

TIMETABLE_KEY = "speed_timetable"
ROUND_COLUMN = 48  # points: "Round" in bold fits on one line


@dataclass(frozen=True)
class SpeedTimetable:
    programme_name: str
    meetings_per_mentee: int
    mentors: list[tuple[int, str]]  # the tables, in order
    rounds: list[dict[int, tuple[int, str, float]]]  # per round: mentor id -> (mentee id, name, score)
    short: list[tuple[str, str]] = field(default_factory=list)  # (mentee name, why fewer meetings)
    made_on: str = ""

    @property
    def round_count(self) -> int:
        return len(self.rounds)

    def meetings(self) -> list[tuple[int, str, str, float]]:
        """(round number from 1, mentor name, mentee name, score)."""
        names = dict(self.mentors)
        return [
            (r + 1, names[mentor], mentee_name, score)
            for r, table in enumerate(self.rounds)
            for mentor, (_mentee, mentee_name, score) in sorted(
                table.items(), key=lambda kv: names[kv[0]].casefold()
            )
        ]


def build_timetable(
    programme_id: int, meetings_per_mentee: int | None = None, start_on: date | None = None
) -> SpeedTimetable:
    """Plan the rotation for everyone waiting and keep it with the programme."""
    programme = Programme.get_by_id(programme_id)
    k = meetings_per_mentee or read_settings(programme).speed_meetings
    if k < 1:
        raise PairingError("Meetings per mentee: enter 1 or more.")
    cohort = load_cohort(programme_id, start_on, keep_drafts=False)
    if not cohort.mentees:
        raise PairingError(
            "Nobody is waiting: mentees must be ready (screened) to join a speed-mentoring event."
        )
    matrix, allowed = score_cohort(cohort)
    plan = pairing_rules.plan_timetable(matrix.scores, allowed, k)
    used = sorted({m for r in plan.rounds for _, m in r})
    mentors = sorted(
        ((cohort.mentors[j].id, cohort.mentors[j].name) for j in used), key=lambda t: t[1].casefold()
    )
    rounds = [
        {
            cohort.mentors[m].id: (
                cohort.mentees[e].id,
                cohort.mentees[e].name,
                round(float(matrix.scores[e, m]), 1),
            )
            for e, m in meetings
        }
        for meetings in plan.rounds
    ]
    short = sorted(
        ((cohort.mentees[e].name, why) for e, why in plan.short.items()), key=lambda t: t[0].casefold()
    )
    table = SpeedTimetable(programme.name, k, mentors, rounds, short, date.today().isoformat())
    _save(programme, table)
    return table


def _save(programme: Programme, table: SpeedTimetable) -> None:
    merged = dict(programme.settings or {})
    pairing = dict(merged.get(SETTINGS_KEY) or {})
    pairing["speed_meetings"] = table.meetings_per_mentee
    merged[SETTINGS_KEY] = pairing
    merged[TIMETABLE_KEY] = {
        "k": table.meetings_per_mentee,
        "mentors": [list(m) for m in table.mentors],
        "rounds": [[[mentor, *cell] for mentor, cell in r.items()] for r in table.rounds],
        "short": [list(s) for s in table.short],
        "made_on": table.made_on,
    }
    programme.settings = merged
    programme.save()


def load_timetable(programme_id: int) -> SpeedTimetable | None:
    """The last timetable built for the programme, or None."""
    programme = Programme.get_by_id(programme_id)
    raw = (programme.settings or {}).get(TIMETABLE_KEY)
    if not isinstance(raw, dict):
        return None
    try:
        mentors = [(int(a), str(b)) for a, b in raw["mentors"]]
        rounds = [
            {int(m): (int(e), str(name), float(score)) for m, e, name, score in r} for r in raw["rounds"]
        ]
        short = [(str(a), str(b)) for a, b in raw.get("short", [])]
        return SpeedTimetable(
            programme.name, int(raw["k"]), mentors, rounds, short, str(raw.get("made_on", ""))
        )
    except (KeyError, TypeError, ValueError):
        return None  # a damaged entry: the coordinator rebuilds it


def export_timetable_csv(table: SpeedTimetable, path: Path | str) -> int:
    return write_csv(path, ["Round", "Mentor (table)", "Mentee", "Score"], table.meetings())


def export_timetable_pdf(table: SpeedTimetable, path: Path | str, page_size: str = "A4") -> Path:
    """A plain printable grid: one row per round, one column per mentor's table.

    Fonts, escaping, right-to-left shaping and CJK runs come from the documents area,
    like every other PDF the app writes.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    from mentordesk.services.documents import BOLD, REGULAR, ensure_fonts, text_paragraph

    ensure_fonts()
    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("speed-body", fontName=REGULAR)
    title = styles["Title"].clone("speed-title", fontName=BOLD)
    heading = styles["Heading4"].clone("speed-heading", fontName=BOLD)
    cell = body.clone("speed-cell", fontSize=8, leading=10)
    cell_bold = cell.clone("speed-cell-bold", fontName=BOLD)
    size = landscape(letter if page_size == "Letter" else A4)
    path = Path(path)
    doc = SimpleDocTemplate(
        str(path), pagesize=size, title=f"Speed mentoring timetable: {table.programme_name}"
    )
    header = [text_paragraph("Round", cell_bold)] + [text_paragraph(n, cell_bold) for _, n in table.mentors]
    data = [header]
    for r, meetings in enumerate(table.rounds):
        row = [text_paragraph(str(r + 1), cell)]
        for mentor, _ in table.mentors:
            row.append(text_paragraph(meetings[mentor][1] if mentor in meetings else "—", cell))
        data.append(row)
    width = (size[0] - doc.leftMargin - doc.rightMargin - ROUND_COLUMN) / max(1, len(table.mentors))
    grid = Table(data, colWidths=[ROUND_COLUMN] + [width] * len(table.mentors), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        text_paragraph(f"Speed mentoring timetable — {table.programme_name}", title),
        text_paragraph(
            f"{table.round_count} rounds; each mentee meets up to {table.meetings_per_mentee} mentors. "
            "Mentors stay at their table; mentees move.",
            body,
        ),
        Spacer(1, 8),
        grid,
    ]
    if table.short:
        story += [Spacer(1, 8), text_paragraph("Fewer meetings than planned:", heading)]
        story += [text_paragraph(f"{name}: {why}", body) for name, why in table.short]
    with replace_privately(path) as temp:
        doc.filename = str(temp)
        doc.build(story)
    return path
