"""The renewals due, printed: one row per check, lapsed ones first, for the coordinator's desk.

Fonts (Latin, Greek, Cyrillic, CJK, Arabic and Hebrew names), colours and styles come from the
documents area, like every other PDF the app writes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mentordesk.core.participants import RENEWAL_WINDOW_DAYS
from mentordesk.services import documents
from mentordesk.services.participants.renewals import RenewalRow, renewals
from mentordesk.store.models import Programme


def write_renewals_pdf(
    programme_id: int, target: Path | str, on: date | None = None, within_days: int = RENEWAL_WINDOW_DAYS
) -> tuple[Path, int]:
    """Write the list of renewals due within ``within_days`` (lapsed ones included); returns the file and
    how many rows it lists. The file is private (0600), written whole or not at all."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    on = on or date.today()
    programme = Programme.get_by_id(programme_id)
    rows = renewals(programme_id, on, within_days)
    styles = documents.paper_styles()

    lapsed_style = styles.cell_bold.clone("md-cell-lapsed", textColor=colors.HexColor("#B00020"))

    def cell(text: str, bold: bool = False, lapsed: bool = False):
        return documents.text_paragraph(text, lapsed_style if lapsed else styles.cell_bold if bold else styles.cell)

    header = [cell(t, bold=True) for t in ("Name", "Role", "Check", "Done on", "Renew by", "")]
    widths = [40 * mm, 18 * mm, 36 * mm, 24 * mm, 26 * mm, 30 * mm]
    grid = documents.listing_table([header] + [_cells(row, on, cell) for row in rows], widths)
    lapsed = sum(1 for r in rows if r.due_on < on)
    summary = (
        f"{len(rows)} check(s) to renew within {within_days} days of {on.isoformat()}"
        + (f", {lapsed} already lapsed" if lapsed else "")
        + ". A person whose check lapses is no longer cleared: their matches are flagged until it is renewed."
    )
    story = [
        documents.text_paragraph(f"Screening renewals due — {programme.name}", styles.title),
        documents.text_paragraph(summary, styles.small),
        Spacer(1, 4 * mm),
        grid if rows else documents.text_paragraph("Nothing is due: every check is in date.", styles.body),
    ]
    target = documents.write_listing(target, story, title=f"Screening renewals due: {programme.name}")
    return target, len(rows)


def _cells(row: RenewalRow, on: date, cell) -> list:
    return [
        cell(row.name),
        cell(row.role),
        cell(row.label),
        cell(row.completed_on.isoformat() if row.completed_on else "—"),
        cell(row.due_on.isoformat(), bold=True),
        cell(row.when(on), lapsed=row.due_on < on),
    ]
