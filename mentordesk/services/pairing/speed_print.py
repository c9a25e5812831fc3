"""Name badges and table cards for a speed-mentoring night, as PDFs.

Names are drawn with the documents area's fonts (DejaVu for Latin, Greek and Cyrillic, a CJK font
where one is installed, Arabic and Hebrew ordered and joined) and never clip: a name too wide for
its badge is set smaller, then on two lines, until it fits.
"""

from __future__ import annotations

from pathlib import Path

from mentordesk.core.private_files import replace_privately
from mentordesk.services.pairing.results import PairingError
from mentordesk.services.pairing.speed_night import NO_SHOW, Night, night

MM = 72 / 25.4
BADGE_W, BADGE_H = 85 * MM, 54 * MM  # a credit-card-sized badge, two across and five down on A4
NAME_SIZE, SMALLEST = 26.0, 4.0


def fitted_lines(
    text: str, width: float, size: float = NAME_SIZE, bold: bool = True, *, two_lines: bool = True
) -> tuple[list[str], float]:
    """The lines and font size that set ``text`` within ``width``: one line as large as ``size``
    allows; if that needs under three quarters of the size, two lines split at the space nearest the middle."""
    from mentordesk.services.documents import text_width

    def size_for(lines: list[str]) -> float:
        widest = max(text_width(line, 10.0, bold) for line in lines) or 1.0
        return min(size, 10.0 * width / widest)

    one = [text]
    best = (one, size_for(one))
    # Break at a space (dropped) or after a hyphen (kept), wherever the larger line is smallest.
    breaks = [(i, i + 1) for i, ch in enumerate(text) if ch == " "]
    breaks += [(i + 1, i + 1) for i, ch in enumerate(text[:-1]) if ch == "-"]
    if two_lines and best[1] < size * 0.75 and breaks:
        splits = [[text[:end].strip(), text[start:].strip()] for end, start in breaks]
        two = max((pair for pair in splits if all(pair)), key=size_for, default=None)
        if two is not None and size_for(two) * 0.92 > best[1]:
            best = (two, size_for(two) * 0.92)  # a little under, for the line spacing
    lines, chosen = best
    # Measured at 10 pt and scaled: rounding could still overshoot by a hair.
    while chosen > SMALLEST and max(text_width(line, chosen, bold) for line in lines) > width:
        chosen -= 0.25
    return lines, max(chosen, SMALLEST)


def _heading(current: Night, programme: str) -> str:
    event = current.event
    return f"{event.title or programme} · {event.held_on.isoformat()}"


