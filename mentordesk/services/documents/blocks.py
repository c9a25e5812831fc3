"""The generated parts of agreements, letters and forms: [[parties]], [[goals]], [[signatures]]..."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from mentordesk.core.vocab import DocumentKind, label
from mentordesk.services.documents.context import (
    TO_BE_AGREED,
    clock,
    first_meeting,
    first_meeting_day,
    frequency_words,
    length_words,
    long_date,
    meeting_place,
    short_date,
    usual_place,
    weekday_date,
)
from mentordesk.services.documents.fonts import BOLD, REGULAR, para
from mentordesk.services.documents.parts import (
    DocData,
    cell,
    detail,
    grid_table,
    key_values,
    p,
    role_label,
    writing_lines,
)
from mentordesk.services.documents.styles import INK, MUTED


@dataclass(frozen=True)
class Party:
    role: str
    name: str  # empty: a line to write the name on
    detail: str = ""


def parties(data: DocData) -> list[Party]:
    """Who takes part and signs: members, a guardian for each minor, and the coordinator."""
    found: list[Party] = []
    if data.kind == DocumentKind.CERTIFICATE:
        return [Party("Coordinator", data.programme.coordinator, data.head.organisation)]
    people = list(data.match.members) if data.match else []
    if data.kind == DocumentKind.CONSENT_FORM and data.recipient is not None:
        people = [data.recipient]
    focus = data.match.focus_areas if data.match else ()
    for person in people:
        text = detail(person)
        if focus and person.role == "mentor":  # a network mentor: what they are the mentor for
            text = " · ".join(x for x in (f"Focus: {', '.join(focus)}", text) if x)
        found.append(Party(role_label(person.role) if data.match else "Young person", person.name, text))
    for person in people:
        if not person.minor and data.kind != DocumentKind.CONSENT_FORM:  # a consent form is for the guardian
            continue
        guardians = person.guardians or ()
        if guardians:
            g = guardians[0]
            relation = f"{g.relationship} of {person.name}" if g.relationship else f"for {person.name}"
            found.append(Party("Parent or guardian", g.name, relation))
        else:
            found.append(Party("Parent or guardian", "", f"for {person.name}"))
    if data.kind != DocumentKind.CONSENT_FORM:
        found.append(
            Party("Coordinator", data.programme.coordinator, data.head.organisation or data.programme.name)
        )
    return found


def parties_table(data: DocData) -> list[Flowable]:
    st = data.st
    w = data.width
    widths = [w * 0.2, w * 0.35, w * 0.45]
    rows: list[list] = [["Role", "Name", "School, organisation or relationship"]]
    for party in parties(data):
        rows.append(
            [
                cell(party.role, st.cell, widths[0]),
                cell(party.name, st.cell, widths[1], bold=True),
                cell(party.detail, st.cell, widths[2]),
            ]
        )
    table = grid_table(rows, widths)
    table.setStyle(TableStyle([("FONTNAME", (1, 1), (1, -1), BOLD)]))
    return [table, Spacer(1, 3 * mm), *mentor_network(data)]


def mentor_network(data: DocData) -> list[Flowable]:
    """Network programmes: every mentor the mentee has, each with the focus areas they cover."""
    m = data.match
    if m is None or not m.network:
        return []
    st = data.st
    mentee = m.mentees[0].name if m.mentees else "The mentee"
    w = data.width
    widths = [w * 0.4, w * 0.6]
    rows: list[list] = [["Mentor", "Focus areas"]]
    for mentor in m.network:
        areas = ", ".join(mentor.focus_areas) or "General support"
        if mentor.this_match:
            areas += " (this agreement)"
        rows.append(
            [cell(mentor.name, st.cell, widths[0], bold=mentor.this_match), cell(areas, st.cell, widths[1])]
        )
    intro = p(
        f"{mentee} has {len(m.network)} mentor{'s' if len(m.network) != 1 else ''} in this programme, each "
        "for their own focus areas, with their own agreement, meetings and goals:",
        st.body,
    )
    return [KeepTogether([intro, Spacer(1, 1.5 * mm), grid_table(rows, widths)]), Spacer(1, 3 * mm)]


def match_details(data: DocData) -> list[Flowable]:
    m, prog = data.match, data.programme
    assert m is not None
    first_text = long_date(first_meeting_day(m), "to be arranged")
    first = first_meeting(m)
    if first is not None:  # booked: its time and place too
        first_text += f", {clock(first.starts_at)}, {meeting_place(first)}"
    if m.first_meeting_staff:
        first_text += f", with {m.first_meeting_staff}"
    pairs = [
        ("Programme", prog.name),
        ("Start date", long_date(m.started_on)),
        ("Planned end", long_date(m.planned_end_on)),
        ("How often", frequency_words(m.frequency_days)),
        ("How long", length_words(prog.length_minutes)),
        ("Where", usual_place(m)),
        ("First meeting", first_text),
    ]
    return [key_values(pairs, data.width, data.st), Spacer(1, 2 * mm)]


def goals(data: DocData) -> list[Flowable]:
    st = data.st
    m = data.match
    assert m is not None
    if not m.goals:
        return [
            p(
                "No goals are recorded yet. Agree two or three at the first meeting and write them here:",
                st.body,
            ),
            writing_lines(3, data.width),
            Spacer(1, 4 * mm),
        ]
    out: list[Flowable] = []
    for number, goal in enumerate(m.goals, 1):
        lines = []
        if goal.why:
            lines.append(f"Why it matters: {goal.why}")
        if goal.measurable:
            lines.append(f"How we will know: {goal.measurable}")
        facts = []
        if goal.target_date:
            facts.append(f"Target date: {long_date(goal.target_date)}")
        if goal.status and goal.status != "not_started":
            facts.append(f"Status: {label(goal.status).lower()}")
        if facts:
            lines.append(" · ".join(facts))
        body: list[Flowable] = [Paragraph(para(goal.title), st.item_title, bulletText=f"{number}.")]
        if lines:
            body.append(p("\n".join(lines), st.item_detail))
        out.append(KeepTogether(body))
    out.append(Spacer(1, 4 * mm))
    return out


def signatures(data: DocData) -> list[Flowable]:
    """Name, signature line and date line for every party: kept on one page (KeepTogether).

    Each party takes two rows: the line row (name, signature line, date line) and a caption row
    under it (role, "Signature", "Date"), the way paper forms lay it out.
    """
    st = data.st
    w = data.width * (0.75 if data.kind == DocumentKind.CERTIFICATE else 1)  # centred under a certificate
    rows: list[list] = []
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), BOLD, 9.5, 12.5),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
    ]
    for party in parties(data):
        line_row = len(rows)
        name = cell(party.name, st.cell, w * 0.4 - 8, bold=True) if party.name else ""
        caption = party.role if party.name else f"Name of {party.role.lower()}, {party.detail}".rstrip(", ")
        rows.append([name, "", "", ""])
        rows.append([cell(caption, st.caption, w * 0.4 - 8), "Signature", "", "Date"])
        commands += [
            ("TOPPADDING", (0, line_row), (-1, line_row), 13),
            ("LINEBELOW", (1, line_row), (1, line_row), 0.7, MUTED),
            ("LINEBELOW", (3, line_row), (3, line_row), 0.7, MUTED),
            ("FONT", (0, line_row + 1), (-1, line_row + 1), REGULAR, 8.5, 11),
            ("TEXTCOLOR", (0, line_row + 1), (-1, line_row + 1), MUTED),
            ("BOTTOMPADDING", (0, line_row + 1), (-1, line_row + 1), 4),
        ]
        if not party.name:
            commands.append(("LINEBELOW", (0, line_row), (0, line_row), 0.7, MUTED))
    table = Table(rows, colWidths=[w * 0.4, w * 0.36, w * 0.04, w * 0.2])
    table.setStyle(TableStyle(commands))
    heading = "Signature" if data.kind == DocumentKind.CERTIFICATE else "Signatures"
    intro = {
        DocumentKind.AGREEMENT.value: "By signing, we agree to keep to this agreement.",
        DocumentKind.CONSENT_FORM.value: "By signing, I confirm the choices ticked above.",
    }.get(data.kind, "")
    parts: list[Flowable] = [Spacer(1, 18 * mm if data.kind == DocumentKind.CERTIFICATE else 3 * mm)]
    if data.kind != DocumentKind.CERTIFICATE:
        parts.append(p(heading, st.h2))
    if intro:
        parts.append(p(intro, st.body))
    parts.append(table)
    return [KeepTogether(parts)]


def first_meeting_table(data: DocData) -> list[Flowable]:
    m = data.match
    assert m is not None
    first = first_meeting(m)
    pairs = [
        ("Date", weekday_date(first_meeting_day(m), "to be arranged")),
        ("Time", clock(first.starts_at) if first else "to be arranged"),
        ("Place", meeting_place(first) if first else (data.programme.places or TO_BE_AGREED)),
        ("Staff present", m.first_meeting_staff or data.programme.coordinator or TO_BE_AGREED),
    ]
    return [key_values(pairs, data.width, data.st), Spacer(1, 3 * mm)]


def person_details(data: DocData) -> list[Flowable]:
    person = data.recipient
    if person is None and data.match is not None and data.match.mentees:
        person = data.match.mentees[0]
    guardian = person.guardians[0] if person and person.guardians else None
    pairs = [
        ("Name", person.name if person else ""),
        ("Date of birth", short_date(person.date_of_birth) if person else ""),
        (
            "School and year group",
            ", ".join(x for x in (person.organisation, person.department) if x) if person else "",
        ),
        ("Parent or guardian", guardian.name if guardian else ""),
        ("Relationship", guardian.relationship if guardian else ""),
        ("Emergency contact and phone", ""),
        ("Health or access needs we should know about", ""),
    ]
    return [key_values(pairs, data.width, data.st), Spacer(1, 4 * mm)]


# Parts that open with their own heading: the text before them belongs to the section above.
SELF_HEADED = frozenset({"signatures"})


def build(name: str, data: DocData) -> list[Flowable]:
    from mentordesk.services.documents import sheets

    makers = {
        "parties": parties_table,
        "match_details": match_details,
        "goals": goals,
        "signatures": signatures,
        "first_meeting": first_meeting_table,
        "person_details": person_details,
        "meeting_log": sheets.meeting_log,
        "goal_worksheet": sheets.goal_worksheet,
        "reflection": sheets.reflection,
    }
    return makers[name](data)
