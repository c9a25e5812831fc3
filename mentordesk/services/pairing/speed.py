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
    plan = pairing_rules.timetable(matrix.scores, allowed, k)
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


def export_csv(table: SpeedTimetable, path: Path | str) -> int:
    return write_csv(path, ["Round", "Mentor (table)", "Mentee", "Score"], table.meetings())


def export_pdf(table: SpeedTimetable, path: Path | str, page_size: str = "A4") -> Path:
    """A plain printable grid: one row per round, one column per mentor's table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _register_fonts()
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = font
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    size = landscape(letter if page_size == "Letter" else A4)
    path = Path(path)
    doc = SimpleDocTemplate(
        str(path), pagesize=size, title=f"Speed mentoring timetable: {table.programme_name}"
    )
    header = [Paragraph("<b>Round</b>", cell)] + [
        Paragraph(f"<b>{_esc(n)}</b>", cell) for _, n in table.mentors
    ]
    data = [header]
    for r, meetings in enumerate(table.rounds):
        row = [Paragraph(str(r + 1), cell)]
        for mentor, _ in table.mentors:
            row.append(Paragraph(_esc(meetings[mentor][1]) if mentor in meetings else "—", cell))
        data.append(row)
    width = (size[0] - doc.leftMargin - doc.rightMargin - 40) / max(1, len(table.mentors))
    grid = Table(data, colWidths=[40] + [width] * len(table.mentors), repeatRows=1)
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
        Paragraph(_esc(f"Speed mentoring timetable — {table.programme_name}"), styles["Title"]),
        Paragraph(
            _esc(
                f"{table.round_count} rounds; each mentee meets up to {table.meetings_per_mentee} mentors. "
                "Mentors stay at their table; mentees move."
            ),
            styles["BodyText"],
        ),
        Spacer(1, 8),
        grid,
    ]
    if table.short:
        story += [Spacer(1, 8), Paragraph("Fewer meetings than planned:", styles["Heading4"])]
        story += [Paragraph(_esc(f"{name}: {why}"), styles["BodyText"]) for name, why in table.short]
    with replace_privately(path) as temp:
        doc.filename = str(temp)
        doc.build(story)
    return path


# Helvetica cannot draw Ł, Greek or Cyrillic: DejaVu Sans can; CJK needs a CJK font, chosen per name.
# (The documents area owns the polished paperwork and its fonts; this is the plain timetable.)
FONT_CANDIDATES = {
    "MDSans": [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/Library/Fonts/DejaVuSans.ttf",
        "C:/Windows/Fonts/arial.ttf",
    ],
    "MDCJK": ["/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "C:/Windows/Fonts/msyh.ttc"],
}
_registered: dict[str, bool] = {}


def _register(name: str) -> bool:
    if name not in _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        _registered[name] = False
        for candidate in FONT_CANDIDATES[name]:
            if Path(candidate).is_file():
                try:
                    pdfmetrics.registerFont(TTFont(name, candidate))
                    _registered[name] = True
                    break
                except Exception:  # a damaged or unsupported font file: try the next
                    continue
    return _registered[name]


def _register_fonts() -> str:
    _register("MDCJK")
    return "MDSans" if _register("MDSans") else "Helvetica"


def _is_cjk(ch: str) -> bool:
    return "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uff00" <= ch <= "\uffef"


def _esc(text: str) -> str:
    """Paragraph markup: escaped, with runs of CJK characters in the CJK font (the body font has none)."""
    out: list[str] = []
    run: list[str] = []
    run_cjk = False
    use_cjk = _registered.get("MDCJK", False)

    def flush() -> None:
        if run:
            chunk = "".join(run).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            out.append(f'<font name="MDCJK">{chunk}</font>' if run_cjk and use_cjk else chunk)
            run.clear()

    for ch in text:
        cjk = _is_cjk(ch)
        if cjk != run_cjk:
            flush()
            run_cjk = cjk
        run.append(ch)
    flush()
    return "".join(out)