def badges_pdf(
    event_id: int, path: Path | str, programme_name: str = "", *, include_no_shows: bool = True
) -> int:
    """One badge per person invited (mentors with their table); returns how many badges."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from mentordesk.services.documents import ACCENT, MUTED, draw_string, ensure_fonts

    ensure_fonts()
    current = night(event_id)
    seats = [s for s in current.seats if include_no_shows or s.attendance != NO_SHOW]
    if not seats:
        raise PairingError("Nobody is invited yet: invite the programme's people first.")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    page_w, page_h = A4
    columns, rows = 2, 5
    left = (page_w - columns * BADGE_W) / 2
    top = page_h - (page_h - rows * BADGE_H) / 2
    heading = _heading(current, programme_name)
    with replace_privately(path) as temp:
        canvas = Canvas(str(temp), pagesize=A4)
        canvas.setTitle(f"Name badges: {heading}")
        for index, seat in enumerate(seats):
            slot = index % (columns * rows)
            if index and slot == 0:
                canvas.showPage()
            x = left + (slot % columns) * BADGE_W
            y = top - (slot // columns + 1) * BADGE_H
            canvas.setStrokeColor(MUTED)
            canvas.setLineWidth(0.5)
            canvas.setDash(2, 3)  # cut lines
            canvas.rect(x, y, BADGE_W, BADGE_H)
            canvas.setDash()
            canvas.setFillColor(ACCENT)
            canvas.rect(x, y + BADGE_H - 12 * MM, BADGE_W, 12 * MM, stroke=0, fill=1)
            canvas.setFillColor("white")
            draw_string(canvas, x + 4 * MM, y + BADGE_H - 7.5 * MM, heading, 9, max_width=BADGE_W - 8 * MM)
            canvas.setFillColor("black")
            inner = BADGE_W - 8 * MM
            lines, size = fitted_lines(seat.name, inner)
            middle = y + BADGE_H / 2 - 2 * MM
            line_gap = size * 1.15
            first = middle + (len(lines) - 1) * line_gap / 2 - size / 3
            for n, line in enumerate(lines):
                draw_string(
                    canvas, x + BADGE_W / 2, first - n * line_gap, line, size, bold=True, anchor="centre"
                )
            role = "Mentor" if seat.role == "mentor" else "Mentee"
            if seat.table_no:
                role += f" · Table {seat.table_no}"
            canvas.setFillColor(MUTED)
            draw_string(canvas, x + BADGE_W / 2, y + 5 * MM, role, 11, anchor="centre")
            canvas.setFillColor("black")
        canvas.save()
    return len(seats)


def table_cards_pdf(event_id: int, path: Path | str, programme_name: str = "") -> int:
    """One card per mentor's table, half an A4 page each: the table number, the mentor's name and who
    comes in each round (with its time when the start time is known). Returns how many cards."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from mentordesk.services.documents import ACCENT, MUTED, RULE, draw_string, ensure_fonts

    ensure_fonts()
    current = night(event_id)
    mentors = [s for s in current.seats if s.role == "mentor" and s.table_no and s.attendance != NO_SHOW]
    if not mentors:
        raise PairingError("No table has a mentor yet: invite the programme's people first.")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    page_w, page_h = A4
    card_h = page_h / 2
    margin = 18 * MM
    width = page_w - 2 * margin
    times = current.round_times()
    heading = _heading(current, programme_name)
    with replace_privately(path) as temp:
        canvas = Canvas(str(temp), pagesize=A4)
        canvas.setTitle(f"Table cards: {heading}")
        for index, seat in enumerate(mentors):
            if index and index % 2 == 0:
                canvas.showPage()
            bottom = page_h - (index % 2 + 1) * card_h
            top = bottom + card_h - margin
            if index % 2 == 0:
                canvas.setStrokeColor(MUTED)
                canvas.setDash(2, 3)
                canvas.line(margin / 2, page_h / 2, page_w - margin / 2, page_h / 2)
                canvas.setDash()
            canvas.setFillColor(MUTED)
            draw_string(canvas, margin, top, heading, 10, max_width=width)
            canvas.setFillColor(ACCENT)
            draw_string(canvas, margin, top - 44, f"Table {seat.table_no}", 40, bold=True)
            canvas.setFillColor("black")
            lines, size = fitted_lines(seat.name, width, 24)
            y = top - 44 - 16 - size
            for line in lines:
                draw_string(canvas, margin, y, line, size, bold=True)
                y -= size * 1.15
            y -= 8
            canvas.setStrokeColor(RULE)
            rounds = {m.round_no: m.mentee for m in current.meetings if m.mentor_id == seat.participant_id}
            step = min(18.0, (y - bottom - margin / 2) / max(1, current.event.rounds))
            for number in range(1, current.event.rounds + 1):
                label = f"Round {number}" + (f"  {times[number - 1]}" if times[number - 1] else "")
                draw_string(canvas, margin, y, label, min(11, step * 0.7), bold=True)
                who = rounds.get(number, "—  (a break)")
                _one, name_size = fitted_lines(
                    who, width - 42 * MM, min(11, step * 0.7), False, two_lines=False
                )
                draw_string(canvas, margin + 42 * MM, y, who, name_size)
                canvas.line(margin, y - 5, margin + width, y - 5)
                y -= step
        canvas.save()
    return len(mentors)
