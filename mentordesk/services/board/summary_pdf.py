"""A shadow board's summary as PDF: members, sponsors, sessions with topics and attendance, and the
recommendations with their outcomes.

Fonts (Latin, Greek, Cyrillic, CJK, Arabic and Hebrew names), colours and styles come from the documents
area (``documents.paper_styles``), like every other PDF the app writes. The file is private (0600),
written whole or not at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from mentordesk.core.board import PRESENCE_LABELS
from mentordesk.core.vocab import label
from mentordesk.services import documents
from mentordesk.services.board.overview import BoardOverview, board_overview


def write_board_summary(programme_id: int, target: Path | str, today: date | None = None) -> Path:
    """Write the summary of the board of ``programme_id`` to ``target``; returns the path."""
    overview = board_overview(programme_id)
    story = _story(overview, today or date.today())
    return documents.write_listing(
        target, story, title=f"Shadow board: {overview.programme}", left=overview.programme, confidential=False
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _story(board: BoardOverview, today: date) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    styles = documents.paper_styles()
    width = documents.LISTING_WIDTH

    def p(text: str, style: Any = styles.cell) -> Any:
        return documents.text_paragraph(text or "—", style)

    def table(head: list[str], rows: list[list[Any]], fractions: list[float]) -> Any:
        data = [[p(h, styles.cell_bold) for h in head], *rows]
        return documents.listing_table(data, [width * f for f in fractions])

    names = {m.participant_id: m.name for m in board.members}
    counts = board.outcome_counts()
    span = f"{_day(board.starts_on)} – {_day(board.ends_on)}" if board.starts_on else ""
    summary = (
        f"{len(board.members)} member(s), {len(board.sponsors)} sponsor(s), {len(board.sessions)} session(s), "
        f"{len(board.recommendations)} recommendation(s): {counts['accepted']} accepted, "
        f"{counts['declined']} declined, {counts['in_progress']} in progress, {counts['awaiting']} awaiting a "
        "decision."
    )
    story: list[Any] = [
        p(f"Shadow board: {board.programme}", styles.title),
        p(
            " · ".join(x for x in (span, f"printed from MentorDesk on {today.isoformat()}") if x),
            styles.small,
        ),
    ]
    if board.description:
        story.append(p(board.description, styles.body))
    story += [p(summary, styles.body), Spacer(1, 3 * mm), p("Members", styles.h2)]
    if board.members:
        story.append(
            table(
                ["Name", "Role", "Status", "Sessions attended"],
                [
                    [
                        p(m.name),
                        p(label(m.role)),
                        p(label(m.status)),
                        p(f"{m.present} of {m.marked}" if m.marked else "—"),
                    ]
                    for m in board.members
                ],
                [0.44, 0.16, 0.16, 0.24],
            )
        )
    else:
        story.append(p("Nobody is enrolled in this programme yet.", styles.small))
    story.append(p("Executive sponsors", styles.h2))
    if board.sponsors:
        story.append(
            table(
                ["Name", "Role", "Recommendations to them"],
                [[p(s.name), p(s.role), p(str(s.recommendations))] for s in board.sponsors],
                [0.40, 0.36, 0.24],
            )
        )
    else:
        story.append(p("No sponsor recorded.", styles.small))
    story.append(p("Sessions", styles.h2))
    if board.sessions:
        for s in sorted(board.sessions, key=lambda x: (x.held_on, x.id)):
            heading = f"{_day(s.held_on)} · {s.title}" if s.title else _day(s.held_on)
            if s.place:
                heading += f" · {s.place}"
            part: list[Any] = [p(heading, styles.h3)]
            if s.topics:
                part += [documents.text_paragraph(t, styles.bullet, bulletText="•") for t in s.topics]
            if s.attendance:
                groups = []
                for status, word in PRESENCE_LABELS.items():
                    who = sorted(
                        names.get(pid, "(no longer a member)")
                        for pid, st in s.attendance.items()
                        if st == status
                    )
                    if who:  # each name isolated: two right-to-left names side by side keep their order
                        groups.append(f"{word}: {', '.join(f'{chr(0x2068)}{n}{chr(0x2069)}' for n in who)}")
                part.append(p("; ".join(groups) + ".", styles.small))
            else:
                part.append(p("Attendance not recorded.", styles.small))
            if s.notes:
                part.append(p(s.notes, styles.small))
            story.append(KeepTogether(part))
    else:
        story.append(p("No session recorded yet.", styles.small))
    story.append(p("Recommendations and their outcomes", styles.h2))
    if board.recommendations:
        rows = []
        for r in sorted(board.recommendations, key=lambda x: (x.made_on, x.id)):
            what = r.title + (f"\n{r.detail}" if r.detail else "")
            to = r.sponsor_name or "—"
            outcome = r.outcome_label + (f", {_day(r.decided_on)}" if r.decided_on else "")
            if r.note:
                outcome += f"\n{r.note}"
            rows.append([p(_day(r.made_on)), p(what), p(to), p(outcome)])
        story.append(table(["Made on", "Recommendation", "To", "Outcome"], rows, [0.14, 0.42, 0.18, 0.26]))
    else:
        story.append(p("No recommendation made yet.", styles.small))

    return story
