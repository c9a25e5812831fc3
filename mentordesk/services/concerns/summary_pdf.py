"""The concern summary for the safeguarding lead's file: one concern, its actions and its outcome, as PDF.

Fonts, escaping, right-to-left shaping and CJK runs come from the documents area
(``documents.text_paragraph``), like every PDF the app writes. The file is written privately (0600)
where the user chooses; printing is audited as a view of the concern.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentordesk.core.concerns import ABOUT_LABELS, AGENCY_LABELS, CATEGORY_LABELS
from mentordesk.services import documents
from mentordesk.services.concerns.register import ConcernDetail, detail

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def write_summary(concern_id: int, target: Path | str, today: date | None = None) -> Path:
    """Write the summary of one concern to ``target`` (privately, whole or not at all); returns the path."""
    concern = detail(concern_id, purpose="printed")
    return documents.write_listing(
        target,
        _story(concern, today or date.today()),
        title=f"Safeguarding concern #{concern.id}",
        footer=f"Concern #{concern.id}",
    )


def _story(c: ConcernDetail, today: date) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    styles = documents.paper_styles()
    body, small, h1, h2, key_style = styles.cell, styles.small, styles.title, styles.h2, styles.cell_bold
    banner = styles.cell_bold.clone("md-banner", textColor=colors.HexColor("#9B1C1C"))

    def para(text: str, style: ParagraphStyle = body) -> Flowable:
        return documents.text_paragraph(text or "—", style)

    def kv(rows: list[tuple[str, str]]) -> Flowable:
        pairs = [[para(k, key_style), para(v)] for k, v in rows]
        return documents.listing_table(pairs, [48 * mm, 126 * mm], header=False)

    d = c.draft
    status = f"Closed on {_day(c.closed_on)}" if c.closed_on else "Open"
    story: list[Any] = [
        para("CONFIDENTIAL · safeguarding record · for the designated safeguarding lead's file", banner),
        Spacer(1, 2 * mm),
        para(f"Safeguarding concern #{c.id}", h1),
        para(f"{c.programme_name} · {status} · printed from MentorDesk on {today.isoformat()}", small),
        Spacer(1, 4 * mm),
        para("The concern", h2),
        kv(
            [
                ("Raised on", _day(d.raised_on)),
                ("Raised by", d.raised_by),
                ("About", ABOUT_LABELS.get(d.about, d.about)),
                ("Who", c.subject_names),
                ("Category", CATEGORY_LABELS.get(d.category, d.category)),
            ]
        ),
        para("What was said or seen (in the reporter's words)", h2),
        para(d.description),
        para("Immediate action", h2),
        para(d.immediate_action),
        para("Referrals", h2),
        kv(
            [
                ("Safeguarding lead", d.dsl_name),
                ("Referred to the lead on", _day(d.dsl_referred_on)),
                ("Referred on to", AGENCY_LABELS.get(d.referral_agency, "") or "Not referred on"),
                ("Contact at the agency", d.referral_name),
                ("Agency reference", d.referral_reference),
                ("Referred on", _day(d.referral_on)),
            ]
        ),
        para("Actions taken", h2),
    ]
    if c.actions:
        rows = [[para(h, key_style) for h in ("Date", "Action", "Details")]]
        for a in c.actions:
            details = a.reason
            if a.kind in ("suspend_match", "suspend_mentor"):
                paused = ", ".join(f"#{m}" for m in a.matches_paused)
                matches = (
                    f"{len(a.matches_paused)} match(es) paused ({paused})" if paused else "no open match"
                )
                if a.meetings == "cancel":
                    meetings = f"{a.meetings_cancelled} planned meeting(s) cancelled"
                else:
                    meetings = "planned meetings held"
                details = f"{details}. {matches}; {meetings}."
            rows.append([para(_day(a.taken_on)), para(a.label), para(details)])
        story.append(documents.listing_table(rows, [24 * mm, 50 * mm, 100 * mm]))
    else:
        story.append(para("None recorded.", small))
    story.append(para("Attachments", h2))
    if c.attachments:
        story.append(
            kv(
                [
                    (a.filename, f"{a.mime}, {max(1, round(a.size / 1024))} KB (kept in MentorDesk)")
                    for a in c.attachments
                ]
            )
        )
    else:
        story.append(para("None.", small))
    story.append(para("Outcome", h2))
    story.append(para(c.outcome if c.closed_on else (c.outcome or "Still open.")))
    if c.keep_until:
        story.append(Spacer(1, 2 * mm))
        story.append(
            para(f"Kept until {c.keep_until.isoformat()} under the register's retention rule.", small)
        )
    return story
